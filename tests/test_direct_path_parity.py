"""`kj.score`'s direct kernel path against the table layer (`number_format="plain"` sends the
same tables there: the code of the command line and the server) on inputs the direct path once
read differently: polars view columns, float ids, ids with spaces around them or empty, a bad
`period` or `on_error`, a missing `employee` column. Each gives the table layer's answer, from
pyarrow, pandas and polars alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import kinerja as kj
from kinerja import batch
from kinerja.exceptions import IndicatorError, InputError, PeriodError

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

LIBRARIES = ("pyarrow", "pandas", "polars")
TABLES = ("indicators", "employees", "units", "errors")
LOCATION = ("table", "field", "row", "employee", "indicator", "family", "message_en", "message_id")


def frame(columns: dict[str, list[Any]], library: str) -> Any:
    """``columns`` as a table of ``library`` (polars' own types: text as ``string_view``)."""
    if library == "pandas":
        return pd.DataFrame(columns)
    if library == "polars":
        return pl.DataFrame(columns)
    return pa.table(columns)


def rows(result: kj.BatchResult[Any]) -> dict[str, list[dict[str, Any]]]:
    """Every table of ``result`` as plain rows, labels decoded, whatever the library."""
    out = {}
    for name in TABLES:
        table = batch._to_arrow(getattr(result, name))
        cols = {}
        for col in table.column_names:
            c = table.column(col)
            cols[col] = c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c
        out[name] = pa.table(cols).to_pylist()
    return out


def raised(call: Callable[[], Any]) -> kj.KinerjaError:
    """The exception ``call`` raises (its class and location are then compared)."""
    with pytest.raises(kj.KinerjaError) as info:
        call()
    return info.value


def located(e: BaseException) -> tuple[Any, ...]:
    return (type(e), str(e), *(getattr(e, a, None) for a in LOCATION))


def table_layer(*tables: Any, **kwargs: Any) -> Any:
    """The table layer's answer for the same tables."""
    return kj.score(*tables, number_format="plain", **kwargs)


@pytest.fixture()
def routes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the calls that go through the table layer (one per scoring there)."""
    calls: list[int] = []
    through = batch._score_tables

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return through(*args, **kwargs)

    monkeypatch.setattr(batch, "_score_tables", spy)
    yield calls


WIDE = {
    "employee": ["a", "a"],
    "target": [100, 80],
    "actual": [91, 90],
    "work_result": ["above", "above"],
    "behaviour": ["meets", "meets"],
}


# -- 1. polars text (string_view) columns --------------------------------------------------------


def test_polars_text_columns_take_the_direct_path_with_the_arrow_answer(routes: list[int]) -> None:
    """A polars frame's text columns come as `string_view`, which pyarrow cannot `take`: the
    direct path scores it (no table layer) with the answer of the same data as pyarrow."""
    df = pl.DataFrame(WIDE)
    assert pa.types.is_string_view(pa.table(df).schema.field("employee").type)
    r = kj.score(df)
    assert routes == []
    assert isinstance(r.employees, pl.DataFrame)
    assert r.employees["weighted_achievement"].to_list() == [Decimal("101.75")]
    assert r.employees["predicate"].to_list() == ["good"]
    assert rows(r) == rows(kj.score(df.to_arrow())) == rows(kj.score(df.to_pandas()))
    assert rows(r) == rows(table_layer(df))


@pytest.mark.parametrize("label", ["categorical", "enum"])
def test_polars_label_columns_of_string_views(label: str) -> None:
    """A polars Categorical / Enum rating column (a dictionary of `string_view`), wide and with
    an employee table, scores as the same words as plain text."""
    kind = pl.Categorical if label == "categorical" else pl.Enum(["below", "meets", "above"])
    wide = pl.DataFrame(WIDE).with_columns(pl.col("work_result").cast(kind), pl.col("behaviour").cast(kind))
    ind = wide.select("employee", "target", "actual")
    emp = wide.head(1).select("employee", "work_result", "behaviour")
    for r in (kj.score(wide), kj.score(ind, emp)):
        assert r.employees["weighted_achievement"].to_list() == [Decimal("101.75")]
        assert r.employees["work_result"].to_list() == ["above"]
        assert rows(r) == rows(kj.score(pl.DataFrame(WIDE).to_arrow()))


PROBLEM_IND = {"employee": ["a", "b", "b", "b"], "target": [0, 100, 100, 100], "actual": [5, 90, 95, 99]}
PROBLEM_EMP = {"employee": ["a", "b"], "work_result": ["meets"] * 2, "behaviour": ["meets"] * 2}


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_problem_row_raises_the_located_error_from_every_library(library: str) -> None:
    """A zero target of a polars frame raises the located IndicatorError (the problem rows are
    cut out with `take`), as pyarrow and pandas do and as the table layer does."""
    ind, emp = frame(PROBLEM_IND, library), frame(PROBLEM_EMP, library)
    e = raised(lambda: kj.score(ind, emp))
    assert isinstance(e, IndicatorError)
    assert (e.table, e.row, e.employee, e.field) == ("indicators", 0, "a", "target")
    assert str(e).startswith("indicators row 0, employee `a`: target: target is 0")
    assert located(e) == located(raised(lambda: table_layer(ind, emp)))
    assert located(e) == located(raised(lambda: kj.score(pa.table(PROBLEM_IND), pa.table(PROBLEM_EMP))))


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_problem_row_is_collected_and_the_others_scored_from_every_library(library: str) -> None:
    ind, emp = frame(PROBLEM_IND, library), frame(PROBLEM_EMP, library)
    got = rows(kj.score(ind, emp, on_error="collect"))
    by_id = {e["employee"]: e for e in got["employees"]}
    assert by_id["b"]["weighted_achievement"] == Decimal("94.67")
    assert (by_id["b"]["ok"], by_id["a"]["ok"], by_id["a"]["status"]) == (True, False, "error")
    assert [(p["table"], p["row"], p["employee"], p["field"]) for p in got["errors"]] == [
        ("indicators", 0, "a", "target")
    ]
    assert got == rows(table_layer(ind, emp, on_error="collect"))
    assert got == rows(kj.score(pa.table(PROBLEM_IND), pa.table(PROBLEM_EMP), on_error="collect"))


# -- 2. float ids ------------------------------------------------------------------------------

NIPS = ["198701012010011001", "198701012010011002"]
FLOAT_REFUSAL = "ids are text, but this column arrived as numbers with a fraction type"


def roster(ids: list[Any], **extra: list[Any]) -> dict[str, list[Any]]:
    n = len(ids)
    cols = {"employee": ids, "target": [100] * n, "actual": [90] * n}
    cols.update(work_result=["meets"] * n, behaviour=["meets"] * n, **extra)
    return cols


def test_float_employee_ids_are_refused_as_by_the_table_layer() -> None:
    """Two 18-digit NIPs in a float column are one float: refused (naming the column), never
    merged into one employee."""
    df = pd.DataFrame(roster([float(n) for n in NIPS]))
    e = raised(lambda: kj.score(df))
    assert isinstance(e, InputError)
    assert (e.table, e.field) == ("indicators", "employee")
    assert FLOAT_REFUSAL in str(e)
    assert located(e) == located(raised(lambda: table_layer(df)))


def test_float_ids_of_an_employee_or_unit_table_are_refused_as_by_the_table_layer() -> None:
    ind = pd.DataFrame({"employee": [1.0, 2.0], "target": [100, 100], "actual": [90, 90]})
    emp = pd.DataFrame(roster([1.0, 2.0], unit=["u", "u"])).drop(columns=["target", "actual"])
    e = raised(lambda: kj.score(ind, emp))
    assert isinstance(e, InputError) and FLOAT_REFUSAL in str(e)
    assert located(e) == located(raised(lambda: table_layer(ind, emp)))

    units = pd.DataFrame(roster(NIPS, unit=[1.5, 1.5]))
    e = raised(lambda: kj.score(units))
    assert isinstance(e, InputError) and FLOAT_REFUSAL in str(e) and e.field == "unit"
    assert located(e) == located(raised(lambda: table_layer(units)))


@pytest.mark.parametrize("library", LIBRARIES)
def test_integer_ids_stay_accepted(library: str, routes: list[int]) -> None:
    df = frame(roster([int(n) for n in NIPS]), library)
    got = rows(kj.score(df))
    assert routes == []  # the direct path
    assert [e["employee"] for e in got["employees"]] == [int(n) for n in NIPS]
    assert [e["weighted_achievement"] for e in got["employees"]] == [Decimal("90.00")] * 2


# -- 3. ids trimmed, empty ids refused ---------------------------------------------------------


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u3000"])
def test_ids_with_spaces_around_them_are_one_employee(library: str, space: str) -> None:
    df = frame(roster([NIPS[0], NIPS[0] + space, space + NIPS[1]]), library)
    got = rows(kj.score(df))
    assert [e["employee"] for e in got["employees"]] == NIPS
    assert got == rows(table_layer(df))


@pytest.mark.parametrize("library", LIBRARIES)
def test_ids_with_spaces_around_them_with_an_employee_table(library: str) -> None:
    """Indicator rows naming `NIP ` against the employee table's `NIP` (and the other way
    round): the table layer's one employee each, not a missing employee."""
    ind = frame(
        {"employee": [NIPS[0] + " ", " " + NIPS[1]], "target": [100, 80], "actual": [90, 90]}, library
    )
    emp = frame(
        {"employee": [NIPS[0], NIPS[1] + " "], "work_result": ["meets"] * 2, "behaviour": ["meets"] * 2},
        library,
    )
    got = rows(kj.score(ind, emp))
    assert [e["employee"] for e in got["employees"]] == NIPS
    assert [e["weighted_achievement"] for e in got["employees"]] == [Decimal("90.00"), Decimal("112.50")]
    assert got == rows(table_layer(ind, emp))


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize("second", ["k1 ", " k2", ""])
def test_indicator_ids_as_the_table_layer_reads_them(library: str, second: str) -> None:
    """An indicator id with spaces around it is the trimmed id (`k1 ` beside `k1` repeats it:
    the table layer's duplicate, not two indicators scored), an empty one is missing: the
    direct path gives the table layer's answer or error."""
    df = frame(
        {
            "employee": [NIPS[0], NIPS[0]],
            "indicator": ["k1", second],
            "target": [100, 100],
            "actual": [90, 80],
            "work_result": ["meets"] * 2,
            "behaviour": ["meets"] * 2,
        },
        library,
    )
    try:
        want: Any = rows(table_layer(df, on_error="collect"))
    except kj.KinerjaError as e:
        want = located(e)
    try:
        got: Any = rows(kj.score(df, on_error="collect"))
    except kj.KinerjaError as e:
        got = located(e)
    assert got == want


