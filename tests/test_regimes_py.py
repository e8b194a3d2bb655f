"""Policy errors located by field path, what-if comparisons across policies and regimes, and
the bundled Kupang rosters of all three regimes from Python."""

from __future__ import annotations

from decimal import Decimal

import pytest

import kinerja as kj
from kinerja import datasets
from kinerja import exceptions as kx

# --- policy errors name the field path ---------------------------------------------------


@pytest.mark.parametrize(
    ("load", "text", "field", "position"),
    [
        (kj.Policy.from_json, '{"achievement":{"lower_formula":5}}', "achievement.lower_formula", "column"),
        (kj.Policy.from_json, '{"rating":{"jpt_org_map":{"great":1}}}', "rating.jpt_org_map.great", "line 1"),
        (kj.Policy.from_toml, "[rating]\nadvisory_bandz = 1", "rating.advisory_bandz", "at byte 9"),
        (kj.Policy.from_toml, '[rating.jpt_org_map]\ngreat = "above"', "rating.jpt_org_map.great", "at byte"),
        (
            kj.Ruleset.from_toml,
            'regime = "pp-46-2011"\n[policy.pp46]\nbandz = 1',
            "policy.pp46.bandz",
            "at byte",
        ),
    ],
)
def test_policy_serde_errors_name_the_field_path(load, text, field, position) -> None:
    with pytest.raises(kx.PolicyError) as info:
        load(text)
    assert info.value.field == field
    assert str(info.value).startswith(f"policy {field}: ")
    assert position in str(info.value)


# --- what-if across policies and regimes -------------------------------------------------


def test_compare_national_default_against_kupang_bands() -> None:
    national = kj.Ruleset.builtin("permenpanrb-6-2022")
    c = kj.compare(datasets.kupang_plans(), national, datasets.kupang_rules(), period="2024")
    assert c.summary == {
        "employees": 14,
        "changed": 4,
        "improved": 0,
        "worsened": 0,
        "errors_a": 4,
        "errors_b": 0,
        "predicates_a": {"good": 6, "needs_improvement": 1, "very_good": 2, "very_poor": 1},
        "predicates_b": {"good": 9, "needs_improvement": 1, "very_good": 3, "very_poor": 1},
    }
    changed = {r["employee"]: r for r in c.to_records() if r["changed"]}
    expected = {
        # employee: (national error, Kupang predicate, advised rating, weighted achievement)
        "198105052006042005": ("missing work_result", "good", "meets", "104.34"),
        "199209092019022009": ("missing work_result", "very_good", "above", "130.96"),
        "199312112020122011": ("target is 0", "good", "meets", "101.46"),
        "199401132022031013": ("missing work_result", "good", "above", "110.06"),
    }
    assert set(changed) == set(expected)
    for emp, (error, predicate, rating, wa) in expected.items():
        row = changed[emp]
        assert row["a_predicate"] is None and error in row["a_error"] and emp in row["a_error"]
        assert (row["b_predicate"], row["b_work_result"]) == (predicate, rating)
        assert row["b_weighted_achievement"] == Decimal(wa) and row["b_error"] is None
        assert row["changed"] == ["predicate", "work_result", "weighted_achievement", "error"]
    assert "Fransiska" in c.to_text("en")


def test_compare_across_regimes_reports_each_missing_input() -> None:
    r = datasets.kupang_roster("permenpanrb-8-2021")
    six = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(datasets.kupang_policy())
    c = kj.compare(r["plans"], r["rules"], six, period=r["period"])
    s = c.summary
    assert (s["employees"], s["changed"], s["errors_a"], s["errors_b"]) == (14, 14, 0, 14)
    assert s["predicates_a"] == {"good": 10, "needs_improvement": 2, "poor_misconduct": 1, "very_good": 1}
    assert s["predicates_b"] == {}
    assert c.ruleset_a.startswith("permenpanrb-8-2021") and c.ruleset_b.startswith("permenpanrb-6-2022")
    recs = c.to_records()
    assert "missing org_predicate" in recs[0]["b_error"]  # the JPT unit head
    for row in recs:
        assert row["a_score"] is not None and row["a_error"] is None
        assert row["employee"] in row["b_error"] and "2021-S2" in row["b_error"]
        assert "missing org_predicate" in row["b_error"] or "missing behaviour.overall" in row["b_error"]


# --- the bundled rosters of every regime -------------------------------------------------

# regime: (period, cited regulation, {employee: (predicate, score, weighted achievement)})
ROSTERS = {
    "permenpanrb-6-2022": (
        "2024",
        "PermenPANRB 6/2022",
        {
            "197001011995031001": ("good", None, "98.05"),
            "197502022000032002": ("good", None, "98.50"),
            "198004042005011004": ("needs_improvement", None, "89.50"),
        },
    ),
    "permenpanrb-8-2021": (
        "2021-S2",
        "8/2021",
        {
            "197001011995031001": ("good", "98.80", "97.60"),
            "197502022000032002": ("good", "96.80", "98.50"),
            "198004042005011004": ("needs_improvement", "82.95", "89.50"),
        },
    ),
    "pp-46-2011": (
        "2020",
        "PP 46/2011",
        {
            "197001011995031001": ("good", "89.53", "90.22"),
            "197502022000032002": ("good", "86.67", "90.89"),
            "198004042005011004": ("good", "83.67", "85.23"),
        },
    ),
}


@pytest.mark.parametrize("regime", sorted(ROSTERS))
def test_kupang_roster_of_each_regime_evaluates(regime: str) -> None:
    period, cite, expected = ROSTERS[regime]
    r = datasets.kupang_roster(regime)
    assert r["regime"] == regime and r["rules"].id == regime and r["period"] == period
    assert r["rules"].policy.id == "kupang-2024-example"
    plans = r["plans"]
    assert len(plans) == 14 and all(isinstance(p, kj.Plan) for p in plans)
    evs = kj.evaluate_all(plans, r["period"], r["rules"])
    assert len(evs) == 14
    by_id = {}
    for p, ev in zip(plans, evs, strict=True):
        assert isinstance(ev, kj.Evaluation), f"{p.employee.id}: {ev}"
        assert ev.regime == r["rules"].regime and ev.policy_id == "kupang-2024-example"
        assert cite in ev.explain("id") and len(ev.explain("en")) > 100
        if regime != "permenpanrb-6-2022":
            assert ev.score is not None, "numeric regimes report a score"
        by_id[p.employee.id] = ev
    for emp, (predicate, score, wa) in expected.items():
        ev = by_id[emp]
        assert ev.predicate == kj.Predicate(predicate)
        assert ev.score == (None if score is None else Decimal(score))
        assert ev.weighted_achievement == Decimal(wa)


def test_kupang_roster_default_and_aliases() -> None:
    assert datasets.kupang_roster()["regime"] == "permenpanrb-6-2022"
    assert datasets.kupang_roster("pp46")["regime"] == "pp-46-2011"
    assert [p.employee.id for p in datasets.kupang_roster("8/2021")["plans"]] == [
        p.employee.id for p in datasets.kupang_plans()
    ]
    with pytest.raises(kx.PolicyError, match="unknown builtin ruleset `dp3`"):
        datasets.kupang_roster("dp3")
