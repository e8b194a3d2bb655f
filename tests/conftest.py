"""Shared fixtures: paths, golden-file loading, the bundled roster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "testdata" / "golden"


def golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def golden_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every (file stem, case) of every golden file."""
    out = []
    for f in golden_files():
        data = json.loads(f.read_text(encoding="utf-8"))
        for case in data.get("cases", []):
            out.append((f.stem, case))
    return out


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
