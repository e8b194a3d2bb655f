"""The organisation layer from Python: structures (lists and tables), alignment, roll-up, SAKIP,
the distribution curve (every roster shape), calibration, ranking, reports, pickling, charts,
hostile inputs and the demo section. Golden vectors are the Rust core's
(``testdata/golden/org_*.json``)."""

from __future__ import annotations

import doctest
import json
import pickle
import random
from collections import Counter
from decimal import Decimal
from typing import Any

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_followup_html_lang import POINT, skeleton, visible

import kinerja as kj
from kinerja import exceptions as kx

from conftest import load_golden

P = kj.Predicate

UNITS = [
    {"id": "dinkes", "name": "Dinas Kesehatan"},
    {"id": "yankes", "name": "Bidang Yankes", "parent": "dinkes"},
    {"id": "p2p", "name": "Bidang P2P", "parent": "dinkes"},
    {"id": "pkm", "name": "Puskesmas", "parent": "yankes", "head": "kapus"},
]
GOALS = [
    {"id": "iku-1", "unit": "dinkes", "name": "IKM", "target": "90", "actual": "92", "weight": "60"},
    {"id": "iku-2", "unit": "dinkes", "name": "Bumil", "target": "100", "actual": "80", "weight": "40"},
    {"id": "iku-3", "unit": "yankes", "name": "Waktu tunggu", "target": "30", "polarity": "lower"},
]
EMPLOYEES = [
    {"id": "kadis", "name": "Kadis", "unit": "dinkes", "post_type": "jpt", "unit_head": True},
    {"id": "kabid", "name": "Kabid", "unit": "yankes", "post_type": "administrator", "unit_head": True},
    {"id": "s1", "name": "Staf 1", "unit": "yankes", "post_type": "executor"},
    {"id": "s2", "name": "Staf 2", "unit": "yankes", "post_type": "executor"},
    {
        "id": "s3",
        "name": "Staf 3",
        "unit": "yankes",
        "post_type": "functional",
        "functional_grade": "first_expert",
    },
    {"id": "kapus", "name": "Kapus", "unit": "pkm", "post_type": "administrator"},
    {"id": "p1", "name": "Staf P2P", "unit": "p2p", "post_type": "executor"},
]


def golden(stem: str) -> list[dict[str, Any]]:
    return load_golden(stem)


def assert_kinerja_error(info: pytest.ExceptionInfo[BaseException], cls: type = kx.KinerjaError) -> None:
    assert isinstance(info.value, cls), type(info.value)
    assert type(info.value).__name__ != "PanicException"


@pytest.fixture(scope="module")
def structure() -> kj.OrgStructure:
    return kj.OrgStructure(UNITS, GOALS, EMPLOYEES)


# --- structure ---------------------------------------------------------------------------------


def test_structure_queries(structure: kj.OrgStructure) -> None:
    s = structure
    assert len(s) == 4 and "pkm" in s and "x" not in s
    assert s.roots() == ["dinkes"]
    assert s.breadth_first() == ["dinkes", "yankes", "p2p", "pkm"]
    assert s.children("dinkes") == ["yankes", "p2p"]
    assert s.ancestors("pkm") == ["yankes", "dinkes"]
    assert s.descendants("dinkes") == ["yankes", "p2p", "pkm"]
    assert s.parent("pkm") == "yankes" and s.parent("dinkes") is None
    assert [s.depth(u) for u in ("dinkes", "yankes", "pkm")] == [0, 1, 2]
    assert s.is_ancestor_or_self("dinkes", "pkm") and not s.is_ancestor_or_self("p2p", "pkm")
    assert s.head("yankes") == "kabid" and s.head("pkm") == "kapus" and s.head("p2p") is None
    assert s.is_head("kapus") and not s.is_head("s1")
    assert [e.id for e in s.employees_of("yankes")] == ["kabid", "s1", "s2", "s3"]
    assert s.employee("s3").functional_grade == kj.FunctionalGrade("first_expert")
    goals = s.goals_of("dinkes")
    assert [g["id"] for g in goals] == ["iku-1", "iku-2"]
    assert goals[0]["target"] == Decimal("90") and goals[0]["weight"] == Decimal("60")
    assert s.goal("iku-3")["polarity"] == "lower_is_better"
    assert s.unit("pkm") == {"id": "pkm", "name": "Puskesmas", "parent": "yankes", "head": "kapus"}
    assert s.unit("nope") is None and s.goal("nope") is None and s.employee("nope") is None
    assert len(s.units) == 4 and len(s.goals) == 3 and len(s.employees) == 7
    assert "OrgStructure(units=4" in repr(s)
    html = s._repr_html_()
    assert "<table>" in html and "Puskesmas" in html
    assert "Employees" in s.to_html("en")


def test_structure_round_trips(structure: kj.OrgStructure) -> None:
    again = kj.OrgStructure.from_json(structure.to_json())
    assert again == structure
    assert kj.OrgStructure.from_dict(structure.to_dict()) == structure
    assert kj.OrgStructure.from_dict({"units": UNITS, "goals": GOALS, "employees": EMPLOYEES}) == structure


def test_structure_accepts_model_objects_and_plans(simple_plan_dict: dict[str, Any]) -> None:
    plan = kj.Plan.from_dict(simple_plan_dict)
    emp = kj.Employee("e2", "Dua", "pkm", "executor", unit_head=True)
    s = kj.OrgStructure([{"id": "pkm", "name": "PKM"}], employees=[plan, emp])
    assert [e.id for e in s.employees] == [plan.employee.id, "e2"]
    assert s.head("pkm") == "e2"


def _frames_input() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    units = [
        {"id": u["id"], "name": u["name"], "parent": u.get("parent"), "head": u.get("head")} for u in UNITS
    ]
    goals = [
        {
            "id": g["id"],
            "unit": g["unit"],
            "name": g["name"],
            "target": float(g["target"]),
            "polarity": g.get("polarity", "higher"),
            "weight": float(g["weight"]) if "weight" in g else None,
            "actual": float(g["actual"]) if "actual" in g else None,
            "extra_column": "ignored",
        }
        for g in GOALS
    ]
    emps = [
        {
            "employee": e["id"],
            "name": e["name"],
            "unit": e["unit"],
            "post_type": e["post_type"],
            "functional_grade": e.get("functional_grade"),
            "unit_head": "ya" if e.get("unit_head") else "tidak",
        }
        for e in EMPLOYEES
    ]
    return units, goals, emps


