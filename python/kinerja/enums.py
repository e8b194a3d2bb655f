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
        return self._rank() < other._rank()

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() <= other._rank()

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() > other._rank()

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._rank() >= other._rank()

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


# --- generated by tests/test_enums.py (KINERJA_BLESS=1) ---
RatingValue: TypeAlias = Literal[
    "below",
    "Di bawah ekspektasi",
    "Below expectation",
    "bawah",
    "dibawah",
    "meets",
    "Sesuai ekspektasi",
    "Meets expectation",
    "sesuai",
    "meet",
    "above",
    "Di atas ekspektasi",
    "Above expectation",
    "atas",
    "diatas",
]
PredicateValue: TypeAlias = Literal[
    "very_poor",
    "Sangat Kurang",
    "Very poor",
    "sk",
    "poor_misconduct",
    "Kurang/Misconduct",
    "Poor/misconduct",
    "kurang",
    "k",
    "misconduct",
    "poor",
    "needs_improvement",
    "Butuh Perbaikan",
    "Needs improvement",
    "cukup",
    "bp",
    "butuh perbaikan/cukup",
    "good",
    "Baik",
    "Good",
    "b",
    "very_good",
    "Sangat Baik",
    "Very good",
    "sb",
]
OrgPredicateValue: TypeAlias = Literal[
    "very_poor",
    "Sangat Kurang",
    "Very poor",
    "sk",
    "poor",
    "Kurang",
    "Poor",
    "k",
    "needs_improvement",
    "Butuh Perbaikan",
    "Needs improvement",
    "cukup",
    "bp",
    "good",
    "Baik",
    "Good",
    "b",
    "outstanding",
    "Istimewa",
    "Outstanding",
    "excellent",
]
PolarityValue: TypeAlias = Literal[
    "higher_is_better",
    "Semakin tinggi semakin baik",
    "Higher is better",
    "higher",
    "normal",
    "kondisi normal",
    "positive",
    "positif",
    "maximize",
    "naik",
    "meningkat",
    "semakin tinggi",
    "up",
    "lower_is_better",
    "Semakin rendah semakin baik",
    "Lower is better",
    "lower",
    "khusus",
    "kondisi khusus",
    "negative",
    "negatif",
    "minimize",
    "turun",
    "menurun",
    "semakin rendah",
    "down",
]
AspectValue: TypeAlias = Literal[
    "quantity",
    "Kuantitas",
    "Quantity",
    "quality",
    "Kualitas",
    "Quality",
    "time",
    "Waktu",
    "Time",
    "cost",
    "Biaya",
    "Cost",
]
PostTypeValue: TypeAlias = Literal[
    "jpt",
    "Jabatan Pimpinan Tinggi",
    "Senior executive (JPT)",
    "senior_executive",
    "pimpinan tinggi",
    "administrator",
    "Administrator",
    "supervisor",
    "Pengawas",
    "Supervisor",
    "executor",
    "Pelaksana",
    "Executor",
    "staff",
    "functional",
    "Fungsional",
    "Functional",
    "jf",
]
FunctionalGradeValue: TypeAlias = Literal[
    "beginner",
    "Pemula",
    "Beginner",
    "pemula",
    "skilled",
    "Terampil",
    "Skilled",
    "terampil",
    "proficient",
    "Mahir",
    "Proficient",
    "mahir",
    "supervisor",
    "Penyelia",
    "Supervisor",
    "penyelia",
    "first_expert",
    "Ahli Pertama",
    "First expert",
    "ahli_pertama",
    "junior_expert",
    "Ahli Muda",
    "Junior expert",
    "ahli_muda",
    "middle_expert",
    "Ahli Madya",
    "Middle expert",
    "ahli_madya",
    "senior_expert",
    "Ahli Utama",
    "Senior expert",
    "ahli_utama",
]
ResultKindValue: TypeAlias = Literal[
    "primary",
    "Utama",
    "Primary",
    "rhk utama",
    "main",
    "additional",
    "Tambahan",
    "Additional",
    "rhk tambahan",
    "extra",
]
CascadeTypeValue: TypeAlias = Literal[
    "direct",
    "Langsung",
    "Direct",
    "indirect",
    "Tidak langsung",
    "Indirect",
]
AggregationValue: TypeAlias = Literal[
    "cumulative",
    "Kumulatif",
    "Cumulative",
    "sum",
    "last",
    "Nilai terakhir",
    "Last value",
    "latest",
    "mean",
    "Rata-rata",
    "Mean",
    "average",
]
CoreValueValue: TypeAlias = Literal[
    "service_oriented",
    "Berorientasi Pelayanan",
    "Service-oriented",
    "accountable",
    "Akuntabel",
    "Accountable",
    "competent",
    "Kompeten",
    "Competent",
    "harmonious",
    "Harmonis",
    "Harmonious",
    "loyal",
    "Loyal",
    "adaptive",
    "Adaptif",
    "Adaptive",
    "collaborative",
    "Kolaboratif",
    "Collaborative",
]
RegimeValue: TypeAlias = Literal[
    "pp-46-2011",
    "PP 46/2011 (Perka BKN 1/2013)",
    "PP 46/2011 (BKN Regulation 1/2013)",
    "pp46",
    "pp_46_2011",
    "permenpanrb-8-2021",
    "PermenPANRB 8/2021 (PP 30/2019)",
    "permenpanrb_8_2021",
    "8/2021",
    "permenpanrb-6-2022",
    "PermenPANRB 6/2022",
    "permenpanrb_6_2022",
    "6/2022",
]
# --- end generated ---