@pytest.mark.parametrize("library", LIBRARIES)
def test_unit_ids_with_spaces_around_them_are_one_unit(library: str) -> None:
    df = frame(roster(NIPS, unit=["u1", "u1 "]), library)
    got = rows(kj.score(df))
    assert [u["unit"] for u in got["units"]] == ["u1"]
    assert got["units"][0]["good"] == 2
    assert got == rows(table_layer(df))

    ind = frame({"employee": NIPS, "target": [100, 100], "actual": [90, 90]}, library)
    emp = frame(roster(NIPS, unit=["u1 ", "u1"]), library)
    units = frame({"unit": [" u1"], "org_predicate": ["good"]}, library)
    emp_only = batch._to_arrow(emp).drop_columns(["target", "actual"])
    got = rows(kj.score(ind, emp_only, units))
    assert [(u["unit"], u["good"]) for u in got["units"]] == [("u1", 2)]
    assert got == rows(table_layer(ind, emp_only, units))


@pytest.mark.parametrize("library", LIBRARIES)
def test_an_empty_employee_id_is_refused_as_by_the_table_layer(library: str) -> None:
    df = frame(roster(["", "x"]), library)
    e = raised(lambda: kj.score(df))
    assert isinstance(e, InputError)
    assert (e.table, e.row, e.field) == ("indicators", 0, "employee")
    assert "the employee id (NIP) is empty" in str(e)
    assert located(e) == located(raised(lambda: table_layer(df)))
    collected = rows(kj.score(df, on_error="collect"))
    assert collected == rows(table_layer(df, on_error="collect"))
    assert [e["employee"] for e in collected["employees"] if e["ok"]] == ["x"]


