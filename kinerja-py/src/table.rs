//! The table layer from Python (`kinerja.score`, `kinerja.evaluate_frame`, `kinerja score`):
//! each table a path or an Arrow table (PyCapsule interface), read and scored by
//! `kinerja_table::run` with the GIL released; pyarrow tables out.

use std::path::PathBuf;

use arrow_array::RecordBatch;
use kinerja_core::ErrorFamily;
use kinerja_core::explain::Lang;
use kinerja_core::period::Period;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::problem::Problem;
use kinerja_table::read::{CsvBlocks, ReadError, ReadOptions, csv_blocks};
use kinerja_table::run::{Inputs, RunError, Source, read_source, run_with};
use kinerja_table::schema::TableKind;
use kinerja_table::score::{Detail, OnError, ScoreOptions, Scored};
use kinerja_table::write::{CsvOptions, Sheet, WriteError, write_csv, write_parquet, write_xlsx};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::{PyArray, PyTable};

use crate::batch::{pool, stats_dict};
use crate::errors::{Place, PyResultExt, input_error, located};
use crate::rules::RulesArg;

/// One input table as it arrived from Python.
pub enum Input {
    /// A file.
    Path(PathBuf),
    /// An Arrow table.
    Batch(RecordBatch),
    /// An Arrow table whose rows problems name by these numbers.
    Numbered(RecordBatch, Vec<u64>),
}

impl Input {
    /// The table as a run source.
    pub fn source(&self) -> Source<'_> {
        match self {
            Input::Path(p) => Source::Path(p),
            Input::Batch(b) => Source::Batch(b),
            Input::Numbered(b, rows) => Source::Numbered(b, rows),
        }
    }

    /// The table with its rows numbered by `rows` (an Arrow table only: a file numbers its
    /// own rows).
    fn numbered(self, rows: Option<RowNumbers>, field: &str) -> PyResult<Self> {
        match (self, rows) {
            (input, None) => Ok(input),
            (Input::Batch(b), Some(r)) => {
                let rows = r.rows(b.num_rows(), field)?;
                Ok(Input::Numbered(b, rows))
            }
            (_, Some(_)) => Err(input_error(field, "row numbers are given for an Arrow table, not a file")),
        }
    }
}

/// The numbers problems give the rows of a table: from a first number up, or one per row.
#[derive(FromPyObject)]
pub enum RowNumbers {
    /// The first row's number; each next row one more.
    From(u64),
    /// One number per row (an Arrow array of integers).
    Each(pyo3_arrow::PyArray),
}

impl RowNumbers {
    /// The number of each of `n` rows (`field` names the argument in an error).
    pub(crate) fn rows(self, n: usize, field: &str) -> PyResult<Vec<u64>> {
        match self {
            RowNumbers::From(first) => Ok((first..).take(n).collect()),
            RowNumbers::Each(a) => {
                use arrow_array::cast::AsArray;
                use arrow_array::types::{Int64Type, UInt64Type};
                let a = a.into_inner().0;
                let rows = match (a.as_primitive_opt::<UInt64Type>(), a.as_primitive_opt::<Int64Type>()) {
                    (_, _) if a.null_count() > 0 => None,
                    (Some(u), _) => Some(u.values().to_vec()),
                    (None, Some(i)) => i.values().iter().map(|v| u64::try_from(*v).ok()).collect(),
                    (None, None) => None,
                };
                rows.ok_or_else(|| {
                    input_error(field, "row numbers must be integers of 0 and more, one per row")
                })
            }
        }
    }
}

/// The tables of one call (indicators, and optionally employees and units), converted
/// while the GIL is held so that the run can go on without it.
pub struct TableArgs {
    indicators: Input,
    employees: Option<Input>,
    units: Option<Input>,
}

