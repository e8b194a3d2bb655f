//! Reading: a file (CSV, XLSX, Parquet) or an Arrow `RecordBatch` in, a canonical table out.
//!
//! Two steps. The file is first read into *raw columns*: headers as written and every CSV
//! or spreadsheet cell kept as text (a spreadsheet column whose cells are all numbers becomes
//! a float column, each value then read through its shortest round-trip text, so 11.8 stays
//! 11.8). Nothing is inferred from a first block of rows. The raw columns are then resolved
//! to canonical names ([`crate::columns`]) and converted to the declared type of each
//! canonical column ([`crate::columns::column_type`]): exact decimals
//! ([`crate::numbers`]), words of the core's vocabulary ([`crate::words`]), periods, flags.
//!
//! ```
//! use kinerja_table::read::{read_bytes, FileFormat, ReadOptions};
//! use kinerja_table::numbers::NumberFormat;
//! use kinerja_table::schema::TableKind;
//! let csv = "NIP;Target;Realisasi;Periode\n198701012010011001;1.200;1.080;Triwulan I 2024\n";
//! let opts = ReadOptions { number_format: NumberFormat::Id, ..ReadOptions::default() };
//! let t = read_bytes(csv.as_bytes(), FileFormat::Csv, &opts, TableKind::Indicators).unwrap();
//! assert_eq!(t.text("period", 0), Some("2024-Q1"));
//! assert_eq!(t.decimal("actual", 0).unwrap().to_string(), "1080");
//! ```

mod columnar;
mod delimited;
mod ipc;
mod sheet_xml;
mod stream;
mod workbook;

pub use ipc::arrow_stream;

/// The delimiter an option value names: one ASCII character that [separates
/// cells](separates_cells), or `tab` (`None`: not a delimiter).
///
/// ```
/// use kinerja_table::read::delimiter_of;
/// assert_eq!((delimiter_of(";"), delimiter_of("tab"), delimiter_of(";;")), (Some(b';'), Some(b'\t'), None));
/// assert_eq!((delimiter_of("\""), delimiter_of("."), delimiter_of("-"), delimiter_of("e")), (None, None, None, None));
/// ```
pub fn delimiter_of(value: &str) -> Option<u8> {
    match value {
        "tab" | "\\t" | "\t" => Some(b'\t'),
        d if d.len() == 1 && d.is_ascii() && separates_cells(d.as_bytes()[0]) => d.bytes().next(),
        _ => None,
    }
}

/// Whether ASCII byte `b` can separate the cells of a delimited file: not a quote, not a line
/// break, and not a character of a number or a word (a letter, a digit, `.`, `-`, `+`), which
/// would split cells such as `90.00`, `-1` or `true` and could not be read back.
pub fn separates_cells(b: u8) -> bool {
    !(b.is_ascii_alphanumeric() || b"\"\n\r.-+".contains(&b))
}

/// Whether `label` names an encoding the CSV reader reads (`utf-8`, or a WHATWG label such as
/// `windows-1252`, `latin1`, `utf-16le`).
///
/// ```
/// use kinerja_table::read::encoding_known;
/// assert!(encoding_known("UTF-8") && encoding_known(" windows-1252 ") && !encoding_known("klingon"));
/// ```
pub fn encoding_known(label: &str) -> bool {
    encoding_rs::Encoding::for_label(label.trim().to_ascii_lowercase().as_bytes()).is_some()
}
pub use stream::{CsvBlocks, TextBlock, csv_blocks};
pub use workbook::{MAX_SHEET_CELLS, UNPACKED_PER_BYTE_LIMIT};

use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{Array, ArrayRef, RecordBatch};
use kinerja_core::batch::OnError;
use rust_decimal::Decimal;

use crate::numbers::NumberFormat;
use crate::problem::Problem;
use crate::schema::TableKind;

/// Largest input file read, in bytes, unless [`ReadOptions::max_bytes`] says otherwise
/// (1 GiB).
pub const MAX_BYTES: u64 = 1 << 30;
/// Most data rows read, unless [`ReadOptions::max_rows`] says otherwise (20 million).
pub const MAX_ROWS: usize = 20_000_000;

