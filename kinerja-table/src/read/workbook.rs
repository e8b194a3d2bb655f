//! Excel workbooks (.xlsx) through calamine.
//!
//! A column whose non-empty cells are all number cells becomes a float column (each value
//! then read through its shortest round-trip text: a cell showing 11.8 is 11.8). Any other
//! column is text: text cells as written, number cells as their shortest round-trip text,
//! marked so that they read as plain numbers whatever the number format, booleans as
//! `true`/`false`, error cells (`#N/A`) as their text. Date cells are refused with the row.
//!
//! A number cell whose number format shows it as a percent (`0.00%`: 0.975 shows 97.50%) is
//! read as the number it shows, 97.5, as a text cell `97,50%` is: its shortest round-trip text
//! with the decimal point moved two places ([`sheet_xml::percent_text`]); its column is then
//! a text column. A formula cell without a stored value (written by a program that does not
//! calculate formulas) reads as empty to calamine; in a column that is read it is refused,
//! naming the cell ([`RawTable::unvalued`]). Both are read from the workbook's parts
//! ([`sheet_xml`]), only when a number cell may be a percent (the workbook has a percent
//! format) or a cell is empty.

use std::io::{Cursor, Read, Seek};
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, Float64Array, NullArray};
use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};

use super::sheet_xml::{self, CellScan, ScannedCell};
use super::{RawTable, ReadError, ReadOptions, decoded, too_many_rows};

/// Reads one sheet of a workbook into raw columns; a workbook the decoder fails on is a
/// [`ReadError::Format`] (see [`decoded`]).
pub(crate) fn read(bytes: &[u8], path: &str, options: &ReadOptions) -> Result<RawTable, ReadError> {
    decoded(path, "XLSX", || read_decoded(bytes, path, options))
}

fn read_decoded(bytes: &[u8], path: &str, options: &ReadOptions) -> Result<RawTable, ReadError> {
    let format = |reason: String| ReadError::Format { path: path.to_string(), reason };
    check_unpacked(&mut Cursor::new(bytes), options.max_bytes.saturating_mul(UNPACKED_PER_BYTE_LIMIT))
        .map_err(format)?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format(format!("not an .xlsx workbook ({e})")))?;
    let names = book.sheet_names();
    let sheet = match &options.sheet {
        Some(s) => names.iter().find(|n| *n == s).cloned().ok_or_else(|| {
            ReadError::Options(format!("the workbook has no sheet `{s}`; its sheets: {}", names.join(", ")))
        })?,
        None => names.first().cloned().ok_or_else(|| format("the workbook has no sheet".into()))?,
    };
    // calamine read the workbook: it is a zip archive
    let mut parts = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format(e.to_string()))?;
    let percent =
        sheet_xml::percent_styles(&mut parts).map_err(|e| format(format!("sheet `{sheet}`: {e}")))?;
    // a formula's 0 in a workbook written to be calculated when opened is a placeholder
    let placeholder_zeros = sheet_xml::calculated_on_load(&mut parts);
    let mut scan = sheet_xml::sheet_part(&mut parts, &sheet).and_then(|p| CellScan::open(&mut parts, &p));
    // the first sheet empty (a cover sheet) when the workbook has others: name them
    let empty = |sheet: &str| match options.sheet.is_none() && names.len() > 1 {
        true => format(format!(
            "sheet `{sheet}` is empty; the workbook's sheets: {}; name the one to read (CLI `--sheet`, Python `sheet=`)",
            names.join(", ")
        )),
        false => format(format!("sheet `{sheet}` is empty")),
    };
    let mut cells = match book.worksheet_cells_reader(&sheet) {
        Ok(cells) => cells,
        Err(XlsxError::NotAWorksheet(_)) => return Err(empty(&sheet)),
        Err(e) => return Err(format(format!("sheet `{sheet}`: {e}"))),
    };
    let mut table = Sheet::new(path, &sheet, options.max_rows, MAX_SHEET_CELLS);
    let mut index = 0u64;
    while let Some(cell) = cells.next_cell().map_err(|e| format(format!("sheet `{sheet}`: {e}")))? {
        let ((row, col), value) = (cell.get_position(), cell.get_value());
        let at = index;
        index += 1;
        let (negative, zero) = match value {
            DataRef::Float(f) => (Some(*f < 0.0), *f == 0.0),
            DataRef::Int(n) => (Some(*n < 0), *n == 0),
            _ => (None, false),
        };
        let empty = *value == DataRef::Empty;
        // a formula without a computed value: an empty cell, or a writer's placeholder 0
        let formula_matters = (empty || (zero && placeholder_zeros)) && table.is_data_row(row);
        let scan_cell = formula_matters || (negative.is_some() && !percent.is_empty());
        let scanned = if scan_cell { Some(scanned(&mut scan, at, &table)?) } else { None };
        let (style, formula) = scanned.map_or((0, None), |c| (c.style, c.formula));
        if let Some(formula) = formula.filter(|_| formula_matters) {
            table.formula(row, col, formula);
        }
        if !empty {
            let shown = negative.is_some_and(|n| percent.get(style).is_some_and(|p| p[usize::from(n)]));
            table.cell(row, col, Data::from(value.clone()), shown)?;
        }
    }
    if table.is_empty() {
        return Err(empty(&sheet));
    }
    table.finish()
}

