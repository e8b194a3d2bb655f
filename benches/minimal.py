"""kj.score against the *minimal* pandas and polars pipelines an analyst would write, in one
process, interleaved rounds, medians.

The work (the same for all three): achievement per indicator (ratio × 100; lower is better
``(2 − a/t) × 100`` floored at 0), rounded half-up to 2 places; the weighted mean per employee,
rounded; advisory bands (≥ 110 above, ≥ 90 meets, else below) where the appraiser gave no
work-result rating; the PermenPANRB 6/2022 3×3 matrix; predicate counts per unit. No credit
points, no JPT rule, no distribution curve.

Input: one row per indicator (``employee`` int64, ``target`` / ``actual`` float64 with two
decimals, ``lower`` uint8 flag, ``weight`` int64); one row per employee (``unit`` int64, not
sorted; ``work_result`` uint8 code or null; ``behaviour`` uint8 code). Codes 0 below, 1 meets,
2 above.

pandas: one ``groupby("employee").sum()``; polars: one ``group_by().agg()``; numpy for the bands
and the matrix. kinerja: ``kj.score`` on pyarrow tables of the same arrays (exact decimals).
Agreement: predicates compared for every employee; float rounding at band edges is the only
expected source of difference, and the differences are counted.

    python benches/minimal.py --employees 1000000 5000000 --rounds 5 --threads 2 [--extra]

``--extra`` also times kinerja on the same tables with the enums as dictionary-encoded string
labels, and with one thread.

numpy (arrays of 4 MiB or more) and pyarrow's allocator advise transparent huge pages; where
the kernel defragments on such advice, a page fault can wait for memory compaction, which
stalls the pandas pipeline at 5 M employees (7–8 s instead of 2 s). Run once more with
``NUMPY_MADVISE_HUGEPAGE=0 MIMALLOC_ALLOW_THP=0`` to see the ratios without those stalls;
``benches/README.md`` records both.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from typing import Any

import numpy as np

# predicate codes: 0 very_poor, 1 poor_misconduct, 2 needs_improvement, 3 good, 4 very_good
# MATRIX[work_result][behaviour]
MATRIX = np.array([[0, 2, 2], [1, 3, 3], [1, 3, 4]], dtype=np.uint8)
PREDICATES = ("very_poor", "poor_misconduct", "needs_improvement", "good", "very_good")


def make_data(n_emp: int, k: int = 5, seed: int = 42) -> dict[str, np.ndarray]:
    """Identical numpy arrays for every implementation."""
    rng = np.random.default_rng(seed)
    n = n_emp * k
    n_units = max(1, n_emp // 40)
    target = rng.integers(1_000, 100_000, n) / 100  # two decimals
    actual = np.round(target * rng.uniform(0.6, 1.3, n), 2)
    work = rng.integers(0, 3, n_emp).astype(np.uint8)
    work_valid = rng.random(n_emp) >= 0.1  # 10 % left to the advisory bands
    return {
        "employee": np.repeat(np.arange(n_emp, dtype=np.int64), k),
        "target": target,
        "actual": actual,
        "lower": (rng.random(n) < 0.2).astype(np.uint8),
        "weight": np.full(n, 100 // k, dtype=np.int64),
        "emp_id": np.arange(n_emp, dtype=np.int64),
        "unit": rng.permutation(np.arange(n_emp, dtype=np.int64) % n_units),
        "work_result": work,
        "work_valid": work_valid,
        "behaviour": rng.integers(0, 3, n_emp).astype(np.uint8),
    }


def _round2(x: np.ndarray) -> np.ndarray:
    """Half-up to two places, as an analyst writes it for non-negative floats."""
    return np.floor(x * 100 + 0.5) / 100


def _finish(
    emp_work: np.ndarray, emp_valid: np.ndarray, behaviour: np.ndarray, mean: np.ndarray
) -> np.ndarray:
    advised = np.where(mean >= 110, 2, np.where(mean >= 90, 1, 0)).astype(np.uint8)
    work = np.where(emp_valid, emp_work, advised)
    return np.asarray(MATRIX[work, behaviour])


# --- pandas ---------------------------------------------------------------------------------


def pandas_frames(d: dict[str, np.ndarray]) -> tuple[Any, Any]:
    import pandas as pd

    ind = pd.DataFrame({k: d[k] for k in ("employee", "target", "actual", "lower", "weight")})
    work = pd.array(d["work_result"], dtype="UInt8")
    work[~d["work_valid"]] = pd.NA
    emp = pd.DataFrame(
        {"employee": d["emp_id"], "unit": d["unit"], "work_result": work, "behaviour": d["behaviour"]}
    )
    return ind, emp


def pandas_pipeline(ind: Any, emp: Any) -> tuple[np.ndarray, Any]:
    ratio = ind["actual"].to_numpy() / ind["target"].to_numpy() * 100
    ach = _round2(np.where(ind["lower"].to_numpy() == 1, np.maximum(200 - ratio, 0), ratio))
    sums = (
        ind.assign(aw=ach * ind["weight"].to_numpy())[["employee", "aw", "weight"]]
        .groupby("employee", sort=True)
        .sum()
    )
    mean = _round2((sums["aw"] / sums["weight"]).reindex(emp["employee"]).to_numpy())
    work = emp["work_result"]
    pred = _finish(
        work.fillna(0).to_numpy(np.uint8), work.notna().to_numpy(), emp["behaviour"].to_numpy(), mean
    )
    counts = emp[["unit"]].assign(p=pred).value_counts()
    return pred, counts


# --- polars ---------------------------------------------------------------------------------


def polars_frames(d: dict[str, np.ndarray]) -> tuple[Any, Any]:
    import polars as pl

    ind = pl.DataFrame({k: d[k] for k in ("employee", "target", "actual", "lower", "weight")})
    work = pl.Series("work_result", d["work_result"]).set(pl.Series(~d["work_valid"]), None)
    emp = pl.DataFrame(
        {"employee": d["emp_id"], "unit": d["unit"], "behaviour": d["behaviour"]}
    ).with_columns(work)
    return ind, emp


def polars_pipeline(ind: Any, emp: Any) -> tuple[np.ndarray, Any]:
    import polars as pl

    ratio = pl.col("actual") / pl.col("target") * 100
    ach = (
        pl.when(pl.col("lower") == 1).then((200 - ratio).clip(lower_bound=0)).otherwise(ratio) * 100 + 0.5
    ).floor() / 100
    means = ind.group_by("employee").agg(
        ((ach * pl.col("weight")).sum() / pl.col("weight").sum()).alias("mean")
    )
    e = emp.join(means, on="employee", how="left")
    mean = _round2(e["mean"].to_numpy())
    work = e["work_result"]
    pred = _finish(
        work.fill_null(0).to_numpy(), work.is_not_null().to_numpy(), e["behaviour"].to_numpy(), mean
    )
    counts = e.select("unit").with_columns(p=pl.Series(pred)).group_by("unit", "p").len()
    return pred, counts


# --- kinerja --------------------------------------------------------------------------------


def kinerja_frames(d: dict[str, np.ndarray]) -> tuple[Any, Any]:
    import pyarrow as pa

    ind = pa.table(
        {
            "employee": d["employee"],
            "target": d["target"],
            "actual": d["actual"],
            "polarity": d["lower"],
            "weight": d["weight"],
        }
    )
    emp = pa.table(
        {
            "employee": d["emp_id"],
            "unit": d["unit"],
            "work_result": pa.array(d["work_result"], mask=~d["work_valid"]),
            "behaviour": d["behaviour"],
        }
    )
    return ind, emp


def kinerja_label_frames(d: dict[str, np.ndarray]) -> tuple[Any, Any]:
    """The same tables with the enums as dictionary-encoded string labels."""
    import pyarrow as pa

    ind, emp = kinerja_frames(d)

    def labels(codes: Any, names: list[str]) -> Any:
        return pa.DictionaryArray.from_arrays(pa.array(codes).cast(pa.int8()), pa.array(names))

    ratings = ["below", "meets", "above"]
    ind = ind.set_column(3, "polarity", labels(d["lower"], ["higher_is_better", "lower_is_better"]))
    work = pa.DictionaryArray.from_arrays(
        pa.array(d["work_result"].astype(np.int8), mask=~d["work_valid"]), pa.array(ratings)
    )
    emp = emp.set_column(2, "work_result", work).set_column(3, "behaviour", labels(d["behaviour"], ratings))
    return ind, emp


def kinerja_rules() -> Any:
    import kinerja as kj

    policy = kj.Policy.from_dict(
        {
            "rating": {
                "advisory_bands": [
                    {"min": "110", "rating": "above"},
                    {"min": "90", "rating": "meets"},
                    {"min": "0", "rating": "below"},
                ],
                "use_advice_when_missing": True,
            }
        }
    )
    return kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(policy)


def kinerja_pipeline(ind: Any, emp: Any, rules: Any) -> tuple[Any, Any]:
    """``kj.score`` alone: its predicates (labels) and its per-unit counts."""
    import kinerja as kj

    res = kj.score(ind, emp, rules=rules)
    return res.employees.column("predicate"), res.units


def predicate_codes(pred: Any) -> np.ndarray:
    """The codes of kinerja's predicate labels, to compare with the float pipelines' codes
    (not timed: the float pipelines never make labels)."""
    if isinstance(pred, np.ndarray):
        return pred
    codes = {p: i for i, p in enumerate(PREDICATES)}
    col = pred.combine_chunks().dictionary_encode()
    lut = np.array([codes[p] for p in col.dictionary.to_pylist()], dtype=np.uint8)
    return np.asarray(lut[col.indices.to_numpy()])


# --- driver ---------------------------------------------------------------------------------


def run(n_emp: int, rounds: int, threads: int, extra: bool) -> dict[str, Any]:
    import kinerja as kj

    d = make_data(n_emp)
    rules = kinerja_rules()

    def kinerja_run(f: tuple[Any, Any]) -> tuple[Any, Any]:
        return kinerja_pipeline(f[0], f[1], rules)

    # name → (frames, pipeline, kinerja threads)
    impls: dict[str, tuple[Any, Any, int]] = {
        "kinerja": (kinerja_frames(d), kinerja_run, threads),
        "polars": (polars_frames(d), lambda f: polars_pipeline(*f), threads),
        "pandas": (pandas_frames(d), lambda f: pandas_pipeline(*f), threads),
    }
    if extra:
        impls["kinerja, labels"] = (kinerja_label_frames(d), kinerja_run, threads)
        impls["kinerja, 1 thread"] = (impls["kinerja"][0], kinerja_run, 1)
    preds = {name: predicate_codes(fn(frames)[0]) for name, (frames, fn, _) in impls.items()}  # warm-up
    times: dict[str, list[float]] = {name: [] for name in impls}
    for _ in range(rounds):
        for name, (frames, fn, n_threads) in impls.items():
            kj.set_num_threads(n_threads)
            gc.collect()
            t0 = time.perf_counter()
            fn(frames)
            times[name].append(time.perf_counter() - t0)
    kj.set_num_threads(threads)
    med = {name: statistics.median(t) for name, t in times.items()}
    return {
        "employees": n_emp,
        "rows": n_emp * 5,
        "median_s": med,
        "times_s": times,
        "polars_over_kinerja": med["polars"] / med["kinerja"],
        "pandas_over_kinerja": med["pandas"] / med["kinerja"],
        "differ_polars": int((preds["polars"] != preds["kinerja"]).sum()),
        "differ_pandas": int((preds["pandas"] != preds["kinerja"]).sum()),
        "differ_kinerja": sum(
            int((p != preds["kinerja"]).sum()) for n, p in preds.items() if n.startswith("kinerja")
        ),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--employees", type=int, nargs="+", default=[100_000])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--extra", action="store_true", help="also kinerja with string labels and with one thread"
    )
    ap.add_argument("--raw", action="store_true", help="also print every round's time")
    args = ap.parse_args()
    os.environ.setdefault("POLARS_MAX_THREADS", str(args.threads))
    import kinerja as kj

    kj.set_num_threads(args.threads)
    print(
        "| employees | rows | kinerja s | polars s | pandas s | polars / kinerja | pandas / kinerja "
        "| predicates differing (polars, pandas) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.employees:
        r = run(n, args.rounds, args.threads, args.extra)
        m = r["median_s"]
        print(
            f"| {n:,} | {r['rows']:,} | {m['kinerja']:.3f} | {m['polars']:.3f} | {m['pandas']:.3f} | "
            f"{r['polars_over_kinerja']:.2f}× | {r['pandas_over_kinerja']:.2f}× | "
            f"{r['differ_polars']}, {r['differ_pandas']} |",
            flush=True,
        )
        if args.extra:
            print(
                f"|   | labels: {m['kinerja, labels']:.3f} s; 1 thread: {m['kinerja, 1 thread']:.3f} s "
                f"(2 threads {m['kinerja, 1 thread'] / m['kinerja']:.2f}× faster); "
                f"kinerja variants differing: {r['differ_kinerja']} |",
                flush=True,
            )
        if args.raw:
            for name, ts in r["times_s"].items():
                print(f"|   | {name}: " + " ".join(f"{t:.3f}" for t in ts) + " |", flush=True)


if __name__ == "__main__":
    main()
