"""Evaluate a whole roster given as tables (pandas, polars or pyarrow).

pandas, polars and pyarrow are optional: the library of the input is detected from its type
and imported only then; the result comes back in the same library.

Two tables describe a roster:

``indicators`` — one row per indicator and realisation period:
    ``employee`` (id), ``result`` (RHK id), ``indicator`` (id), ``target`` (or ``target_low`` and
    ``target_high`` for a range), ``period`` and ``actual`` (empty for an indicator without
    realisations); optional ``result_description``, ``result_kind``, ``indicator_name``,
    ``unit_of_measure``, ``aspect``, ``polarity``, ``aggregation``, ``weight``, ``cap``,
    ``target_is_max``.

``employees`` — one row per employee and assessment period:
    ``employee`` (id), ``name``, ``unit``, ``post_type``; optional ``functional_grade``,
    ``unit_head``, ``position``, ``year``, ``period`` (the assessment's period; default: the
    evaluated period), ``work_result``, ``behaviour``, ``org_predicate``, ``predicate`` and one
    ``behaviour_<core value>`` column per BerAKHLAK value.

Numbers may be int, str, Decimal or float: a float column (what pandas gives for numbers) is
read through each value's shortest repr (``92.5`` → ``Decimal("92.5")``); NaN means missing.
Result numbers are exact decimals (pandas: ``Decimal`` objects; polars: ``Decimal``; pyarrow:
``decimal128``).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal, TypeVar, overload

from kinerja._kinerja import (
    MAX_ROWS,
    Evaluation,
    KinerjaError,
    Period,
    Plan,
    Ruleset,
    credit_points,
    evaluate_all,
)

__all__ = [
    "detect_library",
    "evaluate_frame",
    "plans_from_frames",
    "roster_to_rows",
    "rows_to_table",
    "table_to_rows",
]

CORE_VALUES = (
    "service_oriented",
    "accountable",
    "competent",
    "harmonious",
    "loyal",
    "adaptive",
    "collaborative",
)


def detect_library(table: Any) -> str:
    """``"pandas"``, ``"polars"`` or ``"pyarrow"`` (or ``"records"`` for a list of dicts)."""
    mod = type(table).__module__.split(".")[0]
    if mod in ("pandas", "polars", "pyarrow"):
        return mod
    if isinstance(table, list | tuple):
        return "records"
    raise TypeError(
        f"expected a pandas DataFrame, polars DataFrame, pyarrow Table or a list of dicts, "
        f"got {type(table).__name__}"
    )


def table_to_rows(table: Any) -> list[dict[str, Any]]:
    """The rows of a pandas / polars / pyarrow table (or a list of dicts) as dicts; a table of
    more than ``MAX_ROWS`` rows is an :class:`~kinerja.exceptions.InputError` (columns of the
    null type may claim any length without a byte of data)."""
    lib = detect_library(table)
    if lib != "records" and len(table) > MAX_ROWS:
        raise _input_error(f"the table has {len(table)} rows, more than the limit of {MAX_ROWS}")
    if lib == "pandas":
        rows: list[dict[str, Any]] = table.to_dict("records")
    elif lib == "polars":
        rows = table.to_dicts()
    elif lib == "pyarrow":
        rows = table.to_pylist()
    else:
        rows = [dict(r) for r in table]
    return [{str(k): _clean(v) for k, v in r.items()} for r in rows]


def rows_to_table(rows: Sequence[dict[str, Any]], library: str) -> Any:
    """Builds a table of ``library`` from row dicts (``"records"`` returns the list)."""
    rows = list(rows)
    if library == "pandas":
        import pandas as pd

        return pd.DataFrame.from_records(rows)
    if library == "polars":
        import polars as pl

        return pl.DataFrame(rows, infer_schema_length=None)
    if library == "pyarrow":
        import pyarrow as pa

        return pa.Table.from_pylist(rows)
    if library == "records":
        return rows
    raise ValueError(f"unknown table library {library!r}; accepted: pandas, polars, pyarrow, records")


def _clean(v: Any) -> Any:
    """Missing values (None, NaN, pandas NA/NaT) become None; numpy scalars become Python ones."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, Decimal) and v.is_nan():
        return None
    tname = type(v).__name__
    if tname in ("NAType", "NaTType"):
        return None
    if hasattr(v, "item") and type(v).__module__ == "numpy":
        return _clean(v.item())
    return v