/// Cell `index` of the sheet's part (the cell calamine gave as its `index`-th).
fn scanned<R: Read>(
    scan: &mut Result<CellScan<R>, String>,
    index: u64,
    table: &Sheet<'_>,
) -> Result<ScannedCell, ReadError> {
    let scan = scan.as_mut().map_err(|e| table.format(e.clone()))?;
    match scan.nth(index) {
        Ok(Some(cell)) => Ok(cell),
        Ok(None) => Err(table.format(
            "its cells could not be matched with their number formats; save the workbook again from Excel or \
             LibreOffice"
                .into(),
        )),
        Err(e) => Err(table.format(e)),
    }
}

/// How many times the file size limit ([`ReadOptions::max_bytes`]) a workbook's parts may
/// unpack to, as its zip directory declares them.
pub const UNPACKED_PER_BYTE_LIMIT: u64 = 4;

/// Refuses a workbook whose parts unpack to more than `limit` bytes (a zip bomb: a few
/// megabytes that unpack to terabytes of repeated text): first from the sizes its zip
/// directory declares, before anything is unpacked; then from the bytes the parts really
/// unpack to, counted and dropped, stopping past the limit (a directory may understate them,
/// and the zip reader does not stop a part at its declared size). A file that is not a zip
/// archive passes, as does a part that cannot be unpacked: the workbook reader says what they
/// are not.
fn check_unpacked<R: Read + Seek>(source: &mut R, limit: u64) -> Result<(), String> {
    let checked = match zip::ZipArchive::new(&mut *source) {
        Ok(mut zip) => check_parts(&mut zip, limit),
        Err(_) => Ok(()),
    };
    source.seek(std::io::SeekFrom::Start(0)).map_err(|e| e.to_string())?;
    checked
}

/// [`check_unpacked`] of an archive.
fn check_parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, limit: u64) -> Result<(), String> {
    let unpacked = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if unpacked > limit {
        return Err(format!(
            "the workbook unpacks to {unpacked} bytes, more than {limit} ({UNPACKED_PER_BYTE_LIMIT} times the file size \
             limit); it is not a sheet of a table: export the sheet again, or save it as CSV"
        ));
    }
    let mut total = 0u64;
    let mut buffer = vec![0u8; 1 << 16];
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else { continue };
        let mut part = part.take(limit.saturating_sub(total).saturating_add(1));
        // a part that fails midway is the workbook reader's to name; what it gave counts
        while let Ok(n @ 1..) = part.read(&mut buffer) {
            total = total.saturating_add(n as u64);
        }
        if total > limit {
            return Err(format!(
                "the workbook unpacks to more than {limit} bytes ({UNPACKED_PER_BYTE_LIMIT} times the file size \
                 limit), more than its zip directory declares; it is not a sheet of a table: export the sheet again, \
                 or save it as CSV"
            ));
        }
    }
    Ok(())
}

/// Excel's last column (XFD): a cell past it is not from a spreadsheet program.
const LAST_COLUMN: u32 = 16_383;

/// The most cells a sheet's table may hold: its data rows × the columns holding a cell in a
/// data row (any other column, a header alone or nothing at all, holds no memory). Rows of
/// values in thousands of columns past it are refused at the row that passes it, naming the
/// columns.
pub const MAX_SHEET_CELLS: u64 = 1 << 27;

/// One column of a sheet: the cells of its data rows as text, as numbers, and which are
/// number cells; whether every non-empty cell is a number.
struct Column {
    text: StringBuilder,
    numbers: Vec<Option<f64>>,
    plain: Vec<bool>,
    numeric: bool,
}