@pytest.mark.parametrize("library", ["pandas", "polars", "pyarrow", "records"])
def test_structure_from_frames(library: str, structure: kj.OrgStructure) -> None:
    from kinerja.frames import rows_to_table

    units, goals, emps = _frames_input()
    tables = [rows_to_table(rows, library) for rows in (units, goals, emps)]
    s = kj.OrgStructure.from_frames(*tables)
    assert s == structure
    if library != "records":
        # the constructor reads tables too
        assert kj.OrgStructure(*tables) == structure


def test_structure_from_frames_range_targets() -> None:
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["u"], "name": ["U"], "parent": [None]})
    goals = pd.DataFrame(
        {
            "id": ["g"],
            "unit": ["u"],
            "name": ["G"],
            "target_low": [80.5],
            "target_high": [90.0],
            "actual": [85.0],
        }
    )
    s = kj.OrgStructure.from_frames(units, goals)
    assert s.goal("g")["target"] == (Decimal("80.5"), Decimal("90.0"))


def test_structure_from_roster(roster: dict[str, Any]) -> None:
    s = kj.org.structure_from_roster(roster)
    assert s.roots() == ["dinkes"]
    assert len(s.employees) == len(roster["plans"])
    assert set(s.children("dinkes")) >= {"sekretariat", "kesmas", "p2p", "yankes"}


def test_deep_chain_does_not_overflow() -> None:
    n = 10_000
    units = [{"id": "u0", "name": "u0"}] + [
        {"id": f"u{i}", "name": f"u{i}", "parent": f"u{i - 1}"} for i in range(1, n)
    ]
    s = kj.OrgStructure(units)
    assert s.depth(f"u{n - 1}") == n - 1
    assert len(s.ancestors(f"u{n - 1}")) == n - 1
    assert len(s.descendants("u0")) == n - 1
    assert f"… {n - 500} lagi" in s._repr_html_() and f"… {n - 500} more" in s.to_html("en")
    assert kj.align(s, []).organisation["goals"] == 0


@pytest.mark.parametrize(
    ("units", "goals", "employees", "cls", "needle"),
    [
        ([{"id": "a", "name": "A", "parent": "a"}], None, None, kx.OrganisationError, "cycle"),
        (
            [{"id": "a", "name": "A", "parent": "b"}, {"id": "b", "name": "B", "parent": "a"}],
            None,
            None,
            kx.OrganisationError,
            "cycle",
        ),
        ([{"id": "a", "name": "A"}, {"id": "a", "name": "A2"}], None, None, kx.InputError, "a"),
        ([{"id": "a", "name": "A", "parent": "zz"}], None, None, kx.InputError, "zz"),
        ([{"id": "a", "name": "A", "parnet": "x"}], None, None, kx.InputError, "parnet"),
        ([{"id": "a"}], None, None, kx.InputError, "name"),
        (
            [{"id": "a", "name": "A"}],
            [{"id": "g", "unit": "nope", "name": "G", "target": "1"}],
            None,
            kx.InputError,
            "nope",
        ),
        (
            [{"id": "a", "name": "A"}],
            [
                {"id": "g", "unit": "a", "name": "G", "target": "1"},
                {"id": "g", "unit": "a", "name": "G", "target": "1"},
            ],
            None,
            kx.InputError,
            "g",
        ),
        (
            [{"id": "a", "name": "A"}],
            [{"id": "g", "unit": "a", "name": "G", "target": 1.5}],
            None,
            kx.InputError,
            "float",
        ),
        ([{"id": "a", "name": "A"}], None, [{**EMPLOYEES[2], "unit": "zz"}], kx.InputError, "zz"),
        ([{"id": "a", "name": "A"}], None, [{**EMPLOYEES[2], "unit": "a"}] * 2, kx.InputError, "s1"),
        (
            [{"id": "a", "name": "A"}],
            None,
            [{**EMPLOYEES[0], "unit": "a"}, {**EMPLOYEES[1], "unit": "a"}],
            kx.OrganisationError,
            "two heads",
        ),
        ([{"id": "a", "name": "A", "head": "ghost"}], None, None, kx.InputError, "ghost"),
        ("units", None, None, kx.InputError, "list"),
        ({"id": "a"}, None, None, kx.InputError, "list"),
        ([42], None, None, kx.InputError, "unit"),
        (
            [{"id": "a", "name": "A"}],
            None,
            [{**EMPLOYEES[2], "unit": "a", "post_type": "boss"}],
            kx.InputError,
            "boss",
        ),
    ],
)
def test_hostile_structures(units: Any, goals: Any, employees: Any, cls: type, needle: str) -> None:
    with pytest.raises(kx.KinerjaError) as info:
        kj.OrgStructure(units, goals, employees)
    assert_kinerja_error(info, cls)
    assert needle in str(info.value), str(info.value)


def test_hostile_structure_error_has_row() -> None:
    with pytest.raises(kx.InputError) as info:
        kj.OrgStructure([{"id": "a", "name": "A"}, {"id": "b"}])
    assert info.value.row == 1
    assert "units[1]" in str(info.value)


def test_unknown_unit_in_queries(structure: kj.OrgStructure) -> None:
    for q in (structure.children, structure.ancestors, structure.depth, structure.head, structure.goals_of):
        with pytest.raises(kx.InputError) as info:
            q("nope")
        assert info.value.unit == "nope"


def test_float_opt_in() -> None:
    s = kj.OrgStructure(
        [{"id": "a", "name": "A"}], [{"id": "g", "unit": "a", "name": "G", "target": 0.1}], allow_float=True
    )
    assert s.goal("g")["target"] == Decimal("0.1")


