"""The domain enums of kinerja as :class:`enum.StrEnum` classes.

Each member's value is the stable English snake-case value (``"very_good"``); members are
ordered by merit (worst to best where the law orders them), have Indonesian and English
labels, and are built from their value, their name or a label::

    >>> import kinerja as kj
    >>> list(kj.Rating)
    [<Rating.BELOW: 'below'>, <Rating.MEETS: 'meets'>, <Rating.ABOVE: 'above'>]
    >>> kj.Predicate["VERY_GOOD"] is kj.Predicate("Sangat Baik") is kj.Predicate("very_good")
    True
    >>> kj.Predicate.GOOD.label("en"), kj.Predicate.GOOD < kj.Predicate.VERY_GOOD
    ('Good', True)

The labels, aliases and parsing live in the native core (one table); these classes name the
members for Python and for type checkers. The ``*Value`` aliases are the strings a type
checker accepts where an enum is expected (the value, the Indonesian label and the aliases
as written); other spellings the core accepts (any case, ``_`` for spaces) pass through the
enum: ``kj.Predicate("SANGAT_BAIK")``.
"""

from __future__ import annotations

import enum
import re
from typing import Literal, Self, TypeAlias

from kinerja import _kinerja

__all__ = [
    "Aggregation",
    "AggregationValue",
    "Aspect",
    "AspectValue",
    "CascadeType",
    "CascadeTypeValue",
    "CoreValue",
    "CoreValueValue",
    "FunctionalGrade",
    "FunctionalGradeValue",
    "LabelledEnum",
    "OrgPredicate",
    "OrgPredicateValue",
    "Polarity",
    "PolarityValue",
    "PostType",
    "PostTypeValue",
    "Predicate",
    "PredicateValue",
    "Rating",
    "RatingValue",
    "Regime",
    "RegimeValue",
    "ResultKind",
    "ResultKindValue",
]


def _kind(cls: type) -> str:
    """The core's name of an enum class (``OrgPredicate`` → ``org_predicate``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


class LabelledEnum(enum.StrEnum):
    """Base of kinerja's enums: a ``str`` (its value), ordered by merit, with labels."""

    @classmethod
    def _missing_(cls, value: object) -> Self:
        # A label or alias ("Sangat Baik", "atas"): the core names the accepted values when
        # it refuses (an InputError, which is a ValueError).
        return cls(_kinerja._enum_parse(_kind(cls), value))

    def label(self, lang: str = "id") -> str:
        """The label in ``lang`` (``"id"`` or ``"en"``)."""
        return _kinerja._enum_label(_kind(type(self)), self.value, lang)

    @classmethod
    def members(cls) -> list[Self]:
        """All members, in order (the same as ``list(cls)``)."""
        return list(cls)

    def _rank(self) -> int:
        return type(self)._member_names_.index(self.name)

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() < other._rank()  # type: ignore[attr-defined, no-any-return]

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() <= other._rank()  # type: ignore[attr-defined, no-any-return]

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() > other._rank()  # type: ignore[attr-defined, no-any-return]

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() >= other._rank()  # type: ignore[attr-defined, no-any-return]

    # Equal to its value as a str, so it hashes as one.
    __hash__ = str.__hash__


class Rating(LabelledEnum):
    """A rating against expectation (di bawah / sesuai / di atas ekspektasi)."""

    BELOW = "below"
    MEETS = "meets"
    ABOVE = "above"


class Predicate(LabelledEnum):
    """Predikat Kinerja Pegawai, ordered worst to best."""

    VERY_POOR = "very_poor"
    POOR_MISCONDUCT = "poor_misconduct"
    NEEDS_IMPROVEMENT = "needs_improvement"
    GOOD = "good"
    VERY_GOOD = "very_good"


class OrgPredicate(LabelledEnum):
    """Predikat Kinerja Organisasi, ordered worst to best."""

    VERY_POOR = "very_poor"
    POOR = "poor"
    NEEDS_IMPROVEMENT = "needs_improvement"
    GOOD = "good"
    OUTSTANDING = "outstanding"


class Polarity(LabelledEnum):
    """Polarity of an indicator (kondisi normal / kondisi khusus)."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class Aspect(LabelledEnum):
    """Aspect of an indicator (kuantitas, kualitas, waktu, biaya)."""

    QUANTITY = "quantity"
    QUALITY = "quality"
    TIME = "time"
    COST = "cost"


class PostType(LabelledEnum):
    """Type of post (jenis jabatan)."""

    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    SUPERVISOR = "supervisor"
    EXECUTOR = "executor"
    FUNCTIONAL = "functional"


class FunctionalGrade(LabelledEnum):
    """Grade (jenjang) of a functional post."""

    BEGINNER = "beginner"
    SKILLED = "skilled"
    PROFICIENT = "proficient"
    SUPERVISOR = "supervisor"
    FIRST_EXPERT = "first_expert"
    JUNIOR_EXPERT = "junior_expert"
    MIDDLE_EXPERT = "middle_expert"
    SENIOR_EXPERT = "senior_expert"


class ResultKind(LabelledEnum):
    """Kind of planned result (utama / tambahan)."""

    PRIMARY = "primary"
    ADDITIONAL = "additional"


class CascadeType(LabelledEnum):
    """How a planned result supports its parent."""

    DIRECT = "direct"
    INDIRECT = "indirect"


class Aggregation(LabelledEnum):
    """How realisations over several periods combine."""

    CUMULATIVE = "cumulative"
    LAST = "last"
    MEAN = "mean"


class CoreValue(LabelledEnum):
    """The seven BerAKHLAK core values."""

    SERVICE_ORIENTED = "service_oriented"
    ACCOUNTABLE = "accountable"
    COMPETENT = "competent"
    HARMONIOUS = "harmonious"
    LOYAL = "loyal"
    ADAPTIVE = "adaptive"
    COLLABORATIVE = "collaborative"


class Regime(LabelledEnum):
    """The legal regimes."""

    PP_46_2011 = "pp-46-2011"
    PERMENPANRB_8_2021 = "permenpanrb-8-2021"
    PERMENPANRB_6_2022 = "permenpanrb-6-2022"


# --- generated by tests/test_enums.py::test_literal_aliases_match_the_core (KINERJA_BLESS=1) ---
# --- end generated ---
