"""`kj.score` called back to back on the tables of `minimal.py`: the median call and the
processor time per call (user and system, from `getrusage`), which is steadier than wall time
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
    ns = p.parse_args()
    kj.set_num_threads(ns.threads)
    ind, emp = kinerja_frames(make_data(ns.employees))
    rules = kinerja_rules()
    for _ in range(2):  # warm-up
        kinerja_pipeline(ind, emp, rules)
    times = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    for _ in range(ns.calls):
        t = time.perf_counter()
        kinerja_pipeline(ind, emp, rules)
        times.append(time.perf_counter() - t)
    after = resource.getrusage(resource.RUSAGE_SELF)
    user = (after.ru_utime - before.ru_utime) / ns.calls
    system = (after.ru_stime - before.ru_stime) / ns.calls
    print(
        f"{ns.label} median call {statistics.median(times):.4f} s, fastest {min(times):.4f} s, "
        f"per call user {user:.4f} s system {system:.4f} s"
    )


if __name__ == "__main__":
    main()