impl TableArgs {
    /// Converts the call's table arguments (paths or Arrow-compatible tables).
    pub fn new(
        indicators: &Bound<'_, PyAny>,
        employees: Option<&Bound<'_, PyAny>>,
        units: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Ok(TableArgs {
            indicators: input(indicators, "indicators")?,
            employees: employees.map(|e| input(e, "employees")).transpose()?,
            units: units.map(|u| input(u, "units")).transpose()?,
        })
    }

    /// The tables with their rows numbered as given (each `None`: as the table numbers them).
    fn numbered(self, rows: [Option<RowNumbers>; 3]) -> PyResult<Self> {
        let [ind, emp, units] = rows;
        let numbered = |t: Option<Input>, r: Option<RowNumbers>, field: &str| match (t, r) {
            (Some(t), r) => t.numbered(r, field).map(Some),
            (None, Some(_)) => {
                Err(input_error(field, "row numbers are given for a table that was not given"))
            }
            (None, None) => Ok(None),
        };
        Ok(TableArgs {
            indicators: self.indicators.numbered(ind, "indicator_rows")?,
            employees: numbered(self.employees, emp, "employee_rows")?,
            units: numbered(self.units, units, "unit_rows")?,
        })
    }

    /// The tables as run inputs.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs {
            indicators: self.indicators.source(),
            employees: self.employees.as_ref().map(Input::source),
            units: self.units.as_ref().map(Input::source),
        }
    }
}

/// The `on_error` argument: `raise` or `collect`.
pub fn on_error_arg(value: &str) -> PyResult<OnError> {
    match value {
        "raise" => Ok(OnError::Raise),
        "collect" => Ok(OnError::Collect),
        other => Err(input_error("on_error", format!("`{other}` is not accepted; accepted: raise, collect"))),
    }
}

