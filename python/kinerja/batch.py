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
    except (pa.ArrowException, TypeError, ValueError, OverflowError) as e:
        raise _unreadable(obj, what, e) from None
    raise error(
        InputTypeError,
        f"{what}: expected an Arrow-compatible table (pandas, polars, pyarrow, or a dict of columns), "
        f"got {type(obj).__name__}",
        what,
    )


def _unreadable(obj: Any, what: str, e: Exception) -> InputError:
    """The error of a pandas frame or a dict of columns pyarrow cannot read: it names the first
    column that cannot be read alone (``field``), or the table when each can."""
    import pyarrow as pa

    columns = obj.items() if hasattr(obj, "items") else ()
    for name, values in columns:
        try:
            pa.array(values, from_pandas=True)
        except OverflowError:
            return error(
                InputError,
                f"{what}: column `{name}` holds a whole number too large to read (past 64 bits)",
                str(name),
            )
        except (pa.ArrowException, TypeError, ValueError) as ce:
            return error(InputError, f"{what}: column `{name}` cannot be read: {ce}", str(name))
    return error(InputError, f"{what}: cannot be read as a table: {e}", what)


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
        if rules is not None and not isinstance(rules, (Ruleset, str)):
            raise error(
                InputTypeError,
                f"rules: expected a kinerja.Ruleset or a builtin ruleset's id (e.g. `permenpanrb-6-2022`), "
                f"got {type(rules).__name__}",
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
    rules: Ruleset | str | None = None,
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
    rules: Ruleset | str | None = None,
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
    rules: Ruleset | str | None = None,
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
    rules: Ruleset | str | None = None,
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
    rules: Ruleset | str | None,
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

    _check_options(period, on_error)
    indicators, employees, units = tables
    if any(isinstance(t, (str, os.PathLike)) for t in tables) or columns or any(read.values()):
        return _score_tables(tables, rules, period, on_error, read, columns, rows=rows)
    library = _library(indicators)
    ind = _to_arrow(indicators)
    emp_in = None if employees is None else _to_arrow(employees, "employees")
    unit_in = None if units is None else _to_arrow(units, "units")
    # the direct path: tables canonical already (typed numbers, ids read as they are, one row
    # per employee, known words) scored without the cell-by-cell step; anything else (None)
    # goes through the table layer, which gives the same results and locates every problem
    text = None if period is None else str(period)
    given = rows if rows is not None else (None, None, None)
    out = _native._direct_score(
        ind,
        emp_in,
        unit_in,
        rules=rules,
        period=text,
        on_error=on_error,
        indicator_rows=given[0],
        employee_rows=given[1],
        unit_rows=given[2],
    )
    if out is None:
        return _score_tables([ind, emp_in, unit_in], rules, period, on_error, read, columns, library, rows)
    # the problems found, worded by the table layer (located in their table, row and cell);
    # the results stay this path's (the same as the table layer's, ids keeping their type)
    problems = out["problems"]
    if problems is None:
        no_errors = {name: pa.nulls(0, getattr(pa, kind)()) for name, kind in ERROR_SCHEMA.items()}
        errors = pa.table(no_errors)
    else:
        errors = _errors_table(problems)
    return BatchResult(
        indicators=_from_arrow(out["indicators"], library),
        employees=_from_arrow(out["employees"], library),
        units=_from_arrow(out["units"], library),
        errors=_from_arrow(errors, library),
        stats=dict(out["stats"]),
    )


def _errors_table(problems: Any) -> Any:
    """The table layer's problem table as :attr:`BatchResult.errors` (:data:`ERROR_SCHEMA`)."""
    import pyarrow as pa

    return pa.table(
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


def _ascending(ids: Any) -> bool:
    """Whether the ids (an array) strictly ascend, without a null: then no id comes twice (a
    file sorted by NIP), which is known without hashing them. Text compares by its bytes."""
    import pyarrow.compute as pc

    n = len(ids)
    if ids.null_count:
        return False
    return n < 2 or bool(pc.all(pc.less(ids.slice(0, n - 1), ids.slice(1))).as_py())


def _id_changes(keys: Any) -> Any:
    """Whether each row after the first names another id than the row before (a boolean array
    of ``len(keys) - 1``); ``None`` when a key is null or there are fewer than two rows (then
    hash the keys instead)."""
    import pyarrow.compute as pc

    n = len(keys)
    if n < 2 or keys.null_count:
        return None
    return pc.not_equal(keys.slice(1), keys.slice(0, n - 1))


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


def _check_options(period: Any, on_error: Any) -> None:
    """Raises the table layer's error for an ``on_error`` or ``period`` it refuses, in its
    order, whichever path then scores (the direct path reads neither): the table layer's own
    check of both (``_check_score_options``), with its errors."""
    text = None if period is None else period if isinstance(period, str) else str(period)
    _native._check_score_options(on_error=on_error, period=text)


def _score_tables(
    tables: list[Any],
    rules: Ruleset | str | None,
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
    errors = _errors_table(out["problems"])
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


def output_meta(rules: Ruleset | str | None = None, *, unit: bool = False) -> Any:
    """The pyarrow schema of ``score(...).employees`` for Dask ``meta`` and Spark schemas, with
    the label columns as text (Spark has no dictionary type; ``score`` gives them
    dictionary-encoded)."""
    import pyarrow as pa

    r = Ruleset.builtin(rules) if isinstance(rules, str) else rules or Ruleset.builtin("permenpanrb-6-2022")
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
