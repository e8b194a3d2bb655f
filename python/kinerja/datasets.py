"""Bundled sample data: synthetic rosters of two Kota Kupang offices.

* ``sector="health"`` (default): the Dinas Kesehatan — the 2024 roster (PermenPANRB 6/2022) and
  the same office adapted to the earlier regimes (2020 under PP 46/2011, 2021-S2 under
  PermenPANRB 8/2021).
* ``sector="education"``: the Dinas Pendidikan dan Kebudayaan — schools as units, school heads
  and teachers (functional posts) with indicators on student achievement (share of students
  reaching the learning objectives, literacy and numeracy of the education report card,
  attendance), appraised twice a year (``2024-S1`` in June, ``2024-S2`` in December) and for the
  year; the roster also carries the teachers' 2023 annual predicates (for the monthly TPP of
  January–June, see :func:`kinerja.month_predicate`) and their legacy 2019 PKG inputs (for
  :func:`kinerja.pkg_assessment`).

The files of ``examples/data/`` ship inside the native module, so they are available from any
installed wheel. Names and numbers are invented.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kinerja._kinerja import (
    InputError,
    Plan,
    Policy,
    Ruleset,
    _kupang_education_json,
    _kupang_policy_toml,
    _kupang_roster_json,
)

__all__ = ["kupang_frames", "kupang_plans", "kupang_policy", "kupang_roster", "kupang_rules", "synthetic"]


SECTORS = ("health", "education")


def _roster_text(regime: str, sector: str = "health") -> str:
    if sector == "health":
        return _kupang_roster_json(regime)
    if sector == "education":
        if regime != "permenpanrb-6-2022":
            raise _sector_error(
                f"the education roster is bundled for permenpanrb-6-2022 (2024) only, not {regime}; "
                "the legacy 2019 teacher appraisal is its `pkg_2019` inputs (kinerja.pkg_assessment)"
            )
        return _kupang_education_json()
    raise _sector_error(f"unknown sector {sector!r}; accepted: {', '.join(SECTORS)}")


def _sector_error(reason: str) -> InputError:
    err = InputError(f"sector: {reason}")
    err.field = "sector"
    return err


def kupang_roster(regime: str = "permenpanrb-6-2022", sector: str = "health") -> dict[str, Any]:
    """The roster of ``regime`` as a dict: ``name``, ``period`` (the period to evaluate),
    ``plans`` (a list of :class:`kinerja.Plan`), ``regime`` (its id) and ``rules`` (that regime
    with the example Kupang policy, the ruleset to use); the 2024 roster also has
    ``org_predicate``, ``units`` and ``goals``.

    ``regime`` is ``"permenpanrb-6-2022"`` (default, 2024, embedded in the module),
    ``"permenpanrb-8-2021"`` (2021-S2) or ``"pp-46-2011"`` (2020); aliases such as ``"pp46"``
    are accepted. ``sector`` is ``"health"`` (default) or ``"education"`` (2024 only; it also
    has ``periods`` — the two semesters and the year —, ``previous_year_predicates`` and
    ``pkg_2019``).

    >>> r = kupang_roster("pp-46-2011")
    >>> r["period"], len(r["plans"]), r["rules"].id
    ('2020', 14, 'pp-46-2011')
    """
    rules = Ruleset.builtin(regime).with_policy(kupang_policy())
    data: dict[str, Any] = json.loads(_roster_text(rules.id, sector))
    declared = data.pop("regime", None)
    if declared is not None and declared != rules.id:
        raise ValueError(f"the {rules.id} sample roster declares regime {declared!r}")
    data["plans"] = [Plan.from_dict(p) for p in data["plans"]]
    data["regime"] = rules.id
    data["rules"] = rules
    return data


def roster_name(roster: Mapping[str, Any], lang: str = "id") -> str:
    """The name of a bundled roster in ``lang``: its "(synthetic sample)" mark in Bahasa
    Indonesia is "(contoh sintetis)"."""
    name = str(roster.get("name") or "")
    return name if lang == "en" else name.replace("(synthetic sample)", "(contoh sintetis)")


def kupang_plans(sector: str = "health") -> list[Plan]:
    """The plans of the 2024 roster of ``sector`` (``"health"`` or ``"education"``).

    >>> len(kupang_plans()), len(kupang_plans(sector="education"))
    (14, 12)
    """
    plans: list[Plan] = kupang_roster(sector=sector)["plans"]
    return plans


def kupang_policy() -> Policy:
    """The EXAMPLE Kupang 2024 policy (not adopted by the city; see its description)."""
    return Policy.from_toml(_kupang_policy_toml())


def kupang_rules() -> Ruleset:
    """PermenPANRB 6/2022 with the example Kupang policy."""
    return Ruleset.builtin("permenpanrb-6-2022").with_policy(kupang_policy())


def kupang_frames(library: str = "pandas", sector: str = "health") -> tuple[Any, Any]:
    """The 2024 roster of ``sector`` as two tables ``(indicators, employees)`` in ``library``
    ("pandas", "polars" or "pyarrow"), in the shape :func:`kinerja.evaluate_frame` and
    :func:`kinerja.score` read. Score them with ``rules=kupang_rules()``: the health roster
    has a zero target (maternal deaths) and employees without the appraiser's rating, which
    need the Kupang policy's zero-target convention and advisory bands; under the national
    default those employees are located errors, never guesses."""
    from kinerja.frames import roster_to_rows, rows_to_table

    ind_rows, emp_rows = roster_to_rows(json.loads(_roster_text("permenpanrb-6-2022", sector))["plans"])
    return rows_to_table(ind_rows, library), rows_to_table(emp_rows, library)


# ---------------------------------------------------------------------------------------
# Synthetic national roster (batch scoring, benchmarks)
# ---------------------------------------------------------------------------------------


def synthetic(
    employees: int = 10_000,
    indicators_per_employee: int = 5,
    periods: int = 1,
    seed: int = 0,
    library: str = "pyarrow",
    unit_size: int = 40,
) -> dict[str, Any]:
    """A reproducible, invented national roster for batch scoring and benchmarks.

    Returns ``{"indicators": ..., "employees": ..., "units": ...}`` as tables in ``library``
    (``"pyarrow"``, ``"pandas"`` or ``"polars"``) in the shape :func:`kinerja.score` reads:

    * units of about ``unit_size`` employees with an organisational predicate;
    * employees with NIP-like ids, post types (one JPT or administrator head per unit,
      supervisors, executors, functional posts with grades), the appraiser's work-result
      rating (10 % left to the policy's advice) and behaviour rating;
    * ``indicators_per_employee`` indicators each, equal weights summing to 100, 20 % lower
      is better, targets with up to 2 decimals, and an annual realisation that is the sum
      of ``periods`` period realisations with 2 decimals (float64, as read from a CSV).

    The same arguments always give the same tables.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if employees < 1 or indicators_per_employee < 1 or periods < 1:
        raise ValueError("employees, indicators_per_employee and periods must be positive")
    rng = np.random.default_rng(seed)
    n_emp = int(employees)
    k = int(indicators_per_employee)
    n = n_emp * k
    n_units = max(1, n_emp // unit_size)

    def ids(prefix: str, numbers: Any, width: int) -> Any:
        digits = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width, "0")
        return pc.binary_join_element_wise(prefix, digits, "")

    # Units and employees
    unit_of = np.sort(rng.integers(0, n_units, n_emp))
    unit_ids = ids("U", np.arange(n_units), 6)
    org = rng.choice(
        np.array(["outstanding", "good", "needs_improvement", "poor", "very_poor"]),
        n_units,
        p=[0.15, 0.6, 0.15, 0.07, 0.03],
    )
    first_of_unit = np.r_[True, unit_of[1:] != unit_of[:-1]]
    posts = rng.choice(
        np.array(["executor", "functional", "supervisor", "administrator"]), n_emp, p=[0.45, 0.35, 0.15, 0.05]
    )
    head_post = np.where(rng.random(n_emp) < 0.3, "jpt", "administrator")
    posts = np.where(first_of_unit, head_post, posts)
    grade_names = np.array(["first_expert", "junior_expert", "middle_expert", "skilled", "proficient"])
    grades = rng.choice(grade_names, n_emp)
    nip = ids("19", np.arange(n_emp, dtype=np.int64) * 7919 + 1_000_003, 16)
    ratings = np.array(["below", "meets", "above"])
    work = rng.choice(ratings, n_emp, p=[0.08, 0.7, 0.22])
    work_missing = rng.random(n_emp) < 0.1
    behaviour = rng.choice(ratings, n_emp, p=[0.03, 0.72, 0.25])

    # Indicators
    emp_of_row = np.repeat(np.arange(n_emp, dtype=np.int64), k)
    ind_no = np.tile(np.arange(k), n_emp)
    lower = rng.random(n) < 0.2
    target_cents = rng.integers(1, 1000, n) * np.where(rng.random(n) < 0.5, 100, 10)
    ratio = np.clip(rng.normal(1.0, 0.12, n), 0.2, 1.9)
    ratio = np.where(lower, 2.0 - ratio, ratio)
    actual_total = np.maximum(np.round(target_cents * ratio), 0).astype(np.int64)
    if periods > 1:
        share = rng.dirichlet(np.ones(periods), n)
        parts = np.floor(share * actual_total[:, None]).astype(np.int64)
        parts[:, -1] += actual_total - parts.sum(axis=1)
        actual_total = parts.sum(axis=1)
    row_nip = pc.take(nip, pa.array(emp_of_row))
    polarity = pc.take(pa.array(["higher_is_better", "lower_is_better"]), pa.array(lower.astype(np.int8)))
    ind = pa.table(
        {
            "employee": row_nip,
            "indicator": pc.binary_join_element_wise(row_nip, pc.cast(pa.array(ind_no), pa.string()), "-"),
            "target": pa.array(target_cents / 100.0),
            "actual": pa.array(actual_total / 100.0),
            "polarity": polarity,
            "weight": pa.array(np.full(n, 100.0 / k) if 100 % k else np.full(n, 100 // k, dtype=np.int64)),
        }
    )
    emp = pa.table(
        {
            "employee": nip,
            "unit": pc.take(unit_ids, pa.array(unit_of)),
            "post_type": pa.array(posts),
            "functional_grade": pa.array(grades, mask=posts != "functional"),
            "unit_head": pa.array(first_of_unit),
            "work_result": pa.array(work, mask=work_missing),
            "behaviour": pa.array(behaviour),
        }
    )
    units = pa.table({"unit": unit_ids, "org_predicate": pa.array(org)})
    out = {"indicators": ind, "employees": emp, "units": units}
    if library == "pandas":
        return {name: t.to_pandas() for name, t in out.items()}
    if library == "polars":
        import polars as pl

        return {name: pl.from_arrow(t) for name, t in out.items()}
    return out
