//! Excel workbooks (.xlsx) through calamine.
//!
//! A column whose non-empty cells are all number cells becomes a float column (each value
//! then read through its shortest round-trip text: a cell showing 11.8 is 11.8). Any other
//! column is text: text cells as written, number cells as their shortest round-trip text,
//! marked so that they read as plain numbers whatever the number format, booleans as
//! `true`/`false`, error cells (`#N/A`) as their text. Date cells are refused with the row.

use std::io::{Read, Seek};
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array};
use calamine::{Data, Reader, Xlsx};

use super::{RawTable, ReadError, ReadOptions, decoded, text_table, too_many_rows};

/// Reads one sheet of a workbook into raw columns; a workbook the decoder fails on is a
/// [`ReadError::Format`] (see [`decoded`]).
pub(crate) fn read<R: Read + Seek>(
    source: R,
    path: &str,
    options: &ReadOptions,
) -> Result<RawTable, ReadError> {
    decoded(path, "XLSX", || read_decoded(source, path, options))
}

fn read_decoded<R: Read + Seek>(source: R, path: &str, options: &ReadOptions) -> Result<RawTable, ReadError> {
    let format = |reason: String| ReadError::Format { path: path.to_string(), reason };
    let mut book: Xlsx<R> = Xlsx::new(source).map_err(|e| format(format!("not an .xlsx workbook ({e})")))?;
    let names = book.sheet_names();
    let sheet = match &options.sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            ReadError::Options(format!("the workbook has no sheet `{s}`; its sheets: {}", names.join(", ")))
        })?,
        None => names.first().cloned().ok_or_else(|| format("the workbook has no sheet".into()))?,
    };
    let range = book.worksheet_range(&sheet).map_err(|e| format(format!("sheet `{sheet}`: {e}")))?;
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(format(format!("sheet `{sheet}` is empty")));
    };
    let headers: Vec<String> =
        header.iter().map(|c| cell_text(c).unwrap_or_default().trim().to_string()).collect();
    let width = headers.len();
    let mut text_rows = Vec::new();
    let mut numbers: Vec<Vec<Option<f64>>> = vec![Vec::new(); width];
    let mut all_numeric = vec![true; width];
    let mut plain: Vec<Vec<bool>> = vec![Vec::new(); width];
    for (i, row) in rows.enumerate() {
        if i >= options.max_rows {
            return Err(too_many_rows(path, options.max_rows));
        }
        if row.iter().all(|c| cell_text(c).is_none_or(|t| t.trim().is_empty())) {
            continue;
        }
        let mut cells = Vec::with_capacity(width);
        for (c, cell) in row.iter().enumerate().take(width) {
            if let Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) = cell {
                return Err(format(format!(
                    "sheet `{sheet}`, row {} (sheet row {}), column `{}` holds a date; no column of kinerja is a \
                     date (periods are written `2024`, `2024-Q1`, `Triwulan I 2024`): format the cell as text",
                    i + 1,
                    i + 2,
                    headers[c]
                )));
            }
            let number = match cell {
                Data::Float(f) => Some(*f),
                Data::Int(n) => Some(*n as f64),
                _ => None,
            };
            let text = cell_text(cell).filter(|t| !t.trim().is_empty());
            if number.is_none() && text.is_some() {
                all_numeric[c] = false;
            }
            numbers[c].push(number);
            plain[c].push(number.is_some());
            cells.push(text);
        }
        cells.resize(width, None);
        text_rows.push((i as u64 + 1, cells));
    }
    let mut raw = text_table(headers, text_rows, Some(plain));
    for (c, numeric) in all_numeric.into_iter().enumerate() {
        if numeric {
            raw.columns[c] = Arc::new(Float64Array::from(std::mem::take(&mut numbers[c]))) as ArrayRef;
            raw.plain[c] = None;
        }
    }
    Ok(raw)
}

/// A cell as text: numbers by their shortest round-trip text, `None` for an empty cell.
fn cell_text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Float(f) => Some(format!("{f}")),
        Data::Int(n) => Some(n.to_string()),
        Data::Bool(b) => Some(b.to_string()),
        Data::Error(e) => Some(format!("{e}")),
        Data::DateTime(d) => Some(format!("{}", d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
    }
}