/// The file formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// Delimited text (`.csv`, `.tsv`, `.txt`).
    Csv,
    /// An Excel workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Apache Parquet (`.parquet`, `.pq`), uncompressed or compressed with snappy, zstd, gzip
    /// or lz4.
    Parquet,
}

impl FileFormat {
    /// The format of a path, by its extension.
    pub fn from_path(path: &Path) -> Result<FileFormat, ReadError> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" | "txt" => Ok(FileFormat::Csv),
            "xlsx" | "xlsm" => Ok(FileFormat::Xlsx),
            "parquet" | "pq" => Ok(FileFormat::Parquet),
            "xls" => Err(ReadError::Format {
                path: path.display().to_string(),
                reason: "the old Excel format (.xls) is not read; save the workbook as .xlsx".into(),
            }),
            _ => Err(ReadError::Format {
                path: path.display().to_string(),
                reason: format!(
                    "the extension `.{ext}` is not a table format; accepted: .csv, .tsv, .txt, .xlsx, .xlsm, \
                     .parquet, .pq"
                ),
            }),
        }
    }
}

/// How to read a table. `ReadOptions::default()` reads UTF-8 CSV with the delimiter
/// detected, the first sheet of a workbook, numbers in [`NumberFormat::Auto`], and stops at
/// the first problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format; `None`: by the file's extension.
    pub format: Option<FileFormat>,
    /// CSV delimiter; `None`: detected from the header line among `,` `;` and tab.
    pub delimiter: Option<u8>,
    /// CSV text encoding (a WHATWG label such as `windows-1252`, `latin1`, `utf-16le`);
    /// `None`: UTF-8, with or without a byte-order mark.
    pub encoding: Option<String>,
    /// Workbook sheet by name; `None`: the first sheet.
    pub sheet: Option<String>,
    /// How text numbers are written.
    pub number_format: NumberFormat,
    /// User header mapping: header as written → canonical column.
    pub columns: Vec<(String, String)>,
    /// `true`: a mapping entry whose header is not in this table is skipped (the mapping
    /// serves several tables; [`crate::run::run`] then checks each header is in one of them).
    /// `false` (default): such an entry is an error.
    pub columns_of_any_table: bool,
    /// `Raise`: the first problem is the error; `Collect`: every cell problem becomes a
    /// [`Problem`] and a null, and the row is marked invalid; `Defer`: as `Collect`, but only
    /// the table's first problem is worded (for a caller that raises it after other steps).
    pub on_error: OnError,
    /// Largest file read, in bytes.
    pub max_bytes: u64,
    /// Most data rows read.
    pub max_rows: usize,
    /// The number problems give the first row of an Arrow batch ([`canonicalise`]): 1 (the
    /// default, as for a file's first data row), or 0 for frame positions (pandas `iloc`).
    pub batch_first_row: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            delimiter: None,
            encoding: None,
            sheet: None,
            number_format: NumberFormat::Auto,
            columns: Vec::new(),
            columns_of_any_table: false,
            on_error: OnError::Raise,
            max_bytes: MAX_BYTES,
            max_rows: MAX_ROWS,
            batch_first_row: 1,
        }
    }
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read `{path}`: {reason}")]
    Io {
        /// The path.
        path: String,
        /// What the system said.
        reason: String,
    },
    /// The file is not a well-formed table of its format.
    #[error("`{path}` is not a readable table: {reason}")]
    Format {
        /// The path (or `<bytes>`).
        path: String,
        /// What is wrong, with the position where known.
        reason: String,
    },
    /// Over a size limit.
    #[error("{0}")]
    TooLarge(String),
    /// A header problem: unknown near-miss, duplicate, missing required column, bad mapping.
    #[error("{0}")]
    Columns(String),
    /// A whole column has a type that cannot hold its values (a NIP as float).
    #[error("{table} column `{column}`: {reason}")]
    Column {
        /// The table.
        table: &'static str,
        /// The canonical column.
        column: String,
        /// Why, and how to fix it.
        reason: String,
    },
    /// An option that is not accepted (unknown encoding, missing sheet).
    #[error("{0}")]
    Options(String),
    /// The first cell problem, in `raise` mode.
    #[error("{0}")]
    Problem(Box<Problem>),
}

