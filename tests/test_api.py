"""The Python surface: enums, periods, model classes, rulesets, evaluations, display."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

import kinerja as kj


def test_version_matches_cargo() -> None:
    import pathlib
    import tomllib

    root = pathlib.Path(__file__).resolve().parent.parent
    cargo = tomllib.loads((root / "Cargo.toml").read_text())
    assert kj.__version__ == cargo["workspace"]["package"]["version"]


def test_enums() -> None:
    p = kj.Predicate("very_good")
    assert p is kj.Predicate.VERY_GOOD or p == kj.Predicate.VERY_GOOD
    assert p.value == "very_good"
    assert p.name == "VERY_GOOD"
    assert p.label("id") == "Sangat Baik"
    assert p.label("en") == "Very good"
    assert kj.Predicate("sangat baik") == p
    assert kj.Predicate(p) == p
    assert kj.Predicate.GOOD < kj.Predicate.VERY_GOOD
    assert max(kj.Predicate.members()) == p
    assert len({kj.Predicate("good"), kj.Predicate("Baik"), kj.Predicate.GOOD}) == 1
    assert str(p) == "very_good"
    assert repr(p) == "<Predicate.VERY_GOOD: 'very_good'>"
    assert kj.Rating("Di atas ekspektasi") == kj.Rating.ABOVE
    assert kj.OrgPredicate("Istimewa").value == "outstanding"
    assert kj.Polarity("lower").value == "lower_is_better"
    assert kj.Aspect("Kualitas") == kj.Aspect.QUALITY
    assert kj.PostType("Pelaksana") == kj.PostType.EXECUTOR
    assert kj.FunctionalGrade("Ahli Pertama").value == "first_expert"
    assert [r.value for r in kj.Rating.members()] == ["below", "meets", "above"]


def test_period() -> None:
    q = kj.Period("2024-Q2")
    assert (q.year, q.granularity, q.index, q.months) == (2024, "quarter", 2, 3)
    assert q == kj.Period(2024, "quarter", 2) == kj.Period.quarter(2024, 2)
    assert kj.Period(2024) == kj.Period.annual(2024)
    assert q.contains("2024-05") and not q.contains("2024-07")
    assert kj.Period("2024-01") < kj.Period("2024-Q1") < kj.Period("2024-S1") < kj.Period("2024") < q
    assert [str(p) for p in kj.Period("2024-S1").subdivide("quarter")] == ["2024-Q1", "2024-Q2"]
    assert repr(q) == "Period('2024-Q2')"
    assert hash(q) == hash(kj.Period("2024-q2"))


def test_achievement_and_predicate() -> None:
    assert kj.achievement(80, 92) == Decimal("115.00")
    assert kj.achievement(Decimal("10"), "8", polarity=kj.Polarity.LOWER_IS_BETTER) == Decimal("120.00")
    assert kj.achievement((80, 90), 92) == Decimal("102.22")
    assert kj.achievement(100, 180, cap=150) == Decimal("150.00")
    ratio = kj.Ruleset.builtin().with_policy(kj.Policy(achievement={"lower_formula": "ratio"}))
    assert kj.achievement(10, 8, "lower", rules=ratio) == Decimal("125.00")
    assert kj.predicate(work_result="above", behaviour="meets") == kj.Predicate.GOOD
    assert (
        kj.predicate(work_result="di atas ekspektasi", behaviour="Di Atas Ekspektasi")
        == kj.Predicate.VERY_GOOD
    )


def test_model_from_kwargs_matches_dict(simple_plan_dict) -> None:
    plan = kj.Plan(
        kj.Employee("199001012015031001", "Contoh Pegawai", "pkm", "executor"),
        2024,
        results=[
            kj.PlannedResult(
                "rhk1",
                "Pelayanan",
                [
                    kj.Indicator("a", "Pasien dilayani", 1200, weight=60),
                    kj.Indicator("b", "Waktu tunggu", 30, polarity="lower", aggregation="mean", weight=40),
                ],
            )
        ],
        realisations=[("a", f"2024-Q{q}", 300 + 10 * (q - 1)) for q in range(1, 5)]
        + [kj.Realisation("b", f"2024-Q{q}", 27) for q in range(1, 5)],
        assessments=[kj.Assessment("2024", work_result="above", behaviour=kj.Behaviour(overall="above"))],
    )
    other = kj.Plan.from_dict(simple_plan_dict)
    assert kj.evaluate(plan).to_dict() == kj.evaluate(other).to_dict()
    assert kj.Plan.from_json(plan.to_json()) == plan
    assert kj.Plan.from_dict(plan.to_dict()) == plan
    assert plan.year == 2024 and len(plan.indicators) == 2
    assert plan.indicators[1].polarity == kj.Polarity.LOWER_IS_BETTER
    assert plan.employee.post_type == kj.PostType.EXECUTOR
    assert plan.realisations[0].actual == Decimal(300)
    assert "Plan(employee='199001012015031001'" in repr(plan)
    ind = kj.Indicator("x", "X", (80, 90), period_targets={"2024-Q1": 20})
    assert ind.target == (Decimal(80), Decimal(90))
    assert ind.period_targets == {kj.Period("2024-Q1"): Decimal(20)}


def test_rulesets_and_policies(tmp_path) -> None:
    r = kj.Ruleset.builtin("permenpanrb-6-2022")
    assert r.id == "permenpanrb-6-2022"
    assert r.regime == kj.Regime.PERMENPANRB_6_2022
    assert kj.Ruleset.for_date(datetime.date(2020, 6, 30)).id == "pp-46-2011"
    assert kj.Ruleset.for_date("2021-07-01").id == "permenpanrb-8-2021"
    assert kj.Ruleset.from_json(r.to_json()) == r
    pol = kj.Policy.defaults()
    assert pol.id == "national-default"
    assert kj.Policy.from_toml(pol.to_toml()) == pol
    assert kj.Policy.from_json(pol.to_json()) == pol
    f = tmp_path / "p.toml"
    f.write_text('schema_version = 1\nid = "kupang"\n')
    assert kj.Policy.from_toml(f).id == "kupang"
    assert kj.Policy.from_toml(str(f)).id == "kupang"
    schema = json.loads(kj.Policy.json_schema())
    assert "properties" in schema
    rr = r.with_policy(kj.Policy.from_toml(f))
    assert rr.policy.id == "kupang" and rr.id == r.id
    assert repr(rr) == "Ruleset('permenpanrb-6-2022', policy='kupang')"
    toml_rules = kj.Ruleset.from_toml('regime = "pp-46-2011"\n[policy]\nschema_version = 1\n')
    assert toml_rules.id == "pp-46-2011"


def test_evaluation_surface(simple_plan_dict) -> None:
    ev = kj.evaluate(kj.Plan.from_dict(simple_plan_dict), period="2024")
    assert ev.predicate == kj.Predicate.VERY_GOOD
    assert ev.work_result == kj.Rating.ABOVE and ev.behaviour == kj.Rating.ABOVE
    assert ev.weighted_achievement == Decimal("107.00")
    assert ev.achievements == {"a": Decimal("105.00"), "b": Decimal("110.00")}
    assert ev.period == kj.Period(2024)
    assert ev.employee == "199001012015031001"
    assert ev.predicate_label("id") == "Sangat Baik"
    i = ev.indicators[0]
    assert (i.indicator, i.target, i.actual, i.achievement) == (
        "a",
        Decimal(1200),
        Decimal(1260),
        Decimal("105.00"),
    )
    assert i.rule == "normal"
    d = ev.to_dict()
    assert d["predicate"] == "very_good" and len(d["indicators"]) == 2
    recs = ev.to_records()
    assert len(recs) == 2 and recs[1]["indicator"] == "b" and recs[1]["predicate"] == "very_good"
    text_id, text_en = ev.explain(), ev.explain(lang="en")
    assert "Predikat" in text_id or "predikat" in text_id
    assert "redicate" in text_en
    assert ev.explain(lang="en", format="markdown").count("|") > 10
    steps = json.loads(ev.explain(format="json"))["steps"]
    assert steps and all("citation" in s for s in steps)
    html = ev._repr_html_()
    assert (
        "<table>" in html and "Sangat Baik" in html and "105,00" in html and "105.00" not in html
    )  # Indonesian number style
    assert "Very good" in ev.to_html("en")
    assert "Evaluation(employee='199001012015031001'" in repr(ev)
    tr = ev.trace
    assert len(tr) == len(steps)
    assert "<table>" in tr._repr_html_()
    assert tr.to_text("en") == ev.explain("en")
    assert tr.to_markdown("id") == ev.explain("id", "markdown")
    assert tr.steps("en")[0]["title"]
    assert kj.Evaluation.from_json(ev.to_json()) == ev


def test_evaluate_all_and_bundled_roster(roster, kupang_rules) -> None:
    res = kj.evaluate_all(roster["plans"], roster["period"], kupang_rules, on_error="collect")
    assert len(res) == len(roster["plans"]) == 14
    evs = [r for r in res if isinstance(r, kj.Evaluation)]
    assert len(evs) == len(res)
    for plan, ev in zip(roster["plans"], evs, strict=True):
        assert kj.evaluate(plan, roster["period"], kupang_rules) == ev
    assert len({e.predicate for e in evs}) >= 3


def test_cli_demo(capsys) -> None:
    from kinerja.__main__ import main

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Dinas Kesehatan Kota Kupang" in out and "Predikat" in out and "Capaian" in out
    assert main(["demo", "--lang", "en", "--no-explain"]) == 0
    out = capsys.readouterr().out
    assert "Predicate" in out and "Weighted achievement" in out
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "demo" in capsys.readouterr().out


def test_cli_subprocess() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "kinerja", "--help"], capture_output=True, text=True, check=True
    )
    assert "demo" in out.stdout


def test_compare_what_if(roster, kupang_rules) -> None:
    c = kj.compare(roster["plans"], kj.Ruleset.builtin(), kupang_rules, period="2024")
    assert len(c) == 14 and c.period == kj.Period(2024)
    assert c.summary["employees"] == 14
    recs = c.to_records()
    assert {"a_predicate", "b_predicate", "changed"} <= set(recs[0])
    assert "Comparison 2024" in c.to_text("en")
    assert "kupang" in c.ruleset_b
    assert kj.Comparison.from_json(c.to_json()) == c


def run_markdown_python(name: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Executes the ```python blocks of the Markdown file ``name`` (relative to the repository
    root) in order, in one namespace, from the repository root; returns the namespace."""
    import re

    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / name).read_text(encoding="utf-8"), re.S)
    assert blocks, f"{name} has no Python blocks"
    ns: dict[str, object] = {}
    for b in blocks:
        exec(compile(b, name, "exec"), ns)
    return ns


