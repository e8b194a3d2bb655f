//! CSV output: `,` unless asked otherwise, exact decimals as text, RFC 4180 quoting.

use std::io::Write;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;

use super::{WriteError, atomic_write};
use crate::cells::{Text, cell_text, decimal_text};

/// CSV options.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    /// Field separator (default `,`).
    pub delimiter: u8,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { delimiter: b',' }
    }
}

fn field(out: &mut impl Write, s: &str, delimiter: u8) -> std::io::Result<()> {
    let needs = s.bytes().any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r');
    if !needs {
        return out.write_all(s.as_bytes());
    }
    out.write_all(b"\"")?;
    for (i, part) in s.split('"').enumerate() {
        if i > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part.as_bytes())?;
    }
    out.write_all(b"\"")
}

fn cell(out: &mut impl Write, a: &ArrayRef, i: usize, delimiter: u8) -> std::io::Result<()> {
    if a.is_null(i) {
        return Ok(());
    }
    if let Some(t) = Text::of(a) {
        return field(out, t.get(i).unwrap_or(""), delimiter);
    }
    match a.data_type() {
        DataType::Boolean => out.write_all(if a.as_boolean().value(i) { b"true" } else { b"false" }),
        DataType::Decimal128(_, s) => {
            let m = a.as_primitive::<Decimal128Type>().value(i);
            out.write_all(decimal_text(m, u32::try_from(*s).unwrap_or(0)).as_bytes())
        }
        _ => field(out, &cell_text(a, i).unwrap_or_default(), delimiter),
    }
}

/// Writes `batch` as CSV to `out` (header row first).
pub fn write_csv_to(batch: &RecordBatch, out: &mut impl Write, options: &CsvOptions) -> std::io::Result<()> {
    let d = options.delimiter;
    for (j, f) in batch.schema().fields().iter().enumerate() {
        if j > 0 {
            out.write_all(&[d])?;
        }
        field(out, f.name(), d)?;
    }
    out.write_all(b"\n")?;
    let cols = batch.columns();
    for i in 0..batch.num_rows() {
        for (j, a) in cols.iter().enumerate() {
            if j > 0 {
                out.write_all(&[d])?;
            }
            cell(out, a, i, d)?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes `batch` as CSV to `path`, atomically.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
/// let a: ArrayRef = Arc::new(StringArray::from(vec!["19870101", "a;b"]));
/// let d: ArrayRef = Arc::new(Decimal128Array::from(vec![10185, 9000]).with_precision_and_scale(38, 2).unwrap());
/// let batch = RecordBatch::try_from_iter([("employee", a), ("weighted_achievement", d)]).unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// let opts = kinerja_table::write::CsvOptions { delimiter: b';' };
/// kinerja_table::write::write_csv(&batch, &path, &opts).unwrap();
/// let text = std::fs::read_to_string(&path).unwrap();
/// assert_eq!(text, "employee;weighted_achievement\n19870101;101.85\n\"a;b\";90.00\n");
/// ```
pub fn write_csv(batch: &RecordBatch, path: &Path, options: &CsvOptions) -> Result<(), WriteError> {
    atomic_write(path, |w| write_csv_to(batch, w, options).map_err(|e| WriteError::io(path, e)))
}