/// A table read into canonical columns.
#[derive(Debug, Clone)]
pub struct ReadTable {
    /// The table read.
    pub kind: TableKind,
    /// Canonical columns (see [`crate::schema`]), in canonical order; only those present.
    /// Ids, free text and periods are `Utf8`; numbers `decimal128(38, s)`; flags booleans;
    /// words (`work_result`, `polarity`, …) the dictionary of their vocabulary's canonical
    /// words, `int8` keys being the words' codes ([`ReadTable::with_text_words`] gives them as
    /// text).
    pub batch: RecordBatch,
    /// The source row of each row: 1-based data row, header excluded (in a spreadsheet whose
    /// header is on row 1, the sheet row is this plus one). Blank rows of a file are skipped.
    pub source_rows: Vec<u64>,
    /// False for a row with a problem (collect mode).
    pub row_valid: Vec<bool>,
    /// Headers that were not read, as written.
    pub ignored_columns: Vec<String>,
    /// Headers read, as written, with the canonical column each became.
    pub columns: Vec<(String, String)>,
    /// Derived columns: `indicator` from `indicator_name`, `result` from
    /// `result_description`, when the id column is absent.
    pub derived_columns: Vec<String>,
    /// Every cell problem (collect mode; empty otherwise).
    pub problems: Vec<Problem>,
}

impl ReadTable {
    /// Number of rows.
    pub fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// The text of a text or word canonical column at `row` (`None`: absent column or null).
    pub fn text(&self, column: &str, row: usize) -> Option<&str> {
        crate::cells::Text::of(self.batch.column_by_name(column)?)?.get(row)
    }

    /// The batch with its word columns (dictionaries of their vocabulary) as plain text
    /// (`Utf8`), for a reader that wants every column as text or numbers.
    pub fn with_text_words(&self) -> Result<RecordBatch, String> {
        let mut fields = Vec::with_capacity(self.batch.num_columns());
        let mut columns = Vec::with_capacity(self.batch.num_columns());
        for (field, a) in self.batch.schema().fields().iter().zip(self.batch.columns()) {
            let a = match a.as_any_dictionary_opt() {
                Some(d) => arrow_select::take::take(d.values(), d.keys(), None).map_err(|e| e.to_string())?,
                None => a.clone(),
            };
            fields.push(field.as_ref().clone().with_data_type(a.data_type().clone()));
            columns.push(a);
        }
        let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(self.batch.num_rows()));
        RecordBatch::try_new_with_options(Arc::new(arrow_schema::Schema::new(fields)), columns, &options)
            .map_err(|e| e.to_string())
    }

    /// The value of a decimal canonical column at `row`.
    pub fn decimal(&self, column: &str, row: usize) -> Option<Decimal> {
        let a = self.batch.column_by_name(column)?.as_primitive_opt::<Decimal128Type>()?;
        if row >= a.len() || a.is_null(row) {
            return None;
        }
        let scale = u32::try_from(a.scale()).ok()?;
        Decimal::try_from_i128_with_scale(a.value(row), scale).ok()
    }
}

/// Raw columns: headers as written, cells not yet typed.
#[derive(Debug)]
pub(crate) struct RawTable {
    /// Headers as written.
    pub headers: Vec<String>,
    /// One array per header, all of the same length.
    pub columns: Vec<ArrayRef>,
    /// For a text column of a workbook: which cells were number cells (read as plain
    /// numbers whatever the number format).
    pub plain: Vec<Option<Vec<bool>>>,
    /// Source row of each row.
    pub source_rows: Vec<u64>,
    /// Cells whose value is unknown (a workbook's formula without a stored value), by column
    /// (the index in `columns`), in the order of the sheet: each the error to raise when its
    /// column is read.
    pub unvalued: Vec<(usize, ReadError)>,
}