/// A table argument: a `str` path, or any object with `__arrow_c_stream__`.
pub fn input(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Input> {
    if let Ok(path) = obj.extract::<PathBuf>() {
        return Ok(Input::Path(path));
    }
    Ok(Input::Batch(arrow_table(obj, field)?))
}

/// An Arrow table argument (any object with `__arrow_c_stream__`) as one record batch.
pub fn arrow_table(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<RecordBatch> {
    let table = PyTable::extract(obj.as_borrowed())
        .map_err(|e| input_error(field, format!("expected a path or an Arrow-compatible table: {e}")))?;
    let (batches, schema) = table.into_inner();
    arrow_select::concat::concat_batches(&schema, &batches)
        .map_err(|e| input_error(field, format!("the table cannot be read: {e}")))
}

/// A `delimiter=` argument: one ASCII character that separates cells, or `tab`.
fn delimiter_byte(d: &str) -> PyResult<u8> {
    kinerja_table::read::delimiter_of(d).ok_or_else(|| {
        input_error(
            "delimiter",
            format!(
                "delimiter `{d}` is not one ASCII character that can separate cells (not a letter, a digit, `.`, `-`, `+`, a quote or a line break); use `,`, `;`, `|` or `tab`"
            ),
        )
    })
}

/// The reading options from the keyword arguments.
pub fn read_options(
    number_format: Option<&str>,
    delimiter: Option<&str>,
    encoding: Option<String>,
    sheet: Option<String>,
    columns: Option<Vec<(String, String)>>,
) -> PyResult<ReadOptions> {
    let number_format = match number_format {
        Some(f) => f.parse::<NumberFormat>().map_err(|m| input_error("number_format", m))?,
        None => NumberFormat::Auto,
    };
    let delimiter = delimiter.map(delimiter_byte).transpose()?;
    if let Some(l) = encoding.as_deref().filter(|l| !kinerja_table::read::encoding_known(l)) {
        return Err(input_error(
            "encoding",
            format!(
                "encoding `{l}` is not known; use a standard label such as utf-8, windows-1252, latin1, utf-16le"
            ),
        ));
    }
    Ok(ReadOptions {
        number_format,
        delimiter,
        encoding,
        sheet,
        columns: columns.unwrap_or_default(),
        batch_first_row: 0,
        ..ReadOptions::default()
    })
}

/// The exception for a run error, located by its problem.
pub fn run_error(e: RunError) -> PyErr {
    match e {
        RunError::Read { error: ReadError::Problem(p), .. } => problem_error(ErrorFamily::Input, &p),
        RunError::Read { table, error } => {
            let field = match &error {
                ReadError::Column { column, .. } => column.clone(),
                _ => table.name().to_string(),
            };
            let e = RunError::Read { table, error };
            located(
                ErrorFamily::Input,
                &e.to_string(),
                &e.text(Lang::Id),
                Place { table: Some(table.name()), field: Some(field), ..Place::default() },
            )
        }
        RunError::Score(s) => problem_error(s.family, &s.problem),
        other => input_error("tables", other.to_string()),
    }
}

fn problem_error(family: ErrorFamily, p: &Problem) -> PyErr {
    let place = Place {
        table: Some(p.table.name()),
        field: Some(p.column.clone().unwrap_or_else(|| p.table.name().to_string())),
        row: p.row,
        employee: p.employee.clone(),
        indicator: p.indicator.clone(),
    };
    located(family, &p.to_string(), &p.text(Lang::Id), place)
}

/// `kinerja_table::run` from Python: see `kinerja.score`.
#[pyfunction]
#[pyo3(signature = (
    indicators, employees=None, units=None, *, rules=None, period=None, on_error="raise",
    detail="employee", number_format=None, delimiter=None, encoding=None, sheet=None, columns=None,
    indicator_rows=None, employee_rows=None, unit_rows=None
))]
#[allow(clippy::too_many_arguments)]
fn _table_score<'py>(
    py: Python<'py>,
    indicators: &Bound<'py, PyAny>,
    employees: Option<&Bound<'py, PyAny>>,
    units: Option<&Bound<'py, PyAny>>,
    rules: Option<RulesArg>,
    period: Option<&str>,
    on_error: &str,
    detail: &str,
    number_format: Option<&str>,
    delimiter: Option<&str>,
    encoding: Option<String>,
    sheet: Option<String>,
    columns: Option<Vec<(String, String)>>,
    indicator_rows: Option<RowNumbers>,
    employee_rows: Option<RowNumbers>,
    unit_rows: Option<RowNumbers>,
) -> PyResult<Bound<'py, PyDict>> {
    // no rules: the builtin ruleset in force for the evaluated period (`run_with`)
    let ruleset = rules.as_deref().map(|r| r.0.clone());
    let on_error = on_error_arg(on_error)?;
    let detail = match detail {
        "employee" => Detail::Employee,
        "indicator" => Detail::Indicator,
        other => {
            return Err(input_error(
                "detail",
                format!("`{other}` is not accepted; accepted: employee, indicator"),
            ));
        }
    };
    let period = period.map(|p| p.parse::<Period>()).transpose().py()?;
    let read = read_options(number_format, delimiter, encoding, sheet, columns)?;
    let tables =
        TableArgs::new(indicators, employees, units)?.numbered([indicator_rows, employee_rows, unit_rows])?;
    let pool = pool()?;
    // the problem table's messages in the language of exception messages (`set_error_lang`)
    let options = ScoreOptions { period, on_error, detail, lang: crate::errors::error_lang_value() };
    let scored: Result<Scored, RunError> =
        py.detach(|| pool.install(|| run_with(&tables.inputs(), &read, ruleset.as_deref(), &options)));
    let scored = scored.map_err(run_error)?;
    let out = PyDict::new(py);
    out.set_item("period", scored.period.map(|p| p.to_string()))?;
    out.set_item("employees", to_pyarrow(py, scored.employees)?)?;
    out.set_item("indicators", scored.indicators.map(|b| to_pyarrow(py, b)).transpose()?)?;
    out.set_item("units", to_pyarrow(py, scored.units)?)?;
    out.set_item("problems", to_pyarrow(py, scored.problems)?)?;
    let ignored = PyDict::new(py);
    for (kind, columns) in &scored.ignored_columns {
        ignored.set_item(kind.name(), columns)?;
    }
    out.set_item("ignored_columns", ignored)?;
    out.set_item("stats", stats_dict(py, &scored.stats)?)?;
    Ok(out)
}