def _num(v: Any) -> Any:
    if isinstance(v, float):
        if math.isinf(v):
            return v  # rejected by the engine with an InputError naming the field
        return repr(v)
    return v


def _bool(v: Any) -> bool:
    """A flag from a bool, a number or text (``"true"``, ``"ya"``, ``"1"``...)."""
    if isinstance(v, str):
        t = v.strip().lower()
        if t in ("true", "t", "yes", "y", "ya", "1"):
            return True
        if t in ("false", "f", "no", "n", "tidak", "0", ""):
            return False
        raise _input_error(f"`{v}` is not a yes/no value")
    return bool(v)


_NUMERIC = ("target", "target_low", "target_high", "period_target", "weight", "cap", "actual")


def _located(
    cls: type[KinerjaError],
    table: str,
    row: int | None,
    reason: str,
    *,
    employee: str | None = None,
    indicator: str | None = None,
    column: str | None = None,
) -> KinerjaError:
    """An error of ``cls`` naming the table, row, employee, indicator and column (the message
    says them; the ``row``, ``employee``, ``indicator`` and ``field`` attributes carry them)."""
    where = table if row is None else f"{table} row {row}"
    named = [f"{k} `{v}`" for k, v in (("employee", employee), ("indicator", indicator)) if v is not None]
    if named:
        where += f" ({', '.join(named)})"
    if column is not None:
        where += f", column `{column}`"
    err = cls(f"{where}: {reason}")
    for attr, val in (("row", row), ("employee", employee), ("indicator", indicator), ("field", column)):
        try:
            setattr(err, attr, val)
        except AttributeError:  # pragma: no cover - attributes are plain on kinerja exceptions
            pass
    return err


def _check_columns(rows: list[dict[str, Any]], table: str, required: Sequence[str | tuple[str, ...]]) -> None:
    """One ``InputError`` listing every required column missing from a non-empty table (a tuple
    is a set of alternatives: one of them suffices)."""
    if not rows:
        return
    present: set[str] = set()
    for r in rows:
        present.update(r)
    missing = []
    for req in required:
        alts = (req,) if isinstance(req, str) else req
        if not any(a in present for a in alts):
            missing.append(" or ".join(f"`{a}`" for a in alts))
    if missing:
        from kinerja.exceptions import InputError

        raise _located(InputError, table, None, f"missing required column(s): {', '.join(missing)}")


def _check_number(v: Any, table: str, row: int, column: str, eid: str, iid: str | None) -> None:
    """A located ``InputError`` for a value of a numeric column that is not a finite number."""
    from kinerja.exceptions import InputError

    if v is None or isinstance(v, bool):
        if isinstance(v, bool):
            raise _located(
                InputError,
                table,
                row,
                "expected a number, got bool",
                employee=eid,
                indicator=iid,
                column=column,
            )
        return
    try:
        d = v if isinstance(v, Decimal) else Decimal(str(v).strip())
    except (ArithmeticError, ValueError, TypeError):
        raise _located(
            InputError,
            table,
            row,
            f"`{str(v)[:80]}` is not a number",
            employee=eid,
            indicator=iid,
            column=column,
        ) from None
    if not d.is_finite():
        raise _located(
            InputError,
            table,
            row,
            f"`{v}` is not a finite number",
            employee=eid,
            indicator=iid,
            column=column,
        )


def _period_at(v: Any, table: str, row: int, column: str, eid: str | None, iid: str | None = None) -> Period:
    """``Period(v)``, its error located at the table row."""
    try:
        return Period(v)
    except KinerjaError as e:
        raise _located(type(e), table, row, str(e), employee=eid, indicator=iid, column=column) from e


