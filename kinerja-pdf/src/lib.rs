//! PDF rendering of kinerja documents.
//!
//! [`render`] lays out [`Document`]s on A4 pages the way the HTML renderer of `kinerja-core`
//! shows them (same structure and colours): the title, sections with their fields, tables,
//! paragraphs, lists, bar charts and signature lines, and on every page a footer with the
//! document's footer text and "Halaman N dari M" / "Page N of M". Text is set in DejaVu Sans
//! Condensed (embedded, subset), wrapped at spaces; tables break between rows and repeat their
//! header row. Everything runs offline and no input makes it panic.
//!
//! ```
//! use kinerja_core::prelude::*;
//! use kinerja_core::document::{employee_document, EmployeeDocument};
//!
//! let year: Period = "2024".parse()?;
//! let plan = Plan::new(Employee::new("198701012010011001", "Ani Lestari", "dinkes", PostType::Executor), 2024)
//!     .with_result(PlannedResult::new("rhk-1", "Meningkatnya pelayanan pasien")
//!         .with_indicator(Indicator::new("iki-1", "Pasien yang dilayani", dec!(1200).into())))
//!     .with_realisation(Realisation::new("iki-1", year, dec!(1140)))
//!     .with_assessment(Assessment::new(year).with_work_result(Rating::Meets)
//!         .with_behaviour(Behaviour::overall(Rating::Above)));
//! let rules = Ruleset::builtin("permenpanrb-6-2022")?;
//! let ev = evaluate(&plan, year, &rules)?;
//! let doc = employee_document(&EmployeeDocument::new(&ev).with_plan(&plan), &rules.policy, Lang::Id)?;
//!
//! let pdf = kinerja_pdf::render(&[doc]).expect("rendered");
//! assert!(pdf.starts_with(b"%PDF-"));
//! assert!(matches!(kinerja_pdf::render(&[]), Err(kinerja_pdf::PdfError::NoDocument)));
//! # Ok::<(), kinerja_core::Error>(())
//! ```
#![deny(missing_docs)]

mod font;
mod layout;
mod paint;
mod style;
mod wrap;

use std::io::Write;
use std::path::{Path, PathBuf};

use kinerja_core::document::Document;
use kinerja_core::explain::Lang;
use krilla::metadata::Metadata;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The list of documents was empty.
    #[error("no document to render")]
    NoDocument,
    /// The PDF library failed (e.g. embedding a font).
    #[error("PDF generation failed: {0}")]
    Krilla(String),
    /// The file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// One PDF of `docs` (A4 portrait), each document starting on a new page.
///
/// The metadata take the title and language of the first document; the creator is "kinerja".
pub fn render(docs: &[Document]) -> Result<Vec<u8>, PdfError> {
    let first = docs.first().ok_or(PdfError::NoDocument)?;
    let fonts = font::Fonts::load()?;
    let pages = layout::layout(&fonts, docs);
    paint::paint(&fonts, &pages, metadata(first))
}

fn metadata(doc: &Document) -> Metadata {
    let lang = match doc.lang {
        Lang::Id => "id",
        Lang::En => "en",
    };
    Metadata::new().title(doc.title.clone()).language(lang.into()).creator("kinerja".into())
}

/// Renders `docs` to the file at `path`, replacing it atomically: the PDF is written to a
/// temporary file in the same directory, then renamed over `path`, so readers see either the
/// old file or the whole new one, and a failure leaves no partial file.
pub fn render_to_file(docs: &[Document], path: &Path) -> Result<(), PdfError> {
    let bytes = render(docs)?;
    let io = |source| PdfError::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp =
        tempfile::Builder::new().prefix(".kinerja-pdf-").suffix(".tmp").tempfile_in(dir).map_err(io)?;
    tmp.write_all(&bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    set_permissions(tmp.as_file(), path).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Gives the new file the permissions of the file it replaces, or `rw-r--r--` (temporary
/// files are created private).
fn set_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    let perms = match std::fs::metadata(target) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(file)?,
    };
    file.set_permissions(perms)
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}
