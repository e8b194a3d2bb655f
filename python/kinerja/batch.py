"""Columnar batch scoring (PermenPANRB 6/2022) from Arrow: ``kinerja.score``.

One call scores a whole roster — millions of employees — exactly as the scalar API would
(``kinerja.evaluate`` per plan with ``annual_rollup = appraiser_input``), on a dedicated thread
pool with the GIL released.

Input tables (any object with the Arrow PyCapsule interface: pandas ≥ 2.2, polars, pyarrow,
DuckDB results), column names as in :func:`kinerja.evaluate_frame`:

``indicators`` — one row per indicator of an employee for the scored period (realisations
already aggregated for the period):
    ``employee`` (id), ``target`` (or ``target_low`` and ``target_high`` for a range),
    ``actual`` (null: no realisation, per policy ``rating.missing_realisation``); optional
    ``indicator`` (id, used in error locations), ``polarity`` (``higher_is_better`` /
    ``lower_is_better`` or any accepted label), ``weight``, ``cap``, ``result_kind``
    (``primary`` / ``additional``). Rows may come in any order; sorted by employee is faster.

``employees`` — one row per employee: ``employee`` (id); optional ``unit``, ``work_result``
(the appraiser's rating; null: use the policy's advice), ``behaviour`` (required for a
predicate), ``post_type``, ``unit_head``, ``org_predicate``. When ``employees`` is omitted
these columns are read from the indicator table (first row of each employee) — the "wide"
shape used by :mod:`kinerja.dask` and :mod:`kinerja.spark`.

``units`` — optional, one row per unit: ``unit``, ``org_predicate`` (for the JPT rule).

Accepted number types: decimal128, integers and strings are exact; float64 (what pandas reads
from a CSV) is converted through each value's shortest round-trip decimal, so ``9.12`` is
exactly ``9.12``; NaN and infinities are errors (raised in both ``on_error`` modes, naming the
row and column, since they make the whole column's conversion meaningless).

The result is a :class:`BatchResult` of tables in the caller's library (pandas in → pandas
out with Arrow-backed ``decimal128`` columns, polars → polars, pyarrow → pyarrow).
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, ParamSpec, TypeVar, overload

from kinerja import _kinerja as _native
from kinerja._kinerja import InputError, InputTypeError, KinerjaError, Ruleset
from kinerja.enums import FunctionalGrade, OrgPredicate, Polarity, PostType, Rating
from kinerja.exceptions import error, require

__all__ = [
    "ERROR_COLUMNS",
    "BatchResult",
    "employee_schema",
    "get_num_threads",
    "indicator_schema",
    "output_meta",
    "score",
    "set_num_threads",
]

RATINGS = ("below", "meets", "above")
POLARITIES = ("higher_is_better", "lower_is_better")
PREDICATES = ("very_poor", "poor_misconduct", "needs_improvement", "good", "very_good")
ORG_PREDICATES = ("very_poor", "poor", "needs_improvement", "good", "outstanding")
GRADES = (
    "beginner",
    "skilled",
    "proficient",
    "supervisor",
    "first_expert",
    "junior_expert",
    "middle_expert",
    "senior_expert",
)
ERROR_COLUMNS = ("table", "row", "employee", "indicator", "field", "family", "message")


def set_num_threads(n: int) -> None:
    """Threads of the batch pool (0: ``KINERJA_NUM_THREADS`` or the number of CPUs)."""
    _native.set_num_threads(n)


def get_num_threads() -> int:
    """Threads the batch pool uses."""
    n: int = _native.get_num_threads()
    return n


_Frame = TypeVar("_Frame")


@dataclass(frozen=True)
class BatchResult(Generic[_Frame]):
    """Results of :func:`score`, each table in the caller's library.

    ``indicators``: the input row order, with ``achievement`` (decimal128, null for a row with
    an error or excluded). ``employees``: one row per employee with ``weighted_achievement``,
    ``advised_rating``, ``work_result``, ``work_result_source``, ``behaviour``, ``predicate``,
    ``disagreement``, ``weights_normalised`` (the given weights did not add up to 100 and the
    mean was divided by their sum, as the scalar evaluation notes; refused instead under the
    policy's ``rating.weights_must_sum_to``), ``ok``, ``status`` (``ok``, ``error``, or
    ``no_indicators`` for an employee without indicator rows under the policy's
    ``rating.require_indicators``; by default such an employee is rated by the appraiser's
    ratings alone, as ``kj.evaluate`` rates a plan without indicators) and, when the
    employee table has ``functional_grade``, the annual ``credit_points`` (decimal128; the
    core's ``credit_points`` for 12 months). ``units``:
    one row per unit with its ``org_predicate`` (when given), the counted employees per
    predicate (``very_poor`` … ``very_good``; the unit head only when the policy's
    ``organisation.head_counted``; ``heads_excluded`` counts the others) and the distribution
    curve of SE MenPANRB 3/2023 on those counts: ``distribution_passed`` (null when the unit
    has no organisational predicate), ``violations`` (how many constraints fail) and
    ``violated`` / ``violated_id`` (the failed constraints in English / Indonesian, e.g.
    ``Good at most 70% of 10 = 7 (rounded floor)``). ``errors``: one row per
    problem (``table``, ``row``, ``employee``, ``indicator``, ``field``, ``value``, ``family``,
    ``message``, in the language of exception messages: :func:`kinerja.set_error_lang`); empty
    unless ``on_error="collect"``. ``row`` is the position (from 0) in a
    frame, the data row (from 1, header excluded) in a file. ``stats``: which path of the
    kernel decided how much (the results are the same on every path): ``fast_rows`` (rows on
    fixed-point machine words), of them ``plain_rows`` (the plain row loop), ``fallback_rows``
    (the exact ``rust_decimal`` kernel), ``plain_employees`` (means on the plain loop) and
    ``fallback_employees`` (means on ``rust_decimal``).
    """

    indicators: _Frame
    employees: _Frame
    units: _Frame
    errors: _Frame
    stats: dict[str, int]
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    """Headers that were not read, per table (``{"indicators": ["No", "Catatan"]}``):
    reported, never dropped without a word."""

    def to_excel(self, path: str | os.PathLike[str], *, lang: str = "id") -> None:
        """Writes the results to an XLSX workbook at ``path``: sheets ``employees``,
        ``indicators``, ``units`` and ``problems``; scores as numeric cells with their decimals,
        predicates and ratings as labels in ``lang`` (``"id"``: *Baik*, ``"en"``: *Good*), bold
        frozen header row, fitted column widths. Written atomically (a temporary file beside
        ``path``, renamed into place); an existing file at ``path`` is replaced."""
        sheets = [
            ("employees", _to_arrow(self.employees, "employees")),
            ("indicators", _to_arrow(self.indicators, "indicators")),
            ("units", _to_arrow(self.units, "units")),
            ("problems", _to_arrow(self.errors, "errors")),
        ]
        _native._write_workbook(sheets, os.fspath(path), lang=lang)


def _library(obj: Any) -> str:
    mod = type(obj).__module__.split(".")[0]
    if mod in ("pandas", "polars", "pyarrow"):
        return mod
    return "pyarrow"


def _to_arrow(obj: Any, what: str = "indicators") -> Any:
    """A pyarrow table from a pandas / polars / pyarrow table or a dict of columns; anything
    else is an :class:`~kinerja.exceptions.InputTypeError` naming the argument ``what``."""
    import pyarrow as pa

    if isinstance(obj, pa.Table):
        return _without_views(obj)
    if isinstance(obj, pa.RecordBatch):
        return _without_views(pa.Table.from_batches([obj]))
    mod = type(obj).__module__.split(".")[0]
    try:
        if mod == "pandas":
            return _without_views(pa.Table.from_pandas(obj, preserve_index=False))
        if hasattr(obj, "__arrow_c_stream__") or isinstance(obj, dict):
            return _without_views(pa.table(obj))
    except (pa.ArrowException, TypeError, ValueError) as e:
        raise error(InputError, f"{what}: cannot be read as a table: {e}", what) from None
    raise error(
        InputTypeError,
        f"{what}: expected an Arrow-compatible table (pandas, polars, pyarrow, or a dict of columns), "
        f"got {type(obj).__name__}",
        what,
    )


def _without_views(table: Any) -> Any:
    """``table`` with its view columns in the types pyarrow compute reads everywhere (it has no
    ``take`` of ``string_view``, which polars exports): ``string_view`` as ``large_string``,
    ``binary_view`` as ``large_binary``, a dictionary of either as a dictionary of those (as
    polars' own ``to_arrow`` gives). A table without view columns is returned as it is."""
    import pyarrow as pa

    schema = table.schema
    fields = [f.with_type(_unviewed(f.type)) for f in schema]
    if all(f.type == g.type for f, g in zip(fields, schema, strict=True)):
        return table
    return table.cast(pa.schema(fields, metadata=schema.metadata))


def _unviewed(kind: Any) -> Any:
    """The type :func:`_without_views` gives a column of type ``kind``."""
    import pyarrow as pa

    if pa.types.is_string_view(kind):
        return pa.large_string()
    if pa.types.is_binary_view(kind):
        return pa.large_binary()
    if pa.types.is_dictionary(kind):
        return pa.dictionary(kind.index_type, _unviewed(kind.value_type), kind.ordered)
    return kind


def _from_arrow(table: Any, library: str) -> Any:
    if library == "pandas":
        import pandas as pd
        import pyarrow as pa

        # label (dictionary) columns as pandas categoricals, everything else Arrow-backed
        return table.to_pandas(types_mapper=lambda t: None if pa.types.is_dictionary(t) else pd.ArrowDtype(t))
    if library == "polars":
        import polars as pl

        return pl.from_arrow(table)
    return table


def _col(table: Any, name: str) -> Any:
    if name not in table.column_names:
        return None
    c = table.column(name)
    return c.combine_chunks() if c.num_chunks != 1 else c.chunk(0)


def _plain(arr: Any) -> Any:
    """Dictionary and view types decoded to plain arrays."""
    import pyarrow as pa

    if arr is None:
        return None
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    if pa.types.is_string_view(arr.type):
        arr = arr.cast(pa.large_string())
    return arr


def _unit_codes(unit_index: Any, codes: Any, n_units: int) -> Any:
    """Per unit (``0..n_units``) the one code its employees (``unit_index``, null: none) state,
    null when none states one (a null code states nothing); ``None`` when two employees of a
    unit state different codes."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = pa.table({"u": pc.cast(unit_index, pa.int64()), "c": codes}).filter(pc.is_valid(unit_index))
    g = t.group_by("u").aggregate([("c", "min"), ("c", "max")])
    if pc.all(pc.equal(g["c_min"], g["c_max"])).as_py() is False:
        return None
    at = pc.index_in(pa.array(range(n_units), pa.int64()), value_set=g["u"])
    return pc.take(g["c_min"].combine_chunks(), at)


class _Unreadable(Exception):
    """A word or code of column ``args[0]`` that the direct kernel path does not read: the
    tables then go through the table layer, which names the row and cell."""


def _known_codes(codes: Any, allowed: tuple[str, ...], field: str) -> None:
    """Raises :class:`_Unreadable` unless every integer code stands for a value of ``allowed``."""
    import pyarrow.compute as pc

    if len(codes) > codes.null_count:
        low, high = pc.min_max(codes).values()
        if low.as_py() < 0 or high.as_py() >= len(allowed):
            raise _Unreadable(field)


def _codes(arr: Any, parse: Any, allowed: tuple[str, ...], field: str) -> Any:
    """Enum text column → uint8 codes (null stays null); each distinct value parsed once; an
    unknown word or code raises :class:`_Unreadable`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if arr is None:
        return None
    if pa.types.is_dictionary(arr.type) and len(arr.dictionary) <= _SMALL_DICTIONARY:
        return _dictionary_codes(arr, parse, allowed, field)
    arr = _plain(arr)
    if pa.types.is_integer(arr.type):
        _known_codes(arr, allowed, field)
        return arr.cast(pa.uint8())
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.uint8())
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        # native fast path: known spellings → codes; each unknown spelling parsed once
        labels = list(allowed)
        codes = list(range(len(allowed)))
        for _ in range(64):
            out, unknown = _native._encode(arr, labels, codes)
            if out is not None:
                return out
            if unknown is None:
                break
            try:
                codes.append(allowed.index(parse(unknown).value))
            except (KinerjaError, ValueError):
                raise _Unreadable(field) from None
            labels.append(unknown)
    enc = pc.dictionary_encode(arr.cast(pa.large_string()))
    mapping = []
    for v in enc.dictionary.to_pylist():
        try:
            mapping.append(allowed.index(parse(v).value))
        except (KinerjaError, ValueError):
            raise _Unreadable(field) from None
    lut = pa.array(mapping, pa.uint8())
    return pc.take(lut, enc.indices)


# A dictionary-encoded enum column with at most this many distinct values is encoded through
# its dictionary (each value read once, the codes taken by index) instead of decoded.
_SMALL_DICTIONARY = 4096


def _dictionary_codes(arr: Any, parse: Any, allowed: tuple[str, ...], field: str) -> Any:
    """Codes of a dictionary-encoded enum column: each dictionary value read once, then taken
    by the indices. A value no row uses is not read as an error; one a row uses is, as in
    :func:`_codes`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = arr.dictionary
    if pa.types.is_integer(values.type):
        _known_codes(values, allowed, field)
        return _native._dictionary_codes(arr.indices, values.cast(pa.uint8()).to_pylist())

    def code_of(v: str) -> int:
        return allowed.index(parse(v).value)

    mapping: list[int | None] = []
    bad: dict[int, Exception] = {}
    for i, v in enumerate(values.cast(pa.large_string()).to_pylist()):
        try:
            mapping.append(None if v is None else code_of(v))
        except (KinerjaError, ValueError) as exc:
            mapping.append(None)
            bad[i] = exc
    if bad:
        indices = arr.indices.cast(pa.int32())
        used = pc.is_in(indices, value_set=pa.array(list(bad), pa.int32()))
        if pc.any(used).as_py():
            raise _Unreadable(field)
    return _native._dictionary_codes(arr.indices, mapping)


def _bools(arr: Any) -> Any:
    """A boolean column as it is (a column of nulls as booleans); :func:`_canonical` sends any
    other type through the table layer, which reads its words."""
    import pyarrow as pa

    if arr is None:
        return None
    arr = _plain(arr)
    return pa.nulls(len(arr), pa.bool_()) if pa.types.is_null(arr.type) else arr


def _index(keys: Any, values: Any) -> tuple[Any, bool | None]:
    """Row of each key in ``values`` (int32, null when absent), and whether every row of
    ``values`` is some key's (``None``: not known without counting)."""
    import pyarrow.compute as pc

    keys, values = _plain(keys), _plain(values)
    aligned = _native._align_keys(keys, values)
    if aligned is not None:
        return aligned
    return pc.index_in(keys, value_set=values), None


def _numeric(arr: Any) -> Any:
    import pyarrow as pa

    arr = _plain(arr)
    if arr is not None and pa.types.is_decimal(arr.type) and arr.type.bit_width != 128:
        arr = arr.cast(pa.decimal128(38, arr.type.scale))
    return arr


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _kinerja_errors(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Every failure of ``fn`` is a :class:`KinerjaError`: a ``rules`` that is not a
    :class:`Ruleset` is an :class:`InputTypeError`; an Arrow conversion error (a decimal256
    value, an int code out of range, int64 against string ids) and a lone surrogate in a text
    cell are :class:`InputError`; an indicator row naming no employee of the table names the id."""

    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        pa = require("pyarrow", "frames", "kinerja.score")

        given = signature.bind_partial(*args, **kwargs).arguments
        rules = given.get("rules")
        tables = given.get("tables")
        indicators = given.get("indicators", tables[0] if tables else None)
        if rules is not None and not isinstance(rules, Ruleset):
            raise error(
                InputTypeError,
                f"rules: expected a kinerja.Ruleset (e.g. Ruleset.builtin(...)), got {type(rules).__name__}",
                "rules",
            )
        try:
            return fn(*args, **kwargs)
        except KinerjaError as e:
            row, field, emp = (getattr(e, a, None) for a in ("row", "field", "employee"))
            located = e.table is not None  # the table layer's problems name their table and cell
            if located or field != "employee" or row is None or emp is not None or indicators is None:
                raise
            if isinstance(indicators, (str, os.PathLike)):
                raise
            ids = _to_arrow(indicators).column("employee")
            who = ids[int(row)].as_py() if int(row) < len(ids) else None
            raise error(
                InputError,
                f"row {row}: employee `{who}` is not in the employee table; add its row or fix the id",
                "employee",
                int(row),
                who,
            ) from None
        except pa.ArrowException as e:
            raise error(InputError, f"the tables cannot be converted: {e}", "tables") from None
        except UnicodeEncodeError as e:
            bad = str(e.object[max(0, e.start - 20) : e.end + 20]).encode("utf-8", "backslashreplace")
            raise error(
                InputError,
                f"a text cell is not valid Unicode (a lone surrogate in {bad.decode()!r}); fix the cell",
                "tables",
            ) from None

    return wrapper


@overload
def score(
    indicators: str | os.PathLike[str],
    employees: Any = None,
    units: Any = None,
    rules: Ruleset | None = None,
    period: Any = None,
    on_error: str = "raise",
    *,
    number_format: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> BatchResult[Any]: ...


@overload
def score(
    indicators: Mapping[str, Any],
    employees: Any = None,
    units: Any = None,
    rules: Ruleset | None = None,
    period: Any = None,
    on_error: str = "raise",
    *,
    number_format: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> BatchResult[Any]: ...


@overload
def score(
    indicators: _Frame,
    employees: Any = None,
    units: Any = None,
    rules: Ruleset | None = None,
    period: Any = None,
    on_error: str = "raise",
    *,
    number_format: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> BatchResult[_Frame]: ...


@_kinerja_errors
def score(
    indicators: Any,
    employees: Any = None,
    units: Any = None,
    rules: Ruleset | None = None,
    period: Any = None,
    on_error: str = "raise",
    *,
    number_format: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> BatchResult[Any]:
    """Scores a roster in one call (see the module docs for the tables).

    The result's tables are of the input's library (pandas, polars or pyarrow; a mapping of
    columns gives pyarrow), and type checkers see them so: ``BatchResult[pd.DataFrame]``.

    ``indicators`` (and ``employees``, ``units``) may also be paths of CSV, XLSX or Parquet
    files, read by the table layer (kinerja-table) with ``number_format`` (``"plain"``,
    ``"id"``, ``"auto"``), ``delimiter``, ``encoding``, ``sheet`` and ``columns`` (a header →
    column mapping); Indonesian headers, numbers and words are read as ``docs/tables.md``
    documents. Tables that are not already canonical (text numbers, other headers, a ``period``
    column, duplicates, codes as floats) go the same way; canonical typed tables take the direct
    kernel path, with the same results.

    ``rules`` defaults to the builtin ruleset in force for the evaluated period, as
    :func:`kinerja.evaluate` chooses it (PermenPANRB 6/2022 from 2022, and when no period is
    known); batch scoring implements 6/2022 only, so a table of an earlier period is refused
    with a ``PolicyError`` naming the regime in force (evaluate its plans one by one). Rules
    given explicitly are applied whatever the period (a what-if, as in ``kj.evaluate``).
    ``period`` is the evaluated
    period of a table with a ``period`` column (default: the year of the realisations), and is
    recorded only for a table without one (its rows hold the period's values).
    ``on_error="raise"`` raises the first error
    (lowest indicator row, then lowest employee row) as a :class:`kinerja.KinerjaError` with
    its location; ``"collect"`` returns every error in ``result.errors`` and leaves the
    affected employees without a score (``ok`` false) — no row is dropped.

    The label columns (ratings, ``work_result_source``, ``predicate``, ``status``,
    ``org_predicate``) are dictionary-encoded with every value of their enum as categories:
    pandas categoricals, polars ``Categorical``, pyarrow dictionary arrays.

    >>> import pyarrow as pa, kinerja as kj
    >>> ind = pa.table({"employee": ["a", "a"], "target": [100, 80], "actual": [91.2, 90]})
    >>> emp = pa.table({"employee": ["a"], "work_result": ["above"], "behaviour": ["meets"]})
    >>> r = kj.score(ind, emp)
    >>> r.employees.column("predicate").to_pylist()
    ['good']
    >>> str(r.employees.column("weighted_achievement")[0])
    '101.85'
    """
    require("pyarrow", "frames", "kinerja.score")
    read = {"number_format": number_format, "delimiter": delimiter, "encoding": encoding, "sheet": sheet}
    return _score([indicators, employees, units], rules, period, on_error, read, columns)


@_kinerja_errors
def _score(
    tables: list[Any],
    rules: Ruleset | None,
    period: Any,
    on_error: str,
    read: dict[str, Any],
    columns: Mapping[str, str] | None,
    rows: tuple[Any, Any, Any] | None = None,
) -> BatchResult[Any]:
    """:func:`score`'s work; ``rows`` (the command line's) numbers the rows of the indicator,
    employee and unit tables in problems: a first number or one number per row for each
    (``None``: as the table numbers them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    _check_options(period, on_error)
    indicators, employees, units = tables
    if any(isinstance(t, (str, os.PathLike)) for t in tables) or columns or any(read.values()):
        return _score_tables(tables, rules, period, on_error, read, columns, rows=rows)
    library = _library(indicators)
    ind = _to_arrow(indicators)
    emp_in = None if employees is None else _to_arrow(employees, "employees")
    unit_in = None if units is None else _to_arrow(units, "units")
    if not _fast_columns(ind, emp_in):
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)
    # each column in one chunk once (a column is read several times below, from the checks of
    # `_canonical` on; a no-op for the usual one-chunk tables, one copy for the command line's
    # batches cut across file blocks)
    ind = ind.combine_chunks()
    emp_in = None if emp_in is None else emp_in.combine_chunks()
    unit_in = None if unit_in is None else unit_in.combine_chunks()
    if not _canonical(ind, emp_in, unit_in):
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)
    emp_keys_ind = _plain(_col(ind, "employee"))
    repeated: dict[str, Any] = {}  # employee columns on the indicator rows
    id_changes = None
    if employees is None:
        uniq, first, id_changes = _first_rows(emp_keys_ind)
        cols = {"employee": uniq}
        for name in _EMPLOYEE_ON_ROWS:
            c = _col(ind, name)
            if c is not None:
                repeated[name] = c
                cols[name] = pc.take(c, first)
        emp = pa.table(cols)
    else:
        emp = emp_in
    emp_ids = _plain(_col(emp, "employee"))
    every: bool | None
    if id_changes is not None:
        # rows grouped by employee, each employee once: numbered at the changes of id
        emp_index, every = _run_numbers(id_changes), True
    else:
        emp_index, every = _index(emp_keys_ind, emp_ids)
    if not _ids_as_read(emp_ids, emp_index, emp_keys_ind):
        # an id the table layer trims or refuses (spaces around it, empty, float-shaped)
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)
    indicator_ids = _plain(_col(ind, "indicator"))
    if indicator_ids is not None and _native._repeated_indicator(emp_index, indicator_ids):
        # two rows of one employee for one indicator: the table layer names both rows
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)
    if repeated and not _same_on_every_row(repeated, emp, emp_index, id_changes):
        # an employee whose rows disagree on one of its columns: the table layer names both rows
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)
    if every is None and employees is not None:
        every = _every_row_reached(emp_index, len(emp_ids))
    if employees is not None and not every:
        # an employee row that no indicator row reaches: a duplicate id (index_in finds the
        # first) or an employee without indicators; the table layer names which
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)

    try:
        unit_tab = unit_in
        unit_ids = None
        unit_index = None
        org_codes = None
        emp_units = _col(emp, "unit")
        if emp_units is not None:
            dense = None if unit_tab is not None else _native._unit_index(_plain(emp_units))
            if dense is not None:
                unit_ids, unit_index = dense
            else:
                if unit_tab is not None:
                    unit_ids = _plain(_col(unit_tab, "unit"))
                else:
                    unit_ids = pc.unique(_plain(emp_units))
                unit_index, _ = _index(emp_units, unit_ids)
            if not _ids_as_read(unit_ids, unit_index, emp_units):
                raise _Unreadable("unit")
            if unit_tab is not None:
                org = _col(unit_tab, "org_predicate")
                org_codes = _codes(org, OrgPredicate, ORG_PREDICATES, "org_predicate")
            elif _col(emp, "org_predicate") is not None:
                # per-employee org predicate: the employees of a unit that state one state the
                # same (an empty cell states nothing); a disagreement goes to the table layer,
                # which names both rows
                per_emp = _codes(_col(emp, "org_predicate"), OrgPredicate, ORG_PREDICATES, "org_predicate")
                org_codes = _unit_codes(unit_index, per_emp, len(unit_ids))
                if org_codes is None:
                    raise _Unreadable("org_predicate")

        kind = _col(ind, "result_kind")
        additional = None
        if kind is not None:
            additional = pc.equal(pc.utf8_lower(_plain(kind).cast(pa.large_string())), "additional")
        post = _col(emp, "post_type")
        jpt = None
        if post is not None:
            codes = _codes(
                post, PostType, ("jpt", "administrator", "supervisor", "executor", "functional"), "post_type"
            )
            jpt = pc.equal(codes, 0)

        target = _numeric(_col(ind, "target"))
        if target is None:
            target = pa.nulls(ind.num_rows, pa.int64())
        actual = _numeric(_col(ind, "actual"))
        if actual is None:
            raise error(KinerjaError, "the indicator table needs an `actual` column")
        out = _native._batch_score(
            emp_index,
            target,
            actual,
            len(emp_ids),
            target_low=_numeric(_col(ind, "target_low")),
            target_high=_numeric(_col(ind, "target_high")),
            polarity=_codes(_col(ind, "polarity"), Polarity, POLARITIES, "polarity"),
            weight=_numeric(_col(ind, "weight")),
            cap=_numeric(_col(ind, "cap")),
            additional=additional,
            work_rating=_codes(_col(emp, "work_result"), Rating, RATINGS, "work_result"),
            behaviour=_codes(_col(emp, "behaviour"), Rating, RATINGS, "behaviour"),
            unit=unit_index,
            jpt=jpt,
            unit_head=_bools(_col(emp, "unit_head")),
            n_units=0 if unit_ids is None else len(unit_ids),
            org_predicate=org_codes,
            functional_grade=None
            if _col(emp, "functional_grade") is None
            else _codes(_col(emp, "functional_grade"), FunctionalGrade, GRADES, "functional_grade"),
            rules=rules,
            on_error="collect",
            employee_ids=emp_ids,
            indicator_ids=indicator_ids,
            period=None if period is None else str(period),
        )
    except (_Unreadable, KinerjaError):
        # a word or code the direct path does not read, a number it cannot convert: the table
        # layer locates the cell (and collects it with on_error="collect")
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)

    problems = None
    if out["errors"]:
        # One way of reporting problems, whatever path scored: the table layer locates each
        # in its table, row and cell, raises the lowest or collects them all; the results
        # stay this path's (the same as the table layer's, ids keeping their type).
        by_unit = org_codes is None or unit_tab is not None  # (else stated on its employees' rows)
        cut = _problem_tables([ind, emp_in, unit_in], out, emp_index, by_unit, rows)
        worded, numbers = cut if cut is not None else ([ind, emp_in, unit_in], rows)
        problems = _score_tables(worded, rules, period, on_error, read, columns, library, numbers).errors

    def labels(codes: Any, names: tuple[str, ...]) -> Any:
        return _native._labels(codes, list(names))

    ind_cols = {"employee": _col(ind, "employee")}
    if "indicator" in ind.column_names:
        ind_cols["indicator"] = _col(ind, "indicator")
    ind_cols["achievement"] = out["achievement"]
    ind_out = pa.table(ind_cols)
    emp_cols: dict[str, Any] = {"employee": _col(emp, "employee")}
    if emp_units is not None:
        emp_cols["unit"] = emp_units
    # weighted_achievement … status, the label columns as dictionaries (kinerja-table's)
    emp_cols.update(out["employee_columns"])
    emp_out = pa.table(emp_cols)
    if emp_units is not None and "unit_counts" in out:
        units_cols: dict[str, Any] = {"unit": unit_ids}
        if org_codes is not None:
            units_cols["org_predicate"] = labels(org_codes, ORG_PREDICATES)
        units_cols.update(out["unit_counts"])
        units_out = pa.table(units_cols)
    else:
        units_out = pa.table({"unit": _array([], pa.string())})
    if problems is None:
        no_errors = {name: pa.nulls(0, getattr(pa, kind)()) for name, kind in ERROR_SCHEMA.items()}
        problems = _from_arrow(pa.table(no_errors), library)
    return BatchResult(
        indicators=_from_arrow(ind_out, library),
        employees=_from_arrow(emp_out, library),
        units=_from_arrow(units_out, library),
        errors=problems,
        stats=dict(out["stats"]),
    )


