"""The 6/2022 annual pipeline as an analyst would write it in polars (float64 expressions)."""

from __future__ import annotations

import polars as pl

JPT_MAP = {
    "outstanding": "above",
    "good": "meets",
    "needs_improvement": "below",
    "poor": "below",
    "very_poor": "below",
}


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
    counts = e.group_by("unit", "predicate").len()
    return ind.select("employee", "indicator", "achievement"), e, counts