impl Column {
    /// A column first met after `rows` data rows (those are empty in it).
    fn new(rows: usize) -> Self {
        let mut text = StringBuilder::new();
        text.append_nulls(rows);
        Column { text, numbers: vec![None; rows], plain: vec![false; rows], numeric: true }
    }

    fn push(&mut self, cell: Option<&Entry>) {
        let number = match cell.map(|c| &c.data) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(n)) => Some(*n as f64),
            _ => None,
        };
        let text = cell.and_then(|c| c.text()).filter(|t| !t.trim().is_empty());
        let percent = cell.is_some_and(|c| c.percent);
        // a percent cell is its shown value as text: the column is a text column
        self.numeric &= !percent && (number.is_some() || text.is_none());
        self.text.append_option(text);
        self.numbers.push(number);
        self.plain.push(number.is_some());
    }
}

/// A cell of a data row: its value, and whether it is a number cell shown as a percent.
struct Entry {
    data: Data,
    percent: bool,
}

impl Entry {
    /// The cell's text ([`cell_text`]); for a percent cell the number it shows
    /// ([`sheet_xml::percent_text`]: `0.975` → `97.5`), or the number's text when that is not
    /// digits (`inf`, refused as a number later).
    fn text(&self) -> Option<String> {
        let text = cell_text(&self.data)?;
        if !self.percent {
            return Some(text);
        }
        Some(sheet_xml::percent_text(&text).unwrap_or(text))
    }
}

/// A sheet read cell by cell, in the order of the file, holding only its cells and the
/// columns they fill: the header is the first row holding a cell, the columns run from the
/// leftmost cell to the rightmost, and rows whose cells are all blank are skipped (they
/// still count for the row limit and the row numbers).
struct Sheet<'a> {
    path: &'a str,
    sheet: &'a str,
    max_rows: usize,
    /// The most cells of its data rows ([`MAX_SHEET_CELLS`]).
    max_cells: u64,
    /// The header row and the header cells (by column).
    header: Option<(u32, Vec<(u32, String)>)>,
    /// The row being read and its cells (by column; a cell given twice keeps the last).
    row: Option<(u32, Vec<(u32, Entry)>)>,
    /// The leftmost and rightmost column of any cell.
    span: Option<(u32, u32)>,
    columns: std::collections::BTreeMap<u32, Column>,
    source_rows: Vec<u64>,
    /// The first formula without a stored value in each column, below the header: its row
    /// and its text.
    formulas: std::collections::BTreeMap<u32, (u32, String)>,
}

impl<'a> Sheet<'a> {
    fn new(path: &'a str, sheet: &'a str, max_rows: usize, max_cells: u64) -> Self {
        Sheet {
            path,
            sheet,
            max_rows,
            max_cells,
            header: None,
            row: None,
            span: None,
            columns: Default::default(),
            source_rows: Vec::new(),
            formulas: Default::default(),
        }
    }

    /// Whether sheet row `row` (from 0) is below the header row (a cell there is data).
    fn is_data_row(&self, row: u32) -> bool {
        self.header.as_ref().is_some_and(|(h, _)| row > *h)
    }

    /// Notes that the cell at `(row, col)` of a data row holds formula `text` (`""`: a shared
    /// formula written in another cell) without a stored value; the first of each column is
    /// kept.
    fn formula(&mut self, row: u32, col: u32, text: String) {
        self.formulas.entry(col).or_insert((row, text));
    }

    fn format(&self, e: String) -> ReadError {
        let sheet = self.sheet;
        ReadError::Format { path: self.path.to_string(), reason: format!("sheet `{sheet}`: {e}") }
    }

    /// Takes the cell at `(row, col)` (from 0); `percent`: a number cell shown as a percent.
    fn cell(&mut self, row: u32, col: u32, value: Data, percent: bool) -> Result<(), ReadError> {
        if col > LAST_COLUMN {
            return Err(self.format(format!(
                "sheet row {} has a cell past column XFD, the last one a spreadsheet has; save the workbook \
                 again from Excel or LibreOffice",
                u64::from(row) + 1
            )));
        }
        let header_row = self.header.get_or_insert((row, Vec::new())).0;
        if row < header_row || self.row.as_ref().is_some_and(|(r, _)| row < *r) {
            return Err(self.format(format!(
                "sheet row {} comes after a later row in the file; save the workbook again from Excel or \
                 LibreOffice",
                u64::from(row) + 1
            )));
        }
        let (first, last) = self.span.map_or((col, col), |(f, l)| (f.min(col), l.max(col)));
        self.span = Some((first, last));
        if row == header_row {
            let text = cell_text(&value).unwrap_or_default().trim().to_string();
            if let Some((_, cells)) = &mut self.header {
                put(cells, col, text);
            }
            return Ok(());
        }
        if self.row.as_ref().is_some_and(|(r, _)| *r != row) {
            self.end_row()?;
        }
        let index = (row - header_row - 1) as usize;
        if index >= self.max_rows {
            return Err(too_many_rows(self.path, self.max_rows));
        }
        put(&mut self.row.get_or_insert((row, Vec::new())).1, col, Entry { data: value, percent });
        Ok(())
    }

