"""The education sector end to end from Python: the bundled Dinas Pendidikan dan Kebudayaan
Kota Kupang roster (schools, school heads, teachers), semester and annual predicates, the
monthly TPP predicate of teachers and the legacy PKG path. Expected values are hand-computed."""

from __future__ import annotations

from decimal import Decimal

import pytest

import kinerja as kj


@pytest.fixture(scope="module")
def roster() -> dict:
    return kj.datasets.kupang_roster(sector="education")


def test_roster_shape(roster: dict) -> None:
    assert len(roster["plans"]) == 12
    assert roster["periods"] == ["2024-S1", "2024-S2", "2024"]
    units = {u["id"] for u in roster["units"]}
    assert {"sdn-oebobo-1", "smpn-2-kupang"} <= units
    heads = [
        p
        for p in roster["plans"]
        if p.employee.unit_head and p.employee.post_type == kj.PostType("functional")
    ]
    assert len(heads) == 2  # the two school heads are teachers with an additional duty
    assert len(roster["pkg_2019"]) == 7
    assert roster["previous_year_predicates"]["period"] == "2023"


def test_every_plan_evaluates_in_each_period(roster: dict) -> None:
    for period in roster["periods"]:
        evs = kj.evaluate_all(roster["plans"], period=period, rules=roster["rules"], on_error="raise")
        assert len(evs) == 12


def test_teacher_hand_computed(roster: dict) -> None:
    maria = next(p for p in roster["plans"] if p.employee.id == "199005062015032006")
    ev = kj.evaluate(maria, period="2024", rules=roster["rules"])
    # 84.80/80 = 106.00; mean(92.55, 95.55) = 94.05/95 = 99.00; 12/12 = 100.00;
    # weights 33.33/33.33/33.34 → 101.6665 → 101.67; above/above → Sangat Baik.
    assert [r["achievement"] for r in ev.to_records()] == [
        Decimal("106.00"),
        Decimal("99.00"),
        Decimal("100.00"),
    ]
    assert ev.weighted_achievement == Decimal("101.67")
    assert ev.predicate == kj.Predicate("very_good")
    assert "Sangat Baik" in ev.explain("id")


def test_sector_default_is_health_and_unknown_sector_is_an_error() -> None:
    assert len(kj.datasets.kupang_plans()) == 14
    assert len(kj.datasets.kupang_plans(sector="education")) == 12
    with pytest.raises(kj.exceptions.InputError, match="accepted: health, education") as e:
        kj.datasets.kupang_plans(sector="pendidikan")
    assert e.value.field == "sector"
    with pytest.raises(kj.exceptions.InputError, match="pkg_2019"):
        kj.datasets.kupang_roster("pp-46-2011", sector="education")


def test_education_frames_score_like_the_scalar_api(roster: dict) -> None:
    pytest.importorskip("pyarrow")
    indicators, employees = kj.datasets.kupang_frames("pyarrow", sector="education")
    table = kj.evaluate_frame(indicators, employees, period="2024", rules=roster["rules"])
    rows = {r["employee"]: r for r in table.to_pylist()}
    assert rows["199411182020122008"]["predicate"] == "very_poor"  # 85.50, below/below


def test_monthly_tpp_predicate_of_a_teacher(roster: dict) -> None:
    maria = next(p for p in roster["plans"] if p.employee.id == "199005062015032006")
    s1 = kj.evaluate(maria, period="2024-S1", rules=roster["rules"]).predicate
    previous = kj.Predicate(roster["previous_year_predicates"]["predicates"][maria.employee.id])
    known = [("2023", previous), ("2024-S1", s1)]
    feb = kj.month_predicate("2024-02", known, rule="last_completed")
    assert (str(feb.source), feb.predicate) == ("2023", previous)
    sep = kj.month_predicate("2024-09", known, rule="last_completed")
    assert (str(sep.source), sep.predicate) == ("2024-S1", s1)
    with pytest.raises(kj.exceptions.KinerjaError, match="ended before 2024-01"):
        kj.month_predicate("2024-01", [("2024-S1", s1)], rule="last_completed")


def test_legacy_pkg_of_2019(roster: dict) -> None:
    results = {i["teacher"]: kj.pkg_assessment(i) for i in roster["pkg_2019"]}
    # 52 / 56 × 100 = 92.857… → Amat Baik (125 %); 41 / 56 × 100 = 73.21 → Cukup (75 %).
    assert results["199005062015032006"].percent == Decimal("125")
    assert results["199207252019031010"].percent == Decimal("75")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ("Guru dan kepala sekolah", "Sangat Kurang", "angka kredit")),
        ("en", ("Teachers and school heads", "Very poor", "credit")),
    ],
)
def test_demo_section_shows_teachers(lang: str, words: tuple[str, ...]) -> None:
    from kinerja import education

    text = education.demo_section(lang)
    for w in words:
        assert w in text
    assert "199411182020122008" in text  # the weak teacher is listed
    assert "2024-07 ← 2024-S1" in text  # July is paid on the first semester's predicate
    assert "ERROR" not in text and "GALAT" not in text
