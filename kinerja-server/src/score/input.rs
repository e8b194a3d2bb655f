//! The body of `POST /v1/score`: its format by `Content-Type`, and the Arrow IPC stream and
//! the JSON rows decoded into Arrow batches (files are read by the table layer itself).

use arrow_array::RecordBatch;
use axum::body::Bytes;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::read::{FileFormat, ReadError};
use kinerja_table::run::{Inputs, Source};

use super::rows::JsonTables;
use crate::problem::{Kind, Problem};

/// CSV (also sent as `text/plain`).
pub const CSV: &str = "text/csv";
/// An Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// Apache Parquet (also `application/x-parquet`).
pub const PARQUET: &str = "application/vnd.apache.parquet";
/// An Arrow IPC stream.
pub const ARROW: &str = "application/vnd.apache.arrow.stream";
/// JSON rows.
pub const JSON: &str = "application/json";

/// How the body is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    /// A file the table layer reads.
    File(FileFormat),
    /// An Arrow IPC stream: one table of indicator rows.
    Arrow,
    /// JSON rows: `{"indicators": [...], "employees"?: [...], "units"?: [...]}`.
    Json,
}

/// The media type of `content_type` and its `charset` parameter (lower case), or 415.
pub fn media(content_type: &str) -> Result<(Media, Option<String>), Problem> {
    let mut parts = content_type.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_ascii_lowercase());
    let media = match essence.as_str() {
        CSV | "text/plain" | "text/tab-separated-values" => Media::File(FileFormat::Csv),
        XLSX => Media::File(FileFormat::Xlsx),
        PARQUET | "application/x-parquet" => Media::File(FileFormat::Parquet),
        ARROW => Media::Arrow,
        JSON => Media::Json,
        _ => {
            let shown = if essence.is_empty() { "none".to_string() } else { format!("`{essence}`") };
            return Err(Problem::new(
                Kind::UnsupportedMediaType,
                format!(
                    "content type {shown} is not a table format read here; send the file with \
                     `Content-Type: {CSV}`, `{XLSX}`, `{PARQUET}` or `{ARROW}`, or JSON rows as `{JSON}`"
                ),
            ));
        }
    };
    Ok((media, charset))
}

/// The tables of one request, owned by the worker that scores them.
#[derive(Debug)]
pub enum Tables {
    /// File contents the table layer reads.
    File(Bytes, FileFormat),
    /// Decoded batches.
    Batches {
        /// Indicator rows.
        indicators: RecordBatch,
        /// Employee rows, if sent.
        employees: Option<RecordBatch>,
        /// Unit rows, if sent.
        units: Option<RecordBatch>,
    },
}

impl Tables {
    /// Decodes `body` of `media` (Arrow and JSON here; files later, by the table layer); a
    /// JSON number in a number column is written for `format`, the notation of text cells.
    pub fn decode(
        media: Media,
        body: Bytes,
        max_depth: usize,
        format: NumberFormat,
    ) -> Result<Tables, Problem> {
        Ok(match media {
            Media::File(format) => Tables::File(body, format),
            Media::Arrow => {
                Tables::Batches { indicators: arrow_stream(&body)?, employees: None, units: None }
            }
            Media::Json => {
                let parsed: JsonTables = crate::body::parse(&body, max_depth)?;
                let t = parsed.into_batches(&body, format)?;
                Tables::Batches { indicators: t.indicators, employees: t.employees, units: t.units }
            }
        })
    }

    /// The inputs of the table layer's run.
    pub fn inputs(&self) -> Inputs<'_> {
        match self {
            Tables::File(b, format) => Inputs::new(Source::Bytes(b, *format)),
            Tables::Batches { indicators, employees, units } => Inputs {
                indicators: Source::Batch(indicators),
                employees: employees.as_ref().map(Source::Batch),
                units: units.as_ref().map(Source::Batch),
            },
        }
    }
}

/// A 400 problem for a body that is not a readable file of its format.
pub fn unreadable(format: &str, reason: impl std::fmt::Display) -> Problem {
    Problem::new(Kind::UnreadableFile, format!("the body is not a readable {format}: {reason}"))
}

/// An Arrow IPC stream as one batch, read by the table layer
/// ([`kinerja_table::read::arrow_stream`]); 400 when it is not one.
pub fn arrow_stream(body: &[u8]) -> Result<RecordBatch, Problem> {
    kinerja_table::read::arrow_stream(body, "<body>").map_err(|e| match e {
        ReadError::Format { reason, .. } => unreadable("Arrow IPC stream", reason),
        other => unreadable("Arrow IPC stream", other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_and_charset() {
        assert_eq!(media("text/csv").unwrap(), (Media::File(FileFormat::Csv), None));
        assert_eq!(
            media("Text/CSV; charset=\"Windows-1252\"").unwrap(),
            (Media::File(FileFormat::Csv), Some("windows-1252".into()))
        );
        assert_eq!(media("application/x-parquet").unwrap().0, Media::File(FileFormat::Parquet));
        assert_eq!(media(ARROW).unwrap().0, Media::Arrow);
        assert_eq!(media("application/json; charset=utf-8").unwrap().0, Media::Json);
        assert_eq!(media("application/octet-stream").unwrap_err().status, 415);
        assert_eq!(media("").unwrap_err().status, 415);
    }

    #[test]
    fn garbage_is_not_an_arrow_stream() {
        let p = arrow_stream(b"not arrow").unwrap_err();
        assert_eq!((p.status, p.kind.as_str()), (400, "urn:kinerja:problem:unreadable-file"));
    }
}
