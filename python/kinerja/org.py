"""The organisation layer from Python: structures from tables, the distribution curve from any
roster shape, charts, and the demo section.

>>> import kinerja as kj
>>> s = kj.OrgStructure(units=[{"id": "dinkes", "name": "Dinas Kesehatan"},
...                            {"id": "yankes", "name": "Bidang Yankes", "parent": "dinkes"}])
>>> s.children("dinkes")
['yankes']
>>> r = kj.check_distribution(["good", "good", "good", "needs_improvement"], org_predicate="good")
>>> r.passed
False
>>> [(c.rule, c.bound, c.actual, c.satisfied) for c in r.constraints]
[('max', 2, 3, False), ('at_least_one', 1, 1, True)]

A roster (``predicates``) may be:

* a list of predicates (``Predicate``, value or label; ids ``#1``, ``#2``... are generated),
* a list of ``(employee, predicate)`` or ``(employee, predicate, achievement)`` pairs, of dicts
  with ``employee``, ``predicate`` and optional ``achievement``, or of :class:`Evaluation`
  objects (their predicate and weighted achievement),
* a dict ``{employee: predicate}``,
* a pandas Series (its index gives the ids) or a polars Series (ids generated),
* a pandas / polars DataFrame or pyarrow Table with a ``predicate`` column (or the column named by
  ``column=``), ids from an ``employee`` column, else from the pandas index, else generated, and
  an optional ``achievement`` column.

Missing values (None, NaN) in a Series or a table mean "not rated" and are left out.

pandas, polars and matplotlib are optional: they are imported only when used.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from kinerja._kinerja import (
    CalibrationResult,
    DistributionReport,
    Evaluation,
    InputError,
    OrgPerformance,
    OrgStructure,
    Plan,
    Ruleset,
    _calibrate,
    _check_distribution,
    _rank_unit,
    align,
    evaluate_all,
    unit_performance,
)
from kinerja.charts import wrap_label
from kinerja.datasets import roster_name
from kinerja.enums import OrgPredicate, OrgPredicateValue, Predicate
from kinerja.frames import _bool, _clean, detect_library, table_to_rows

__all__ = [
    "calibrate",
    "check_distribution",
    "check_units",
    "demo_section",
    "distribution_frame",
    "plot_distribution",
    "rank_unit",
    "roster_entries",
    "structure_from_frames",
    "structure_from_roster",
]

_UNIT_KEYS = ("id", "name", "parent", "head")
_GOAL_KEYS = ("id", "unit", "name", "target", "polarity", "weight", "actual")
_EMPLOYEE_KEYS = ("id", "name", "unit", "post_type", "functional_grade", "unit_head", "position")
_KEYS = {"units": _UNIT_KEYS, "goals": _GOAL_KEYS, "employees": _EMPLOYEE_KEYS}
_NUMERIC = ("target", "weight", "actual", "target_low", "target_high")


def _error(message: str, field: str | None = None) -> InputError:
    e = InputError(message)
    e.family = "input"
    e.field = field
    for k in ("row", "unit", "employee", "indicator", "period"):
        setattr(e, k, None)
    return e


def _num(v: Any) -> Any:
    """A float through its shortest repr (exact decimal text); anything else unchanged."""
    if isinstance(v, float) and math.isfinite(v):
        return repr(v)
    return v


def _is_table(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] in ("pandas", "polars", "pyarrow")


def _table_rows(obj: Any, field: str = "rows", clean: bool | None = None) -> list[Any]:
    """Rows of ``obj`` for the native constructors: a table (pandas, polars, pyarrow) or any
    iterable. Rows of ``units`` / ``goals`` / ``employees`` tables (or any rows when
    ``clean=True``) are cleaned: missing values dropped, floats made exact through their
    shortest repr, ``employee`` accepted for ``id``, ``target_low`` / ``target_high`` made a
    range, ``unit_head`` read as yes/no, and columns a structure does not read ignored. Other
    rows are passed on unchanged (the native code is strict about them)."""
    table = _is_table(obj)
    if table:
        rows: list[Any] = table_to_rows(obj)
    elif isinstance(obj, Mapping):
        raise _error(f"{field}: expected a list of rows or a table, got a mapping", field)
    else:
        try:
            rows = list(obj)
        except TypeError:
            raise _error(
                f"{field}: expected a list of rows or a table, got {type(obj).__name__}", field
            ) from None
    if field not in _KEYS or not (table if clean is None else clean):
        return rows
    cleaned = [_structure_row(r, field) if isinstance(r, Mapping) else r for r in rows]
    return _pick(cleaned, _KEYS[field])


def _pick(rows: list[Any], keys: tuple[str, ...]) -> list[Any]:
    return [{k: v for k, v in r.items() if k in keys} if isinstance(r, Mapping) else r for r in rows]


def _structure_row(row: Mapping[str, Any], field: str) -> dict[str, Any]:
    r = {str(k): _clean(v) for k, v in row.items()}
    r = {k: v for k, v in r.items() if v is not None}
    if field == "employees" and "id" not in r and "employee" in r:
        r["id"] = r.pop("employee")
    if "id" in r and not isinstance(r["id"], str):
        r["id"] = str(r["id"])
    if field == "goals":
        if "target_low" in r or "target_high" in r:
            r["target"] = {"low": _num(r.pop("target_low", None)), "high": _num(r.pop("target_high", None))}
        for k in _NUMERIC:
            if k in r:
                r[k] = _num(r[k])
    if field == "employees" and "unit_head" in r:
        r["unit_head"] = _bool(r["unit_head"])
    if field in ("units", "employees"):
        for k in ("parent", "head", "unit"):
            if k in r and not isinstance(r[k], str):
                r[k] = str(r[k])
    return r


def structure_from_frames(units: Any, goals: Any = None, employees: Any = None) -> OrgStructure:
    """An :class:`OrgStructure` from tables (pandas, polars, pyarrow) or lists of dicts.

    ``units``: ``id``, ``name``, optional ``parent`` and ``head``; ``goals``: ``id``, ``unit``,
    ``name``, ``target`` (or ``target_low`` and ``target_high``), optional ``polarity``,
    ``weight``, ``actual``; ``employees``: ``id`` (or ``employee``), ``name``, ``unit``,
    ``post_type``, optional ``functional_grade``, ``unit_head``, ``position``. Float columns are
    read through each value's shortest repr; NaN means missing. Other columns are ignored.
    """
    u = _table_rows(units, "units", clean=True)
    g = _table_rows(goals, "goals", clean=True) if goals is not None else None
    e = _table_rows(employees, "employees", clean=True) if employees is not None else None
    return OrgStructure(u, g, e)


def structure_from_roster(roster: Mapping[str, Any]) -> OrgStructure:
    """The structure of a roster dict with ``units``, optional ``goals`` and either
    ``employees`` or ``plans`` (whose employees are taken), e.g. the bundled
    :func:`kinerja.datasets.kupang_roster`."""
    employees = roster.get("employees")
    if employees is None:
        employees = [p if isinstance(p, Plan) else Plan.from_dict(p) for p in roster.get("plans", [])]
    return OrgStructure(roster.get("units", []), roster.get("goals"), employees)


# --- rosters -------------------------------------------------------------------------------


def _present(v: Any) -> bool:
    return _clean(v) is not None


def roster_entries(predicates: Any, column: str | None = None) -> list[Any]:
    """Normalises a roster (see the module docs) to a list of ``Evaluation`` objects,
    ``(employee, predicate[, achievement])`` tuples and dicts."""
    col = column or "predicate"
    if isinstance(predicates, str | bytes):
        raise _error(
            "predicates: expected a roster (list, dict, Series or table), got a string", "predicates"
        )
    if isinstance(predicates, Evaluation | DistributionReport):
        raise _error(f"predicates: expected a roster, got a single {type(predicates).__name__}", "predicates")
    if isinstance(predicates, Mapping):
        return [v if isinstance(v, Evaluation) else (str(k), _clean(v)) for k, v in predicates.items()]
    mod = type(predicates).__module__.split(".")[0]
    tname = type(predicates).__name__
    if mod == "pandas" and tname == "Series":
        return [(str(k), _clean(v)) for k, v in predicates.items() if _present(v)]
    if mod == "polars" and tname == "Series":
        return [(f"#{i + 1}", v) for i, v in enumerate(predicates.to_list()) if _present(v)]
    if mod in ("pandas", "polars", "pyarrow"):
        return _frame_entries(predicates, col)
    out: list[Any] = []
    for i, item in enumerate(predicates):
        if isinstance(item, Evaluation | tuple | list | Mapping | BaseException):
            out.append(item)
        else:
            out.append((f"#{i + 1}", item))
    return out


def _frame_entries(table: Any, col: str) -> list[Any]:
    lib = detect_library(table)
    rows = table_to_rows(table)
    if rows and col not in rows[0]:
        raise _error(
            f"predicates: the table has no `{col}` column (columns: {', '.join(rows[0])}); "
            "pass column= to name it",
            "predicates",
        )
    if rows and "employee" in rows[0]:
        ids = [str(r["employee"]) for r in rows]
    elif lib == "pandas":
        ids = [str(k) for k in table.index]
    else:
        ids = [f"#{i + 1}" for i in range(len(rows))]
    out: list[Any] = []
    for eid, r in zip(ids, rows, strict=True):
        p = r.get(col)
        if p is None:
            continue
        ach = r.get("achievement")
        out.append((eid, p, _num(ach)) if ach is not None else (eid, p))
    return out


def _with_achievements(entries: list[Any], achievements: Mapping[str, Any] | None) -> list[Any]:
    if not achievements:
        return entries
    out: list[Any] = []
    for e in entries:
        if isinstance(e, tuple) and len(e) == 2 and str(e[0]) in achievements:
            out.append((e[0], e[1], _num(_clean(achievements[str(e[0])]))))
        else:
            out.append(e)
    return out


def check_distribution(
    predicates: Any,
    org_predicate: OrgPredicate | OrgPredicateValue = "good",
    rules: Ruleset | str | None = None,
    unit: str | None = None,
    structure: OrgStructure | None = None,
    *,
    column: str | None = None,
) -> DistributionReport:
    """Checks a roster against the distribution curve of SE MenPANRB 3/2023 for a unit whose
    organisational predicate is ``org_predicate``.

    Every constraint of the curve's row is reported with its rule, legal source, headcount,
    allowed or required count, actual count and verdict (``report.constraints``). With
    ``structure`` and ``unit``, the unit's own members are checked (the head counted as the
    policy says; members without a predicate listed in ``report.excluded``). Shares become
    counts by the policy's ``organisation.max_rounding`` / ``min_rounding`` (default: maxima
    floored, minima ceiled).
    """
    entries = roster_entries(predicates, column)
    return _check_distribution(entries, org_predicate, rules, unit, structure)


def _entry_id(entry: Any) -> str | None:
    if isinstance(entry, Evaluation):
        return entry.employee
    if isinstance(entry, tuple | list) and entry:
        return str(entry[0])
    if isinstance(entry, Mapping):
        v = entry.get("employee", entry.get("id"))
        return None if v is None else str(v)
    return None


def check_units(
    predicates: Any,
    structure: OrgStructure,
    org_predicate: OrgPredicate
    | OrgPredicateValue
    | Mapping[str, OrgPredicate | OrgPredicateValue]
    | OrgPerformance = "good",
    rules: Ruleset | str | None = None,
    *,
    units: Iterable[str] | None = None,
    column: str | None = None,
) -> dict[str, DistributionReport]:
    """The distribution check of every unit (or of ``units``), each over its own members.

    ``predicates`` is a roster of the whole organisation (any shape :func:`check_distribution`
    reads); each employee is checked in the unit the structure puts them in. ``org_predicate``
    is one predicate for every unit, a mapping ``{unit: predicate}`` or an
    :class:`OrgPerformance` (its predicates); units without one are left out. Returns
    ``{unit: DistributionReport}`` in breadth-first order.
    """
    entries = roster_entries(predicates, column)
    chosen = list(units) if units is not None else structure.breadth_first()
    by_unit: dict[str, list[Any]] = {u: [] for u in structure.breadth_first()}
    for i, e in enumerate(entries):
        eid = _entry_id(e)
        emp = structure.employee(eid) if eid is not None else None
        if emp is None:
            # raises the located error (unknown employee, malformed entry)
            _check_distribution([e], "good", rules, None, structure)
            raise _error(f"predicates[{i}]: `{eid}` is not an employee of the structure", "predicates")
        by_unit[emp.unit].append(e)
    if isinstance(org_predicate, OrgPerformance):
        orgs: Mapping[str, Any] = org_predicate.predicates
    elif isinstance(org_predicate, Mapping):
        orgs = org_predicate
    else:
        orgs = dict.fromkeys(chosen, org_predicate)
    out: dict[str, DistributionReport] = {}
    for u in chosen:
        if u not in by_unit:
            structure.depth(u)  # raises the located error for an unknown unit
        if orgs.get(u) is None:
            continue
        out[u] = _check_distribution(by_unit.get(u, []), orgs[u], rules, u, structure)
    return out


def calibrate(
    predicates: Any,
    org_predicate: OrgPredicate | OrgPredicateValue = "good",
    rules: Ruleset | str | None = None,
    unit: str | None = None,
    structure: OrgStructure | None = None,
    *,
    achievements: Mapping[str, Any] | None = None,
    column: str | None = None,
) -> CalibrationResult:
    """Proposes the fewest predicate changes that make a roster meet the curve, choosing
    employees by the policy's ``organisation.calibration_order`` (default: weakest
    achievement first, then id) and ``calibration_direction``; each change has its reason.
    Nothing is changed: the result lists proposals, or says why none exists (``feasible``).

    Achievements come from :class:`Evaluation` entries, an ``achievement`` column or item, or
    ``achievements={employee: value}``; floats are accepted (they only order employees).
    """
    entries = _with_achievements(roster_entries(predicates, column), achievements)
    return _calibrate(entries, org_predicate, rules, unit, structure)


def rank_unit(
    entries: Any,
    by_achievement: bool = True,
    unit: str | None = None,
    structure: OrgStructure | None = None,
    *,
    achievements: Mapping[str, Any] | None = None,
    column: str | None = None,
) -> list[dict[str, Any]]:
    """Ranks employees within a unit: by predicate (best first), then by achievement (highest
    first, missing last) when ``by_achievement``, then by employee id (the declared tie rule;
    ``tied_with_previous`` marks ties it breaks). Returns dicts ``rank``, ``employee``,
    ``predicate``, ``achievement``, ``tied_with_previous``."""
    rows = _with_achievements(roster_entries(entries, column), achievements)
    return _rank_unit(rows, by_achievement, unit, structure)


# --- tables and charts ---------------------------------------------------------------------


def distribution_frame(report: DistributionReport, lang: str = "id") -> Any:
    """The report's constraints as a pandas DataFrame (one row per constraint)."""
    import pandas as pd

    return pd.DataFrame.from_records(report.to_records(lang))


