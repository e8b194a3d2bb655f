"""The 6/2022 annual pipeline as an analyst would write it in pandas (float64, NumPy rounding).

achievement per indicator → weighted mean per employee → advisory rating → work rating
(appraiser's, else advice; JPT unit heads follow the organisational predicate) → predicate
(3×3 matrix) → predicate counts per unit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

JPT_MAP = {
    "outstanding": "above",
    "good": "meets",
    "needs_improvement": "below",
    "poor": "below",
    "very_poor": "below",
}


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
    counts = e.groupby(["unit", "predicate"]).size().unstack(fill_value=0)
    return ind[["employee", "indicator", "achievement"]], e, counts
