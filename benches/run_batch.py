"""Three-way benchmark of the 6/2022 annual pipeline: kinerja (exact) vs pandas vs polars.

    python benches/run_batch.py --employees 10000 1000000 5000000 --threads 2

For each size: one synthetic roster (kj.datasets.synthetic, float64 columns as read from a
CSV), then each implementation once (after one warm-up on a small slice), timing wall clock
from Arrow/frames in to results out, and peak RSS growth measured in a fresh child process.
Agreement: predicates and weighted means compared on every employee; disagreements of the
float pipelines with kinerja's exact results are counted and reported.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from decimal import Decimal
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def _rss_mb() -> float:
    """Current resident set size in MiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _Peak:
    """Samples the RSS every 2 ms in a thread; ``peak`` is the largest seen."""

    def __init__(self) -> None:
        import threading

        self.peak = _rss_mb()
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_mb())
            time.sleep(0.002)

    def __enter__(self) -> _Peak:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, _rss_mb())


def _data(n: int, library: str) -> Any:
    import kinerja as kj

    return kj.datasets.synthetic(employees=n, indicators_per_employee=5, seed=42, library=library)


def _child(impl: str, n: int, threads: int, q: Any) -> None:
    import kinerja as kj

    kj.set_num_threads(threads)
    lib = {"kinerja": "pyarrow", "kinerja-pandas": "pandas", "pandas": "pandas", "polars": "polars"}[impl]
    d = _data(n, lib)
    in_bytes = 0
    if lib == "pyarrow":
        in_bytes = sum(t.nbytes for t in d.values())
    elif lib == "pandas":
        in_bytes = sum(int(t.memory_usage(deep=True).sum()) for t in d.values())
    else:
        in_bytes = sum(int(t.estimated_size()) for t in d.values())
    rules = kj.datasets.kupang_rules()
    import gc

    gc.collect()
    base = _rss_mb()
    sampler = _Peak().__enter__()
    t0 = time.perf_counter()
    if impl.startswith("kinerja"):
        res = kj.score(d["indicators"], d["employees"], d["units"], rules=rules)
        emp = res.employees
        units = res.units
        stats = res.stats
    elif impl == "pandas":
        import pipeline_pandas

        _, emp, units = pipeline_pandas.run(d["indicators"], d["employees"], d["units"])
        stats = {}
    else:
        import pipeline_polars

        _, emp, units = pipeline_polars.run(d["indicators"], d["employees"], d["units"])
        stats = {}
    wall = time.perf_counter() - t0
    sampler.__exit__()
    peak = sampler.peak - base
    # sample for agreement: predicate and weighted mean by employee id
    if impl.startswith("kinerja"):
        import pyarrow as pa

        t = emp if isinstance(emp, pa.Table) else pa.table(emp)
        ids = t.column("employee").to_pylist()
        pred = t.column("predicate").to_pylist()
        wmean = [str(x) for x in t.column("weighted_achievement").to_pylist()]
        cp = [None if x is None else str(x) for x in t.column("credit_points").to_pylist()]
        ut = units if isinstance(units, pa.Table) else pa.table(units)
        verdicts = dict(
            zip(
                ut.column("unit").to_pylist(),
                zip(
                    ut.column("distribution_passed").to_pylist(),
                    ut.column("violations").to_pylist(),
                    strict=True,
                ),
                strict=True,
            )
        )
    elif impl == "pandas":
        ids = emp["employee"].tolist()
        pred = emp["predicate"].tolist()
        wmean = [f"{x:.2f}" for x in emp["weighted_achievement"].tolist()]
        cp = [None if x != x else f"{x:.2f}" for x in emp["credit_points"].tolist()]
        verdicts = {
            u: (bool(p), int(v))
            for u, p, v in zip(units["unit"], units["distribution_passed"], units["violations"], strict=True)
        }
    else:
        emp = emp.sort("employee")
        ids = emp["employee"].to_list()
        pred = emp["predicate"].to_list()
        wmean = [f"{x:.2f}" for x in emp["weighted_achievement"].to_list()]
        cp = [None if x is None else f"{x:.2f}" for x in emp["credit_points"].to_list()]
        verdicts = {
            u: (bool(p), int(v))
            for u, p, v in zip(
                units["unit"].to_list(),
                units["distribution_passed"].to_list(),
                units["violations"].to_list(),
                strict=True,
            )
        }
    q.put(
        {
            "impl": impl,
            "wall_s": wall,
            "peak_mb": peak,
            "input_mb": in_bytes / 2**20,
            "stats": stats,
            "result": dict(zip(ids, zip(pred, wmean, cp, strict=True), strict=True)),
            "units": verdicts,
        }
    )


def run_one(impl: str, n: int, threads: int) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(impl, n, threads, q))
    p.start()
    out: dict[str, Any] = q.get()
    p.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--employees", type=int, nargs="+", default=[10_000])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--impls", nargs="+", default=["kinerja", "pandas", "polars"])
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    os.environ["POLARS_MAX_THREADS"] = str(a.threads)
    os.environ["KINERJA_NUM_THREADS"] = str(a.threads)
    rows = []
    for n in a.employees:
        res = {impl: run_one(impl, n, a.threads) for impl in a.impls}
        ref = res["kinerja"]["result"] if "kinerja" in res else None
        for impl, r in res.items():
            dis_pred = dis_w = dis_cp = dis_units = 0
            if ref is not None and impl != "kinerja":
                for k, (p, w, c) in r["result"].items():
                    rp, rw, rc = ref[k]
                    dis_pred += p != rp
                    dis_w += Decimal(w) != Decimal(rw) if rw != "None" else 0
                    dis_cp += (c is None) != (rc is None) or (c is not None and Decimal(c) != Decimal(rc))
                uref = res["kinerja"]["units"]
                dis_units = sum(uref[u] != v for u, v in r["units"].items())
            row = {
                "employees": n,
                "rows": n * 5,
                "impl": impl,
                "wall_s": round(r["wall_s"], 3),
                "rows_per_s": round(n * 5 / r["wall_s"]),
                "peak_mb": round(r["peak_mb"], 1),
                "input_mb": round(r["input_mb"], 1),
                "predicate_disagreements": dis_pred,
                "weighted_disagreements": dis_w,
                "credit_point_disagreements": dis_cp,
                "unit_verdict_disagreements": dis_units,
                "units": len(r["units"]),
                "stats": r["stats"],
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
        k = next(r for r in rows if r["employees"] == n and r["impl"] == "kinerja")
        for impl in ("pandas", "polars"):
            o = next((r for r in rows if r["employees"] == n and r["impl"] == impl), None)
            if o:
                print(f"  n={n}: kinerja is {o['wall_s'] / k['wall_s']:.2f}x {impl}", flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
