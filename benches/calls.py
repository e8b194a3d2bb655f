"""`kj.score` called back to back on the tables of `minimal.py`: the median call and the
processor time and page faults per call (user and system, from `getrusage`), which is steadier than wall time
on a shared machine. For comparing two builds of the extension, alternated:

    python benches/calls.py --employees 1000000 --calls 30 --label new
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from minimal import kinerja_frames, kinerja_pipeline, kinerja_rules, make_data

import kinerja as kj


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--employees", type=int, default=1_000_000)
    p.add_argument("--calls", type=int, default=30)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--label", default="")
    p.add_argument("--each", action="store_true", help="also print every call: wall / system s")
    ns = p.parse_args()
    kj.set_num_threads(ns.threads)
    ind, emp = kinerja_frames(make_data(ns.employees))
    rules = kinerja_rules()
    for _ in range(2):  # warm-up
        kinerja_pipeline(ind, emp, rules)
    times, systems = [], []
    before = resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(ns.calls):
        s = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        t = time.perf_counter()
        kinerja_pipeline(ind, emp, rules)
        times.append(time.perf_counter() - t)
        systems.append(resource.getrusage(resource.RUSAGE_SELF).ru_stime - s)
    after = resource.getrusage(resource.RUSAGE_SELF)
    user = (after.ru_utime - before.ru_utime) / ns.calls
    system = (after.ru_stime - before.ru_stime) / ns.calls
    faults = (after.ru_minflt - before.ru_minflt) / ns.calls
    if ns.each:
        print(" ".join(f"{t:.2f}/{s:.2f}" for t, s in zip(times, systems, strict=True)))
    print(
        f"{ns.label} median call {statistics.median(times):.4f} s, fastest {min(times):.4f} s, "
        f"per call user {user:.4f} s system {system:.4f} s, {faults:.0f} page faults"
    )


if __name__ == "__main__":
    main()