# The largest share of the indicator rows that problems found on the direct path send through
# the table layer on their own; past it, the whole tables go (the same problems, sooner: at
# 1 000 000 employees with a problem in every tenth row, half the rows, 1.7 s on their own
# against 1.55 s for the whole).
_SUBSET_SHARE = 0.25


def _problem_tables(
    tables: list[Any],
    out: Mapping[str, Any],
    emp_index: Any,
    by_unit: bool,
    rows: tuple[Any, Any, Any] | None,
) -> tuple[list[Any], tuple[Any, Any, Any]] | None:
    """The rows of the employees with a problem (``out``, the direct path's) to word again in
    the table layer: the indicator, employee and unit ``tables`` cut to them, and the numbers
    problems give those rows in the whole tables (``rows`` as for :func:`_score`). ``None``:
    word the whole tables — past :data:`_SUBSET_SHARE` of the rows, when a problem names no
    employee, when a number cannot be shown as in the whole column, or when units take their
    organisational predicate from their first employee (``by_unit`` false), who may have
    none."""
    ind, emp, units = tables
    subset = _problem_rows(out["problem_employees"], emp_index, emp, rows) if by_unit else None
    if subset is None or len(subset[0]) > _SUBSET_SHARE * ind.num_rows:
        return None
    ind_rows, emp_rows, numbers = subset
    part = _at_scales(ind.take(ind_rows), out["scales"])
    if part is None:
        return None
    return [part, None if emp is None else emp.take(emp_rows), units], numbers