# --- alignment ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", golden("org_alignment"), ids=lambda c: c["id"])
def test_golden_alignment(case: dict[str, Any]) -> None:
    s = kj.OrgStructure.from_dict(case["input"]["organisation"])
    r = kj.align(s, case["input"]["plans"])
    exp = case["expected"]
    assert [[p["unit"], p["kind"], p["item"]] for p in r.problems] == exp["problems"]
    got_units = [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in u.items()} for u in r.units]
    assert got_units == exp["units"]
    if "organisation" in exp:
        org = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in r.organisation.items()}
        assert org == exp["organisation"]


def test_alignment_report_api(roster: dict[str, Any], kupang_rules: kj.Ruleset) -> None:
    s = kj.org.structure_from_roster(roster)
    evs = kj.evaluate_all(roster["plans"], roster["period"], kupang_rules)
    r = kj.align(s, roster["plans"], evs, kupang_rules)
    assert isinstance(r, kj.AlignmentReport)
    assert r.organisation["unit"] == "*"
    assert r.rhk_coverage == r.organisation["rhk_coverage"]
    assert isinstance(r.goal_coverage, Decimal)
    assert not r.ok and r.problems
    kinds = {p["kind"] for p in r.problems}
    assert kinds <= {
        "orphan_primary",
        "unknown_target",
        "ambiguous_target",
        "cross_unit",
        "cycle",
        "unsupported_rhk",
        "unsupported_goal",
    }
    assert all(p["message"] and p["message_en"] for p in r.problems)
    goal_nodes = [n for n in r.nodes if n["kind"] == "goal"]
    assert len(goal_nodes) == len(roster["goals"])
    assert any(n["achievement"] is not None and n["predicate"] for n in r.nodes)
    for i in r.roots:
        assert r.nodes[i]["parent"] is None
    assert "Pohon kontribusi" in r.text() and "Contribution tree" in r.text("en")
    assert str(r) == r.text("id")
    assert r.to_dict()["organisation"]["unit"] == "*"
    assert "<table>" in r._repr_html_() and "Goal coverage" in r.to_html("en")
    assert repr(r).startswith("AlignmentReport(units=6")
    # evaluations may also be a dict
    r2 = kj.align(s, roster["plans"], {e.employee: e for e in evs}, kupang_rules)
    assert r2 == r


def test_alignment_hostile(structure: kj.OrgStructure, simple_plan_dict: dict[str, Any]) -> None:
    with pytest.raises(kx.InputError) as info:  # employee not in the structure
        kj.align(structure, [simple_plan_dict])
    assert_kinerja_error(info, kx.InputError)
    plan = dict(simple_plan_dict, employee={**EMPLOYEES[2]})
    with pytest.raises(kx.InputError) as info:  # duplicate plan
        kj.align(structure, [plan, plan])
    assert "plan" in str(info.value)
    with pytest.raises(kx.InputError):
        kj.align(structure, "not plans")
    with pytest.raises(kx.InputError):
        kj.align(structure, [plan], evaluations=[kx.InputError("boom")])
    ev = kj.evaluate(plan)
    with pytest.raises(kx.InputError):
        kj.align(structure, [plan], evaluations=[ev, ev])


# --- organisational performance and SAKIP ------------------------------------------------------


@pytest.mark.parametrize("case", golden("org_rollup"), ids=lambda c: c["id"])
def test_golden_rollup(case: dict[str, Any]) -> None:
    inp = case["input"]
    s = kj.OrgStructure.from_dict(inp["organisation"])
    rules = kj.Ruleset().with_policy(kj.Policy.from_dict(inp.get("policy") or {}))
    perf = kj.unit_performance(s, inp.get("given"), rules)
    for uid, exp in case["expected"]["units"].items():
        u = perf.unit(uid)
        assert (str(u["value"]) if u["value"] is not None else None) == exp["value"]
        assert (u["advised_predicate"].value if u["advised_predicate"] else None) == exp["advised"]
        assert (u["predicate"].value if u["predicate"] else None) == exp["predicate"]


def test_org_performance_api(structure: kj.OrgStructure) -> None:
    perf = kj.unit_performance(structure, {"yankes": "Baik", "p2p": kj.OrgPredicate.OUTSTANDING})
    assert perf.values["dinkes"] == Decimal("93.33")
    assert perf.predicates == {"yankes": kj.OrgPredicate.GOOD, "p2p": kj.OrgPredicate.OUTSTANDING}
    assert len(perf) == 4 and [u["unit"] for u in perf.units] == structure.breadth_first()
    d = perf.unit("dinkes")
    assert [g["goal"] for g in d["goals"]] == ["iku-1", "iku-2"]
    assert isinstance(perf.trace("dinkes"), kj.Trace)
    assert "dinkes" in perf.explain("dinkes") and "pkm" in perf.explain(lang="en")
    assert "<table>" in perf._repr_html_()
    assert "OrgPerformance(dinkes: 93.33" in repr(perf)
    with pytest.raises(kx.InputError):
        perf.unit("nope")
    with pytest.raises(kx.InputError):
        kj.unit_performance(structure, {"nope": "good"})
    with pytest.raises(kx.InputError):
        kj.unit_performance(structure, {"yankes": "splendid"})
    with pytest.raises(kx.InputError):
        kj.unit_performance(structure, ["yankes"])


