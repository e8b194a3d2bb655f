//! CSV output: `,` unless asked otherwise, exact decimals as text, one quoting rule.
//!
//! Every CSV kinerja writes — a whole table ([`write_csv`], the server's answers) or a table
//! written batch by batch as it is scored ([`CsvWriter`], `kinerja score` streaming a file) —
//! goes through this one writer, so one table gives the same bytes either way:
//!
//! * a header line of the column names, then one line per row, each ended by `\n`;
//! * a field is quoted (`"…"`, a `"` inside doubled) when it holds the delimiter, a `"`, a
//!   line break (`\n` or `\r`), or starts or ends with white space (kept by every reader);
//!   any other field, any number, is written as it is (a number or `true`/`false` is quoted
//!   too when the delimiter could occur in it, such as `.` or `e`, which the Rust API alone
//!   accepts: [`delimiter_of`](crate::read::delimiter_of) refuses them);
//! * a missing value and an empty text are both an empty field (a reader takes a blank cell
//!   as missing);
//! * numbers exactly: decimals with their scale (`90.00`; a negative scale as that many zeros,
//!   `500` for `5` at -2), integers as digits, `true`/`false`.

use std::io::Write;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;

use super::{WriteError, atomic_write};
use crate::cells::{Text, cell_text, decimal_text_at};
use crate::read::separates_cells;

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

/// Whether field text `s` is written quoted (see the module docs).
fn needs_quotes(s: &str, delimiter: u8) -> bool {
    s.bytes().any(|b| b == delimiter || b == b'"' || b == b'\n' || b == b'\r')
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
}

fn field(out: &mut impl Write, s: &str, delimiter: u8) -> std::io::Result<()> {
    if !needs_quotes(s, delimiter) {
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

/// A column as it is written, its type looked up once per batch, not once per cell.
enum Column<'a> {
    Text(Text<'a>),
    Bool(&'a arrow_array::BooleanArray),
    Decimal(&'a arrow_array::Decimal128Array, i8),
    Other(&'a ArrayRef),
}

impl<'a> Column<'a> {
    /// The column `a` as written with `delimiter`. Numbers and `true`/`false` are written
    /// unquoted only when the delimiter cannot occur in them (every delimiter the surfaces
    /// take); one given to the Rust API directly may, and then they are written as text is.
    fn of(a: &'a ArrayRef, delimiter: u8) -> Self {
        if let Some(t) = Text::of(a) {
            return Column::Text(t);
        }
        if !separates_cells(delimiter) {
            return Column::Other(a);
        }
        match a.data_type() {
            DataType::Boolean => Column::Bool(a.as_boolean()),
            DataType::Decimal128(_, s) => Column::Decimal(a.as_primitive::<Decimal128Type>(), *s),
            _ => Column::Other(a),
        }
    }

    /// Writes cell `i` (nothing for a missing value).
    fn write(&self, out: &mut impl Write, i: usize, delimiter: u8) -> std::io::Result<()> {
        match self {
            Column::Text(t) => match t.get(i) {
                Some(s) => field(out, s, delimiter),
                None => Ok(()),
            },
            Column::Bool(b) if b.is_valid(i) => out.write_all(if b.value(i) { b"true" } else { b"false" }),
            Column::Decimal(d, scale) if d.is_valid(i) => {
                out.write_all(decimal_text_at(d.value(i), *scale).as_bytes())
            }
            Column::Other(a) => match cell_text(a, i) {
                Some(s) => field(out, &s, delimiter),
                None => Ok(()),
            },
            Column::Bool(_) | Column::Decimal(..) => Ok(()),
        }
    }
}

/// A CSV file written batch by batch: the header with the first batch, then each batch's
/// rows, by the rule of the module docs (a table written whole gives the same bytes).
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, RecordBatch, StringArray};
/// use kinerja_table::write::{CsvOptions, CsvWriter, write_csv_to};
/// let ids = |v: Vec<&str>| -> ArrayRef { Arc::new(StringArray::from(v)) };
/// let a = RecordBatch::try_from_iter([("employee", ids(vec!["1", "Ani, S.Kom"]))]).unwrap();
/// let b = RecordBatch::try_from_iter([("employee", ids(vec![" 3"]))]).unwrap();
/// let mut w = CsvWriter::new(Vec::new(), CsvOptions::default());
/// w.write(&a).unwrap();
/// w.write(&b).unwrap();
/// let streamed = w.finish().unwrap();
/// assert_eq!(streamed, b"employee\n1\n\"Ani, S.Kom\"\n\" 3\"\n");
/// let whole = arrow_select::concat::concat_batches(&a.schema(), &[a.clone(), b]).unwrap();
/// let mut once = Vec::new();
/// write_csv_to(&whole, &mut once, &CsvOptions::default()).unwrap();
/// assert_eq!(once, streamed);
/// ```
#[derive(Debug)]
pub struct CsvWriter<W: Write> {
    out: W,
    options: CsvOptions,
    /// The column names of the header, once written.
    header: Option<Vec<String>>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer into `out`; nothing is written before the first batch.
    pub fn new(out: W, options: CsvOptions) -> Self {
        CsvWriter { out, options, header: None }
    }

    /// Writes `batch`'s rows (after the header, on the first call). A batch whose columns are
    /// not the header's, by name and order, is refused (`InvalidInput`), nothing written.
    pub fn write(&mut self, batch: &RecordBatch) -> std::io::Result<()> {
        let d = self.options.delimiter;
        let schema = batch.schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        match &self.header {
            Some(h) if h.iter().map(String::as_str).ne(names.iter().copied()) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("the columns {names:?} are not the file's columns {h:?}"),
                ));
            }
            Some(_) => {}
            None => {
                for (j, name) in names.iter().enumerate() {
                    if j > 0 {
                        self.out.write_all(&[d])?;
                    }
                    field(&mut self.out, name, d)?;
                }
                self.out.write_all(b"\n")?;
                self.header = Some(names.iter().map(|n| n.to_string()).collect());
            }
        }
        let cols: Vec<Column> = batch.columns().iter().map(|a| Column::of(a, d)).collect();
        for i in 0..batch.num_rows() {
            for (j, c) in cols.iter().enumerate() {
                if j > 0 {
                    self.out.write_all(&[d])?;
                }
                c.write(&mut self.out, i, d)?;
            }
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Flushes the output and returns it.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes `batch` as CSV to `out` (header row first): a [`CsvWriter`] of one batch.
pub fn write_csv_to(batch: &RecordBatch, out: &mut impl Write, options: &CsvOptions) -> std::io::Result<()> {
    CsvWriter::new(out, *options).write(batch)
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
