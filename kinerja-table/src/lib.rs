//! # kinerja-table
//!
//! The one way in and out for tables: everything between a file (CSV, XLSX, Parquet) or an
//! Arrow table and the batch kernels of [`kinerja_core`]. Every surface (the Python package,
//! the command line, the HTTP server) goes through this crate, so a file is read the same way
//! everywhere.
//!
//! Data flows one way:
//!
//! ```text
//! file / Arrow ──read──> raw columns ──columns──> canonical names ──numbers/words──> typed,
//! exact columns ──keys──> matched employee / unit rows ──score──> core kernels ──> result
//! tables ──write──> CSV / Parquet / XLSX / Arrow
//! ```
//!
//! Problems found on the way are [`problem::Problem`]s: located (table, row, employee,
//! indicator, column, value) and collected as rows in `collect` mode.
#![deny(missing_docs)]

mod canonical;
mod cells;
pub mod columns;
pub mod direct;
mod ids;
pub mod keys;
mod locate;
pub mod numbers;
pub mod plans;
pub mod problem;
pub mod read;
pub mod report;
pub mod run;
pub mod schema;
pub mod score;
pub mod words;
pub mod write;