@pytest.mark.parametrize("case", golden("org_sakip"), ids=lambda c: c["id"])
def test_golden_sakip(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    if "total" in inp:
        assert kj.sakip_predicate(inp["total"]) == exp["predicate"]
        return
    r = kj.sakip(inp["criteria"])
    assert str(r.total) == exp["total"]
    assert r.predicate == exp["predicate"]
    for comp, v in exp.get("components", {}).items():
        assert r.components[comp] == Decimal(v)


def test_sakip_api_and_errors() -> None:
    crit = [
        {"id": f"{c}-{s}", "component": c, "sub_component": s, "grade": "a"}
        for c in ("planning", "measurement", "reporting", "internal_evaluation")
        for s in ("existence", "quality", "use")
    ]
    r = kj.sakip({"criteria": crit})
    assert r.total == Decimal("90.00") and r.predicate == "a"
    assert r.predicate_label() == "A (Memuaskan)" and r.predicate_label("en") == "A (Satisfactory)"
    assert len(r.sub_scores) == 12 and set(r.components) == {
        "planning",
        "measurement",
        "reporting",
        "internal_evaluation",
    }
    assert "SAKIP" in r.explain() and "<table>" in r._repr_html_()
    assert repr(r) == "SakipResult(total=Decimal('90.00'), predicate='a')"
    with pytest.raises(kx.InputError):
        kj.sakip(crit[:-1])  # a sub-component without criteria
    with pytest.raises(kx.InputError):
        kj.sakip([{**crit[0], "grade": "z"}] + crit[1:])
    with pytest.raises(kx.InputError):
        kj.sakip_predicate("100.5")
    with pytest.raises(kx.InputError):
        kj.sakip_predicate(90.5)


@pytest.mark.parametrize("case", golden("org_aggregate"), ids=lambda c: c["id"])
def test_golden_component_total(case: dict[str, Any]) -> None:
    t = kj.component_total([tuple(p) for p in case["input"]["parts"]])
    exp = case["expected"]
    assert [[n, str(v)] for n, v in t["parts"]] == exp["parts"]
    assert str(t["total"]) == exp["total"] and str(t["displayed_sum"]) == exp["displayed_sum"]
    assert kj.component_total(dict(case["input"]["parts"])) == t


def test_component_total_errors() -> None:
    with pytest.raises(kx.InputError):
        kj.component_total([("KU", 57.2)])
    with pytest.raises(kx.InputError):
        kj.component_total([("KU",)])
    with pytest.raises(kx.InputError):
        kj.component_total("KU")


# --- distribution curve ------------------------------------------------------------------------


@pytest.mark.parametrize("case", golden("org_distribution"), ids=lambda c: c["id"])
def test_golden_distribution(case: dict[str, Any]) -> None:
    inp, exp = case["input"], case["expected"]
    roster = [tuple(x) for x in inp["roster"]]
    r = kj.check_distribution(roster, inp["org_predicate"])
    assert r.headcount == exp["headcount"]
    assert r.passed == exp["passed"]
    got = [
        {
            "rule": c.rule,
            "predicates": [p.value for p in c.predicates],
            **({"percent": f"{c.percent.normalize():f}"} if c.percent is not None else {}),
            "bound": c.bound,
            "actual": c.actual,
            "satisfied": c.satisfied,
        }
        for c in r.constraints
    ]
    want = [{k: v for k, v in c.items() if k in got[0] or k == "percent"} for c in exp["constraints"]]
    for g, w in zip(got, want, strict=True):
        for k, v in w.items():
            assert g.get(k) == v, (k, g, w)
    cal = kj.calibrate(roster, inp["org_predicate"])
    ce = exp["calibration"]
    assert cal.needed == ce["needed"] and cal.feasible == ce["feasible"]
    assert len(cal.changes) == ce["changes"]
    if cal.needed and cal.feasible:
        assert cal.after is not None and cal.after.passed
    if not cal.feasible:
        assert cal.infeasible_reason() and cal.infeasible_reason("en")


ROSTER = [("e1", "very_good"), ("e2", "good"), ("e3", "good"), ("e4", "good"), ("e5", "needs_improvement")]


def _shape(r: kj.DistributionReport) -> tuple[Any, ...]:
    return r.headcount, r.counts, [(c.rule, c.bound, c.actual, c.satisfied) for c in r.constraints]


def test_roster_shapes_agree() -> None:
    base = kj.check_distribution(ROSTER, "good")
    preds = [p for _, p in ROSTER]
    shapes: list[Any] = [
        preds,
        [P(p) for p in preds],
        ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"],
        dict(ROSTER),
        [{"employee": e, "predicate": p} for e, p in ROSTER],
        [[e, p] for e, p in ROSTER],
        (x for x in ROSTER),
    ]
    for shape in shapes:
        assert _shape(kj.check_distribution(shape, "good")) == _shape(base), shape
    assert base.counts == {
        "very_poor": 0,
        "poor_misconduct": 0,
        "needs_improvement": 1,
        "good": 3,
        "very_good": 1,
    }


def test_roster_from_pandas() -> None:
    pd = pytest.importorskip("pandas")
    base = _shape(kj.check_distribution(ROSTER, "good"))
    ser = pd.Series({e: p for e, p in ROSTER})
    assert _shape(kj.check_distribution(ser, "good")) == base
    df = pd.DataFrame({"employee": [e for e, _ in ROSTER], "predicate": [p for _, p in ROSTER]})
    assert _shape(kj.check_distribution(df, "good")) == base
    assert _shape(kj.check_distribution(df["predicate"], "good")) == base
    indexed = df.set_index("employee").rename(columns={"predicate": "predikat"})
    assert _shape(kj.check_distribution(indexed, "good", column="predikat")) == base
    # NaN = not rated, left out
    with_nan = pd.Series(["good", None, float("nan"), "very_good"], index=["a", "b", "c", "d"])
    assert kj.check_distribution(with_nan, "outstanding").headcount == 2
    with pytest.raises(kx.InputError) as info:
        kj.check_distribution(df.rename(columns={"predicate": "x"}), "good")
    assert "column" in str(info.value)


def test_roster_from_polars_and_arrow() -> None:
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    base = _shape(kj.check_distribution(ROSTER, "good"))
    df = pl.DataFrame({"employee": [e for e, _ in ROSTER], "predicate": [p for _, p in ROSTER]})
    assert _shape(kj.check_distribution(df, "good")) == base
    assert _shape(kj.check_distribution(df["predicate"], "good")) == base
    assert _shape(kj.check_distribution(df.to_arrow(), "good")) == base
    no_ids = pa.table({"predicate": [p for _, p in ROSTER]})
    assert _shape(kj.check_distribution(no_ids, "good")) == base


def test_roster_from_evaluations(roster: dict[str, Any], kupang_rules: kj.Ruleset) -> None:
    evs = kj.evaluate_all(roster["plans"], roster["period"], kupang_rules)
    r = kj.check_distribution(evs, roster["org_predicate"])
    assert r.headcount == len(evs)
    assert sum(r.counts.values()) == len(evs)


def test_distribution_report_api() -> None:
    r = kj.check_distribution(ROSTER, kj.OrgPredicate.GOOD)
    assert r.org_predicate == kj.OrgPredicate.GOOD and r.passed and r.violations == []
    c0, c1 = r.constraints
    assert (c0.rule, c0.allowed, c0.required, c0.bound, c0.actual, c0.headcount) == ("max", 3, None, 3, 3, 5)
    assert c0.satisfied and bool(c0) and c0.percent == Decimal("70")
    assert c0.predicates == [P.GOOD]
    assert "SE MenPANRB 3/2023" in c0.source and c0.rounding == "organisation.max_rounding"
    assert "paling banyak" in c0.description() and "at most" in c0.description("en")
    assert (c1.rule, c1.required, c1.allowed) == ("at_least_one", 1, None)
    assert c1.actual == 1 and c1.satisfied
    r2 = kj.check_distribution([("a", "good")] * 1 + [("b", "good"), ("c", "good")], "good")
    assert not r2.passed
    assert [v.rule for v in r2.violations] == ["max", "at_least_one"]
    assert r2.bands()["good"] == (0, 2) and r2.bands()["very_good"] == (0, 3)
    assert c0.to_dict()["allowed"] == 3 and c0.to_dict("en")["description"].startswith("Good")
    assert "Distribution curve" in r.explain("en") and "Kurva distribusi" in str(r)
    assert r.explain("id", "markdown").startswith("#") or "|" in r.explain("id", "markdown")
    assert json.loads(r.explain("en", "json"))
    with pytest.raises(kx.InputError):
        r.explain("en", "pdf")
    recs = r.to_records("en")
    assert [x["rule"] for x in recs] == ["max", "at_least_one"]
    assert r.to_dict()["passed"] is True
    assert "MEMENUHI" in r._repr_html_() and "PASSES" in r.to_html("en")
    assert "FAILS" in r2.to_html("en") and "✗" in r2._repr_html_()
    assert repr(r).startswith("DistributionReport(org_predicate='good', headcount=5")
    assert repr(c0).startswith("Constraint(rule='max'")


def test_distribution_to_frame() -> None:
    pytest.importorskip("pandas")
    df = kj.check_distribution(ROSTER, "good").to_frame()
    assert list(df["rule"]) == ["max", "at_least_one"]
    assert {"headcount", "bound", "allowed", "required", "actual", "satisfied", "source"} <= set(df.columns)


def test_distribution_plot() -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    r = kj.check_distribution([("a", "good"), ("b", "good"), ("c", "good")], "good")
    ax = r.plot()
    assert ax.get_title().startswith("Kurva distribusi")
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "Sangat Baik"
    fig, ax2 = plt.subplots()
    assert r.plot(ax2, lang="en") is ax2
    assert "Distribution curve" in ax2.get_title()
    plt.close("all")
    for org in kj.OrgPredicate.members():
        kj.check_distribution(ROSTER, org).plot()
        plt.close("all")


def test_unit_distribution_with_structure(structure: kj.OrgStructure) -> None:
    # yankes: kabid (head), s1, s2, s3; s3 not rated
    preds = {"kabid": "very_good", "s1": "good", "s2": "needs_improvement"}
    r = kj.check_distribution(preds, "good", unit="yankes", structure=structure)
    assert r.headcount == 3
    assert r.excluded == [
        {"employee": "s3", "reason": "belum ada predikat", "reason_en": "no predicate given"}
    ]
    assert r.passed
    policy = kj.Policy(organisation={"head_counted": False})
    r2 = kj.check_distribution(preds, "good", kj.Ruleset().with_policy(policy), "yankes", structure)
    assert r2.headcount == 2 and {x["employee"] for x in r2.excluded} == {"kabid", "s3"}
    with pytest.raises(kx.OrganisationError) as info:  # member of another unit
        kj.check_distribution({**preds, "p1": "good"}, "good", unit="yankes", structure=structure)
    assert info.value.employee == "p1"
    with pytest.raises(kx.InputError):  # unknown employee
        kj.check_distribution({"ghost": "good"}, "good", unit="yankes", structure=structure)
    with pytest.raises(kx.InputError):  # unknown unit
        kj.check_distribution(preds, "good", unit="nope", structure=structure)
    with pytest.raises(kx.InputError):  # unit without structure
        kj.check_distribution(preds, "good", unit="yankes")
    with pytest.raises(kx.InputError):  # structure alone: ids must be its employees
        kj.check_distribution({"ghost": "good"}, "good", structure=structure)
    assert kj.check_distribution(preds, "good", structure=structure).headcount == 3


@pytest.mark.parametrize(
    ("predicates", "org", "needle"),
    [
        (["excellent"], "good", "predicate"),
        ([None], "good", "predicate"),
        ([("a", "good"), ("a", "very_good")], "good", "a"),
        ({"a": "good"}, "splendid", "org_predicate"),
        ([("a",)], "good", "employee"),
        ([("a", "good", "x", "y")], "good", "4 items"),
        ([(1.5, "good")], "good", "id"),
        ([42], "good", "predicate"),
        ("good", "good", "string"),
        ([{"predicate": "good"}], "good", "employee"),
        ([kx.InputError("boom")], "good", "error"),
        ([("a", "good", "fast")], "good", "achievement"),
        (kj.Predicate.GOOD, "good", "iterable"),
    ],
)
def test_hostile_rosters(predicates: Any, org: Any, needle: str) -> None:
    with pytest.raises((kx.KinerjaError, TypeError)) as info:
        kj.check_distribution(predicates, org)
    if needle == "iterable":
        return
    assert_kinerja_error(info, kx.InputError)
    assert needle in str(info.value), str(info.value)


def test_hostile_roster_error_location() -> None:
    with pytest.raises(kx.InputError) as info:
        kj.check_distribution([("a", "good"), ("b", "bogus")], "good")
    assert info.value.row == 1 and info.value.employee == "b"
    with pytest.raises(kx.InputError) as info:
        kj.calibrate([("a", "good"), ("a", "good")], "good")
    assert info.value.employee == "a"


def test_large_unit() -> None:
    n = 100_000
    preds = ["good"] * 70_000 + ["very_good"] * 20_000 + ["needs_improvement"] * 10_000
    r = kj.check_distribution([(f"e{i}", p) for i, p in enumerate(preds)], "good")
    assert r.headcount == n and r.passed
    cal = kj.calibrate([(f"e{i}", "good") for i in range(n)], "good")
    assert cal.feasible and len(cal) == 30_000 and cal.after is not None and cal.after.passed


# --- calibration -------------------------------------------------------------------------------


def test_calibration_api() -> None:
    roster = [("a", "good", "99"), ("b", "good", "80.5"), ("c", "good", 91.25), ("d", "good", None)]
    cal = kj.calibrate(roster, "good")
    assert cal.needed and cal.feasible and len(cal) == 2
    assert cal.before.headcount == 4 and not cal.before.passed
    assert cal.after is not None and cal.after.passed
    changed = {c["employee"]: c for c in cal.changes}
    assert "b" in changed  # weakest achievement first
    assert all(c["from"] == P.GOOD for c in cal.changes)
    assert all(c["reason"] and c["reason_en"] for c in cal.changes)
    assert changed["b"]["achievement"] == Decimal("80.5")
    assert cal.proposed == {c["employee"]: c["to"] for c in cal.changes}
    assert cal.infeasible_reason() is None
    assert "Calibration proposal" in cal.to_html("en") and "<table>" in cal._repr_html_()
    assert cal.explain("en")
    assert (
        repr(cal)
        == "CalibrationResult(org_predicate='good', headcount=4, needed=True, feasible=True, changes=2)"
    )
    # by id: the first ids are chosen instead
    by_id = kj.Ruleset().with_policy(kj.Policy(organisation={"calibration_order": "by_id"}))
    cal2 = kj.calibrate(roster, "good", by_id)
    assert sorted(c["employee"] for c in cal2.changes) == ["a", "b"]
    # achievements given separately
    cal3 = kj.calibrate([(e, p) for e, p, _ in roster], "good", achievements={"a": "1", "b": "99", "c": "98"})
    assert "a" in {c["employee"] for c in cal3.changes}


def test_calibration_not_needed_and_infeasible(structure: kj.OrgStructure) -> None:
    ok = kj.calibrate([("a", "good"), ("b", "needs_improvement")], "good")
    assert not ok.needed and ok.feasible and ok.changes == [] and len(ok) == 0
    assert "Tidak perlu" in ok._repr_html_()
    bad = kj.calibrate([("a", "good")], "poor")
    assert bad.needed and not bad.feasible and bad.changes == [] and bad.after is None
    assert "2" in (bad.infeasible_reason("en") or "")
    assert "✗" in bad._repr_html_()
    unit = kj.calibrate(
        {"s1": "very_good", "s2": "very_good", "kabid": "very_good"}, "outstanding", None, "yankes", structure
    )
    assert unit.feasible and unit.before.excluded[0]["employee"] == "s3"
    with pytest.raises(kx.OrganisationError):
        kj.calibrate({"p1": "good"}, "good", None, "yankes", structure)


def test_calibration_lower_only() -> None:
    rules = kj.Ruleset().with_policy(kj.Policy(organisation={"calibration_direction": "lower_only"}))
    cal = kj.calibrate([(f"e{i}", "very_poor") for i in range(5)], "needs_improvement", rules)
    assert cal.needed and not cal.feasible


@settings(max_examples=60, deadline=None)
@given(
    preds=st.lists(st.sampled_from([p.value for p in P.members()]), min_size=1, max_size=25),
    org=st.sampled_from([o.value for o in kj.OrgPredicate.members()]),
    seed=st.integers(0, 1000),
)
def test_calibration_properties(preds: list[str], org: str, seed: int) -> None:
    roster = [(f"e{i:02d}", p, str(i * 7 % 13)) for i, p in enumerate(preds)]
    r = kj.check_distribution(roster, org)
    cal = kj.calibrate(roster, org)
    if r.passed:
        assert not cal.needed and cal.changes == []
    elif cal.feasible:
        assert cal.after is not None and cal.after.passed
        assert len({c["employee"] for c in cal.changes}) == len(cal.changes)
    shuffled = roster[:]
    random.Random(seed).shuffle(shuffled)
    assert kj.check_distribution(shuffled, org) == r
    assert kj.calibrate(shuffled, org) == cal


# --- ranking -----------------------------------------------------------------------------------


def test_rank_unit(structure: kj.OrgStructure) -> None:
    ranked = kj.rank_unit(
        [("s1", "good", "95"), ("s2", "good", "99"), ("kabid", "very_good"), ("s3", "good", "95")]
    )
    assert [r["employee"] for r in ranked] == ["kabid", "s2", "s1", "s3"]
    assert [r["rank"] for r in ranked] == [1, 2, 3, 4]
    assert [r["tied_with_previous"] for r in ranked] == [False, False, False, True]
    assert ranked[0]["predicate"] == P.VERY_GOOD and ranked[1]["achievement"] == Decimal("99")
    plain = kj.rank_unit({"b": "good", "a": "good"}, by_achievement=False)
    assert [r["employee"] for r in plain] == ["a", "b"] and plain[1]["tied_with_previous"]
    assert len(kj.rank_unit({"s1": "good"}, unit="yankes", structure=structure)) == 1
    with pytest.raises(kx.OrganisationError):
        kj.rank_unit({"p1": "good"}, unit="yankes", structure=structure)
    with pytest.raises(kx.InputError):
        kj.rank_unit({"ghost": "good"}, unit="yankes", structure=structure)
    with pytest.raises(kx.InputError):
        kj.rank_unit([("a", "good"), ("a", "good")])


# --- pickling ----------------------------------------------------------------------------------


SAKIP_CRITERIA = [
    {"id": f"{c}-{s}", "component": c, "sub_component": s, "grade": "bb"}
    for c in ("planning", "measurement", "reporting", "internal_evaluation")
    for s in ("existence", "quality", "use")
]


def pickle_objects() -> list[Any]:
    """One object of every organisation class (also usable by tests/test_pickle.py)."""
    structure = kj.OrgStructure(UNITS, GOALS, EMPLOYEES)
    r = kj.check_distribution(ROSTER, "good")
    return [
        structure,
        kj.align(structure, []),
        kj.unit_performance(structure, {"yankes": "good"}),
        kj.sakip(SAKIP_CRITERIA),
        r,
        r.constraints[0],
        kj.calibrate(ROSTER, "outstanding"),
        kj.calibrate([("a", "good")], "poor"),
    ]


def test_pickle_objects_cover_every_org_class() -> None:
    names = {type(o).__name__ for o in pickle_objects()}
    org_classes = {
        "OrgStructure",
        "AlignmentReport",
        "OrgPerformance",
        "SakipResult",
        "DistributionReport",
        "Constraint",
        "CalibrationResult",
    }
    assert org_classes <= names
    assert all(isinstance(getattr(kj._kinerja, n), type) for n in org_classes)


@pytest.mark.parametrize("dumps", [pickle.dumps, cloudpickle.dumps], ids=["pickle", "cloudpickle"])
def test_reports_pickle(dumps: Any) -> None:
    for obj in pickle_objects():
        back = pickle.loads(dumps(obj))
        assert back == obj, obj
        assert type(back) is type(obj)
        assert repr(back) == repr(obj)


def test_reports_json_round_trip() -> None:
    for obj in pickle_objects():
        assert type(obj).from_json(obj.to_json()) == obj
    with pytest.raises(kx.InputError):
        kj.DistributionReport.from_json("{}")


# --- demo and docs -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_demo_section(roster: dict[str, Any], lang: str) -> None:
    text = kj.org.demo_section(roster, lang)
    head = "Keselarasan kinerja" if lang == "id" else "Performance alignment"
    assert text.startswith(head)
    for u in roster["units"]:
        assert f"[{u['id']}]" in text
    assert ("Kurva distribusi per unit" if lang == "id" else "Distribution curve per unit") in text
    assert "✓" in text or "✗" in text


def test_demo_section_accepts_raw_json() -> None:
    raw = json.loads(kj._kinerja._kupang_roster_json())
    assert kj.org.demo_section(raw) == kj.org.demo_section(kj.datasets.kupang_roster())


def test_module_doctests() -> None:
    failures, tests = doctest.testmod(kj.org, optionflags=doctest.ELLIPSIS)
    assert tests > 0 and failures == 0


def test_exports() -> None:
    for name in (
        "OrgStructure",
        "AlignmentReport",
        "OrgPerformance",
        "SakipResult",
        "DistributionReport",
        "Constraint",
        "CalibrationResult",
        "align",
        "unit_performance",
        "sakip",
        "sakip_predicate",
        "component_total",
        "check_distribution",
        "check_units",
        "calibrate",
        "rank_unit",
        "org",
    ):
        assert name in kj.__all__ and hasattr(kj, name)


def test_cli_demo_shows_organisation(capsys: pytest.CaptureFixture[str]) -> None:
    from kinerja.__main__ import main

    assert main(["demo", "--no-explain"]) == 0
    out = capsys.readouterr().out
    assert "Keselarasan kinerja" in out and "Kurva distribusi per unit" in out and "[pkm-oebobo]" in out


_ids = st.sampled_from(["a", "b", "c", "d", "e"])


@settings(max_examples=150, deadline=None)
@given(
    units=st.lists(
        st.fixed_dictionaries(
            {"id": _ids, "name": st.text(max_size=3)},
            optional={"parent": st.one_of(st.none(), _ids), "head": st.one_of(st.none(), _ids)},
        ),
        max_size=6,
    ),
    employees=st.lists(
        st.fixed_dictionaries(
            {
                "id": _ids,
                "name": st.just("x"),
                "unit": _ids,
                "post_type": st.sampled_from(["executor", "administrator", "bogus"]),
                "unit_head": st.booleans(),
            }
        ),
        max_size=6,
    ),
    roster=st.lists(
        st.tuples(_ids, st.sampled_from(["good", "very_good", "needs_improvement", "nope"])), max_size=6
    ),
)
def test_fuzzed_structures_never_panic(units: Any, employees: Any, roster: Any) -> None:
    """Random (mostly invalid) structures and rosters: a result or a KinerjaError, never a panic.
    Which way each example went is counted; `test_fuzzed_structures_reach_success` checks the
    success paths run."""
    try:
        s = kj.OrgStructure(units, None, employees)
    except kx.KinerjaError as e:
        FUZZ[("structure", "rejected")] += 1
        assert isinstance(e, kx.OrganisationError | kx.InputError), type(e)
        return
    FUZZ[("structure", "ok")] += 1
    assert {u["id"] for u in units} <= set(s.breadth_first())
    for u in s.breadth_first():
        assert s.depth(u) == len(s.ancestors(u))
        for name, fn in (("check", kj.check_distribution), ("calibrate", kj.calibrate)):
            try:
                out = fn(roster, "good", None, u, s)
            except kx.KinerjaError as e:
                FUZZ[(name, "rejected")] += 1
                assert isinstance(e, kx.OrganisationError | kx.InputError | kx.RatingError), type(e)
                continue
            FUZZ[(name, "ok")] += 1
            assert out is not None
    assert kj.align(s, []).organisation["unit"] == "*"


FUZZ: Counter[tuple[str, str]] = Counter()


def test_fuzzed_structures_reach_success() -> None:
    FUZZ.clear()
    test_fuzzed_structures_never_panic()
    for path in ("structure", "check", "calibrate"):
        assert FUZZ[(path, "ok")] > 0, (path, FUZZ)


def test_generators_stay_strict() -> None:
    goals = ({"id": "g", "unit": "a", "name": "G", "target": 1.5} for _ in range(1))
    with pytest.raises(kx.InputError) as info:
        kj.OrgStructure(iter([{"id": "a", "name": "A"}]), goals)
    assert "float" in str(info.value)
    with pytest.raises(kx.InputError):
        kj.OrgStructure(iter([{"id": "a", "name": "A", "colour": "red"}]))
    s = kj.OrgStructure.from_frames(
        [{"id": "a", "name": "A", "colour": "red"}], [{"id": "g", "unit": "a", "name": "G", "target": 1.5}]
    )
    assert s.goal("g")["target"] == Decimal("1.5")


def test_html_views_are_capped() -> None:
    cal = kj.calibrate([(f"e{i}", "good") for i in range(5000)], "good")
    html = cal._repr_html_()
    assert "… 500" in html and len(html) < 1_000_000
    units = [{"id": "u", "name": "U"}]
    emps = [{"id": f"e{i}", "name": "x", "unit": "u", "post_type": "executor"} for i in range(3000)]
    s = kj.OrgStructure(units, None, emps)
    r = kj.check_distribution({"e0": "good"}, "good", unit="u", structure=s)
    assert "… 1999" in r._repr_html_()


def test_check_units(structure: kj.OrgStructure) -> None:
    preds = {"kadis": "good", "kabid": "very_good", "s1": "good", "s2": "needs_improvement", "p1": "good"}
    reports = kj.check_units(preds, structure)
    assert list(reports) == structure.breadth_first()
    assert {u: r.headcount for u, r in reports.items()} == {"dinkes": 1, "yankes": 3, "p2p": 1, "pkm": 0}
    assert reports["yankes"].passed and not reports["dinkes"].passed
    assert reports["yankes"].excluded[0]["employee"] == "s3"
    only = kj.check_units(preds, structure, {"yankes": "outstanding"})
    assert list(only) == ["yankes"] and only["yankes"].org_predicate == kj.OrgPredicate.OUTSTANDING
    perf = kj.unit_performance(structure, {"p2p": "poor"})
    assert list(kj.check_units(preds, structure, perf)) == ["p2p"]
    assert list(kj.check_units(preds, structure, units=["pkm"])) == ["pkm"]
    with pytest.raises(kx.InputError):
        kj.check_units({**preds, "ghost": "good"}, structure)
    with pytest.raises(kx.InputError):
        kj.check_units(preds, structure, units=["nope"])
    with pytest.raises(kx.InputError):
        kj.check_units(["good"], structure)


def test_org_displays_are_in_one_language(structure: kj.OrgStructure) -> None:
    """Every display of the organisation layer comes from the core's one renderer: the
    stylesheet's container in a notebook, the same tags in both languages, decimal commas and
    Indonesian headings in Indonesian, decimal points and English headings in English."""
    grades = {"planning": "a", "measurement": "bb", "reporting": "b", "internal_evaluation": "cc"}
    crit = [
        {"id": f"{c}-{s}", "component": c, "sub_component": s, "grade": g}
        for c, g in grades.items()
        for s in ("existence", "quality", "use")
    ]
    roster = [(f"e{i}", "good") for i in range(9)] + [("e9", "very_good")]
    shown = [
        (structure, "Struktur organisasi", "Organisation structure"),
        (kj.align(structure, []), "Cakupan RHK", "RHK coverage"),
        (kj.unit_performance(structure), "Capaian IKU (%)", "IKU achievement (%)"),
        (kj.sakip({"criteria": crit}), "Komponen", "Component"),
        (kj.check_distribution(roster, "good"), "TIDAK MEMENUHI", "FAILS"),
        (kj.calibrate(roster, "good"), "Usulan kalibrasi", "Calibration proposal"),
    ]
    for obj, word_id, word_en in shown:
        html_id, html_en = obj.to_html("id"), obj.to_html("en")
        assert skeleton(html_id) == skeleton(html_en), type(obj).__name__
        seen_id, seen_en = visible(html_id), visible(html_en)
        assert word_id in seen_id.splitlines() and word_en not in seen_id, type(obj).__name__
        assert word_en in seen_en.splitlines() and word_id not in seen_en, type(obj).__name__
        assert not POINT.findall(seen_id), [line for line in seen_id.splitlines() if POINT.search(line)]
        assert obj._repr_html_().startswith('<div class="kj kj-display"><style>')
    perf = visible(kj.unit_performance(structure).to_html("id")).splitlines()
    assert perf[perf.index("dinkes") + 1] == "93,33"  # (102.22 × 60 + 80 × 40) / 100


def test_display_lang_applies_to_org_reports(structure: kj.OrgStructure) -> None:
    r = kj.check_distribution(ROSTER, "good")
    try:
        kj.set_display_lang("en")
        assert "PASSES" in r._repr_html_()
        assert "Goal coverage" in kj.align(structure, [])._repr_html_()
        assert "Employees" in structure._repr_html_()
    finally:
        kj.set_display_lang("id")
    assert "MEMENUHI" in r._repr_html_()


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_alignment_does_not_depend_on_plan_order(roster: dict[str, Any], seed: int) -> None:
    s = kj.org.structure_from_roster(roster)
    plans = list(roster["plans"])
    base = kj.align(s, plans)
    random.Random(seed).shuffle(plans)
    other = kj.align(s, plans)
    assert other.problems == base.problems
    assert other.units == base.units and other.organisation == base.organisation
    assert sorted(n["id"] for n in other.nodes) == sorted(n["id"] for n in base.nodes)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_demo_section_reads_in_one_language(lang: str) -> None:
    """The organisation part of the demo: the roster's name marked as a sample in the
    reader's language, and English nouns in the singular for one ("1 rated employee", "1
    change"; they were "1 rated employees", "1 changes")."""
    import re

    roster = kj.datasets.kupang_roster()
    text = kj.org.demo_section(roster, lang)
    if lang == "id":
        assert "(contoh sintetis)" in text and "synthetic" not in text, text
        return
    assert "(synthetic sample)" in text
    assert not re.search(r"\b1 (rated employees|changes|employees)\b", text), text
    assert re.search(r"\b1 rated employee\b", text) and re.search(r"\b1 change\b", text), text


def test_roster_name_in_each_language() -> None:
    roster = {"name": "Dinas X (synthetic sample)"}
    assert kj.datasets.roster_name(roster, "id") == "Dinas X (contoh sintetis)"
    assert kj.datasets.roster_name(roster, "en") == "Dinas X (synthetic sample)"