/// Reads one table (a path or an Arrow table) into its canonical columns: headers resolved
/// (Indonesian aliases, `columns`), numbers and words read strictly; the first problem raises.
#[pyfunction]
#[pyo3(signature = (
    source, kind="indicators", *, number_format=None, delimiter=None, encoding=None, sheet=None, columns=None
))]
#[allow(clippy::too_many_arguments)]
fn _table_read<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    kind: &str,
    number_format: Option<&str>,
    delimiter: Option<&str>,
    encoding: Option<String>,
    sheet: Option<String>,
    columns: Option<Vec<(String, String)>>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = table_kind(kind)?;
    let read = read_options(number_format, delimiter, encoding, sheet, columns)?;
    let input = input(source, kind.name())?;
    let table = py.detach(|| read_source(input.source(), &read, kind)).map_err(run_error)?;
    let batch = table.with_text_words().map_err(|e| input_error(kind.name(), e))?;
    to_pyarrow(py, batch)
}

/// Checks reading options before any file is read (the command line's usage errors): the
/// same checks, and errors, as every reading call makes.
#[pyfunction]
#[pyo3(signature = (*, delimiter=None, encoding=None))]
fn _check_read_options(delimiter: Option<&str>, encoding: Option<String>) -> PyResult<()> {
    read_options(None, delimiter, encoding, None, None).map(|_| ())
}

/// Checks scoring options before any table is read (`kinerja.score`'s and the command line's
/// check): `on_error` and `period` parsed as `_table_score` parses them, in that order, with
/// its errors.
#[pyfunction]
#[pyo3(signature = (*, on_error="raise", period=None))]
fn _check_score_options(on_error: &str, period: Option<&str>) -> PyResult<()> {
    on_error_arg(on_error)?;
    period.map(|p| p.parse::<Period>()).transpose().py()?;
    Ok(())
}

/// A table argument for writing: one record batch.
fn batch_of(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<RecordBatch> {
    match input(obj, field)? {
        Input::Batch(b) | Input::Numbered(b, _) => Ok(b),
        Input::Path(_) => Err(input_error(field, "expected an Arrow-compatible table, got a path")),
    }
}

fn write_error(e: WriteError) -> PyErr {
    let field = "output";
    match e {
        WriteError::Io { .. } => pyo3::exceptions::PyOSError::new_err(e.to_string()),
        other => input_error(field, other.to_string()),
    }
}

/// Writes `table` to `path` as CSV (with `delimiter`) or Parquet, by the extension,
/// atomically (a temporary file beside it, renamed into place).
#[pyfunction]
#[pyo3(signature = (table, path, *, delimiter=","))]
fn _write_table(py: Python<'_>, table: &Bound<'_, PyAny>, path: PathBuf, delimiter: &str) -> PyResult<()> {
    let batch = batch_of(table, "table")?;
    let delimiter = delimiter_byte(delimiter)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    py.detach(|| match ext.as_str() {
        "parquet" | "pq" => write_parquet(&batch, &path),
        _ => write_csv(&batch, &path, &CsvOptions { delimiter }),
    })
    .map_err(write_error)
}

/// A CSV file written table by table as they come (`kinerja score` streaming a file), by the
/// one rule of `kinerja_table::write::CsvWriter`: the bytes `_write_table` writes for the
/// tables concatenated. `path` is created (truncated); the caller makes it atomic.
#[pyclass(module = "kinerja._kinerja", name = "_CsvWriter")]
struct PyCsvWriter {
    path: PathBuf,
    writer: std::sync::Mutex<Option<kinerja_table::write::CsvWriter<std::io::BufWriter<std::fs::File>>>>,
}

#[pymethods]
impl PyCsvWriter {
    #[new]
    #[pyo3(signature = (path, *, delimiter=","))]
    fn new(path: PathBuf, delimiter: &str) -> PyResult<Self> {
        let delimiter = delimiter_byte(delimiter)?;
        let file = std::fs::File::create(&path).map_err(|e| write_error(WriteError::io(&path, e)))?;
        let out = std::io::BufWriter::with_capacity(1 << 20, file);
        let writer = kinerja_table::write::CsvWriter::new(out, CsvOptions { delimiter });
        Ok(PyCsvWriter { path, writer: std::sync::Mutex::new(Some(writer)) })
    }

    /// Writes `table`'s rows (the header first, with the first table).
    fn write(&self, py: Python<'_>, table: &Bound<'_, PyAny>) -> PyResult<()> {
        let batch = batch_of(table, "table")?;
        let path = &self.path;
        py.detach(|| match self.writer.lock().as_deref_mut() {
            Ok(Some(w)) => w.write(&batch).map_err(|e| WriteError::io(path, e)),
            _ => Err(WriteError::io(path, std::io::Error::other("the file is closed"))),
        })
        .map_err(write_error)
    }

    /// Flushes and closes the file (again: nothing to do).
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        let path = &self.path;
        py.detach(|| match self.writer.lock().map(|mut w| w.take()) {
            Ok(Some(w)) => w.finish().map(drop).map_err(|e| WriteError::io(path, e)),
            _ => Ok(()),
        })
        .map_err(write_error)
    }
}

