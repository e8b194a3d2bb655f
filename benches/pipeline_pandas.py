"""The 6/2022 annual pipeline as an analyst would write it in pandas (float64, NumPy rounding).

achievement per indicator → weighted mean per employee → advisory rating → work rating
(appraiser's, else advice; JPT unit heads follow the organisational predicate) → predicate
(3×3 matrix) → credit points per functional employee (PermenPANRB 1/2023, 12 months) →
predicate counts and the distribution curve (SE MenPANRB 3/2023) per unit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pipeline_tables import COEFF, JPT_MAP, PERCENT, PREDS


def run(
    ind: pd.DataFrame, emp: pd.DataFrame, units: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ratio = ind["actual"] / ind["target"] * 100
    raw = np.where(ind["polarity"] == "lower_is_better", 200 - ratio, ratio)
    raw = np.clip(raw, 0, None)
    ind = ind.assign(achievement=np.round(raw, 2), _raw=raw, _wx=raw * ind["weight"])
    g = ind.groupby("employee", sort=False)[["_wx", "weight"]].sum()
    weighted = (g["_wx"] / g["weight"]).round(2).rename("weighted_achievement")
    e = emp.merge(weighted, left_on="employee", right_index=True, how="left")
    w = e["weighted_achievement"]
    e["advised_rating"] = np.select([w >= 110, w >= 90], ["above", "meets"], "below")
    e = e.merge(units, on="unit", how="left")
    jpt = (e["post_type"] == "jpt") & e["unit_head"]
    work = e["work_result"].fillna(e["advised_rating"])
    e["work_result_used"] = np.where(jpt, e["org_predicate"].map(JPT_MAP), work)
    wr, b = e["work_result_used"], e["behaviour"]
    e["predicate"] = np.select(
        [
            (wr == "below") & (b == "below"),
            b == "below",
            wr == "below",
            (wr == "above") & (b == "above"),
        ],
        ["very_poor", "poor_misconduct", "needs_improvement", "very_good"],
        "good",
    )
    e["credit_points"] = (e["predicate"].map(PERCENT) * e["functional_grade"].map(COEFF)).round(2)
    counts = (
        e.groupby(["unit", "predicate"]).size().unstack(fill_value=0).reindex(columns=PREDS, fill_value=0)
    )
    u = units.set_index("unit").join(counts).fillna(0)
    n = u[PREDS].sum(axis=1)
    vg, g, ni, pm, vp = (
        u[p] for p in ["very_good", "good", "needs_improvement", "poor_misconduct", "very_poor"]
    )
    org = u["org_predicate"]
    fl, ce = np.floor, np.ceil
    checks = {
        "outstanding": [vg <= fl(0.7 * n)],
        "good": [g <= fl(0.7 * n), (n < 5) | (ni + pm >= 1)],
        "needs_improvement": [vg <= fl(0.1 * n), ni >= ce(0.6 * n)],
        "poor": [vg <= fl(0.1 * n), ni >= ce(0.1 * n), pm >= ce(0.6 * n)],
        "very_poor": [vg == 0, ni + pm >= ce(0.1 * n), vp >= ce(0.6 * n)],
    }
    violations = pd.Series(0, index=u.index)
    for o, cs in checks.items():
        violations += (org == o) * sum((~c).astype(int) for c in cs)
    u["violations"] = violations
    u["distribution_passed"] = violations == 0
    return ind[["employee", "indicator", "achievement"]], e, u.reset_index()
