//! PDF rendering of kinerja documents.
#![deny(missing_docs)]