def _problem_rows(
    emp_rows: Any, emp_index: Any, employees: Any, rows: tuple[Any, Any, Any] | None
) -> tuple[Any, Any, tuple[Any, Any, Any]] | None:
    """The indicator rows (int64) of the employees ``emp_rows`` (int64, the direct path's
    problems', ``None`` when a problem names no employee), those employee rows, and the
    numbers problems give both in the whole tables (``rows`` as for :func:`_score`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if emp_rows is None:
        return None
    of_bad = pc.is_in(emp_index, value_set=emp_rows.cast(emp_index.type))
    ind_rows = pc.indices_nonzero(of_bad).cast(pa.int64())

    def numbered(taken: Any, numbers: Any) -> Any:
        if numbers is None:
            return taken  # an Arrow table's rows are numbered from 0
        if isinstance(numbers, int):
            return pc.add(taken, numbers)
        return pc.take(numbers, taken)

    given = rows if rows is not None else (None, None, None)
    emp_numbers = None if employees is None else numbered(emp_rows, given[1])
    return ind_rows, emp_rows, (numbered(ind_rows, given[0]), emp_numbers, given[2])


def _at_scales(part: Any, scales: Mapping[str, int]) -> Any:
    """``part`` (rows of the indicator table) with its float number columns as decimals at the
    ``scales`` their whole columns were read at, so that the table layer shows each number as
    it does in the whole table (a float column is read at the places its values need: ``-5``
    in a column of cents is ``-5.00``); ``None`` when a value cannot be held so."""
    import pyarrow as pa

    for name in _NUMBERS:
        c = _col(part, name)
        if c is None or not pa.types.is_floating(c.type):
            continue
        exact = _native._decimals_at(c, scales[name])
        if exact is None:
            return None
        part = part.set_column(part.schema.get_field_index(name), name, exact)
    return part


def _first_rows(keys: Any) -> tuple[Any, Any, Any]:
    """The distinct employee ids of the indicator rows in order of first appearance, the row
    of each one's first appearance, and — for rows grouped by employee — whether each row
    after the first names another employee than the row before (``None`` otherwise). Grouped
    rows (the usual layout) are read at the changes of id, with one hash of the distinct ids
    to confirm no id comes back; anything else is hashed row by row (the same answer)."""
    import pyarrow.compute as pc

    changes = _id_changes(keys)
    if changes is not None:
        first = _changes_at(changes)
        uniq = pc.take(keys, first)
        if _distinct(uniq):
            return uniq, first, changes
    uniq = pc.unique(keys)
    return uniq, pc.index_in(uniq, value_set=keys), None


# Employee columns that may stand on the indicator rows instead of an employee table.
_EMPLOYEE_ON_ROWS = ("unit", "work_result", "behaviour", "post_type", "unit_head", "org_predicate")


def _same_on_every_row(repeated: Mapping[str, Any], emp: Any, index: Any, id_changes: Any) -> bool:
    """Whether each employee column repeated on the indicator rows has on every row the value
    of the employee's first row (a null and a value differ). For rows grouped by employee a
    value may change only where the id does (no copy of the column); otherwise every row is
    compared with its employee's value, taken through the key index."""
    import pyarrow.compute as pc

    for name, col in repeated.items():
        col = _comparable(col)
        n = len(col)
        if id_changes is not None:
            if n < 2:
                continue
            moved = _differ(col.slice(1), col.slice(0, n - 1))
            if pc.any(pc.and_(moved, pc.invert(id_changes))).as_py():
                return False
        elif pc.any(_differ(col, pc.take(_comparable(_col(emp, name)), index))).as_py():
            return False
    return True