/// Writes `sheets` (`(name, table)` pairs) to an XLSX workbook at `path`, labels in `lang`.
#[pyfunction]
#[pyo3(signature = (sheets, path, *, lang="id"))]
fn _write_workbook(
    py: Python<'_>,
    sheets: Vec<(String, Bound<'_, PyAny>)>,
    path: PathBuf,
    lang: &str,
) -> PyResult<()> {
    let lang = lang.parse::<Lang>().py()?;
    let batches: Vec<(String, RecordBatch)> =
        sheets.iter().map(|(n, t)| Ok((n.clone(), batch_of(t, n)?))).collect::<PyResult<_>>()?;
    py.detach(|| {
        let sheets: Vec<Sheet> = batches.iter().map(|(name, batch)| Sheet { name, batch }).collect();
        write_xlsx(&sheets, &path, lang)
    })
    .map_err(write_error)
}

/// A pyarrow table of `batch`, read through the Arrow C stream by
/// `pyarrow.RecordBatchReader.from_stream` (`pyarrow.table(…)` would first ask whether it is a
/// pandas frame, which imports pandas: 0.2 s of a command line's start).
pub(crate) fn to_pyarrow(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyAny>> {
    let schema = batch.schema();
    let table = Bound::new(py, PyTable::try_new(vec![batch], schema)?)?;
    let reader = py.import("pyarrow")?.getattr("RecordBatchReader")?.call_method1("from_stream", (table,))?;
    reader.call_method0("read_all")
}

/// The rows of a CSV file block by block, read as the table layer reads the whole file (see
/// `kinerja_table::read::csv_blocks`), for the command line's streamed scoring. Each item is
/// `(table, rows)`: a pyarrow table of text columns named as written (blank cells null), and
/// the file's data row of each row (int64: from 1, blank lines counted).
#[pyclass(module = "kinerja._kinerja", name = "_CsvBlocks")]
struct CsvBlockReader {
    blocks: std::sync::Mutex<CsvBlocks>,
    table: TableKind,
}

#[pymethods]
impl CsvBlockReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
        let next = py.detach(|| match self.blocks.lock() {
            Ok(mut b) => b.next(),
            Err(_) => None,
        });
        match next {
            None => Ok(None),
            Some(Err(e)) => Err(read_error(e, self.table)),
            Some(Ok(block)) => {
                let rows: Vec<i64> =
                    block.source_rows.iter().map(|r| i64::try_from(*r).unwrap_or(i64::MAX)).collect();
                let rows: arrow_array::ArrayRef = std::sync::Arc::new(arrow_array::Int64Array::from(rows));
                let rows = PyArray::from_array_ref(rows).to_pyarrow(py)?.unbind().into_bound(py);
                Ok(Some((to_pyarrow(py, block.batch)?, rows)))
            }
        }
    }
}

