"""Exceptions raised by kinerja.

Every error is a :class:`KinerjaError`, itself a :class:`ValueError`, with one subclass per
family. Each raised exception carries the attributes ``family``, ``field``, ``row``, ``unit``,
``employee``, ``indicator`` and ``period`` (``None`` when not named), and pickles.
"""

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
    "OrganisationError",
    "PeriodError",
    "PolicyError",
    "RatingError",
]
