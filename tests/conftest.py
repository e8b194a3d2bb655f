"""Shared fixtures: paths, golden-file loading, the bundled roster."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "testdata" / "golden"


def golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def load_golden(stem: str) -> list[dict[str, Any]]:
    """The cases of ``testdata/golden/{stem}.json``, checked against its declared ``case_count``
    (so an emptied or truncated file fails instead of parametrising to zero tests)."""
    path = GOLDEN / f"{stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = data["cases"]
    declared = data.get("case_count")
    assert isinstance(declared, int) and declared > 0, f"{path.name}: no positive case_count"
    assert len(cases) == declared, f"{path.name}: {len(cases)} cases, case_count says {declared}"
    return cases


def golden_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every (file stem, case) of every golden file."""
    return [(f.stem, case) for f in golden_files() for case in load_golden(f.stem)]


@pytest.fixture(scope="session")
def roster() -> dict[str, Any]:
    import kinerja

    return kinerja.datasets.kupang_roster()


@pytest.fixture(scope="session")
def kupang_rules():
    import kinerja

    return kinerja.datasets.kupang_rules()


@pytest.fixture()
def simple_plan_dict() -> dict[str, Any]:
    """A small valid plan (6/2022, annual, appraiser ratings given)."""
    return {
        "employee": {
            "id": "199001012015031001",
            "name": "Contoh Pegawai",
            "unit": "pkm",
            "post_type": "executor",
        },
        "year": 2024,
        "results": [
            {
                "id": "rhk1",
                "description": "Pelayanan",
                "indicators": [
                    {"id": "a", "name": "Pasien dilayani", "target": "1200", "weight": "60"},
                    {
                        "id": "b",
                        "name": "Waktu tunggu",
                        "target": "30",
                        "polarity": "lower_is_better",
                        "aggregation": "mean",
                        "weight": "40",
                    },
                ],
            }
        ],
        "realisations": [
            {"indicator": "a", "period": f"2024-Q{q}", "actual": str(300 + 10 * (q - 1))} for q in range(1, 5)
        ]
        + [{"indicator": "b", "period": f"2024-Q{q}", "actual": "27"} for q in range(1, 5)],
        "assessments": [{"period": "2024", "work_result": "above", "behaviour": {"overall": "above"}}],
    }


# --- independent expected values for the tests that compare the engine with itself ----------

#: One employee of the bundled Kupang roster, computed by hand from its raw realisations:
#: iki-sek-lap (mean, target 100): the twelve monthly values sum to 1200.00, mean 100.00 →
#: 100.00 %; iki-sek-serap (last, target 95): December 92.15 → 92.15 / 95 × 100 = 97.00 %;
#: weights 50 / 50 → weighted 98.50; appraiser "meets", behaviour "meets" → Baik (good);
#: the Kupang advisory bands (≥ 90 meets) agree.
HAND_ROSTER_EMPLOYEE = "197502022000032002"
HAND_ROSTER_EXPECTED = {
    "weighted_achievement": Decimal("98.50"),
    "achievements": {"iki-sek-lap": Decimal("100.00"), "iki-sek-serap": Decimal("97.00")},
    "predicate": "good",
    "advised_rating": "meets",
}

#: A batch employee computed by hand: target 100, actual 120, weight 3 → 120 %; lower is
#: better, target 50, actual 45, weight 1 → (2 − 45/50) × 100 = 110 %; weighted
#: (3 × 120 + 1 × 110) / 4 = 117.50 → advised "above" under the Kupang bands (≥ 110); the
#: appraiser's "meets" prevails (a disagreement); with behaviour "above" → Baik (good).
HAND_BATCH_EXPECTED = {
    "weighted_achievement": Decimal("117.50"),
    "achievements": [Decimal("120.00"), Decimal("110.00")],
    "advised_rating": "above",
    "work_result": "meets",
    "predicate": "good",
    "disagreement": True,
}


def hand_batch_tables() -> tuple[Any, Any]:
    """The hand-computed batch employee as a wide pyarrow table (strings: exact) and its units."""
    import pyarrow as pa

    n = 2
    wide = pa.table(
        {
            "employee": ["hand-1"] * n,
            "indicator": ["hand-1-a", "hand-1-b"],
            "target": ["100", "50"],
            "actual": ["120", "45"],
            "polarity": ["higher_is_better", "lower_is_better"],
            "weight": ["3", "1"],
            "unit": ["hand-unit"] * n,
            "post_type": ["executor"] * n,
            "unit_head": [False] * n,
            "work_result": ["meets"] * n,
            "behaviour": ["above"] * n,
        }
    )
    units = pa.table({"unit": ["hand-unit"], "org_predicate": ["good"]})
    return wide, units


def check_hand_batch_row(row: dict[str, Any]) -> None:
    """Asserts one output employee row equals the hand-computed values (Decimal or str)."""
    e = HAND_BATCH_EXPECTED
    assert Decimal(str(row["weighted_achievement"])) == e["weighted_achievement"]
    for key in ("advised_rating", "work_result", "predicate"):
        assert str(row[key]) == e[key], key
    assert bool(row["disagreement"]) is e["disagreement"]
