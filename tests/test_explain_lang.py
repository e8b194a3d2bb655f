"""Core fixes: kernel input checks, Indonesian explanations, RatingError."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

import kinerja as kj
from kinerja import exceptions as kx

from conftest import load_golden

ENGLISH_MARKERS = (
    "local policy",
    "above",
    "below",
    "meets",
    "higher_is_better",
    "lower_is_better",
    "unconfirmed",
    "engine convention",
)


def cases(name: str) -> list[dict[str, Any]]:
    return [c for c in load_golden(name.removesuffix(".json")) if "error" not in c["expected"]]


def assert_indonesian(text: str) -> None:
    low = text.lower()
    for m in ENGLISH_MARKERS:
        assert m not in low, (m, text)


@pytest.mark.parametrize("cap", [0, -1, "0.0"])
def test_kernel_rejects_non_positive_cap(cap: Any) -> None:
    with pytest.raises(kx.IndicatorError) as info:
        kj.achievement(10, 5, cap=cap)
    assert "cap" in str(info.value)


@pytest.mark.parametrize("target", [(-5, 90), (-9, -5)])
def test_kernel_rejects_negative_range_bounds(target: tuple[int, int]) -> None:
    with pytest.raises(kx.IndicatorError) as info:
        kj.achievement(target, 85)
    assert "negative" in str(info.value)


def test_kernel_still_accepts_good_caps_and_ranges() -> None:
    assert kj.achievement(10, 5, cap="0.5") == kj.achievement(10, 5, cap="0.5")
    assert str(kj.achievement((0, 90), 85)) == "100.00"
    with pytest.raises(kx.IndicatorError):
        kj.achievement((90, 80), 85)


def evaluations() -> list[tuple[str, Any]]:
    out = []
    for name, regime in (
        ("core_evaluation_6_2022.json", "permenpanrb-6-2022"),
        ("pp46_plans.json", "pp-46-2011"),
        ("permenpanrb_8_2021_plans.json", "permenpanrb-8-2021"),
    ):
        for c in cases(name):
            i = c["input"]
            policy = kj.Policy.from_dict(i["policy"]) if "policy" in i else kj.Policy.defaults()
            rules = kj.Ruleset.builtin(regime).with_policy(policy)
            if "error" in c["expected"]:
                # the error cases are checked by test_golden; an explanation needs a result
                continue
            ev = kj.evaluate(kj.Plan.from_dict(copy.deepcopy(i["plan"])), i["period"], rules)
            out.append((f"{name}:{c['id']}", ev))
    return out


def test_indonesian_explanations_contain_no_english() -> None:
    evs = evaluations()
    assert len(evs) >= 3
    for _, ev in evs:
        assert_indonesian(ev.explain("id"))


def test_indonesian_band_advice_and_enum_labels() -> None:
    c = next(c for c in cases("core_evaluation_6_2022.json") if c["id"] == "advice-disagrees")
    i = c["input"]
    rules = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(kj.Policy.from_dict(i["policy"]))
    ev = kj.evaluate(kj.Plan.from_dict(copy.deepcopy(i["plan"])), i["period"], rules)
    text = ev.explain("id")
    assert "% → Di atas ekspektasi" in text
    assert "Semakin tinggi semakin baik" in text
    assert "kebijakan lokal" in text
    assert "local policy" in ev.explain("en")


def test_distribution_report_in_indonesian() -> None:
    roster = [(f"e{i}", "very_good" if i < 8 else "good") for i in range(10)]
    r = kj.check_distribution(roster, "outstanding")
    assert_indonesian(r.explain("id"))


def test_undeterminable_advice_raises_rating_error() -> None:
    plan = {
        "employee": {"id": "198501012010011001", "name": "Uji", "unit": "u", "post_type": "executor"},
        "year": 2024,
        "results": [
            {
                "id": "r1",
                "description": "d",
                "indicators": [{"id": "a", "name": "A", "target": "100", "weight": "100"}],
            }
        ],
        "realisations": [],
        "assessments": [{"period": "2024", "behaviour": {"overall": "meets"}}],
    }
    policy = kj.Policy.from_dict(
        {
            "rating": {
                "missing_realisation": "exclude",
                "use_advice_when_missing": True,
                "advisory_bands": [{"min": "110", "rating": "above"}, {"min": "90", "rating": "meets"}],
            }
        }
    )
    rules = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(policy)
    with pytest.raises(kx.RatingError) as info:
        kj.evaluate(kj.Plan.from_dict(plan), "2024", rules)
    assert info.value.family == "rating"
    assert "work_result" in str(info.value)


DOTTED_NUMBER = re.compile(r"\d\.\d")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_indonesian_explanations_write_every_number_with_a_comma(fmt: str) -> None:
    """Inputs, values and formulas alike: no `97.5` beside a computed `97,5`."""
    evs = evaluations()
    assert any(DOTTED_NUMBER.search(ev.explain("en", format=fmt)) for _, ev in evs)
    for name, ev in evs:
        text = ev.explain("id", format=fmt)
        assert not DOTTED_NUMBER.search(text), (name, DOTTED_NUMBER.findall(text), text)
    full = next(ev for name, ev in evs if name.endswith(":PP46 full"))
    assert "efisiensi 16,6666666666…% ≤ 24%" in full.explain("id")


def test_comparison_text_is_wholly_in_its_language() -> None:
    """`kj.compare(...).to_text("id")`: Indonesian numbers and the Indonesian error message."""
    plan = {
        "employee": {"id": "199001012015031001", "name": "Uji", "unit": "u", "post_type": "executor"},
        "year": 2024,
        "results": [
            {
                "id": "r1",
                "description": "d",
                "indicators": [
                    {"id": "a", "name": "A", "target": "100", "weight": "40"},
                    {"id": "b", "name": "B", "target": "100", "weight": "50"},
                ],
            }
        ],
        "realisations": [
            {"indicator": "a", "period": "2024", "actual": "97.5"},
            {"indicator": "b", "period": "2024", "actual": "110"},
        ],
        "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}],
    }
    a = kj.Ruleset.builtin("permenpanrb-6-2022")
    b = a.with_policy(kj.Policy.from_dict({"rating": {"weights_must_sum_to": "100"}}))
    c = kj.compare([plan], a, b, period="2024")
    row = c.to_records()[0]
    assert row["a_error"] is None and row["b_error"], row
    text = c.to_text("id")
    assert "GALAT: " in text and "ERROR" not in text, text
    assert not DOTTED_NUMBER.search(text), text
    assert_indonesian(text)
    wa = str(row["a_weighted_achievement"])
    assert f"({wa.replace('.', ',')}%" in text, (wa, text)
    en = c.to_text("en")
    assert "ERROR: " in en and f"({wa}%" in en, en
    assert kj.Comparison.from_json(c.to_json()) == c