/// Reads a file into a canonical table of `kind`.
pub fn read_path(path: &Path, options: &ReadOptions, kind: TableKind) -> Result<ReadTable, ReadError> {
    let raw = read_raw_path(path, options, kind)?;
    crate::canonical::build(raw, options, kind)
}

/// Reads in-memory file contents of `format` into a canonical table of `kind`.
pub fn read_bytes(
    bytes: &[u8],
    format: FileFormat,
    options: &ReadOptions,
    kind: TableKind,
) -> Result<ReadTable, ReadError> {
    let name = "<bytes>";
    if bytes.len() as u64 > options.max_bytes {
        return Err(too_large(name, options.max_bytes));
    }
    let raw = match format {
        FileFormat::Csv => delimited::read(bytes, name, options)?,
        FileFormat::Xlsx => workbook::read(bytes, name, options)?,
        FileFormat::Parquet => columnar::read(bytes::Bytes::copy_from_slice(bytes), name, options, kind)?,
    };
    crate::canonical::build(raw, options, kind)
}

/// Converts an Arrow batch (from pandas, polars, pyarrow, DuckDB) into a canonical table of
/// `kind`: the same column resolution and typed conversion as for files.
pub fn canonicalise(
    batch: &RecordBatch,
    options: &ReadOptions,
    kind: TableKind,
) -> Result<ReadTable, ReadError> {
    // before a number per row is made: a batch of null columns may claim any length
    within_max_rows(batch, options, kind)?;
    let rows = (0..batch.num_rows() as u64).map(|r| r + options.batch_first_row).collect();
    canonicalise_rows(batch, rows, options, kind)
}

/// [`canonicalise`] for a batch whose rows problems name by `rows` (one number per row: e.g.
/// the data rows of the file a chunk was cut from, or of the rows kept by a filter), instead
/// of counting from [`ReadOptions::batch_first_row`].
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, RecordBatch, StringArray};
/// use kinerja_table::read::{ReadOptions, canonicalise_numbered};
/// use kinerja_table::schema::TableKind;
/// let text = |v: Vec<&str>| Arc::new(StringArray::from(v)) as ArrayRef;
/// let batch = RecordBatch::try_from_iter([
///     ("employee", text(vec!["a", "b"])),
///     ("behaviour", text(vec!["sesuai", "bagus"])),
/// ])?;
/// let (options, kind) = (ReadOptions::default(), TableKind::Employees);
/// let e = canonicalise_numbered(&batch, &[7, 12], &options, kind).unwrap_err();
/// assert!(e.to_string().starts_with("employees row 12, column `behaviour`"), "{e}");
/// assert!(canonicalise_numbered(&batch, &[7], &options, kind).is_err());
/// # Ok::<(), arrow_schema::ArrowError>(())
/// ```
pub fn canonicalise_numbered(
    batch: &RecordBatch,
    rows: &[u64],
    options: &ReadOptions,
    kind: TableKind,
) -> Result<ReadTable, ReadError> {
    if rows.len() != batch.num_rows() {
        return Err(ReadError::Columns(format!(
            "the {} table has {} rows but {} row numbers were given",
            kind.name(),
            batch.num_rows(),
            rows.len()
        )));
    }
    canonicalise_rows(batch, rows.to_vec(), options, kind)
}

fn canonicalise_rows(
    batch: &RecordBatch,
    source_rows: Vec<u64>,
    options: &ReadOptions,
    kind: TableKind,
) -> Result<ReadTable, ReadError> {
    within_max_rows(batch, options, kind)?;
    let raw = RawTable {
        headers: batch.schema().fields().iter().map(|f| f.name().clone()).collect(),
        columns: batch.columns().to_vec(),
        plain: vec![None; batch.num_columns()],
        source_rows,
        unvalued: Vec::new(),
    };
    crate::canonical::build(raw, options, kind)
}

/// [`ReadOptions::max_rows`] for a batch.
fn within_max_rows(batch: &RecordBatch, options: &ReadOptions, kind: TableKind) -> Result<(), ReadError> {
    if batch.num_rows() > options.max_rows {
        return Err(ReadError::TooLarge(format!(
            "the {} table has {} rows, more than the limit of {}",
            kind.name(),
            batch.num_rows(),
            options.max_rows
        )));
    }
    Ok(())
}

