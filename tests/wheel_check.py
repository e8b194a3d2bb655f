"""Checks a built kinerja wheel is portable: its extension needs no glibc symbol newer than
2.17 (manylinux2014: RHEL/CentOS 7, Ubuntu 18.04, Debian 9 and later), carries no symbol table
(stripped), and the wheel is under 15 MB. Used by `make wheel`; exits 1 naming each failure.

    python tests/wheel_check.py target/wheels/kinerja-*.whl
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

MAX_GLIBC = (2, 17)
MAX_WHEEL_BYTES = 15 * 1000 * 1000


def glibc_versions(so: Path) -> list[tuple[int, ...]]:
    """The glibc symbol versions the shared object needs (from its dynamic symbol table)."""
    out = subprocess.run(["objdump", "-T", str(so)], capture_output=True, text=True, check=True).stdout
    return sorted({tuple(int(p) for p in v.split(".")) for v in re.findall(r"GLIBC_([0-9.]+)", out)})


def is_stripped(so: Path) -> bool:
    """True when the object has no `.symtab` section (only the dynamic symbols remain)."""
    headers = subprocess.run(
        ["readelf", "-S", "-W", str(so)], capture_output=True, text=True, check=True
    ).stdout
    return ".symtab" not in headers and ".debug_info" not in headers


def problems_of_so(so: Path) -> list[str]:
    """What keeps the extension from being portable and small."""
    found = []
    versions = glibc_versions(so)
    if versions and versions[-1] > MAX_GLIBC:
        need = ".".join(map(str, versions[-1]))
        found.append(f"{so.name} needs GLIBC_{need}, newer than manylinux2014's 2.17")
    if not is_stripped(so):
        found.append(f"{so.name} is not stripped (it has a symbol table)")
    return found


def problems_of_wheel(wheel: Path) -> list[str]:
    """The problems of every extension in `wheel`, and of the wheel's size and tag."""
    found = []
    if wheel.stat().st_size > MAX_WHEEL_BYTES:
        found.append(f"{wheel.name} is {wheel.stat().st_size / 1e6:.1f} MB, over 15 MB")
    if "manylinux2014" not in wheel.name and "manylinux_2_17" not in wheel.name:
        found.append(f"{wheel.name} is not tagged manylinux2014 / manylinux_2_17")
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as z:
        sos = [n for n in z.namelist() if n.endswith(".so")]
        if not sos:
            found.append(f"{wheel.name} holds no extension module")
        for name in sos:
            found += problems_of_so(Path(z.extract(name, tmp)))
    return found


def main(argv: list[str]) -> int:
    wheels = [Path(a) for a in argv]
    if not wheels:
        print("usage: wheel_check.py WHEEL...", file=sys.stderr)
        return 2
    failures = [p for w in wheels for p in problems_of_wheel(w)]
    for f in failures:
        print(f"wheel_check: {f}", file=sys.stderr)
    if not failures:
        print(f"wheel_check: {', '.join(w.name for w in wheels)}: glibc ≤ 2.17, stripped, under 15 MB")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