_LABELS = {
    "id": {
        "title": "Kurva distribusi — predikat organisasi {org} (n = {n})",
        "ylabel": "Jumlah pegawai",
        "band": "rentang diizinkan",
        "actual": "aktual",
    },
    "en": {
        "title": "Distribution curve — organisational predicate {org} (n = {n})",
        "ylabel": "Employees",
        "band": "allowed range",
        "actual": "actual",
    },
}


def _wrap(label: str) -> str:
    """A tick label on short lines, breaking after spaces and slashes only."""
    return wrap_label(label, 12)


def plot_distribution(report: DistributionReport, ax: Any = None, lang: str = "id") -> Any:
    """A matplotlib bar chart of the actual count per predicate (best first) against the
    allowed band of each predicate; constraints over several predicates together are drawn as
    brackets above their bars. Bars outside their band, and unmet constraints, are red.
    Returns the ``Axes``."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    text = _LABELS.get(lang, _LABELS["en"])
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4))
    preds = list(reversed(Predicate.members()))
    bands = report.bands()
    counts = report.counts
    n = report.headcount
    xs = list(range(len(preds)))
    lows = [bands[p.value][0] for p in preds]
    highs = [bands[p.value][1] for p in preds]
    actual = [counts[p.value] for p in preds]
    ax.bar(
        xs,
        [h - lo for lo, h in zip(lows, highs, strict=True)],
        bottom=lows,
        width=0.8,
        color="#8fd19e",
        alpha=0.35,
        edgecolor="#1a7f37",
        label=text["band"],
    )
    for x, lo, h in zip(xs, lows, highs, strict=True):
        if lo == h:  # a single allowed count (e.g. "none allowed"): mark it
            ax.plot([x - 0.4, x + 0.4], [lo, lo], color="#1a7f37", linewidth=3)
    colours = ["#1a7f37" if lo <= a <= h else "#cf222e" for lo, a, h in zip(lows, actual, highs, strict=True)]
    ax.bar(xs, actual, width=0.4, color=colours, label=text["actual"])
    for x, a in zip(xs, actual, strict=True):
        ax.annotate(str(a), (x, a), ha="center", va="bottom", fontsize=9)
    top = max([n, *actual, 1])
    index = {p.value: i for i, p in enumerate(preds)}
    level = top + 0.3
    for c in report.constraints:
        members = [index[p.value] for p in c.predicates]
        if len(members) < 2:
            continue
        lo_x, hi_x = min(members) - 0.3, max(members) + 0.3
        colour = "#1a7f37" if c.satisfied else "#cf222e"
        ax.plot([lo_x, lo_x, hi_x, hi_x], [level - 0.15, level, level, level - 0.15], color=colour)
        sign = "≤" if c.rule in ("max", "none_allowed") else "≥"
        ax.annotate(
            f"{sign} {c.bound} ({c.actual})",
            ((lo_x + hi_x) / 2, level),
            ha="center",
            va="bottom",
            color=colour,
            fontsize=9,
        )
        level += 0.6
    ax.set_xticks(xs, [_wrap(p.label(lang)) for p in preds])
    ax.set_ylim(0, level + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(text["ylabel"])
    ax.set_title(text["title"].format(org=report.org_predicate.label(lang), n=n))
    ax.legend(loc="best", fontsize=8)
    return ax


# --- demo ----------------------------------------------------------------------------------


def _number(n: int) -> dict[str, str]:
    """The English endings for ``n`` things (``1 change``, ``2 changes``); the Indonesian
    templates use none of them."""
    return {"s": "" if n == 1 else "s", "are": "is" if n == 1 else "are"}


_DEMO = {
    "id": {
        "align": "Keselarasan kinerja (cascading)",
        "iku": "Capaian indikator kinerja utama (IKU) per unit",
        "curve": "Kurva distribusi per unit (SE MenPANRB 3/2023), predikat organisasi: {org}",
        "whole": "Seluruh instansi",
        "unit": "{name} [{id}]: {n} pegawai dinilai — {verdict}",
        "pass": "MEMENUHI",
        "fail": "TIDAK MEMENUHI",
        "actual": "aktual {actual}, batas {bound}",
        "excluded": "tidak dihitung",
        "proposal": "usulan kalibrasi ({k} perubahan, tidak diterapkan otomatis):",
        "change": "{emp}: {frm} → {to} — {why}",
        "infeasible": "tidak ada kalibrasi yang memenuhi kurva: {why}",
        "errors": "{k} pegawai tidak dapat dinilai dan tidak dihitung",
    },
    "en": {
        "align": "Performance alignment (cascading)",
        "iku": "Key performance indicator (IKU) achievement per unit",
        "curve": "Distribution curve per unit (SE MenPANRB 3/2023), organisational predicate: {org}",
        "whole": "Whole organisation",
        "unit": "{name} [{id}]: {n} rated employee{s} — {verdict}",
        "pass": "PASSES",
        "fail": "FAILS",
        "actual": "actual {actual}, bound {bound}",
        "excluded": "not counted",
        "proposal": "calibration proposal ({k} change{s}, not applied automatically):",
        "change": "{emp}: {frm} → {to} — {why}",
        "infeasible": "no calibration meets the curve: {why}",
        "errors": "{k} employee{s} could not be evaluated and {are} not counted",
    },
}


def demo_section(roster: Mapping[str, Any], lang: str = "id", rules: Ruleset | None = None) -> str:
    """The organisation part of the Kupang demo as text: the alignment report (coverage,
    contribution tree, problems), the IKU achievement of each unit and, for each unit, the
    distribution check of its rated members with a calibration proposal where the curve is not
    met.

    ``roster`` is a dict like :func:`kinerja.datasets.kupang_roster` (``units``, ``goals``,
    ``plans``, ``period``, ``org_predicate``); the plans are evaluated under ``rules``
    (default: PermenPANRB 6/2022 with the example Kupang policy).
    """
    from kinerja import datasets

    t = _DEMO["en" if lang == "en" else "id"]
    rules = rules if rules is not None else datasets.kupang_rules()
    plans = [p if isinstance(p, Plan) else Plan.from_dict(p) for p in roster.get("plans", [])]
    structure = structure_from_roster({**roster, "plans": plans})
    results = evaluate_all(plans, roster.get("period"), rules, on_error="collect")
    evals = [r for r in results if isinstance(r, Evaluation)]
    org = OrgPredicate(roster.get("org_predicate") or "good")
    report = align(structure, plans, evals, rules)

    out: list[str] = [t["align"], "-" * len(t["align"]), report.text(lang).rstrip(), ""]
    perf = unit_performance(structure, None, rules)
    out += [t["iku"], "-" * len(t["iku"])]
    for u in perf.units:
        name = (structure.unit(u["unit"]) or {"name": u["unit"]})["name"]
        value = "–" if u["value"] is None else f"{u['value']}%"
        goals = ", ".join(f"{g['goal']} {g['achievement']}%" for g in u["goals"])
        out.append(f"{name} [{u['unit']}]: {value}" + (f" ({goals})" if goals else ""))
    out.append("")
    curve = t["curve"].format(org=org.label(lang))
    out += [curve, "-" * len(curve)]
    failed = len(results) - len(evals)
    if failed:
        out.append(t["errors"].format(k=failed, **_number(failed)))
    by_unit: dict[str, list[Evaluation]] = {}
    for e in evals:
        by_unit.setdefault(e.unit, []).append(e)

    def block(check: DistributionReport, members: list[Evaluation], name: str, uid: str | None) -> None:
        verdict = t["pass"] if check.passed else t["fail"]
        n = check.headcount
        out.append(t["unit"].format(name=name, id=uid or "*", n=n, verdict=verdict, **_number(n)))
        for c in check.constraints:
            mark = "✓" if c.satisfied else "✗"
            out.append(
                f"   {mark} {c.description(lang)}: {t['actual'].format(actual=c.actual, bound=c.bound)}"
            )
        for x in check.excluded:
            out.append(
                f"   – {x['employee']}: {t['excluded']} ({x['reason'] if lang != 'en' else x['reason_en']})"
            )
        if check.passed:
            return
        if uid is None:
            cal = calibrate(members, org, rules)
        else:
            cal = calibrate(members, org, rules, unit=uid, structure=structure)
        if not cal.feasible:
            out.append("   " + t["infeasible"].format(why=cal.infeasible_reason(lang)))
            return
        out.append("   " + t["proposal"].format(k=len(cal), **_number(len(cal))))
        names = {e.employee: e.name for e in members}
        for ch in cal.changes:
            out.append(
                "     "
                + t["change"].format(
                    emp=names.get(ch["employee"], ch["employee"]),
                    frm=ch["from"].label(lang),
                    to=ch["to"].label(lang),
                    why=ch["reason_en"] if lang == "en" else ch["reason"],
                )
            )

    whole = roster_name(roster, lang) or t["whole"]
    block(check_distribution(evals, org, rules), evals, whole, None)
    for uid, check in check_units(evals, structure, org, rules).items():
        unit = structure.unit(uid) or {"name": uid}
        block(check, by_unit.get(uid, []), unit["name"], uid)
    return "\n".join(out) + "\n"
