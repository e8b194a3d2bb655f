"""The wheel checker of `make wheel` (tests/wheel_check.py) finds what it must: the development
build of the extension (debug info, host glibc) is reported, and a wheel without the
manylinux2014 tag is refused. (`make wheel` itself builds the release wheel with zig and runs
the checker on it; it is not part of `make test`, which would double CI time.)"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import wheel_check

import kinerja

pytestmark = pytest.mark.skipif(
    shutil.which("readelf") is None, reason="binutils (readelf, objdump) not installed"
)


def _extension() -> Path:
    return Path(kinerja._kinerja.__file__)


def test_development_extension_is_reported_as_not_portable() -> None:
    found = wheel_check.problems_of_so(_extension())
    assert any("not stripped" in f for f in found), found
    assert wheel_check.glibc_versions(_extension()), "the extension needs glibc symbols"


def test_a_wheel_without_the_tag_is_refused(tmp_path: Path) -> None:
    wheel = tmp_path / "kinerja-0.1.0-cp311-abi3-linux_x86_64.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.write(_extension(), "kinerja/_kinerja.abi3.so")
    found = wheel_check.problems_of_wheel(wheel)
    assert any("not tagged manylinux2014" in f for f in found), found
    assert wheel_check.main([str(wheel)]) == 1
