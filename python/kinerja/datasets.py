"""Bundled sample data: a synthetic roster of the Dinas Kesehatan Kota Kupang.

The data ship inside the native module, so they are available from any installed wheel.
Names and numbers are invented.
"""

from __future__ import annotations

import json
from typing import Any

from kinerja._kinerja import Plan, Policy, Ruleset, _kupang_policy_toml, _kupang_roster_json

__all__ = ["kupang_frames", "kupang_plans", "kupang_policy", "kupang_roster", "kupang_rules"]


def kupang_roster() -> dict[str, Any]:
    """The roster as a dict: ``name``, ``period``, ``org_predicate``, ``units``, ``goals`` and
    ``plans`` (a list of :class:`kinerja.Plan`)."""
    data: dict[str, Any] = json.loads(_kupang_roster_json())
    data["plans"] = [Plan.from_dict(p) for p in data["plans"]]
    return data


def kupang_plans() -> list[Plan]:
    """The plans of the roster."""
    plans: list[Plan] = kupang_roster()["plans"]
    return plans


def kupang_policy() -> Policy:
    """The EXAMPLE Kupang 2024 policy (not adopted by the city; see its description)."""
    return Policy.from_toml(_kupang_policy_toml())


def kupang_rules() -> Ruleset:
    """PermenPANRB 6/2022 with the example Kupang policy."""
    return Ruleset.builtin("permenpanrb-6-2022").with_policy(kupang_policy())


def kupang_frames(library: str = "pandas") -> tuple[Any, Any]:
    """The roster as two tables ``(indicators, employees)`` in ``library`` ("pandas",
    "polars" or "pyarrow"), in the shape :func:`kinerja.evaluate_frame` reads."""
    from kinerja.frames import roster_to_rows, rows_to_table

    ind_rows, emp_rows = roster_to_rows(json.loads(_kupang_roster_json())["plans"])
    return rows_to_table(ind_rows, library), rows_to_table(emp_rows, library)
