"""The cost `kj.score` adds on its direct kernel path to decide that a table is canonical (and
else hand it to the table layer): the column checks and the check that every employee row is
reached by an indicator row, on the synthetic national roster.

    python benches/gate.py --employees 1000000
"""

from __future__ import annotations

import argparse
import time

import kinerja as kj
from kinerja import batch


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--employees", type=int, default=1_000_000)
    p.add_argument("--rounds", type=int, default=5)
    ns = p.parse_args()
    d = kj.datasets.synthetic(employees=ns.employees, indicators_per_employee=5, seed=42)
    ind, emp, units = d["indicators"], d["employees"], d["units"]
    ids, ind_ids = batch._plain(batch._col(emp, "employee")), batch._plain(batch._col(ind, "employee"))
    index = batch._index(ind_ids, ids)
    times = []
    for _ in range(ns.rounds):
        t = time.perf_counter()
        ok = batch._fast_columns(ind, emp) and batch._canonical(ind, emp, units)
        ok = ok and batch._every_row_reached(index, len(ids))
        times.append(time.perf_counter() - t)
    print(f"canonical={ok} rows={ind.num_rows} median_s={sorted(times)[len(times) // 2]:.3f}")


if __name__ == "__main__":
    main()