def plans_from_frames(
    indicators: Any, employees: Any, period: Period | str | int | None = None
) -> list[Plan]:
    """Builds one :class:`Plan` per employee from the two tables.

    Problems in the tables (a missing required column, a missing or non-numeric target, a bad
    period) raise a :class:`~kinerja.exceptions.KinerjaError` subclass naming the table, the
    row (0-based), the employee, the indicator and the column, before any plan is built."""
    ind_rows = table_to_rows(indicators)
    emp_rows = table_to_rows(employees)
    _check_columns(emp_rows, "employees", ["employee"])
    _check_columns(ind_rows, "indicators", ["employee", "indicator", ("target", "target_low")])
    eval_period = Period(period) if period is not None else None

    employees_by_id: dict[str, dict[str, Any]] = {}
    assessments: dict[str, list[dict[str, Any]]] = {}
    order: list[str] = []
    for i, r in enumerate(emp_rows):
        eid = r.get("employee")
        if eid is None:
            raise _input_error(f"employees row {i}: missing `employee` id")
        eid = str(eid)
        if eid not in employees_by_id:
            order.append(eid)
            emp = {
                "id": eid,
                "name": r.get("name") or "",
                "unit": r.get("unit") or "",
                "post_type": r.get("post_type"),
                "unit_head": _bool(r.get("unit_head") or False),
            }
            if r.get("functional_grade") is not None:
                emp["functional_grade"] = r["functional_grade"]
            if r.get("position") is not None:
                emp["position"] = r["position"]
            employees_by_id[eid] = {"employee": emp, "year": r.get("year")}
        a_period = r.get("period") if r.get("period") is not None else eval_period
        if a_period is None:
            raise _input_error(
                f"employees row {i} (employee `{eid}`): no assessment period; add a `period` "
                "column or pass period="
            )
        a: dict[str, Any] = {"period": str(_period_at(a_period, "employees", i, "period", eid))}
        for k in ("work_result", "org_predicate", "predicate"):
            if r.get(k) is not None:
                a[k] = r[k]
        values = {cv: r[f"behaviour_{cv}"] for cv in CORE_VALUES if r.get(f"behaviour_{cv}") is not None}
        if r.get("behaviour") is not None or values:
            beh: dict[str, Any] = {"values": values}
            if r.get("behaviour") is not None:
                beh["overall"] = r["behaviour"]
            a["behaviour"] = beh
        if r.get("behaviour_score") is not None:
            a["behaviour_score"] = _num(r["behaviour_score"])
        if len(a) > 1:
            assessments.setdefault(eid, []).append(a)

    results: dict[str, dict[str, dict[str, Any]]] = {eid: {} for eid in order}
    seen_ind: dict[tuple[str, str], dict[str, Any]] = {}
    realisations: dict[str, list[dict[str, Any]]] = {eid: [] for eid in order}
    for i, r in enumerate(ind_rows):
        eid = r.get("employee")
        if eid is None:
            raise _input_error(f"indicators row {i}: missing `employee` id")
        eid = str(eid)
        if eid not in results:
            raise _input_error(f"indicators row {i}: unknown employee `{eid}` (not in the employees table)")
        iid = r.get("indicator")
        if iid is None:
            raise _input_error(f"indicators row {i} (employee `{eid}`): missing `indicator` id")
        iid = str(iid)
        rid = str(r.get("result") or "rhk")
        key = (eid, iid)
        for col in _NUMERIC:
            _check_number(r.get(col), "indicators", i, col, eid, iid)
        if key not in seen_ind:
            from kinerja.exceptions import InputError

            if r.get("target_low") is not None or r.get("target_high") is not None:
                for col in ("target_low", "target_high"):
                    if r.get(col) is None:
                        raise _located(
                            InputError,
                            "indicators",
                            i,
                            "missing value",
                            employee=eid,
                            indicator=iid,
                            column=col,
                        )
            elif r.get("target") is None:
                raise _located(
                    InputError, "indicators", i, "missing value", employee=eid, indicator=iid, column="target"
                )
            if r.get("target_low") is not None or r.get("target_high") is not None:
                target: Any = {"low": _num(r.get("target_low")), "high": _num(r.get("target_high"))}
            else:
                target = _num(r.get("target"))
            ind: dict[str, Any] = {"id": iid, "name": r.get("indicator_name") or iid, "target": target}
            for k in ("unit_of_measure", "aspect", "polarity", "aggregation"):
                if r.get(k) is not None:
                    ind[k] = r[k]
            for k in ("weight", "cap"):
                if r.get(k) is not None:
                    ind[k] = _num(r[k])
            if r.get("target_is_max") is not None:
                ind["target_is_max"] = _bool(r["target_is_max"])
            seen_ind[key] = ind
            res = results[eid].setdefault(
                rid,
                {
                    "id": rid,
                    "description": r.get("result_description") or rid,
                    "indicators": [],
                },
            )
            if r.get("result_kind") is not None:
                res["kind"] = r["result_kind"]
            res["indicators"].append(ind)
        if r.get("period") is not None or r.get("actual") is not None:
            rp = r.get("period")
            if rp is None:
                raise _input_error(
                    f"indicators row {i} (employee `{eid}`, indicator `{iid}`): an actual without a period"
                )
            row_period = str(_period_at(rp, "indicators", i, "period", eid, iid))
            if r.get("period_target") is not None:
                # the target declared for this row's period (as kinerja.score reads it)
                seen_ind[key].setdefault("period_targets", {})[row_period] = _num(r["period_target"])
            if r.get("actual") is not None or r.get("period_target") is None:
                realisations[eid].append(
                    {"indicator": iid, "period": row_period, "actual": _num(r.get("actual"))}
                )

    plans = []
    for eid in order:
        e = employees_by_id[eid]
        year = e["year"]
        if year is None:
            if eval_period is not None:
                year = eval_period.year
            elif assessments.get(eid):
                year = Period(assessments[eid][0]["period"]).year
            elif realisations[eid]:
                year = Period(realisations[eid][0]["period"]).year
            else:
                raise _input_error(f"employee `{eid}`: no year (add a `year` column or pass period=)")
        plan = {
            "employee": e["employee"],
            "year": int(year),
            "results": list(results[eid].values()),
            "realisations": realisations[eid],
            "assessments": assessments.get(eid, []),
        }
        try:
            plans.append(Plan.from_dict(plan, allow_float=True))
        except KinerjaError as e:
            raise _located(type(e), "plan", None, str(e), employee=eid) from e
    return plans


