"""Exceptions raised by kinerja.

Every error is a :class:`KinerjaError`, itself a :class:`ValueError`, with one subclass per
family. Two classes have a second, builtin base where Python convention expects it:
:class:`KinerjaArithmeticError` is also an :class:`ArithmeticError` (overflow or division by
zero in exact decimal arithmetic) and :class:`InputTypeError` (an :class:`InputError`) is also a
:class:`TypeError` (an argument of the wrong Python type). Each raised exception carries the
attributes ``family``, ``field``, ``row``, ``unit``, ``employee``, ``indicator`` and ``period``
(``None`` when not named) and its message in both languages, ``message_en`` and ``message_id``,
and pickles. The message itself (``str(e)``) is in the language set by
:func:`kinerja.set_error_lang` (``"en"`` by default, or ``"id"`` for Bahasa Indonesia; the
environment variable ``KINERJA_ERROR_LANG`` sets it at start-up, also for the ``kinerja``
command).

``kinerja.exceptions.ArithmeticError`` (the old name of :class:`KinerjaArithmeticError`, which
shadowed the builtin) still resolves, with a :class:`DeprecationWarning`, but is not exported.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any, TypeVar

from kinerja._kinerja import (
    IndicatorError,
    InputError,
    InputTypeError,
    InstrumentError,
    KinerjaArithmeticError,
    KinerjaError,
    OrganisationError,
    PeriodError,
    PolicyError,
    RatingError,
    _translate,
)

__all__ = [
    "IndicatorError",
    "InputError",
    "InputTypeError",
    "InstrumentError",
    "KinerjaArithmeticError",
    "KinerjaError",
    "MissingDependencyError",
    "OrganisationError",
    "PeriodError",
    "PolicyError",
    "RatingError",
]


_E = TypeVar("_E", bound=KinerjaError)


def error(
    cls: type[_E], message: str, field: str | None = None, row: int | None = None, employee: Any = None
) -> _E:
    """An exception of ``cls`` raised by kinerja's Python code, like the native ones: ``message``
    (English, as written in the source) in the language of exception messages, both texts as
    ``message_en`` and ``message_id``, and the location attributes (``None`` when not given)."""
    e = cls(_translate(message))
    e.message_en = message
    e.message_id = _translate(message, "id")
    e.family = "input" if issubclass(cls, InputError) else None
    e.field, e.row, e.employee = field, row, employee
    e.unit = e.indicator = e.period = None
    return e


class MissingDependencyError(KinerjaError, ImportError):
    """An optional dependency is not installed; the message names the extra that installs it,
    e.g. ``pip install 'kinerja[frames]'``. Both a :class:`KinerjaError` and an ``ImportError``."""


def require(module: str, extra: str, feature: str) -> Any:
    """Imports ``module`` for ``feature``, or raises :class:`MissingDependencyError` naming
    ``extra`` (``frames``, ``plot``, …)."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise error(
            MissingDependencyError,
            f"{feature} needs {module.split('.')[0]}, which is not installed: pip install 'kinerja[{extra}]'",
        ) from e


def __getattr__(name: str) -> type[KinerjaArithmeticError]:
    """The deprecated alias ``ArithmeticError`` → :class:`KinerjaArithmeticError`."""
    if name == "ArithmeticError":
        warnings.warn(
            "kinerja.exceptions.ArithmeticError is renamed KinerjaArithmeticError",
            DeprecationWarning,
            stacklevel=2,
        )
        return KinerjaArithmeticError
    raise AttributeError(f"module 'kinerja.exceptions' has no attribute {name!r}")