    /// Appends the row being read, unless all its cells are blank.
    fn end_row(&mut self) -> Result<(), ReadError> {
        let (Some((row, cells)), Some((header_row, _))) = (self.row.take(), &self.header) else {
            return Ok(());
        };
        let index = u64::from(row - header_row - 1);
        if cells.iter().all(|(_, c)| blank(&c.data)) {
            return Ok(());
        }
        if let Some((col, _)) = cells
            .iter()
            .find(|(_, c)| matches!(c.data, Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_)))
        {
            let sheet = self.sheet;
            return Err(ReadError::Format {
                path: self.path.to_string(),
                reason: format!(
                    "sheet `{sheet}`, row {} (sheet row {}), column `{}` holds a date; no column of kinerja is a date \
                     (periods are written `2024`, `2024-Q1`, `Triwulan I 2024`): format the cell as text",
                    index + 1,
                    u64::from(row) + 1,
                    self.header_text(*col),
                ),
            });
        }
        let rows = self.source_rows.len();
        let new = cells.iter().filter(|(c, _)| !self.columns.contains_key(c)).count();
        self.check_size(rows + 1, self.columns.len() + new)?;
        for (col, _) in &cells {
            self.columns.entry(*col).or_insert_with(|| Column::new(rows));
        }
        let mut given = cells.iter().peekable();
        for (col, column) in &mut self.columns {
            column.push(given.next_if(|(c, _)| c == col).map(|(_, v)| v));
        }
        self.source_rows.push(index + 1);
        Ok(())
    }

    /// Refuses `rows` data rows of `width` columns holding a cell when they make more than
    /// `max_cells` cells.
    fn check_size(&self, rows: usize, width: usize) -> Result<(), ReadError> {
        let Some((first, last)) = self.span else { return Ok(()) };
        let max = self.max_cells;
        if (rows as u64).saturating_mul(width as u64) <= max {
            return Ok(());
        }
        Err(self.format(format!(
            "its {rows} rows have cells in {width} columns between {} and {}, more than the {max} \
             cells read from a sheet; delete the cells outside the table (a stray value far to the right) or copy \
             the table alone to a new sheet",
            column_name(first),
            column_name(last),
        )))
    }

    /// Whether the sheet has no cell (a blank one included).
    fn is_empty(&self) -> bool {
        self.span.is_none()
    }

    fn header_text(&self, col: u32) -> String {
        let cells = self.header.as_ref().map(|(_, c)| c.as_slice()).unwrap_or_default();
        cells.iter().find(|(c, _)| *c == col).map(|(_, t)| t.clone()).unwrap_or_default()
    }

    /// The raw table: a column for every column from the leftmost cell to the rightmost (one
    /// without a cell in a data row is of the null type, and holds no memory).
    fn finish(mut self) -> Result<RawTable, ReadError> {
        self.end_row()?;
        let Some((first, last)) = self.span else {
            let sheet = self.sheet;
            return Err(ReadError::Format {
                path: self.path.to_string(),
                reason: format!("sheet `{sheet}` is empty"),
            });
        };
        let rows = self.source_rows.len();
        let mut headers = Vec::new();
        let (mut columns, mut plain) = (Vec::new(), Vec::new());
        for col in first..=last {
            headers.push(self.header_text(col));
            let Some(column) = self.columns.remove(&col) else {
                columns.push(Arc::new(NullArray::new(rows)) as ArrayRef);
                plain.push(None);
                continue;
            };
            if column.numeric {
                columns.push(Arc::new(Float64Array::from(column.numbers)) as ArrayRef);
                plain.push(None);
            } else {
                let mut text = column.text;
                columns.push(Arc::new(text.finish()) as ArrayRef);
                plain.push(column.plain.iter().any(|b| *b).then_some(column.plain));
            }
        }
        let unvalued = self.unvalued(first, last);
        Ok(RawTable { headers, columns, plain, source_rows: self.source_rows, unvalued })
    }

    /// The refusal of each formula without a stored value in a column of the table (columns
    /// `first..=last`), by the column's index in the table, first in the sheet first.
    fn unvalued(&self, first: u32, last: u32) -> Vec<(usize, ReadError)> {
        let (Some((header_row, _)), sheet) = (&self.header, self.sheet) else { return Vec::new() };
        let mut found: Vec<_> =
            self.formulas.iter().filter(|(col, _)| (first..=last).contains(*col)).collect();
        found.sort_by_key(|(col, (row, _))| (*row, **col));
        let refusal = |col: u32, row: u32, text: &str| {
            let what = if text.is_empty() {
                "a shared formula".to_string()
            } else {
                format!("the formula `={text}`")
            };
            ReadError::Format {
                path: self.path.to_string(),
                reason: format!(
                    "sheet `{sheet}`, row {} (sheet row {}), column `{}`: cell {} holds {what} without a computed value \
                     (the program that wrote the workbook did not calculate it); open the workbook in Excel or \
                     LibreOffice and save it, so that the value is stored",
                    row - header_row,
                    u64::from(row) + 1,
                    self.header_text(col),
                    cell_name(row, col),
                ),
            }
        };
        found
            .into_iter()
            .map(|(col, (row, text))| ((col - first) as usize, refusal(*col, *row, text)))
            .collect()
    }
}

