"""Periods: declared targets, no silent pro-rating, the regime in force, credit points over any span.

Expected values are hand-computed (see docs/periods.md).
"""

from decimal import Decimal
from typing import Any

import pytest

import kinerja as kj


def _plan(
    year: int, indicator: dict[str, Any], realisations: list[tuple[str, str]], period: str
) -> dict[str, Any]:
    return {
        "employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"},
        "year": year,
        "results": [{"id": "r1", "description": "R", "indicators": [indicator]}],
        "realisations": [{"indicator": indicator["id"], "period": p, "actual": a} for p, a in realisations],
        "assessments": [{"period": period, "work_result": "meets", "behaviour": {"overall": "meets"}}],
    }


QUARTERS = {"2024-Q1": "100", "2024-Q2": "200", "2024-Q3": "400", "2024-Q4": "500"}


@pytest.mark.parametrize("reports", [[("2024-Q1", "105"), ("2024-Q2", "210")], [("2024-S1", "315")]])
def test_semester_target_from_quarter_targets(reports: list[tuple[str, str]]) -> None:
    ind = {"id": "a", "name": "Pasien", "target": "1200", "period_targets": QUARTERS}
    ev = kj.evaluate(_plan(2024, ind, reports, "2024-S1"), "2024-S1")
    # S1 target = 100 + 200 = 300; 315 / 300 = 105 %.
    assert ev.achievements["a"] == Decimal("105.00")
    assert "sum of the declared period targets" in ev.explain("en")


def test_no_silent_pro_rating_of_an_index() -> None:
    ind = {"id": "ikm", "name": "Indeks kepuasan", "target": "85"}
    with pytest.raises(kj.KinerjaError) as e:
        kj.evaluate(_plan(2024, ind, [("2024-Q1", "86")], "2024-Q1"), "2024-Q1")
    for part in ("`ikm`", "2024-Q1", "period_targets", "aggregation", "prorate_cumulative"):
        assert part in str(e.value)
    ind["aggregation"] = "mean"
    ev = kj.evaluate(_plan(2024, ind, [("2024-Q1", "86")], "2024-Q1"), "2024-Q1")
    assert ev.achievements["ikm"] == Decimal("101.18")  # 86 / 85


def test_regime_in_force_without_rules() -> None:
    ind = {"id": "a", "name": "Pasien", "target": "100"}
    with pytest.raises(kj.KinerjaError, match="DP3"):
        kj.evaluate(_plan(2010, ind, [("2010", "100")], "2010"))
    ev = kj.evaluate(_plan(2024, ind, [("2024", "100")], "2024"))
    assert ev.regime.value == "permenpanrb-6-2022"
    assert not [n for n in ev.notes("en") if "what-if" in n]
    r6 = kj.Ruleset.builtin("permenpanrb-6-2022")
    ev = kj.evaluate(_plan(2019, ind, [("2019", "100")], "2019"), rules=r6)
    assert any("what-if" in n and "PP 46/2011" in n for n in ev.notes("en"))


def test_credit_points_one_total_however_entered() -> None:
    monthly = [(f"{y}-{m:02d}", "good") for y in range(2023, 2027) for m in range(1, 13)]
    assert kj.credit_ledger("e1", monthly, grade="first_expert").total == Decimal("50")
    two_months = [{"period": "2024", "months": [4, 5], "predicate": "good"}]
    assert kj.credit_ledger("e1", two_months, grade="first_expert").total == Decimal("2.08")
    with pytest.raises(kj.KinerjaError, match="starting"):
        kj.credit_ledger("e1", [("2015", "very_good")], grade="first_expert")
