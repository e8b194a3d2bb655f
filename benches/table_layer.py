"""`kj.score` through the table layer (kinerja-table), against its direct kernel path, on the
tables of `minimal.py` (int64 NIPs, float64 numbers with two decimals, uint8 codes):

* direct: the canonical tables as they are (the direct kernel path);
* table layer: the same tables with Indonesian headers (`NIP`, `Target`, `Realisasi`, ...),
  which only the table layer reads: every column typed, keys matched, results built in Rust;
* text: the table layer's tables with 18-digit NIPs as text and the words as dictionary-encoded
  labels (what pandas makes of an HR export with `dtype=str` and categoricals);
* one bad row: the canonical tables with one zero target, ``on_error="collect"`` (the direct
  path finds the problem and the table layer words and locates it, on the rows of that one
  employee);
* 1 % bad rows: a zero target in every hundredth row (50 000 employees at 1 M), the same way;
* decimal128: the canonical tables with exact `decimal128(18, 2)` targets and actuals (the types
  of ``kj.indicator_schema()``), on the direct kernel path.

Interleaved rounds, medians, 2 threads.

    python benches/table_layer.py --employees 100000 1000000 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

import minimal

HEADERS_ID = {
    "employee": "NIP",
    "target": "Target",
    "actual": "Realisasi",
    "polarity": "Polaritas",
    "weight": "Bobot",
    "unit": "Unit Kerja",
    "work_result": "Hasil Kerja",
    "behaviour": "Perilaku",
}


def renamed(table: Any) -> Any:
    return table.rename_columns([HEADERS_ID.get(c, c) for c in table.column_names])


def as_text(ind: Any, emp: Any, d: dict[str, Any]) -> tuple[Any, Any]:
    import pyarrow as pa

    lab_ind, lab_emp = minimal.kinerja_label_frames(d)
    nips = pa.array([f"1987010120100{e:05d}" for e in d["emp_id"]])
    by_row = nips.take(pa.array(d["employee"]))
    lab_ind = lab_ind.set_column(lab_ind.schema.get_field_index("employee"), "employee", by_row)
    lab_emp = lab_emp.set_column(lab_emp.schema.get_field_index("employee"), "employee", nips)
    return renamed(lab_ind), renamed(lab_emp)


def with_zero_target(ind: Any, every: int | None = None) -> Any:
    """``ind`` with a zero target in row 7, or in every ``every``-th row."""
    import pyarrow as pa

    t = ind.column("target").to_numpy().copy()
    if every is None:
        t[7] = 0.0
    else:
        t[::every] = 0.0
    return ind.set_column(ind.schema.get_field_index("target"), "target", pa.array(t))


def as_decimal(ind: Any) -> Any:
    """``ind`` with `target` and `actual` as exact `decimal128(18, 2)` (the mantissas of the
    floats' two-place values, built from their bytes)."""
    import numpy as np
    import pyarrow as pa

    for name in ("target", "actual"):
        m = np.round(ind.column(name).to_numpy() * 100).astype(np.int64)
        words = np.zeros((len(m), 2), dtype=np.int64)  # little-endian i128: low word, high word
        words[:, 0] = m
        words[:, 1] = np.where(m < 0, -1, 0)
        col = pa.Array.from_buffers(pa.decimal128(18, 2), len(m), [None, pa.py_buffer(words)])
        ind = ind.set_column(ind.schema.get_field_index(name), name, col)
    return ind


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--employees", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    ns = p.parse_args()
    os.environ["KINERJA_NUM_THREADS"] = str(ns.threads)
    import kinerja as kj

    kj.set_num_threads(ns.threads)
    rules = minimal.kinerja_rules()
    print(
        "| employees | direct s | table layer s | text s | one bad row s | 1 % bad rows s "
        "| decimal128 s | table layer / direct |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in ns.employees:
        d = minimal.make_data(n)
        ind, emp = minimal.kinerja_frames(d)
        ind_id, emp_id = renamed(ind), renamed(emp)
        bad = with_zero_target(ind)
        ind_text, emp_text = as_text(ind, emp, d)
        runs: dict[str, tuple[Any, Any, str]] = {
            "direct": (ind, emp, "raise"),
            "table": (ind_id, emp_id, "raise"),
            "text": (ind_text, emp_text, "raise"),
            "bad": (bad, emp, "collect"),
            "bad1": (with_zero_target(ind, 100), emp, "collect"),
            "decimal": (as_decimal(ind), emp, "raise"),
        }

        times: dict[str, list[float]] = {k: [] for k in runs}
        results = {k: kj.score(i, e, rules=rules, on_error=o) for k, (i, e, o) in runs.items()}  # warm-up
        for _ in range(ns.rounds):
            for k, (i, e, o) in runs.items():
                t = time.perf_counter()
                kj.score(i, e, rules=rules, on_error=o)
                times[k].append(time.perf_counter() - t)
        a = results["direct"].employees
        for other in ("table", "text", "decimal"):
            b = results[other].employees
            assert a.column("predicate").to_pylist() == b.column("predicate").to_pylist(), other
        assert results["bad"].errors.num_rows == 1
        assert results["bad1"].errors.num_rows == len(range(0, ind.num_rows, 100))
        med = {k: statistics.median(v) for k, v in times.items()}
        print(
            f"| {n:,} | {med['direct']:.3f} | {med['table']:.3f} | {med['text']:.3f} | {med['bad']:.3f} "
            f"| {med['bad1']:.3f} | {med['decimal']:.3f} "
            f"| {med['table'] / med['direct']:.1f}× |".replace(",", " ")
        )


if __name__ == "__main__":
    main()