def test_an_id_written_as_a_float_is_refused_as_by_the_table_layer() -> None:
    """`198701012010011008.0` is what a float column made of a NIP: refused, as the table
    layer refuses it."""
    df = pa.table(roster(["198701012010011008.0", "1.98701E+17", NIPS[0]]))
    e = raised(lambda: kj.score(df))
    assert isinstance(e, InputError) and "an id written as a float" in str(e)
    assert located(e) == located(raised(lambda: table_layer(df)))


def test_clean_ids_take_the_direct_path(routes: list[int]) -> None:
    """NIPs, word ids and ids with inner spaces are read as they are: no table layer."""
    for ids in (NIPS, ["ani", "budi"], ["a b", "c-1.5"]):
        kj.score(pa.table(roster(ids, unit=["u 1", "u2"])))
    assert routes == []


# -- 4. period and on_error checked on every path ----------------------------------------------


@pytest.mark.parametrize("period", ["2024-Q9", "garbage", ""])
def test_a_bad_period_is_refused_on_every_path(period: str, tmp_path: Path) -> None:
    df = pa.table(roster(NIPS))
    e = raised(lambda: kj.score(df, period=period))
    assert isinstance(e, PeriodError)
    assert str(e).startswith(f"invalid period `{period}`: ")
    assert located(e) == located(raised(lambda: table_layer(df, period=period)))
    assert located(e) == located(raised(lambda: kj.Period(period)))
    csv = tmp_path / "indicators.csv"
    df.to_pandas().to_csv(csv, index=False)
    assert located(e) == located(raised(lambda: kj.score(csv, period=period)))