def _input_error(message: str) -> Exception:
    from kinerja.exceptions import InputError

    return InputError(message)


_Frame = TypeVar("_Frame")


@overload
def evaluate_frame(
    indicators: str | os.PathLike[str],
    employees: Any = None,
    period: Period | str | int | None = None,
    rules: Ruleset | str | None = None,
    *,
    detail: Literal["employee", "indicator"] = "employee",
    lang: Literal["id", "en"] = "id",
    on_error: Literal["raise", "collect"] = "raise",
    **read: Any,
) -> Any: ...


@overload
def evaluate_frame(
    indicators: list[dict[str, Any]] | tuple[dict[str, Any], ...],
    employees: Any,
    period: Period | str | int | None = None,
    rules: Ruleset | str | None = None,
    *,
    detail: Literal["employee", "indicator"] = "employee",
    lang: Literal["id", "en"] = "id",
    on_error: Literal["raise", "collect"] = "raise",
    **read: Any,
) -> list[dict[str, Any]]: ...


@overload
def evaluate_frame(
    indicators: _Frame,
    employees: Any,
    period: Period | str | int | None = None,
    rules: Ruleset | str | None = None,
    *,
    detail: Literal["employee", "indicator"] = "employee",
    lang: Literal["id", "en"] = "id",
    on_error: Literal["raise", "collect"] = "raise",
    **read: Any,
) -> _Frame: ...


def evaluate_frame(
    indicators: Any,
    employees: Any = None,
    period: Period | str | int | None = None,
    rules: Ruleset | str | None = None,
    *,
    detail: str = "employee",
    lang: str = "id",
    on_error: str = "raise",
    **read: Any,
) -> Any:
    """Evaluates every employee of the roster and returns a table in the input's library
    (type checkers see the input's type; a list of dicts gives a list of dicts).

    ``detail="employee"`` gives one row per employee (achievement, ratings, predicate and its
    label in ``lang``); ``detail="indicator"`` one row per employee and indicator. The first
    columns are exactly those :func:`kinerja.score` gives for the same input and detail
    (``employees`` / ``indicators``), in its order and with its values; the explanation of the
    scalar evaluation follows.
    ``on_error="collect"`` keeps going and fills ``error`` / ``error_type`` columns instead
    of raising. ``period`` defaults to each plan's year.

    ``indicators`` (and ``employees``) may be paths of CSV, XLSX or Parquet files, read by the
    table layer as :func:`kinerja.score` reads them (Indonesian headers, ``number_format=``,
    ``delimiter=``, ``encoding=``, ``sheet=``, ``columns=``); the result is then a pyarrow
    table. Without ``employees`` the employee columns come from the indicator rows (the first
    row of each employee), assessed for ``period`` (default: the year of the realisations).
    """
    if detail not in ("employee", "indicator"):
        raise _input_error(f"detail `{detail}` is not accepted; accepted: employee, indicator")
    unknown = set(read) - {"number_format", "delimiter", "encoding", "sheet", "columns"}
    if unknown:
        raise _input_error(f"unknown argument `{sorted(unknown)[0]}`")
    if read or isinstance(indicators, (str, os.PathLike)) or employees is None:
        indicators, employees, period = _read_tables(indicators, employees, period, read)
    library = detect_library(indicators)
    plans = plans_from_frames(indicators, employees, period)
    results = evaluate_all(plans, period, rules, on_error=on_error)
    shape = _shape(indicators, employees, rules)
    rows: list[dict[str, Any]] = []
    for plan, res in zip(plans, results, strict=True):
        rows.extend(_rows_for(plan, res, detail, lang, shape))
    return rows_to_table(rows, library)