fn read_raw_path(path: &Path, options: &ReadOptions, kind: TableKind) -> Result<RawTable, ReadError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| ReadError::Io { path: shown.clone(), reason: e.to_string() };
    let format = match options.format {
        Some(f) => f,
        None => FileFormat::from_path(path)?,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ReadError::Io { path: shown, reason: "it is a directory, not a file".into() });
    }
    if meta.len() > options.max_bytes {
        return Err(too_large(&shown, options.max_bytes));
    }
    // read at most the limit (plus one byte to notice more): endless files end here too
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, options.max_bytes + 1), &mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > options.max_bytes {
        return Err(too_large(&shown, options.max_bytes));
    }
    match format {
        FileFormat::Csv => delimited::read(&bytes, &shown, options),
        FileFormat::Xlsx => workbook::read(&bytes, &shown, options),
        FileFormat::Parquet => columnar::read(bytes::Bytes::from(bytes), &shown, options, kind),
    }
}

/// Runs `read`, a third-party decoder (Parquet, XLSX, Arrow IPC) on a user's file, turning a
/// panic of the decoder into [`ReadError::Format`]: a damaged file is an error, never a crash
/// of the caller (a server worker, a notebook) nor a panic message on its standard error (the
/// command line speaks in one line). kinerja's own code does not panic; a decoder's is not
/// ours (the fuzz target `table_parquet` found eight places in `parquet` and `arrow-ipc`).
pub(crate) fn decoded<T>(
    path: &str,
    format: &str,
    read: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    quiet_while_decoding();
    DECODING.with(|d| d.set(true));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    DECODING.with(|d| d.set(false));
    caught.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ReadError::Format {
            path: path.to_string(),
            reason: format!(
                "the {format} reader failed on it ({what}): the file is damaged; export it again"
            ),
        })
    })
}

thread_local! {
    /// Whether this thread is inside [`decoded`].
    static DECODING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Wraps the process's panic hook once: a panic on a thread inside [`decoded`] is not
/// printed (it becomes the error); every other panic goes to the hook installed before.
fn quiet_while_decoding() {
    static WRAPPED: std::sync::Once = std::sync::Once::new();
    WRAPPED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !DECODING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

fn too_large(path: &str, limit: u64) -> ReadError {
    ReadError::TooLarge(format!(
        "`{path}` is larger than the limit of {limit} bytes (ReadOptions::max_bytes); split the file or raise the limit"
    ))
}

/// The error for more data rows than the limit.
pub(crate) fn too_many_rows(path: &str, limit: usize) -> ReadError {
    ReadError::TooLarge(format!(
        "`{path}` has more than {limit} data rows (ReadOptions::max_rows); split the file or raise the limit"
    ))
}

/// Text columns built row by row, straight into Arrow buffers (no string per cell).
pub(crate) struct TextRows {
    columns: Vec<StringBuilder>,
    source_rows: Vec<u64>,
}

impl TextRows {
    /// No rows yet, `width` columns.
    pub(crate) fn new(width: usize) -> Self {
        TextRows { columns: (0..width).map(|_| StringBuilder::new()).collect(), source_rows: Vec::new() }
    }

    /// Appends source row `row`: a `None` cell is null, cells past the last given are null.
    pub(crate) fn push<'a>(&mut self, row: u64, cells: impl IntoIterator<Item = Option<&'a str>>) {
        let mut given = 0;
        for (column, cell) in self.columns.iter_mut().zip(cells) {
            column.append_option(cell);
            given += 1;
        }
        for column in &mut self.columns[given..] {
            column.append_null();
        }
        self.source_rows.push(row);
    }

    /// The raw table.
    pub(crate) fn finish(self, headers: Vec<String>) -> RawTable {
        let plain = vec![None; headers.len()];
        let columns: Vec<ArrayRef> =
            self.columns.into_iter().map(|mut c| Arc::new(c.finish()) as ArrayRef).collect();
        RawTable { headers, columns, plain, source_rows: self.source_rows, unvalued: Vec::new() }
    }
}