def test_a_bad_on_error_is_refused_on_every_path() -> None:
    df = pa.table(roster(NIPS))
    e = raised(lambda: kj.score(df, on_error="ignore"))
    assert isinstance(e, InputError)
    assert str(e) == "input: on_error: `ignore` is not accepted; accepted: raise, collect"
    assert e.field == "on_error"
    assert located(e) == located(raised(lambda: table_layer(df, on_error="ignore")))
    # a bad mode is named before a bad period, as the table layer does
    both = raised(lambda: kj.score(df, on_error="ignore", period="garbage"))
    assert located(both) == located(e)


def test_good_periods_still_score_on_the_direct_path(routes: list[int]) -> None:
    df = pa.table(roster(NIPS))
    for period in ("2024", "2024-Q1", 2024, kj.Period("2024-S2")):
        assert rows(kj.score(df, period=period)) == rows(kj.score(df))
    assert routes == []


# -- 5. a missing employee column --------------------------------------------------------------


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_missing_employee_column_is_the_table_layers_located_error(library: str) -> None:
    df = frame({"target": [100], "actual": [90]}, library)
    e = raised(lambda: kj.score(df))
    assert isinstance(e, InputError)
    assert (e.table, e.field, e.family) == ("indicators", "indicators", "input")
    assert str(e) == (
        "indicators table: the indicators table lacks the column employee (NIP); "
        "headers found: `target`, `actual`"
    )
    assert located(e) == located(raised(lambda: table_layer(df)))


def test_an_employee_table_without_its_employee_column_is_the_table_layers_error() -> None:
    ind = pa.table({"employee": ["a"], "target": [100], "actual": [90]})
    emp = pa.table({"who": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    e = raised(lambda: kj.score(ind, emp))
    assert isinstance(e, InputError) and e.table == "employees"
    assert located(e) == located(raised(lambda: table_layer(ind, emp)))


# -- the same answer from every library --------------------------------------------------------


def test_every_library_gives_the_table_layers_answer_with_units_and_problems() -> None:
    cols = {
        "employee": ["e1", "e1", "e2", "e3", "e3 ", "e4"],
        "indicator": ["k1", "k2", "k1", "k1", "k2", "k1"],
        "target": [100, 80, 0, 50, 50, 10],
        "actual": [91, 90, 5, 40, 60, 12],
        "unit": ["u1", "u1", "u2", "u1", "u1", "u2"],
        "work_result": ["above", "above", "meets", "below", "below", "meets"],
        "behaviour": ["meets"] * 6,
    }
    want = rows(table_layer(pa.table(cols), on_error="collect"))
    assert [e["employee"] for e in want["employees"]] == ["e1", "e2", "e3", "e4"]
    assert [p["employee"] for p in want["errors"]] == ["e2"]
    for library in LIBRARIES:
        assert rows(kj.score(frame(cols, library), on_error="collect")) == want, library
