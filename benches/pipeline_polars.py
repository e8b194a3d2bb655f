"""The 6/2022 annual pipeline as an analyst would write it in polars (float64 expressions)."""

from __future__ import annotations

import polars as pl
from pipeline_tables import COEFF, JPT_MAP, PERCENT, PREDS


def run(
    ind: pl.DataFrame, emp: pl.DataFrame, units: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    ratio = pl.col("actual") / pl.col("target") * 100
    raw = (
        pl.when(pl.col("polarity") == "lower_is_better")
        .then(200 - ratio)
        .otherwise(ratio)
        .clip(lower_bound=0)
    )
    ind = ind.with_columns(_raw=raw).with_columns(achievement=pl.col("_raw").round(2))
    weighted = ind.group_by("employee").agg(
        ((pl.col("_raw") * pl.col("weight")).sum() / pl.col("weight").sum())
        .round(2)
        .alias("weighted_achievement")
    )
    w = pl.col("weighted_achievement")
    e = (
        emp.join(weighted, on="employee", how="left")
        .join(units, on="unit", how="left")
        .with_columns(
            advised_rating=pl.when(w >= 110)
            .then(pl.lit("above"))
            .when(w >= 90)
            .then(pl.lit("meets"))
            .otherwise(pl.lit("below"))
        )
        .with_columns(
            work_result_used=pl.when((pl.col("post_type") == "jpt") & pl.col("unit_head"))
            .then(pl.col("org_predicate").replace_strict(JPT_MAP, default=None))
            .otherwise(pl.col("work_result").fill_null(pl.col("advised_rating")))
        )
    )
    wr, b = pl.col("work_result_used"), pl.col("behaviour")
    e = e.with_columns(
        predicate=pl.when((wr == "below") & (b == "below"))
        .then(pl.lit("very_poor"))
        .when(b == "below")
        .then(pl.lit("poor_misconduct"))
        .when(wr == "below")
        .then(pl.lit("needs_improvement"))
        .when((wr == "above") & (b == "above"))
        .then(pl.lit("very_good"))
        .otherwise(pl.lit("good"))
    )
    e = e.with_columns(
        credit_points=(
            pl.col("predicate").replace_strict(PERCENT, default=None)
            * pl.col("functional_grade").replace_strict(COEFF, default=None)
        ).round(2)
    )
    counts = e.group_by("unit").agg([(pl.col("predicate") == p).sum().alias(p) for p in PREDS])
    u = units.join(counts, on="unit", how="left").fill_null(0)
    n = pl.sum_horizontal(PREDS)
    vg, g, ni, pm, vp = (
        pl.col(p) for p in ["very_good", "good", "needs_improvement", "poor_misconduct", "very_poor"]
    )
    org = pl.col("org_predicate")

    def bad(*conds: pl.Expr) -> pl.Expr:
        return pl.sum_horizontal([(~c).cast(pl.Int32) for c in conds])

    violations = (
        pl.when(org == "outstanding")
        .then(bad(vg <= (0.7 * n).floor()))
        .when(org == "good")
        .then(bad(g <= (0.7 * n).floor(), (n < 5) | (ni + pm >= 1)))
        .when(org == "needs_improvement")
        .then(bad(vg <= (0.1 * n).floor(), ni >= (0.6 * n).ceil()))
        .when(org == "poor")
        .then(bad(vg <= (0.1 * n).floor(), ni >= (0.1 * n).ceil(), pm >= (0.6 * n).ceil()))
        .when(org == "very_poor")
        .then(bad(vg == 0, ni + pm >= (0.1 * n).ceil(), vp >= (0.6 * n).ceil()))
        .otherwise(0)
    )
    u = u.with_columns(violations=violations).with_columns(distribution_passed=pl.col("violations") == 0)
    return ind.select("employee", "indicator", "achievement"), e, u
