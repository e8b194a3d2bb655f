"""A missing optional dependency is one clear error naming the extra that installs it."""

import sys
from pathlib import Path

import pytest

import kinerja as kj
from kinerja.exceptions import KinerjaError, MissingDependencyError


def test_score_without_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(MissingDependencyError) as info:
        kj.score({"employee": ["a"], "target": [100], "actual": [90]})
    e = info.value
    assert isinstance(e, ImportError) and isinstance(e, KinerjaError) and isinstance(e, ValueError)
    assert str(e) == "kinerja.score needs pyarrow, which is not installed: pip install 'kinerja[frames]'"


def test_cli_without_pyarrow_is_one_line_and_exit_4(tmp_path: Path) -> None:
    """`kinerja score` without the frames extra: exit 4 (environment) and one line naming it."""
    import subprocess

    src = tmp_path / "ind.csv"
    src.write_text("employee,target,actual\na,100,90\n", encoding="utf-8")
    code = (
        "import sys; sys.modules['pyarrow'] = None; from kinerja.__main__ import main; "
        f"raise SystemExit(main(['score', {str(src)!r}, '-o', {str(tmp_path / 'o.csv')!r}]))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 4, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'kinerja[frames]'" in lines[0], r.stderr
    assert "Traceback" not in r.stderr