def _read_tables(indicators: Any, employees: Any, period: Any, read: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The canonical (pyarrow) tables of paths or frames, read by the table layer; without an
    employee table, one row per employee from its first indicator row, assessed for ``period``
    (default: the one year of the realisations)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja import _kinerja as native

    opts = dict(read)
    if opts.get("columns"):
        opts["columns"] = list(opts["columns"].items())

    def arg(t: Any) -> Any:
        if isinstance(t, os.PathLike):
            return os.fspath(t)
        if isinstance(t, str) or hasattr(t, "__arrow_c_stream__"):
            return t
        return pa.Table.from_pylist(list(t)) if isinstance(t, (list, tuple)) else pa.table(t)

    ind = native._table_read(arg(indicators), "indicators", **opts)
    if employees is not None:
        return ind, native._table_read(arg(employees), "employees", **opts), period
    if period is None:
        years = (
            {p[:4] for p in pc.unique(ind.column("period")).to_pylist() if p}
            if "period" in ind.column_names
            else set()
        )
        if len(years) != 1:
            raise _input_error("no employee table and no single year of realisations: pass period=")
        period = years.pop()
    first = pc.index_in(pc.unique(ind.column("employee")), value_set=ind.column("employee"))
    # the canonical employee columns, as kinerja-table declares them
    employee_columns = [c for c in native._EMPLOYEE_COLUMNS if c in ind.column_names and c != "period"]
    emp = pa.table({c: pc.take(ind.column(c), first) for c in employee_columns})
    return ind, emp.append_column("period", pa.array([str(period)] * emp.num_rows, pa.string())), period


def _columns(table: Any) -> set[str]:
    """The column names of a table of any accepted library (a list of dicts: every key)."""
    if isinstance(table, list | tuple):
        return {str(k) for r in table for k in r}
    names = getattr(table, "column_names", None) or getattr(table, "columns", [])
    return {str(c) for c in names}


def _score_row(
    ev: Evaluation | None, plan: Plan, shape: dict[str, Any], error: BaseException | None = None
) -> dict[str, Any]:
    """The columns :func:`kinerja.score` gives an employee, in its order, from the scalar
    evaluation (``None``: the employee could not be evaluated, for ``error``). A plan refused
    for having no indicator (the policy's ``rating.require_indicators``) has the status
    ``no_indicators``, as :func:`kinerja.score` gives it; any other refusal is ``error``."""
    emp = plan.employee
    row: dict[str, Any] = {"employee": emp.id, "unit": emp.unit or None}
    if ev is None:
        row.update(dict.fromkeys(_SCORED))
        row.update(disagreement=False, weights_normalised=False)
        if shape["credit"]:
            row["credit_points"] = None
        no_indicators = getattr(error, "field", None) == "indicators" and not any(
            r.indicators for r in plan.results
        )
        row.update({"ok": False, "status": "no_indicators" if no_indicators else "error"})
        return row
    d = ev.to_dict()
    row.update({k: d[k] for k in _SCORED})
    if shape["credit"]:
        grade = emp.functional_grade
        cp = None if grade is None else credit_points(ev.predicate, grade, 12, shape["rules"])
        row["credit_points"] = None if cp is None else cp.value
    row.update({"ok": True, "status": "ok"})
    return row


# the evaluation's values that kinerja.score also gives, in its column order
_SCORED = (
    "weighted_achievement",
    "advised_rating",
    "work_result",
    "work_result_source",
    "behaviour",
    "predicate",
    "disagreement",
    "weights_normalised",
)


def _rows_for(
    plan: Plan,
    res: Evaluation | KinerjaError,
    detail: str,
    lang: str,
    shape: dict[str, Any],
) -> Iterable[dict[str, Any]]:
    """Rows of one employee: first the columns of :func:`kinerja.score` for the same detail
    (same order, same values), then the explanation (name, period, regime, policy, score,
    label, notes) and ``error`` / ``error_type``."""
    ev = res if isinstance(res, Evaluation) else None
    extra: dict[str, Any] = {"name": plan.employee.name}
    if ev is not None:
        extra.update(
            {
                "period": str(ev.period),
                "regime": ev.regime.value,
                "policy_id": ev.policy_id,
                "policy_version": ev.policy_version,
                "score": ev.score,
                "predicate_label": ev.predicate_label(lang),
                "notes": "; ".join(ev.notes(lang)),
                "error": None,
                "error_type": None,
            }
        )
    else:
        extra.update({"predicate": None, "error": str(res), "error_type": type(res).__name__})
    if detail == "employee":
        row = _score_row(ev, plan, shape, res if isinstance(res, KinerjaError) else None)
        if not shape["unit"]:
            row.pop("unit")
        yield {**row, **{k: v for k, v in extra.items() if k not in row}}
        return
    if ev is None:
        yield {"employee": plan.employee.id, **extra}
        return
    for r in ev.to_records():
        row = {"employee": plan.employee.id, "indicator": r["indicator"]}
        if shape["period"]:
            row["period"] = str(ev.period)
        row["achievement"] = r["achievement"]
        detail_cols = {k: v for k, v in r.items() if k not in row and k not in extra}
        yield {**row, **detail_cols, **{k: v for k, v in extra.items() if k not in row}}


def _shape(indicators: Any, employees: Any, rules: Ruleset | str | None) -> dict[str, Any]:
    """Which optional columns :func:`kinerja.score` gives for these tables."""
    ind_cols, emp_cols = _columns(indicators), _columns(employees)
    return {
        "unit": "unit" in emp_cols,
        "credit": "functional_grade" in emp_cols,
        "period": "period" in ind_cols,
        "rules": rules,
    }


def roster_to_rows(
    plans: Iterable[dict[str, Any] | Plan],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The inverse of :func:`plans_from_frames`: plans (dicts or :class:`Plan`) to the rows of
    the ``indicators`` and ``employees`` tables (numbers as ``Decimal``)."""
    ind_rows: list[dict[str, Any]] = []
    emp_rows: list[dict[str, Any]] = []
    for p in plans:
        d = p.to_dict() if isinstance(p, Plan) else p
        emp = d["employee"]
        eid = emp["id"]
        for res in d.get("results", []):
            for ind in res.get("indicators", []):
                t = ind["target"]
                base = {
                    "employee": eid,
                    "result": res["id"],
                    "result_description": res.get("description"),
                    "result_kind": res.get("kind", "primary"),
                    "indicator": ind["id"],
                    "indicator_name": ind.get("name"),
                    "unit_of_measure": ind.get("unit_of_measure"),
                    "aspect": ind.get("aspect", "quantity"),
                    "polarity": ind.get("polarity", "higher_is_better"),
                    "aggregation": ind.get("aggregation", "cumulative"),
                    "target": None if isinstance(t, dict) else Decimal(str(t)),
                    "target_low": Decimal(str(t["low"])) if isinstance(t, dict) else None,
                    "target_high": Decimal(str(t["high"])) if isinstance(t, dict) else None,
                    "weight": Decimal(str(ind["weight"])) if ind.get("weight") is not None else None,
                    "cap": Decimal(str(ind["cap"])) if ind.get("cap") is not None else None,
                }
                reals = [r for r in d.get("realisations", []) if r["indicator"] == ind["id"]]
                if not reals:
                    ind_rows.append({**base, "period": None, "actual": None})
                for r in reals:
                    ind_rows.append({**base, "period": str(r["period"]), "actual": Decimal(str(r["actual"]))})
        for a in d.get("assessments", []):
            beh = a.get("behaviour") or {}
            row = {
                "employee": eid,
                "name": emp.get("name"),
                "unit": emp.get("unit"),
                "post_type": emp.get("post_type"),
                "functional_grade": emp.get("functional_grade"),
                "unit_head": bool(emp.get("unit_head", False)),
                "position": emp.get("position"),
                "year": d["year"],
                "period": str(a["period"]),
                "work_result": a.get("work_result"),
                "behaviour": beh.get("overall"),
                "org_predicate": a.get("org_predicate"),
                "predicate": a.get("predicate"),
            }
            for cv in CORE_VALUES:
                row[f"behaviour_{cv}"] = (beh.get("values") or {}).get(cv)
            emp_rows.append(row)
    return ind_rows, emp_rows
