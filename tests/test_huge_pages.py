"""The extension's allocator advises its large blocks for transparent huge pages (as numpy
does), and ``KINERJA_MADVISE_HUGEPAGE`` turns that off or is refused when malformed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/sys/kernel/mm/transparent_hugepage").exists(), reason="Linux with transparent huge pages"
)

# Scores 400 000 rows in a fresh process (pyarrow's own allocator told not to advise) and
# prints whether the mapping holding the result's achievement column is advised ("hg").
PROBE = r"""
import pyarrow as pa
import kinerja as kj

n = 400_000
ind = pa.table({
    "employee": pa.array(range(n), pa.int64()),
    "target": pa.array([100.0] * n),
    "actual": pa.array([95.5] * n),
    "behaviour": pa.array(["meets"] * n),
})
res = kj.score(ind, rules=kj.datasets.kupang_rules())
buf = res.indicators.column("achievement").chunk(0).buffers()[1]
assert buf.size >= 4 << 20, buf.size
addr = buf.address + buf.size // 2  # the block's first page may lie outside the advice
flags = None
with open("/proc/self/smaps") as f:
    inside = False
    for line in f:
        head = line.split()[0]
        if "-" in head and not head.endswith(":"):
            lo, hi = (int(x, 16) for x in head.split("-"))
            inside = lo <= addr < hi
        elif inside and head == "VmFlags:":
            flags = line.split()[1:]
            break
print("hg" in (flags or []))
"""


def _probe(value: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KINERJA_MADVISE_HUGEPAGE"}
    env["MIMALLOC_ALLOW_THP"] = "0"
    if value is not None:
        env["KINERJA_MADVISE_HUGEPAGE"] = value
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize(("value", "advised"), [(None, "True"), ("1", "True"), ("", "True"), ("0", "False")])
def test_large_result_columns_are_advised_unless_turned_off(value: str | None, advised: str) -> None:
    p = _probe(value)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == advised


def test_a_malformed_knob_is_refused_at_import() -> None:
    p = _probe("yes")
    assert p.returncode != 0
    assert "KINERJA_MADVISE_HUGEPAGE" in p.stderr and "`yes`" in p.stderr
