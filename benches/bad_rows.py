"""Time and peak memory of `kj.score` on a CSV export whose every row is bad, under `raise`
and `collect`, beside a clean file of the same size. Each call runs in its own process, so
its peak resident memory is its own.

    python benches/bad_rows.py --rows 2000000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

CALL = """
import resource, sys, time
import kinerja as kj
t = time.perf_counter()
try:
    kj.score(sys.argv[1], on_error=sys.argv[2])
except kj.KinerjaError:
    pass
s = time.perf_counter() - t
print(f"{s:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")
"""

FILES = {"clean": "10", "unreadable target": "x", "no target": ""}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=2_000_000)
    ns = p.parse_args()
    print("| file | on_error | s | peak MB |\n|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, target in FILES.items():
            path = Path(tmp) / f"{name.replace(' ', '_')}.csv"
            with path.open("w") as f:
                f.write("NIP,Indikator,Target,Realisasi,Hasil Kerja,Perilaku\n")
                f.writelines(f"{i},a,{target},5,meets,meets\n" for i in range(ns.rows))
            for mode in ("raise", "collect"):
                call = [sys.executable, "-c", CALL, str(path), mode]
                out = subprocess.run(call, capture_output=True, text=True, check=True)
                seconds, peak = out.stdout.split()
                print(f"| {name} | {mode} | {seconds} | {peak} |")


if __name__ == "__main__":
    main()
