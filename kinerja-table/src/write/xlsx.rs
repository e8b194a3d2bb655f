//! XLSX output: one sheet per table, bold frozen header, numbers as numeric cells, predicate
//! and rating words as labels in the chosen language.

use std::io::Write;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, UInt64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{OrgPredicate, Predicate, Rating};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{WriteError, atomic_write};
use crate::cells::{Text, cell_text, decimal_text_at};
use crate::score::Scored;

/// Rows a sheet holds below its header.
const MAX_ROWS: usize = 1_048_575;
/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// One sheet: a name and its table.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    /// Sheet name (at most 31 characters).
    pub name: &'a str,
    /// The table.
    pub batch: &'a RecordBatch,
}

fn label_of<T: Labelled>(v: &str, lang: Lang) -> Option<&'static str> {
    T::ALL.iter().find(|x| x.value() == v).map(|x| x.label(lang))
}

/// The label of a canonical word in a known column, in `lang`.
fn label(column: &str, v: &str, lang: Lang) -> Option<&'static str> {
    match column {
        "predicate" => label_of::<Predicate>(v, lang),
        "advised_rating" | "work_result" | "behaviour" => label_of::<Rating>(v, lang),
        "org_predicate" => label_of::<OrgPredicate>(v, lang),
        _ => None,
    }
}

fn sheet(ws: &mut Worksheet, s: &Sheet, lang: Lang) -> Result<(), XlsxError> {
    ws.set_name(s.name)?;
    let bold = Format::new().set_bold();
    let schema = s.batch.schema();
    let mut widths: Vec<usize> = schema.fields().iter().map(|f| f.name().chars().count()).collect();
    for (j, f) in schema.fields().iter().enumerate() {
        ws.write_string_with_format(0, j as u16, f.name(), &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (j, a) in s.batch.columns().iter().enumerate() {
        let name = schema.field(j).name().as_str();
        let w = column(ws, j as u16, name, a, lang)?;
        if let Some(x) = widths.get_mut(j) {
            *x = (*x).max(w);
        }
    }
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, ((*w).min(MAX_WIDTH) + 2) as f64)?;
    }
    Ok(())
}

/// Writes one column below the header; returns its widest cell in characters.
fn column(ws: &mut Worksheet, col: u16, name: &str, a: &ArrayRef, lang: Lang) -> Result<usize, XlsxError> {
    let mut width = 0usize;
    let text = Text::of(a);
    let number = match a.data_type() {
        DataType::Decimal128(_, scale) => {
            // a negative scale shows no decimals
            let s = u32::try_from(*scale).unwrap_or(0);
            let fmt = if s == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(s as usize)) };
            Some((Format::new().set_num_format(fmt), *scale))
        }
        _ => None,
    };
    for i in 0..a.len() {
        let row = i as u32 + 1;
        if a.is_null(i) {
            continue;
        }
        if let Some(t) = &text {
            let v = t.get(i).unwrap_or("");
            let shown = label(name, v, lang).unwrap_or(v);
            width = width.max(shown.chars().count());
            ws.write_string(row, col, shown)?;
            continue;
        }
        match (a.data_type(), &number) {
            (DataType::Decimal128(..), Some((fmt, s))) => {
                let t = decimal_text_at(a.as_primitive::<Decimal128Type>().value(i), *s);
                width = width.max(t.len());
                ws.write_number_with_format(row, col, t.parse::<f64>().unwrap_or(f64::NAN), fmt)?;
            }
            (DataType::Boolean, _) => {
                width = width.max(5);
                ws.write_boolean(row, col, a.as_boolean().value(i))?;
            }
            (DataType::UInt64, _) => {
                let v = a.as_primitive::<UInt64Type>().value(i);
                width = width.max(v.to_string().len());
                ws.write_number(row, col, v as f64)?;
            }
            _ => {
                let t = cell_text(a, i).unwrap_or_default();
                width = width.max(t.chars().count());
                ws.write_string(row, col, &t)?;
            }
        }
    }
    Ok(width)
}

/// The XLSX workbook of `sheets`, in memory (see [`write_xlsx`]); errors name `path`.
fn workbook(sheets: &[Sheet], path: &Path, lang: Lang) -> Result<Vec<u8>, WriteError> {
    let err = |e: XlsxError| WriteError::format(path, "xlsx", e);
    if let Some(s) = sheets.iter().find(|s| s.batch.num_rows() > MAX_ROWS) {
        return Err(WriteError::format(
            path,
            "xlsx",
            format!(
                "sheet `{}` has {} rows but a sheet holds at most {MAX_ROWS}; write CSV or Parquet instead",
                s.name,
                s.batch.num_rows()
            ),
        ));
    }
    let mut wb = Workbook::new();
    for s in sheets {
        sheet(wb.add_worksheet(), s, lang).map_err(err)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// Writes `sheets` to an XLSX workbook at `path`, atomically. Decimal columns become numeric
/// cells shown with their own decimal places (two for scores); `predicate`, `advised_rating`,
/// `work_result`, `behaviour` and `org_predicate` are written as labels in `lang`.
pub fn write_xlsx(sheets: &[Sheet], path: &Path, lang: Lang) -> Result<(), WriteError> {
    let bytes = workbook(sheets, path, lang)?;
    atomic_write(path, |w| w.write_all(&bytes).map_err(|e| WriteError::io(path, e)))
}

/// The sheets of a [`crate::score::score`] result: `employees`, `indicators` (when built),
/// `units` and `problems`.
pub fn scored_sheets(scored: &Scored) -> Vec<Sheet<'_>> {
    let mut sheets = vec![Sheet { name: "employees", batch: &scored.employees }];
    if let Some(i) = &scored.indicators {
        sheets.push(Sheet { name: "indicators", batch: i });
    }
    sheets.push(Sheet { name: "units", batch: &scored.units });
    sheets.push(Sheet { name: "problems", batch: &scored.problems });
    sheets
}

/// Writes the result of [`crate::score::score`] as a workbook: sheets `employees`,
/// `indicators` (when built), `units` and `problems`.
pub fn write_scored_xlsx(scored: &Scored, path: &Path, lang: Lang) -> Result<(), WriteError> {
    write_xlsx(&scored_sheets(scored), path, lang)
}

/// The workbook of [`write_scored_xlsx`] as bytes, for a server's response (errors name the
/// path `<memory>`).
pub fn scored_xlsx_bytes(scored: &Scored, lang: Lang) -> Result<Vec<u8>, WriteError> {
    workbook(&scored_sheets(scored), Path::new("<memory>"), lang)
}
