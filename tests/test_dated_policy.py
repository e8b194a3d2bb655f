"""Dated policy values: the value in force on a date or for a whole period, never a guess."""

from __future__ import annotations

import csv
import datetime
import subprocess
import sys
from pathlib import Path

import pytest

import kinerja as kj

DATED = """
id = "kota-contoh"
version = "2024.2"

[rating]
advisory_bands = [
  { from = "2024-01-01", value = [
    { min = "110", rating = "above" }, { min = "90", rating = "meets" }, { min = "0", rating = "below" }] },
  { from = 2024-07-01, value = [
    { min = "120", rating = "above" }, { min = "95", rating = "meets" }, { min = "0", rating = "below" }] },
]
use_advice_when_missing = true
"""


def _plan() -> kj.Plan:
    return kj.Plan.from_dict(
        {
            "employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"},
            "year": 2024,
            "results": [
                {
                    "id": "r1",
                    "description": "R",
                    "indicators": [{"id": "i1", "name": "I1", "target": "100", "aggregation": "last"}],
                }
            ],
            "realisations": [
                {"indicator": "i1", "period": "2024-S1", "actual": "92"},
                {"indicator": "i1", "period": "2024-S2", "actual": "92"},
            ],
            "assessments": [
                {"period": "2024-S1", "behaviour": {"overall": "meets"}},
                {"period": "2024-S2", "behaviour": {"overall": "meets"}},
            ],
        }
    )


def test_a_dated_policy_needs_a_date_and_names_its_paths() -> None:
    with pytest.raises(kj.KinerjaError, match="dated values") as e:
        kj.Policy.from_toml(DATED)
    assert "rating.advisory_bands" in str(e.value)
    with pytest.raises(kj.KinerjaError, match="not both"):
        kj.Policy.from_toml(DATED, at="2024-07-01", period="2024-S2")


@pytest.mark.parametrize(
    ("kwargs", "policy_id", "advised"),
    [
        ({"at": "2024-03-01"}, "kota-contoh@2024-01-01", "meets"),
        ({"at": datetime.date(2024, 7, 1)}, "kota-contoh@2024-07-01", "below"),
        ({"period": "2024-S1"}, "kota-contoh@2024-01-01", "meets"),
        ({"period": "2024-S2"}, "kota-contoh@2024-07-01", "below"),
    ],
)
def test_the_value_in_force_is_used_and_cited(
    kwargs: dict[str, object], policy_id: str, advised: str
) -> None:
    policy = kj.Policy.from_toml(DATED, **kwargs)  # type: ignore[arg-type]
    assert policy.id == policy_id
    period = "2024-S1" if policy_id.endswith("01-01") else "2024-S2"
    ev = kj.evaluate(_plan(), period, rules=kj.Ruleset.builtin().with_policy(policy))
    assert ev.to_dict()["advised_rating"] == advised
    assert f"kebijakan lokal {policy_id}" in ev.explain("id"), ev.explain("id")


def test_a_change_inside_the_period_is_refused() -> None:
    with pytest.raises(kj.exceptions.PolicyError, match="inside the period 2024") as e:
        kj.Policy.from_toml(DATED, period="2024")
    assert "2024-07-01" in str(e.value)


def test_json_dict_and_ruleset_forms_agree() -> None:
    as_toml = kj.Policy.from_toml(DATED, period="2024-S2")
    as_json = kj.Policy.from_json(as_toml.to_json().replace('"kota-contoh@2024-07-01"', '"kota-contoh"'))
    d = as_toml.to_dict()
    d["id"] = "kota-contoh"
    d["rating"]["weights_must_sum_to"] = [
        {"from": "2024-01-01", "value": None},
        {"from": "2024-07-01", "value": "100"},
    ]
    from_dict = kj.Policy.from_dict(d, period="2024-S2")
    assert from_dict.id == "kota-contoh@2024-07-01"
    assert from_dict.to_dict()["rating"]["advisory_bands"] == as_json.to_dict()["rating"]["advisory_bands"]
    ruleset_text = 'regime = "permenpanrb-6-2022"\n' + DATED.replace(
        "[rating]", "[policy]\n" + "\n[policy.rating]"
    ).replace('id = "kota-contoh"\nversion = "2024.2"\n', "")
    r = kj.Ruleset.from_toml(ruleset_text, at="2024-08-01")
    assert r.policy.id.endswith("@2024-07-01")


def test_the_cli_reads_a_dated_policy_for_its_period(tmp_path: Path) -> None:
    rules = tmp_path / "kota.toml"
    rules.write_text(DATED, encoding="utf-8")
    ind = tmp_path / "ind.csv"
    ind.write_text("employee,indicator,target,actual\ne1,i1,100,92\n", encoding="utf-8")
    emp = tmp_path / "emp.csv"
    emp.write_text("employee,behaviour\ne1,meets\n", encoding="utf-8")

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        cmd = [
            sys.executable,
            "-m",
            "kinerja",
            "score",
            str(ind),
            "--employees",
            str(emp),
            "--rules",
            str(rules),
        ]
        return subprocess.run([*cmd, *extra], capture_output=True, text=True)

    r = run("-o", str(tmp_path / "none.csv"))
    assert r.returncode == 3 and "give --period" in r.stderr, r.stderr
    assert not (tmp_path / "none.csv").exists()
    for period, advised in (("2024-S1", "meets"), ("2024-S2", "below")):
        out = tmp_path / f"{period}.csv"
        r = run("--period", period, "-o", str(out))
        assert r.returncode == 0, r.stderr
        with out.open(encoding="utf-8", newline="") as f:
            assert next(csv.DictReader(f))["advised_rating"] == advised
