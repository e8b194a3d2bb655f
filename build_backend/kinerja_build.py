"""The PEP 517 build backend of kinerja: maturin's own, with one change. A wheel built by
`pip install .` / `pip wheel .` is the portable one `make wheel` builds: abi3, manylinux2014
(glibc 2.17), linked with zig from PyPI's `ziglang` (a build requirement in pyproject.toml),
stripped by the release profile (`[profile.release] strip = true`).

Maturin's backend reads extra `maturin build` arguments from `MATURIN_PEP517_ARGS` (or from the
config setting `maturin.build-args` / `build-args`, which then takes precedence). Unless the user
set one of them, `build_wheel` sets `MATURIN_PEP517_ARGS` to `--zig --compatibility
manylinux2014`. The way out, e.g. a wheel for the local glibc without zig:

    MATURIN_PEP517_ARGS="" pip install .

It also points cargo-zigbuild (inside maturin) at this interpreter, which holds the `ziglang`
build requirement: by default it runs `python3 -m ziglang` with whatever `python3` is first on
PATH, and fails with "Failed to find zig" when there is none (`CARGO_ZIGBUILD_PYTHON_PATH`, if
set, is kept).

Editable installs (`pip install -e .`, a development build for the local machine), sdists and
metadata are maturin's, unchanged.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import maturin
from maturin import (
    build_editable,
    build_sdist,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]

ARGS_VAR = "MATURIN_PEP517_ARGS"
PORTABLE_ARGS = "--zig --compatibility manylinux2014"
ZIG_PYTHON_VAR = "CARGO_ZIGBUILD_PYTHON_PATH"
CONFIG_ARGS_KEYS = ("maturin.build-args", "build-args")


def user_chose_args(config_settings: Mapping[str, Any] | None) -> bool:
    """True when the user gave maturin build arguments: `MATURIN_PEP517_ARGS` in the
    environment (even empty) or the config setting maturin reads before it."""
    if ARGS_VAR in os.environ:
        return True
    return config_settings is not None and any(k in config_settings for k in CONFIG_ARGS_KEYS)


@contextmanager
def portable_environment(config_settings: Mapping[str, Any] | None) -> Iterator[None]:
    """Sets the portable defaults in `os.environ` (which maturin reads and its subprocess
    inherits) for the duration of the block, then restores what was there."""
    saved = {name: os.environ.get(name) for name in (ARGS_VAR, ZIG_PYTHON_VAR)}
    if not user_chose_args(config_settings):
        os.environ[ARGS_VAR] = PORTABLE_ARGS
    os.environ.setdefault(ZIG_PYTHON_VAR, sys.executable)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_wheel(
    wheel_directory: str,
    config_settings: Mapping[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """Maturin's `build_wheel`, by default with `--zig --compatibility manylinux2014`."""
    with portable_environment(config_settings):
        return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)
