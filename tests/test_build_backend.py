"""The PEP 517 backend of pyproject.toml (build_backend/kinerja_build.py): `pip install .` builds
the portable wheel of `make wheel` (maturin with `--zig --compatibility manylinux2014`) unless
the user chose maturin's build arguments; editable builds and sdists stay maturin's own. Nothing
is compiled: maturin's call of its command-line tool is replaced by a recorder."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import kinerja_build
import maturin
import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTABLE = "--zig --compatibility manylinux2014"
HOOKS = (
    "build_wheel",
    "build_sdist",
    "build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
)


@dataclass
class Call:
    """One run of the `maturin` command line: its arguments and the variables it saw."""

    command: list[str]
    args_var: str | None
    zig_python: str | None


@dataclass
class Recorder:
    """Stands in for `subprocess.run` inside maturin's backend: records the call and answers
    like `maturin pep517 build-wheel` / `write-sdist` (the last line of stdout names the file)."""

    out: Path
    calls: list[Call] = field(default_factory=list)

    def run(
        self, command: Sequence[str], env: Mapping[str, str] | None = None, **_: Any
    ) -> subprocess.CompletedProcess[bytes]:
        seen = os.environ if env is None else env
        self.calls.append(
            Call(list(command), seen.get("MATURIN_PEP517_ARGS"), seen.get("CARGO_ZIGBUILD_PYTHON_PATH"))
        )
        if "build-wheel" in command:
            made = self.out / "kinerja-0.1.0-cp311-abi3-manylinux2014_x86_64.whl"
            made.write_bytes(b"")
            answer = str(made)
        else:
            answer = "kinerja-0.1.0.tar.gz"
        return subprocess.CompletedProcess(list(command), 0, stdout=f"done\n{answer}\n".encode())

    @property
    def only(self) -> Call:
        assert len(self.calls) == 1, self.calls
        return self.calls[0]


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """Maturin's backend with the recorder in place of its subprocess, run from the project root
    (it reads pyproject.toml from the working directory) with none of the user's settings."""
    (tmp_path / "made").mkdir()
    (tmp_path / "wheels").mkdir()
    rec = Recorder(tmp_path / "made")
    monkeypatch.setattr(maturin, "subprocess", SimpleNamespace(run=rec.run, PIPE=subprocess.PIPE))
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("MATURIN_NO_INSTALL_RUST", "1")  # no rustup download if cargo is missing
    for name in ("MATURIN_PEP517_ARGS", "CARGO_ZIGBUILD_PYTHON_PATH", "MATURIN_PEP517_USE_BASE_PYTHON"):
        monkeypatch.delenv(name, raising=False)
    return rec


def _wheel(rec: Recorder, config_settings: dict[str, Any] | None = None) -> Call:
    name = kinerja_build.build_wheel(str(rec.out.parent / "wheels"), config_settings)
    assert (rec.out.parent / "wheels" / name).is_file()
    return rec.only


def _compatibility(command: list[str]) -> str:
    return command[command.index("--compatibility") + 1]


def test_pyproject_builds_through_the_wrapper_with_zig_as_a_requirement() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    system = pyproject["build-system"]
    assert system["build-backend"] == "kinerja_build"
    assert system["backend-path"] == ["build_backend"]
    requires: list[str] = system["requires"]
    assert any(r.startswith("maturin") for r in requires), requires
    assert any(r.startswith("ziglang") for r in requires), requires
    # The sdist carries the backend, or a build from it could not start.
    include = pyproject["tool"]["maturin"]["include"]
    assert {"path": "build_backend/kinerja_build.py", "format": "sdist"} in include


def test_every_hook_of_maturin_is_offered_and_only_build_wheel_is_changed() -> None:
    offered = [h for h in HOOKS if hasattr(maturin, h)]
    assert "build_wheel" in offered and "build_editable" in offered and "build_sdist" in offered
    for hook in offered:
        assert hasattr(kinerja_build, hook), hook
        if hook != "build_wheel":
            assert getattr(kinerja_build, hook) is getattr(maturin, hook), hook
    assert kinerja_build.build_wheel is not maturin.build_wheel


def test_a_wheel_is_portable_by_default(recorder: Recorder) -> None:
    call = _wheel(recorder)
    assert call.args_var == PORTABLE
    assert "--zig" in call.command
    assert _compatibility(call.command) == "manylinux2014"
    assert call.command.count("--compatibility") == 1
    # cargo-zigbuild runs `<this interpreter> -m ziglang`, where the build requirement is.
    assert call.zig_python == sys.executable
    # The defaults last only for the build.
    assert "MATURIN_PEP517_ARGS" not in os.environ
    assert "CARGO_ZIGBUILD_PYTHON_PATH" not in os.environ


@pytest.mark.parametrize("chosen", ["", "--features extension-module --profile dev"])
def test_the_users_maturin_args_are_respected(
    recorder: Recorder, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    monkeypatch.setenv("MATURIN_PEP517_ARGS", chosen)
    call = _wheel(recorder)
    assert call.args_var == chosen
    assert "--zig" not in call.command
    assert _compatibility(call.command) == "off"  # maturin's own default: the local platform
    assert os.environ["MATURIN_PEP517_ARGS"] == chosen


def test_build_args_given_as_a_config_setting_are_respected(recorder: Recorder) -> None:
    call = _wheel(recorder, {"maturin.build-args": "--profile dev"})
    assert call.args_var is None
    assert "--zig" not in call.command and "--profile" in call.command


def test_the_users_zig_interpreter_is_kept(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARGO_ZIGBUILD_PYTHON_PATH", "/opt/zig-python")
    assert _wheel(recorder).zig_python == "/opt/zig-python"
    assert os.environ["CARGO_ZIGBUILD_PYTHON_PATH"] == "/opt/zig-python"


def test_the_environment_is_restored_when_the_build_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MATURIN_PEP517_ARGS", "CARGO_ZIGBUILD_PYTHON_PATH"):
        monkeypatch.delenv(name, raising=False)

    def failing(*_: Any) -> str:
        raise SystemExit(1)

    monkeypatch.setattr(maturin, "build_wheel", failing)
    with pytest.raises(SystemExit):
        kinerja_build.build_wheel("unused")
    assert "MATURIN_PEP517_ARGS" not in os.environ
    assert "CARGO_ZIGBUILD_PYTHON_PATH" not in os.environ


def test_an_editable_build_is_maturins_own(recorder: Recorder) -> None:
    kinerja_build.build_editable(str(recorder.out.parent / "wheels"))
    call = recorder.only
    assert call.args_var is None and call.zig_python is None
    assert "--editable" in call.command and "--zig" not in call.command
    assert _compatibility(call.command) == "off"


def test_an_sdist_is_maturins_own(recorder: Recorder) -> None:
    assert kinerja_build.build_sdist(str(recorder.out.parent)) == "kinerja-0.1.0.tar.gz"
    call = recorder.only
    assert call.args_var is None and call.zig_python is None
    assert call.command[:3] == ["maturin", "pep517", "write-sdist"]