def _comparable(arr: Any) -> Any:
    """``arr`` in a form whose values compare as the column's values: a dictionary array by
    its keys when its dictionary holds each value once, else decoded; a column of nulls only
    (type ``null``, which nothing compares) as integers, all null."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_null(arr.type):
        return arr.cast(pa.int8())
    if pa.types.is_dictionary(arr.type):
        d = arr.dictionary
        if d.null_count == 0 and pc.count_distinct(d).as_py() == len(d):
            return arr.indices
    return _plain(arr)


def _differ(a: Any, b: Any) -> Any:
    """Row by row, whether ``a`` and ``b`` differ (a null differs from a value, not from a
    null): a boolean array without nulls."""
    import pyarrow.compute as pc

    ne = pc.not_equal(a, b)
    if ne.null_count == 0:
        return ne
    return pc.if_else(pc.is_null(ne), pc.not_equal(pc.is_null(a), pc.is_null(b)), ne)


def _array(values: list[Any], type_: Any) -> Any:
    """``pa.array(values, type_)``, but an empty list without pyarrow's conversion of Python
    values, whose first use imports pandas to check for its types (0.2 s of a command line's
    start for an errors table that is almost always empty)."""
    import pyarrow as pa

    return pa.array(values, type_) if values else pa.nulls(0, type_)


def _ascending(ids: Any) -> bool:
    """Whether the ids (an array) strictly ascend, without a null: then no id comes twice (a
    file sorted by NIP), which is known without hashing them. Text compares by its bytes."""
    import pyarrow.compute as pc

    n = len(ids)
    if ids.null_count:
        return False
    return n < 2 or bool(pc.all(pc.less(ids.slice(0, n - 1), ids.slice(1))).as_py())


def _distinct(ids: Any) -> bool:
    """Whether no id of ``ids`` (no nulls) comes twice: ascending ids at once, text ids through
    kinerja's id set (about 5× faster than pyarrow's hash of strings), other ids by
    ``pc.unique``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if _ascending(ids):
        return True
    t = ids.type
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        seen = _native._IdSet()
        seen.add_new(ids)
        return len(seen) == len(ids)
    return bool(len(pc.unique(ids)) == len(ids))