/// Sets the cell of column `col` in `cells` (sorted by column) to `value`.
fn put<T>(cells: &mut Vec<(u32, T)>, col: u32, value: T) {
    match cells.binary_search_by_key(&col, |(c, _)| *c) {
        Ok(k) => cells[k].1 = value,
        Err(k) => cells.insert(k, (col, value)),
    }
}

/// A column's letters (`A`, `Z`, `AA`, `XFD`) from its index (from 0).
fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell's name: `F2` for row 1, column 5 (from 0).
fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// Whether a cell's text ([`cell_text`]) is empty or blank, without making the text.
fn blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().is_empty(),
        Data::Float(_) | Data::Int(_) | Data::Bool(_) | Data::Error(_) | Data::DateTime(_) => false,
    }
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reader this one replaced: calamine's dense range of the whole sheet (a stray far
    /// cell made it allocate every empty cell up to it). Kept as the oracle of the property;
    /// `None` for a sheet it refuses.
    fn dense(bytes: &[u8], max_rows: usize) -> Option<RawTable> {
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).ok()?;
        let sheet = book.sheet_names().first().cloned()?;
        let range = book.worksheet_range(&sheet).ok()?;
        let mut rows = range.rows();
        let header = rows.next()?;
        let headers: Vec<String> =
            header.iter().map(|c| cell_text(c).unwrap_or_default().trim().to_string()).collect();
        // the old reader's own column logic (not `Column`), so the property compares two readings
        let width = headers.len();
        let mut text: Vec<StringBuilder> = (0..width).map(|_| StringBuilder::new()).collect();
        let mut numbers: Vec<Vec<Option<f64>>> = vec![Vec::new(); width];
        let mut all_numeric = vec![true; width];
        let mut plain: Vec<Vec<bool>> = vec![Vec::new(); width];
        let mut source_rows = Vec::new();
        for (i, row) in rows.enumerate() {
            if i >= max_rows {
                return None;
            }
            if row.iter().all(|c| cell_text(c).is_none_or(|t| t.trim().is_empty())) {
                continue;
            }
            for (c, cell) in row.iter().enumerate() {
                if let Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) = cell {
                    return None;
                }
                let number = match cell {
                    Data::Float(f) => Some(*f),
                    Data::Int(n) => Some(*n as f64),
                    _ => None,
                };
                let t = cell_text(cell).filter(|t| !t.trim().is_empty());
                if number.is_none() && t.is_some() {
                    all_numeric[c] = false;
                }
                numbers[c].push(number);
                plain[c].push(number.is_some());
                text[c].append_option(t);
            }
            source_rows.push(i as u64 + 1);
        }
        let mut out =
            RawTable { headers, columns: Vec::new(), plain: Vec::new(), source_rows, unvalued: Vec::new() };
        for (c, mut t) in text.into_iter().enumerate() {
            let numeric = all_numeric[c];
            out.columns.push(if numeric {
                Arc::new(Float64Array::from(std::mem::take(&mut numbers[c]))) as ArrayRef
            } else {
                Arc::new(t.finish()) as ArrayRef
            });
            let p = std::mem::take(&mut plain[c]);
            out.plain.push((!numeric && p.iter().any(|b| *b)).then_some(p));
        }
        Some(out)
    }

    /// A cell written to a generated sheet.
    #[derive(Debug, Clone)]
    enum Written {
        Text(&'static str),
        Number(f64),
        Bool(bool),
        Date,
    }

    fn written() -> impl Strategy<Value = Written> {
        prop_oneof![
            4 => prop::sample::select(vec!["NIP", "x", " ", "", "1.200", " 97,5 ", "#N/A"]).prop_map(Written::Text),
            3 => prop::sample::select(vec![0.0, 1.0, 97.5, -3.25, 1e20, 0.1]).prop_map(Written::Number),
            1 => any::<bool>().prop_map(Written::Bool),
            1 => Just(Written::Date),
        ]
    }

    /// A workbook of one sheet: cells at (row, column), some far from the others.
    fn workbook(cells: &[((u32, u16), Written)]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        for ((r, c), w) in cells {
            match w {
                Written::Text(t) => sheet.write_string(*r, *c, *t).map(|_| ()),
                Written::Number(n) => sheet.write_number(*r, *c, *n).map(|_| ()),
                Written::Bool(b) => sheet.write_boolean(*r, *c, *b).map(|_| ()),
                Written::Date => sheet.write_number_with_format(*r, *c, 45_000.0, &date).map(|_| ()),
            }
            .unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    fn read(bytes: &[u8], max_rows: usize) -> Result<RawTable, ReadError> {
        let options = ReadOptions { max_rows, ..ReadOptions::default() };
        read_decoded(bytes, "t.xlsx", &options)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The cell-by-cell reader reads every sheet as the dense range did: the same
        /// headers, columns (text or numbers), number cells, row numbers and refusals.
        #[test]
        fn reads_as_the_dense_range(
            cells in prop::collection::vec(((0u32..8, 0u16..6), written()), 0..30),
            max_rows in prop::sample::select(vec![3usize, 100]),
        ) {
            let bytes = workbook(&cells);
            match (read(&bytes, max_rows), dense(&bytes, max_rows).ok_or(())) {
                (Ok(got), Ok(want)) => {
                    prop_assert_eq!(&got.headers, &want.headers);
                    prop_assert_eq!(&got.source_rows, &want.source_rows);
                    prop_assert_eq!(&got.plain, &want.plain);
                    for (g, w) in got.columns.iter().zip(&want.columns) {
                        if g.data_type() == &arrow_schema::DataType::Null {
                            // a column without a header or a cell: all null in both
                            prop_assert_eq!((g.len(), w.null_count()), (w.len(), w.len()));
                        } else {
                            prop_assert_eq!(g.as_ref(), w.as_ref());
                        }
                    }
                    prop_assert_eq!(got.columns.len(), want.columns.len());
                }
                (Err(_), Err(_)) => {}
                (got, want) => prop_assert!(false, "{:?} against {:?}", got.map(|t| t.headers), want.map(|t| t.headers)),
            }
        }
    }

    /// One cell far from the table (8 KiB of workbook) made the dense range allocate 512 GiB
    /// and abort. Now only rows holding a cell are kept, and columns without a data cell take
    /// no memory.
    #[test]
    fn a_stray_far_cell_is_read_without_the_empty_rows() {
        let far = ((1_048_575, 16_383), Written::Number(1.0));
        let bytes = workbook(&[((0, 0), Written::Text("NIP")), ((1, 0), Written::Text("x")), far.clone()]);
        let t = read(&bytes, 20_000_000).map_err(|e| e.to_string());
        let shape = t.map(|t| (t.headers.len(), t.columns.len(), t.source_rows));
        assert_eq!(shape, Ok((16_384, 16_384, vec![1, 1_048_575])));
        // the empty columns between hold no memory; the far cell's row is a row of the table
        let mut cells = vec![((0, 0), Written::Text("NIP"))];
        cells.extend((1..10_000).map(|r| ((r, 0), Written::Text("x"))));
        cells.push(far);
        let t = read(&workbook(&cells), 20_000_000).map_err(|e| e.to_string());
        assert_eq!(t.map(|t| (t.columns.len(), t.source_rows.len())), Ok((16_384, 10_000)));
        // a header in every column over 10 000 rows: the columns without a cell hold nothing
        let mut cells: Vec<_> = (0..=16_383).map(|c| ((0, c), Written::Text("x"))).collect();
        cells.extend((1..=10_000).map(|r| ((r, 0), Written::Text("x"))));
        let t = read(&workbook(&cells), 20_000_000).unwrap();
        let nulls = t.columns.iter().filter(|c| c.data_type() == &arrow_schema::DataType::Null).count();
        assert_eq!((t.headers.len(), nulls, t.source_rows.len()), (16_384, 16_383, 10_000));
    }

    /// Rows that fill more cells than the limit are refused at the row that passes it, naming
    /// the columns; only columns holding a data cell count (not a header alone).
    #[test]
    fn a_table_of_too_many_cells_is_refused_at_the_row_that_passes() {
        let feed = |cells: &[(u32, u32)]| {
            let mut sheet = Sheet::new("t.xlsx", "S", 100, 10);
            for (r, c) in cells {
                sheet.cell(*r, *c, Data::String("x".into()), false)?;
            }
            sheet.finish()
        };
        let header = [(0, 0), (0, 1), (0, 100)];
        let rows = |n: u32| (1..=n).flat_map(|r| [(r, 0), (r, 1)]);
        let five: Vec<_> = header.iter().copied().chain(rows(5)).collect();
        assert_eq!(feed(&five).map(|t| t.source_rows.len()).map_err(|e| e.to_string()), Ok(5));
        let six: Vec<_> = header.iter().copied().chain(rows(6)).collect();
        let e = feed(&six).err().map(|e| e.to_string()).unwrap_or_default();
        let want =
            "its 6 rows have cells in 2 columns between A and CW, more than the 10 cells read from a sheet";
        assert!(e.contains(want), "{e}");
    }

    /// A date cell is refused with its row, its sheet row and its column's header; an empty
    /// sheet is refused as empty.
    #[test]
    fn dates_and_empty_sheets_are_located() {
        let cells = [
            ((2, 1), Written::Text("NIP")),
            ((2, 2), Written::Text("Tanggal")),
            ((3, 1), Written::Text("x")),
            ((5, 2), Written::Date),
        ];
        let e = read(&workbook(&cells), 100).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("sheet `Sheet1`, row 3 (sheet row 6), column `Tanggal` holds a date"), "{e}");
        let e = read(&workbook(&[]), 100).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("sheet `Sheet1` is empty"), "{e}");
    }

    /// A workbook whose parts unpack to more than four times the file size limit is refused
    /// before it is unpacked (the directory's sizes); within the limit it reads.
    #[test]
    fn a_workbook_unpacking_past_the_limit_is_refused() {
        let cells: Vec<_> = (0..3_000).map(|r| ((r, 0), Written::Text("198701012010011001"))).collect();
        let bytes = workbook(&cells);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let unpacked: u64 = (0..zip.len()).map(|i| zip.by_index_raw(i).unwrap().size()).sum();
        let packed = bytes.len() as u64;
        assert!(unpacked > 4 * packed, "{unpacked} unpacked, {packed} packed");
        let limited = |max_bytes| ReadOptions { max_bytes, ..ReadOptions::default() };
        let e = read_decoded(&bytes, "t.xlsx", &limited(packed)).unwrap_err().to_string();
        assert!(
            e.contains(&format!("the workbook unpacks to {unpacked} bytes, more than {}", 4 * packed)),
            "{e}"
        );
        let ok = read_decoded(&bytes, "t.xlsx", &limited(unpacked.div_ceil(4)));
        assert_eq!(ok.map(|t| t.source_rows.len()).map_err(|e| e.to_string()), Ok(2_999));
    }

    /// `bytes` with the uncompressed size its zip directory and local header declare for
    /// part `name` set to `size` (what a zip bomb may declare).
    fn understated(bytes: &[u8], name: &str, size: u32) -> Vec<u8> {
        let mut out = bytes.to_vec();
        let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
        let central = bytes.windows(4).enumerate().filter(|(_, w)| *w == [0x50, 0x4b, 0x01, 0x02]);
        let at = central
            .map(|(i, _)| i)
            .find(|&i| &bytes[i + 46..i + 46 + u16_at(bytes, i + 28)] == name.as_bytes());
        let at = at.unwrap();
        let local = u32::from_le_bytes(bytes[at + 42..at + 46].try_into().unwrap()) as usize;
        assert_eq!(bytes[local..local + 4], [0x50, 0x4b, 0x03, 0x04]);
        out[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        out[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
        out
    }

    /// A workbook whose zip directory understates what a part unpacks to is refused from the
    /// bytes the part really unpacks to (counted before the workbook reader unpacks it).
    #[test]
    fn a_workbook_understating_what_it_unpacks_to_is_refused() {
        let cells: Vec<_> = (0..30_000).map(|r| ((r, 0), Written::Text("198701012010011001"))).collect();
        let bytes = workbook(&cells);
        let declared = |b: &[u8]| {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(b)).unwrap();
            (0..zip.len()).map(|i| zip.by_index_raw(i).unwrap().size()).sum::<u64>()
        };
        let real = declared(&bytes);
        let lied = understated(&bytes, "xl/worksheets/sheet1.xml", 10);
        let (said, packed) = (declared(&lied), bytes.len() as u64);
        // a file size limit whose unpacked limit (4 times) lies between the two
        let max_bytes = (said + real) / 8;
        assert!(
            said < 4 * max_bytes && 4 * max_bytes < real && packed <= max_bytes,
            "{said} {real} {packed}"
        );
        let limited = ReadOptions { max_bytes, ..ReadOptions::default() };
        let e = read_decoded(&lied, "t.xlsx", &limited).unwrap_err().to_string();
        let want = format!("the workbook unpacks to more than {} bytes", 4 * max_bytes);
        assert!(e.contains(&want) && e.contains("more than its zip directory declares"), "{e}");
        // the honest workbook is refused from what it declares, before anything is unpacked
        let e = read_decoded(&bytes, "t.xlsx", &limited).unwrap_err().to_string();
        assert!(e.contains(&format!("the workbook unpacks to {real} bytes")), "{e}");
        // and the lying one reads past the check when the limit holds what it unpacks to (the
        // workbook reader then says what is wrong with it, or reads it)
        let roomy = ReadOptions { max_bytes: real.div_ceil(4), ..ReadOptions::default() };
        let read = read_decoded(&lied, "t.xlsx", &roomy).map_err(|e| e.to_string());
        assert!(read.as_ref().map_or_else(|e| !e.contains("unpacks to"), |_| true), "{read:?}");
    }

    /// `bytes` with its first sheet's XML edited by `f` (what no spreadsheet program writes).
    fn edited(bytes: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
        use std::io::Write;
        let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..src.len() {
            let mut entry = src.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            if entry.name() == "xl/worksheets/sheet1.xml" {
                data = f(std::str::from_utf8(&data).unwrap()).into_bytes();
            }
            out.start_file(entry.name(), zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&data).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    /// A cell past column XFD, and a row written after a later one, are refused with their
    /// sheet row (cells are taken in file order); the same rows in order read.
    #[test]
    fn cells_no_spreadsheet_writes_are_refused() {
        let bytes = workbook(&[((0, 0), Written::Text("NIP")), ((4, 0), Written::Text("x"))]);
        let with = |row: &str| edited(&bytes, |x| x.replace("</sheetData>", &format!("{row}</sheetData>")));
        let message = |b: &[u8]| read(b, 100).err().map(|e| e.to_string()).unwrap_or_default();
        let past = with(r#"<row r="9"><c r="XFE9"><v>1</v></c></row>"#);
        assert!(message(&past).contains("sheet row 9 has a cell past column XFD"), "{}", message(&past));
        let back = with(r#"<row r="3"><c r="A3"><v>1</v></c></row>"#);
        assert!(message(&back).contains("sheet row 3 comes after a later row"), "{}", message(&back));
        let header_back = edited(&bytes, |x| {
            x.replace("<sheetData>", r#"<sheetData><row r="2"><c r="A2"><v>1</v></c></row>"#)
        });
        assert!(
            message(&header_back).contains("sheet row 1 comes after a later row"),
            "{}",
            message(&header_back)
        );
        let fine = with(r#"<row r="9"><c r="XFD9"><v>1</v></c></row>"#);
        assert_eq!(read(&fine, 100).map(|t| t.source_rows).map_err(|e| e.to_string()), Ok(vec![4, 8]));
    }

    #[test]
    fn column_letters() {
        let names: Vec<String> = [0, 25, 26, 51, 52, 701, 702, 16_383].into_iter().map(column_name).collect();
        assert_eq!(names, ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    }
}
