"""Exceptions raised by kinerja.

Every error is a :class:`KinerjaError`, itself a :class:`ValueError`, with one subclass per
family. Each raised exception carries the attributes ``family``, ``field``, ``row``, ``unit``,
``employee``, ``indicator`` and ``period`` (``None`` when not named), and pickles.
"""

import importlib
from typing import Any

from kinerja._kinerja import (
    ArithmeticError,  # noqa: A004 - the family name; shadows the builtin only in this module
    IndicatorError,
    InputError,
    InstrumentError,
    KinerjaError,
    OrganisationError,
    PeriodError,
    PolicyError,
    RatingError,
)

__all__ = [
    "ArithmeticError",
    "IndicatorError",
    "InputError",
    "InstrumentError",
    "KinerjaError",
    "MissingDependencyError",
    "OrganisationError",
    "PeriodError",
    "PolicyError",
    "RatingError",
]


class MissingDependencyError(KinerjaError, ImportError):
    """An optional dependency is not installed; the message names the extra that installs it,
    e.g. ``pip install 'kinerja[frames]'``. Both a :class:`KinerjaError` and an ``ImportError``."""


def require(module: str, extra: str, feature: str) -> Any:
    """Imports ``module`` for ``feature``, or raises :class:`MissingDependencyError` naming
    ``extra`` (``frames``, ``plot``, …)."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise MissingDependencyError(
            f"{feature} needs {module.split('.')[0]}, which is not installed: pip install 'kinerja[{extra}]'"
        ) from e