def _id_changes(keys: Any) -> Any:
    """Whether each row after the first names another id than the row before (a boolean array
    of ``len(keys) - 1``); ``None`` when a key is null or there are fewer than two rows (then
    hash the keys instead)."""
    import pyarrow.compute as pc

    n = len(keys)
    if n < 2 or keys.null_count:
        return None
    return pc.not_equal(keys.slice(1), keys.slice(0, n - 1))


def _run_numbers(id_changes: Any) -> Any:
    """The employee number (uint32) of each row of rows grouped by employee, the employees
    numbered in order: 0 on the first row, then the number of changes of id up to the row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.cumulative_sum_checked(_with_row_0(id_changes, False).cast(pa.uint32()))


def _changes_at(id_changes: Any) -> Any:
    """The rows (uint64) that start a run of one id — row 0, then each row of ``id_changes``
    that is true."""
    import pyarrow.compute as pc

    return pc.indices_nonzero(_with_row_0(id_changes, True))


def _with_row_0(id_changes: Any, first: bool) -> Any:
    """``id_changes`` (one per row after the first) with row 0's value ``first`` in front.
    Row 0 is built from the array alone (a value compared with itself), as a Python value
    would make pyarrow import pandas (0.2 s)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    one = id_changes.slice(0, 1)
    head = pc.equal(one, one) if first else pc.not_equal(one, one)
    return pa.concat_arrays([head, id_changes])