/// A `table` file that cannot be read: `OSError` for the system's refusal, else the error
/// `kj.score(path)` raises for it.
fn read_error(e: ReadError, table: TableKind) -> PyErr {
    match e {
        ReadError::Io { .. } => pyo3::exceptions::PyOSError::new_err(e.to_string()),
        error => run_error(RunError::Read { table, error }),
    }
}

/// The blocks of the CSV file at `path`, a `kind` table (UTF-8, its delimiter told from the
/// header line unless given), each about `block_bytes` long: see [`CsvBlockReader`].
#[pyfunction]
#[pyo3(signature = (path, *, kind="indicators", delimiter=None, block_bytes=16777216))]
fn _csv_blocks(
    path: PathBuf,
    kind: &str,
    delimiter: Option<&str>,
    block_bytes: usize,
) -> PyResult<CsvBlockReader> {
    let table = table_kind(kind)?;
    let delimiter = delimiter.map(delimiter_byte).transpose()?;
    let options = ReadOptions { delimiter, ..ReadOptions::default() };
    let blocks = csv_blocks(&path, &options, block_bytes).map_err(|e| read_error(e, table))?;
    Ok(CsvBlockReader { blocks: std::sync::Mutex::new(blocks), table })
}

/// The table of a `kind` argument.
fn table_kind(kind: &str) -> PyResult<TableKind> {
    match kind {
        "indicators" => Ok(TableKind::Indicators),
        "employees" => Ok(TableKind::Employees),
        "units" => Ok(TableKind::Units),
        other => Err(input_error(
            "kind",
            format!("`{other}` is not accepted; accepted: indicators, employees, units"),
        )),
    }
}

/// The canonical column each header of a `kind` table resolves to (`None`: not read), as the
/// table layer resolves them (Indonesian aliases such as `NIP`, case and punctuation ignored);
/// a near-miss or duplicate header raises the error `kj.score` raises for it.
#[pyfunction]
fn _canonical_names(headers: Vec<String>, kind: &str) -> PyResult<Vec<Option<&'static str>>> {
    let table = table_kind(kind)?;
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    match kinerja_table::columns::resolve(&names, &[], table) {
        Ok(r) => Ok(r.canonical),
        Err(m) => Err(run_error(RunError::Read { table, error: ReadError::Columns(m) })),
    }
}

/// Registers `_table_score`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("_EMPLOYEE_COLUMNS", kinerja_table::schema::EMPLOYEE_COLUMNS.to_vec())?;
    // each table's name in messages, English and Indonesian (what a problem's text starts with)
    let names: Vec<(&str, Vec<&str>)> = [TableKind::Indicators, TableKind::Employees, TableKind::Units]
        .into_iter()
        .map(|t| (t.name(), vec![t.name_in(Lang::En), t.name_in(Lang::Id)]))
        .collect();
    m.add("_TABLE_NAMES", names.into_iter().collect::<std::collections::HashMap<_, _>>())?;
    m.add_function(wrap_pyfunction!(_table_score, m)?)?;
    m.add_function(wrap_pyfunction!(_table_read, m)?)?;
    m.add_function(wrap_pyfunction!(_check_read_options, m)?)?;
    m.add_function(wrap_pyfunction!(_check_score_options, m)?)?;
    m.add_class::<PyCsvWriter>()?;
    m.add_function(wrap_pyfunction!(_write_table, m)?)?;
    m.add_function(wrap_pyfunction!(_canonical_names, m)?)?;
    m.add_function(wrap_pyfunction!(_csv_blocks, m)?)?;
    m.add_class::<CsvBlockReader>()?;
    m.add_function(wrap_pyfunction!(_write_workbook, m)?)?;
    Ok(())
}