def test_readme_python_examples_run(monkeypatch) -> None:
    """The README's Python snippets run as written (from the repository root)."""
    ns = run_markdown_python("README.md", monkeypatch)
    assert ns["ev"].weighted_achievement == Decimal("107.00")  # type: ignore[attr-defined]


def test_policies_readme_python_examples_run(monkeypatch) -> None:
    """policies/README.md's Python snippets run as written (from the repository root)."""
    ns = run_markdown_python("policies/README.md", monkeypatch)
    assert ns["old"].id == "pp-46-2011"  # type: ignore[attr-defined]
    assert ns["rules"].policy.id == "kupang-2024-example"  # type: ignore[attr-defined]
    report = ns["report"]
    assert isinstance(report, kj.Comparison) and report.summary["changed"] > 0


def test_display_language(simple_plan_dict) -> None:
    ev = kj.evaluate(simple_plan_dict)
    assert kj.display_lang() == "id"
    try:
        kj.set_display_lang("en")
        assert "Very good" in ev._repr_html_() and "Formula" in ev.trace._repr_html_()
    finally:
        kj.set_display_lang("id")
    assert "Sangat Baik" in ev._repr_html_()


def test_ruleset_effective_dates() -> None:
    import datetime

    assert kj.Ruleset.builtin("pp-46-2011").effective == (
        datetime.date(2014, 1, 1),
        datetime.date(2021, 6, 30),
    )
    assert kj.Ruleset.builtin("permenpanrb-8-2021").effective == (
        datetime.date(2021, 7, 1),
        datetime.date(2021, 12, 31),
    )
    assert kj.Ruleset.builtin("permenpanrb-6-2022").effective == (datetime.date(2022, 1, 1), None)
    for regime in ("pp-46-2011", "permenpanrb-8-2021", "permenpanrb-6-2022"):
        start, _ = kj.Ruleset.builtin(regime).effective
        assert kj.Ruleset.for_date(start).id == regime


def test_rules_may_be_a_builtin_rulesets_id() -> None:
    """`rules=` takes a builtin ruleset's id, as `--rules` and the server's `"rules"` do: the same
    results as the Ruleset; an unknown id is a PolicyError naming the builtin ones."""
    pytest.importorskip("pyarrow")
    ind = {"employee": ["e1", "e1"], "indicator": ["a", "b"], "target": ["100", "80"], "actual": ["95", "90"]}
    emp = {"employee": ["e1"], "work_result": ["meets"], "behaviour": ["above"]}
    by_id = kj.score(ind, emp, rules="permenpanrb-6-2022")
    by_ruleset = kj.score(ind, emp, rules=kj.Ruleset.builtin("permenpanrb-6-2022"))
    assert by_id.employees.to_pylist() == by_ruleset.employees.to_pylist()
    assert by_id.indicators.to_pylist() == by_ruleset.indicators.to_pylist()
    with pytest.raises(kj.exceptions.PolicyError, match="permenpanrb-6-2022"):
        kj.score(ind, emp, rules="permenpanrb-6-2023")
    with pytest.raises(kj.exceptions.InputTypeError, match="builtin ruleset's id"):
        kj.score(ind, emp, rules=6)  # type: ignore[call-overload]