def _changes(keys: Any) -> Any:
    """The rows (uint64) where the id differs from the row before, row 0 included: every id of
    ``keys`` is at one of them (once each when rows are grouped by employee). ``None`` when a
    key is null or there are fewer than two rows (then hash the keys instead)."""
    changes = _id_changes(keys)
    return None if changes is None else _changes_at(changes)


# The columns of `BatchResult.errors` and their Arrow types, whichever path scored.
ERROR_SCHEMA = {
    "table": "string",
    "row": "int64",
    "employee": "string",
    "indicator": "string",
    "field": "string",
    "value": "string",
    "family": "string",
    "message": "string",
}


# Columns the direct kernel path reads; a table with any other column (a `period`, Indonesian
# headers, names, ...) goes through the table layer, which resolves and checks every column.
_FAST_INDICATOR = frozenset(
    (
        "employee",
        "indicator",
        "target",
        "target_low",
        "target_high",
        "actual",
        "polarity",
        "weight",
        "cap",
        "result_kind",
        "unit",
        "work_result",
        "behaviour",
        "post_type",
        "unit_head",
        "org_predicate",
    )
)
_FAST_EMPLOYEE = frozenset(
    (
        "employee",
        "unit",
        "work_result",
        "behaviour",
        "post_type",
        "unit_head",
        "org_predicate",
        "functional_grade",
    )
)


