"""A missing optional dependency is one clear error naming the extra that installs it."""

import sys

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
