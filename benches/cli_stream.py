"""The streamed command line against polars on files: ``kinerja score`` CSV → CSV and Parquet →
Parquet, and the *minimal* polars code an analyst would write for the same result
(``read_csv`` / ``read_parquet``, the pipeline, ``write_csv`` / ``write_parquet``), in the same
files, interleaved rounds, medians.

The file: one row per indicator, 5 per employee, with the employee's columns on each row
(``employee,indicator,target,actual,weight,work_result,behaviour``), two-decimal actuals, the
appraiser's ratings given (``meets`` / ``above`` / ``below``). The work: achievement
``actual / target × 100`` rounded half-up to 2 places, the weighted mean per employee rounded,
the PermenPANRB 6/2022 3×3 matrix of the two ratings; the output: one row per employee with
its weighted achievement and predicate. ``kinerja score`` does more (every column of its
employee table, exact decimals, located errors), timed as a user runs it: a process, start-up
included.

    python benches/cli_stream.py --employees 1000000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RATINGS = ("below", "meets", "above")
# PermenPANRB 6/2022 matrix: MATRIX[work_result][behaviour]
MATRIX = {
    ("below", "below"): "very_poor",
    ("below", "meets"): "needs_improvement",
    ("below", "above"): "needs_improvement",
    ("meets", "below"): "poor_misconduct",
    ("meets", "meets"): "good",
    ("meets", "above"): "good",
    ("above", "below"): "poor_misconduct",
    ("above", "meets"): "good",
    ("above", "above"): "very_good",
}


def write_inputs(folder: Path, employees: int) -> tuple[Path, Path]:
    """The indicator table as CSV and as Parquet (the same rows)."""
    import numpy as np
    import polars as pl

    rows = employees * 5
    r = np.arange(rows, dtype=np.int64)
    e = r // 5
    rng = np.random.default_rng(7)
    work = rng.integers(0, 3, employees)
    beh = rng.integers(0, 3, employees)
    labels = np.array(RATINGS)
    df = pl.DataFrame(
        {
            "employee": (198000000000000000 + e).astype(str),
            "indicator": np.char.add("i", (r % 5).astype(str)),
            "target": np.full(rows, "100"),
            "actual": np.char.add(
                np.char.add((80 + (r * 37) % 40).astype(str), "."), np.char.zfill((r % 100).astype(str), 2)
            ),
            "weight": np.full(rows, 20),
            "work_result": labels[work[e]],
            "behaviour": labels[beh[e]],
        }
    )
    csv, parquet = folder / "skp.csv", folder / "skp.parquet"
    df.write_csv(csv)
    exact = [pl.col(c).cast(pl.Decimal(20, 2)) for c in ("target", "actual")]
    df.with_columns(exact).write_parquet(parquet)
    return csv, parquet


def polars_pipeline(df: Any) -> Any:
    """The minimal polars work on a frame read from the file."""
    import polars as pl

    matrix = pl.DataFrame(
        {
            "work_result": [k[0] for k in MATRIX],
            "behaviour": [k[1] for k in MATRIX],
            "predicate": list(MATRIX.values()),
        }
    )
    ach = (pl.col("actual").cast(pl.Float64) / pl.col("target").cast(pl.Float64) * 100).round(2)
    per = df.group_by("employee", maintain_order=True).agg(
        ((ach * pl.col("weight")).sum() / pl.col("weight").sum()).round(2).alias("weighted_achievement"),
        pl.col("work_result").first(),
        pl.col("behaviour").first(),
    )
    return per.join(matrix, on=["work_result", "behaviour"], how="left").select(
        "employee", "weighted_achievement", "predicate"
    )


def polars_csv(src: Path, out: Path) -> None:
    import polars as pl

    polars_pipeline(pl.read_csv(src, schema_overrides={"employee": pl.String})).write_csv(out)


def polars_parquet(src: Path, out: Path) -> None:
    import polars as pl

    polars_pipeline(pl.read_parquet(src)).write_parquet(out)


def kinerja_cli(src: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "kinerja", "score", str(src), "-o", str(out), "-q"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"kinerja score failed: {p.stderr.strip()}")


def timed(f: Any, *args: Any) -> float:
    t0 = time.perf_counter()
    f(*args)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--employees", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("KINERJA_NUM_THREADS", "2")
    os.environ.setdefault("POLARS_MAX_THREADS", "2")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv, parquet = write_inputs(folder, args.employees)
        runs = {
            "kinerja score CSV → CSV": (kinerja_cli, csv, folder / "k.csv"),
            "polars CSV → CSV": (polars_csv, csv, folder / "p.csv"),
            "kinerja score Parquet → Parquet": (kinerja_cli, parquet, folder / "k.parquet"),
            "polars Parquet → Parquet": (polars_parquet, parquet, folder / "p.parquet"),
        }
        times: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(args.rounds):
            for name, (f, src, out) in runs.items():
                times[name].append(timed(f, src, out))
        differ = agreement(folder / "k.csv", folder / "p.csv")
        rows = args.employees * 5
        print(
            f"{args.employees:,} employees, {rows:,} rows; CSV {csv.stat().st_size / 1e6:.0f} MB, "
            f"Parquet {parquet.stat().st_size / 1e6:.0f} MB; medians of {args.rounds} rounds"
        )
        for name, t in times.items():
            print(f"  {name:34s} {statistics.median(t):7.3f} s   (all: {', '.join(f'{x:.3f}' for x in t)})")
        print(f"  predicates differing between kinerja and polars: {differ}")
    return 0


def agreement(kinerja_out: Path, polars_out: Path) -> int:
    """The employees whose predicate differs between the two CSV outputs."""
    import polars as pl

    k = pl.read_csv(kinerja_out, schema_overrides={"employee": pl.String}).select("employee", "predicate")
    p = pl.read_csv(polars_out, schema_overrides={"employee": pl.String}).select("employee", "predicate")
    both = k.join(p, on="employee", how="full", suffix="_polars")
    return int((both["predicate"] != both["predicate_polars"]).fill_null(True).sum())


if __name__ == "__main__":
    raise SystemExit(main())