def _fast_columns(ind: Any, emp: Any) -> bool:
    """Whether the tables hold only columns the direct kernel path reads, by their canonical
    names, each with its ``employee`` column (the table layer reads everything else, and
    names a missing column)."""

    for table, allowed in ((ind, _FAST_INDICATOR), (emp, _FAST_EMPLOYEE)):
        if table is None:
            continue
        names = set(table.column_names)
        if "employee" not in names or not names <= allowed:
            return False
    return True


_NUMBERS = ("target", "target_low", "target_high", "actual", "weight", "cap")


def _canonical(ind: Any, emp: Any, units: Any) -> bool:
    """Whether the tables are already canonical, so the direct kernel path gives what the
    table layer gives: numbers typed (not text), `result_kind` only ``primary`` /
    ``additional``, `unit_head` boolean, ids of one type, one row per unit. (One row per
    employee, each with indicator rows, is checked on the key index :func:`score` builds.)
    Anything else goes through the table layer, which reads text numbers strictly and names
    every duplicate, unknown word and missing row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for name in _NUMBERS:
        c = _plain(_col(ind, name))
        if c is not None and not (
            pa.types.is_integer(c.type) or pa.types.is_floating(c.type) or pa.types.is_decimal(c.type)
        ):
            return False
        if c is not None and pa.types.is_decimal(c.type) and c.type.precision > 38:
            return False  # a decimal256 value may not fit 128 bits: the table layer names it
    words = ("polarity", "work_result", "behaviour", "post_type", "org_predicate", "functional_grade")
    for table in (ind, emp, units):
        for name in words:
            if table is None or name not in table.column_names:
                continue
            kind = table.schema.field(name).type
            if pa.types.is_dictionary(kind):
                kind = kind.value_type  # looked at without decoding the column
            if pa.types.is_floating(kind):
                return False  # codes as floats (a pandas column with NaN): the table layer reads them
    if not _id_types(ind, emp, units):
        return False  # float ids (digits lost on the way) and the like: the table layer refuses them
    kind = _plain(_col(ind, "result_kind"))
    if kind is not None and not set(pc.unique(kind).to_pylist()) <= {"primary", "additional", None}:
        return False
    for table in (ind, emp):
        head = None if table is None else _plain(_col(table, "unit_head"))
        if head is not None and not (pa.types.is_boolean(head.type) or pa.types.is_null(head.type)):
            return False
    ind_ids = _plain(_col(ind, "employee"))
    if ind_ids is not None and ind_ids.null_count:
        return False  # a row without its employee: the table layer names it
    if emp is not None:
        ids = _plain(_col(emp, "employee"))
        if ids is None or ind_ids is None or ind_ids.type != ids.type or ids.null_count:
            return False
    emp_units = _col(ind if emp is None else emp, "unit")
    if emp_units is not None and emp_units.null_count:
        return False  # an employee without a unit is in no unit's counts (the table layer's rule)
    if units is not None:
        uids = _plain(_col(units, "unit"))
        if uids is None or pc.count_distinct(uids).as_py() != len(uids):
            return False
    return True


def _id_types(ind: Any, emp: Any, units: Any) -> bool:
    """Whether every id column (``employee``, ``indicator``, ``unit``) of the tables is of a
    type the direct path reads as the table layer does: text or integers (a dictionary of
    those). Float ids are refused there — a float keeps only 15–17 significant digits of an
    18-digit NIP — and so are decimals with places; anything else is read there too."""
    import pyarrow as pa

    for table in (ind, emp, units):
        for name in ("employee", "indicator", "unit"):
            if table is None or name not in table.column_names:
                continue
            kind = table.schema.field(name).type
            if pa.types.is_dictionary(kind):
                kind = kind.value_type
            if not (pa.types.is_integer(kind) or pa.types.is_string(kind) or pa.types.is_large_string(kind)):
                return False
    return True


def _ids_as_read(ids: Any, index: Any, keys: Any) -> bool:
    """Whether the table layer reads the ids of ``ids`` (distinct, or one per employee row) and
    ``keys`` (the rows naming them by ``index``, null where a key names none) as they are, so
    that the direct path groups them as it does. ``keys`` are looked at only when one names
    no id (else each equals one)."""
    if index.null_count and not _text_ids_as_read(_plain(keys)):
        return False
    return _text_ids_as_read(ids)


def _text_ids_as_read(ids: Any) -> bool:
    """Whether the table layer reads every id of ``ids`` (integers or text) as it is: no text id
    empty, with white space around it (trimmed there) or shaped like a float (refused there)."""
    return bool(_native._ids_as_read(ids))


def _check_options(period: Any, on_error: Any) -> None:
    """Raises the table layer's error for an ``on_error`` or ``period`` it refuses, in its
    order, whichever path then scores (the direct path reads neither): the table layer's own
    check of both (``_check_score_options``), with its errors."""
    text = None if period is None else period if isinstance(period, str) else str(period)
    _native._check_score_options(on_error=on_error, period=text)


def _every_row_reached(index: Any, n: int) -> bool:
    """Whether every employee row 0..n is the target of some indicator row of ``index``."""
    import pyarrow.compute as pc

    try:
        import numpy as np
    except ImportError:  # pyarrow without numpy: the slower hash count
        return bool(pc.count_distinct(index).as_py() == n)
    rows = index.drop_null().to_numpy(zero_copy_only=False)
    return bool(np.bincount(rows, minlength=n).all()) if n else True


def _score_tables(
    tables: list[Any],
    rules: Ruleset | None,
    period: Any,
    on_error: str,
    read: dict[str, Any],
    columns: Mapping[str, str] | None,
    library: str | None = None,
    rows: tuple[Any, Any, Any] | None = None,
) -> BatchResult[Any]:
    """Scores through the table layer (kinerja-table): paths (CSV, XLSX, Parquet) or Arrow
    tables, headers resolved (Indonesian aliases, ``columns=`` mapping), numbers and words read,
    realisations aggregated over ``period``. Results in the shape of :func:`score`'s; ``rows``
    as for :func:`_score`."""
    import pyarrow as pa

    args: list[Any] = []
    for what, t in zip(("indicators", "employees", "units"), tables, strict=True):
        if t is None or isinstance(t, str):
            args.append(t)
        elif isinstance(t, os.PathLike):
            args.append(os.fspath(t))
        else:
            if library is None:
                library = _library(t)
            args.append(_to_arrow(t, what))
    if library is None:
        library = "pyarrow"
    if period is not None and not isinstance(period, str):
        period = str(period)
    # without rules the table layer takes the ruleset in force for the evaluated period,
    # given or inferred, as kj.evaluate chooses it
    out = _native._table_score(
        *args,
        rules=rules,
        period=period,
        on_error=on_error,
        detail="indicator",
        columns=list(columns.items()) if columns else None,
        indicator_rows=None if rows is None else rows[0],
        employee_rows=None if rows is None else rows[1],
        unit_rows=None if rows is None else rows[2],
        **read,
    )
    ind = out["indicators"]
    ind = ind.drop_columns([c for c in ("row",) if c in ind.column_names])
    problems = out["problems"]
    errors = pa.table(
        {
            "table": problems.column("table"),
            "row": problems.column("row").cast(pa.int64()),
            "employee": problems.column("employee"),
            "indicator": problems.column("indicator"),
            "field": problems.column("column"),
            "value": problems.column("value"),
            "family": problems.column("family"),
            "message": problems.column("message"),
        }
    )
    return BatchResult(
        indicators=_from_arrow(ind, library),
        employees=_from_arrow(out["employees"], library),
        units=_from_arrow(out["units"], library),
        errors=_from_arrow(errors, library),
        stats=dict(out["stats"]),
        ignored_columns={str(k): [str(c) for c in v] for k, v in out["ignored_columns"].items()},
    )


def indicator_schema() -> Any:
    """A pyarrow schema of the indicator input (exact types)."""
    import pyarrow as pa

    return pa.schema(
        [
            ("employee", pa.string()),
            ("indicator", pa.string()),
            ("target", pa.decimal128(18, 4)),
            ("actual", pa.decimal128(18, 4)),
            ("polarity", pa.string()),
            ("weight", pa.decimal128(9, 2)),
        ]
    )


def employee_schema() -> Any:
    """A pyarrow schema of the employee input."""
    import pyarrow as pa

    return pa.schema(
        [
            ("employee", pa.string()),
            ("unit", pa.string()),
            ("work_result", pa.string()),
            ("behaviour", pa.string()),
        ]
    )


def output_meta(rules: Ruleset | None = None, *, unit: bool = False) -> Any:
    """The pyarrow schema of ``score(...).employees`` for Dask ``meta`` and Spark schemas, with
    the label columns as text (Spark has no dictionary type; ``score`` gives them
    dictionary-encoded)."""
    import pyarrow as pa

    r = rules or Ruleset.builtin("permenpanrb-6-2022")
    scale = int(r.policy.to_dict()["rounding"]["reported"]["scale"]) if hasattr(r.policy, "to_dict") else 2
    fields = [("employee", pa.string())]
    if unit:
        fields.append(("unit", pa.string()))
    fields += [
        ("weighted_achievement", pa.decimal128(38, scale)),
        ("advised_rating", pa.string()),
        ("work_result", pa.string()),
        ("work_result_source", pa.string()),
        ("behaviour", pa.string()),
        ("predicate", pa.string()),
        ("disagreement", pa.bool_()),
        ("weights_normalised", pa.bool_()),
        ("ok", pa.bool_()),
    ]
    return pa.schema(fields)
