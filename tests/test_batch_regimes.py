"""kj.score implements PermenPANRB 6/2022 only: the PP 46/2011 and PermenPANRB 8/2021 rulesets
are refused with a PolicyError on both of its paths (the direct kernel path for typed Arrow
tables, the table layer for files), instead of being scored with the 6/2022 kernel under their
name. The 6/2022 rules still score. Without rules, the ruleset in force for the evaluated
period applies (as kj.evaluate chooses it), so a table of 2019 is refused, not scored under
6/2022. (Needs the extension built from this tree.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import kinerja as kj
from kinerja import batch
from kinerja.exceptions import KinerjaError, PolicyError

pa = pytest.importorskip("pyarrow")

#: The regime each refused ruleset is named by in the message.
REFUSED = {
    "pp-46-2011": "PP 46/2011 jo. Perka BKN 1/2013",
    "permenpanrb-8-2021": "PermenPANRB 8/2021 jo. PP 30/2019",
}

CSV = "employee,indicator,target,actual,work_result,behaviour\ne1,i1,100,90,meets,meets\n"


def _typed() -> Any:
    """One employee, target 100, actual 90, work result and behaviour `meets`: typed columns
    the direct kernel path reads."""
    return pa.table(
        {
            "employee": pa.array(["e1"], pa.string()),
            "indicator": pa.array(["i1"], pa.string()),
            "target": pa.array([100], pa.int64()),
            "actual": pa.array([90], pa.int64()),
            "work_result": pa.array(["meets"], pa.string()),
            "behaviour": pa.array(["meets"], pa.string()),
        }
    )


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "indicators.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _assert_refused(e: BaseException, regime: str) -> None:
    assert type(e) is PolicyError and isinstance(e, KinerjaError), type(e)
    message = str(e)
    for words in (
        "batch scoring implements PermenPANRB 6/2022",
        f"for {regime} evaluate plans one by one",
        "kj.evaluate",
        "POST /v1/evaluate",
    ):
        assert words in message, (words, message)
    assert e.family == "policy"  # type: ignore[attr-defined]
    assert e.table == "indicators"  # type: ignore[attr-defined]


@pytest.mark.parametrize("rules_id", sorted(REFUSED))
def test_the_direct_path_refuses_rules_it_does_not_implement(rules_id: str) -> None:
    rules = kj.Ruleset.builtin(rules_id)
    native = batch._native._direct_score
    answers: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        answers.append(native(*args, **kwargs))
        return answers[-1]

    with mock.patch.object(batch._native, "_direct_score", spy), pytest.raises(PolicyError) as e:
        kj.score(_typed(), rules=rules)
    _assert_refused(e.value, REFUSED[rules_id])
    # the direct path declined the rules (and the table layer refused them, worded)
    assert answers == [None]


@pytest.mark.parametrize("rules_id", sorted(REFUSED))
def test_the_native_direct_path_declines_rules_it_does_not_implement(rules_id: str) -> None:
    table = _typed()
    assert batch._native._direct_score(table, rules=kj.Ruleset.builtin(rules_id)) is None
    # the same table under the 6/2022 rules is scored there
    assert batch._native._direct_score(table, rules=kj.Ruleset.builtin("permenpanrb-6-2022")) is not None


@pytest.mark.parametrize("on_error", ["raise", "collect"])
@pytest.mark.parametrize("rules_id", sorted(REFUSED))
def test_the_table_layer_refuses_rules_it_does_not_implement(
    tmp_path: Path, rules_id: str, on_error: str
) -> None:
    with pytest.raises(PolicyError) as e:
        kj.score(_csv(tmp_path), rules=kj.Ruleset.builtin(rules_id), on_error=on_error)
    _assert_refused(e.value, REFUSED[rules_id])


def test_the_6_2022_rules_still_score_on_the_direct_path() -> None:
    def no_table_layer(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the table layer was used")

    with mock.patch.object(batch, "_score_tables", no_table_layer):
        res = kj.score(_typed(), rules=kj.Ruleset.builtin("permenpanrb-6-2022"))
    assert res.employees.column("predicate").to_pylist() == ["good"]
    assert kj.score(_typed()).employees.column("predicate").to_pylist() == ["good"]  # the default


def test_the_6_2022_rules_still_score_on_the_table_layer(tmp_path: Path) -> None:
    res = kj.score(_csv(tmp_path), rules=kj.Ruleset.builtin("permenpanrb-6-2022"))
    assert res.employees.column("predicate").to_pylist() == ["good"]


@pytest.mark.parametrize("year", ["2019", "2010"])
def test_a_period_before_2022_under_the_6_2022_rules_scores_as_kj_evaluate_does(
    tmp_path: Path, year: str
) -> None:
    """A what-if, as the scalar evaluation: scored, not refused (the scalar evaluation notes
    it; the batch result has no place for notes)."""
    path = tmp_path / "indicators.csv"
    path.write_text(
        f"employee,unit,indicator,target,actual,period,work_result,behaviour\ne1,u1,i1,100,90,{year},meets,meets\n",
        encoding="utf-8",
    )
    rules = kj.Ruleset.builtin("permenpanrb-6-2022")
    res = kj.score(path, rules=rules)
    plan = kj.Plan.from_dict(
        {
            "employee": {"id": "e1", "name": "x", "unit": "u1", "post_type": "executor"},
            "year": int(year),
            "results": [
                {"id": "r", "description": "d", "indicators": [{"id": "i1", "name": "n", "target": "100"}]}
            ],
            "realisations": [{"indicator": "i1", "period": year, "actual": "90"}],
            "assessments": [{"period": year, "work_result": "meets", "behaviour": {"overall": "meets"}}],
        }
    )
    ev = kj.evaluate(plan, year, rules)
    assert res.employees.column("predicate").to_pylist() == [ev.predicate.value] == ["good"]
    assert any("what-if" in n for n in ev.notes("en"))


@pytest.mark.parametrize(
    ("period", "regime"),
    [("2019", "PP 46/2011 jo. Perka BKN 1/2013"), ("2021-S2", "PermenPANRB 8/2021 jo. PP 30/2019")],
)
def test_without_rules_the_ruleset_in_force_for_the_period_is_applied(
    tmp_path: Path, period: str, regime: str
) -> None:
    """As kj.evaluate chooses the rules: a period before 2022 is refused on every path (the
    direct kernel path, the table layer, a period inferred from the tables), not scored under
    6/2022; the same period under rules given explicitly is a what-if, scored."""
    words = f"the regime in force for {period} is {regime}: evaluate plans one by one"
    with pytest.raises(PolicyError, match=words):
        kj.score(_typed(), period=period)
    with pytest.raises(PolicyError, match=words):
        kj.score(_csv(tmp_path), period=period, on_error="collect")
    dated = tmp_path / "dated.csv"
    dated.write_text(
        f"employee,unit,indicator,target,actual,period,work_result,behaviour\ne1,u1,i1,100,90,{period[:4]},meets,meets\n",
        encoding="utf-8",
    )
    inferred = f"the regime in force for {period[:4]} is {regime}"
    with pytest.raises(PolicyError, match=inferred):
        kj.score(dated)
    # explicit rules: scored whatever the period
    rules = kj.Ruleset.builtin("permenpanrb-6-2022")
    assert kj.score(_typed(), period=period, rules=rules).employees.column("predicate").to_pylist() == [
        "good"
    ]


def test_without_rules_a_period_from_2022_is_scored_under_6_2022(tmp_path: Path) -> None:
    for period in (2022, "2024"):
        assert kj.score(_typed(), period=period).employees.column("predicate").to_pylist() == ["good"]
        assert kj.score(_csv(tmp_path), period=period).employees.column("predicate").to_pylist() == ["good"]
    with pytest.raises(KinerjaError, match="no ruleset is in force for 2010"):
        kj.score(_typed(), period=2010)


def _kinerja(*args: str) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("streamed", [True, False])
def test_the_command_line_chooses_the_rules_for_the_period(tmp_path: Path, streamed: bool) -> None:
    """`kinerja score` without `--rules` takes the ruleset in force for the period, as kj.score
    does: 2019 is refused (exit 3, nothing written), 2024 is scored; `--rules` given is a
    what-if. (A `.csv` output streams; a `.xlsx` one goes through the table layer.)"""
    out = tmp_path / ("out.csv" if streamed else "out.xlsx")
    csv = _csv(tmp_path)
    p = _kinerja("score", str(csv), "-o", str(out), "--period", "2019", "-q")
    assert p.returncode == 3, p.stderr
    assert "the regime in force for 2019 is PP 46/2011" in p.stderr and not out.exists(), p.stderr
    p = _kinerja("score", str(csv), "-o", str(out), "--period", "2024", "-q")
    assert p.returncode == 0 and out.exists(), p.stderr
    out.unlink()
    p = _kinerja("score", str(csv), "-o", str(out), "--period", "2019", "--rules", "permenpanrb-6-2022", "-q")
    assert p.returncode == 0 and out.exists(), p.stderr


def test_the_documents_choose_the_rules_for_the_period(tmp_path: Path) -> None:
    """kj.report and `kinerja report` without rules: a 2019 roster is refused as its scoring
    is, a 2024 one gets its documents."""
    dated = tmp_path / "dated.csv"
    row = (
        "employee,name,unit,indicator,target,actual,period,work_result,behaviour\n"
        "e1,Ani,u1,i1,100,90,{},meets,meets\n"
    )
    dated.write_text(row.format(2019), encoding="utf-8")
    with pytest.raises(PolicyError, match="the regime in force for 2019 is PP 46/2011"):
        kj.report(dated, format="html")
    out = tmp_path / "docs.html"
    p = _kinerja("report", str(dated), "-o", str(out), "-q")
    assert p.returncode == 3 and not out.exists(), p.stderr
    assert "the regime in force for 2019 is PP 46/2011" in p.stderr, p.stderr
    dated.write_text(row.format(2024), encoding="utf-8")
    made = kj.report(dated, format="html")
    assert made.data is not None and "Baik" in made.data.decode() and not made.errors
    p = _kinerja("report", str(dated), "-o", str(out), "-q")
    assert p.returncode == 0 and out.exists(), p.stderr
