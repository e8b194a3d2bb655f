"""kinerja: exact, explainable performance management for Indonesian civil servants (ASN).

>>> import kinerja as kj
>>> kj.predicate(work_result="above", behaviour="meets")
<Predicate.GOOD: 'good'>
>>> kj.achievement(10, 8, polarity="lower")
Decimal('120.00')

Numbers come back as :class:`decimal.Decimal`; ``int``, ``str`` and ``Decimal`` are accepted
(a ``float`` only where a function says so). Enum arguments accept the enum, its value
(``"very_good"``) or a label (``"Sangat Baik"``). Errors are :mod:`kinerja.exceptions`
subclasses of :class:`KinerjaError` (a ``ValueError``).
"""

from kinerja import datasets, enums, exceptions
from kinerja._kinerja import (
    Assessment,
    Behaviour,
    Comparison,
    Employee,
    Evaluation,
    Indicator,
    IndicatorResult,
    Period,
    Plan,
    PlannedResult,
    Policy,
    Realisation,
    Ruleset,
    Trace,
    __version__,
    achievement,
    compare,
    display_lang,
    error_lang,
    evaluate,
    evaluate_all,
    predicate,
    set_display_lang,
    set_error_lang,
)
from kinerja.batch import BatchResult, get_num_threads, output_meta, score, set_num_threads
from kinerja.documents import Report, report
from kinerja.enums import (
    Aggregation,
    Aspect,
    CascadeType,
    CoreValue,
    FunctionalGrade,
    OrgPredicate,
    Polarity,
    PostType,
    Predicate,
    Rating,
    Regime,
    ResultKind,
)
from kinerja.exceptions import KinerjaError
from kinerja.frames import evaluate_frame, plans_from_frames

__all__ = [
    "Report",
    "report",
    "BatchResult",
    "get_num_threads",
    "output_meta",
    "score",
    "set_num_threads",
    "Aggregation",
    "Aspect",
    "Assessment",
    "Behaviour",
    "CascadeType",
    "Comparison",
    "CoreValue",
    "Employee",
    "Evaluation",
    "FunctionalGrade",
    "Indicator",
    "IndicatorResult",
    "KinerjaError",
    "OrgPredicate",
    "Period",
    "Plan",
    "PlannedResult",
    "Polarity",
    "Policy",
    "PostType",
    "Predicate",
    "Rating",
    "Realisation",
    "Regime",
    "ResultKind",
    "Ruleset",
    "Trace",
    "__version__",
    "achievement",
    "compare",
    "display_lang",
    "error_lang",
    "datasets",
    "enums",
    "evaluate",
    "evaluate_all",
    "evaluate_frame",
    "exceptions",
    "plans_from_frames",
    "predicate",
    "set_display_lang",
    "set_error_lang",
]

# --- regimes: formula-level functions of PP 46/2011 and PermenPANRB 8/2021 ---
from kinerja._kinerja import (  # noqa: E402
    iki_value_8_2021,
    nk_predicate_8_2021,
    performance_value_8_2021,
    pp46_activity_value,
    pp46_aspect,
    pp46_category,
    pp46_task_bonus,
    pp46_work_achievement,
    predicate_label,
)

__all__ += [
    "iki_value_8_2021",
    "nk_predicate_8_2021",
    "performance_value_8_2021",
    "pp46_activity_value",
    "pp46_aspect",
    "pp46_category",
    "pp46_task_bonus",
    "pp46_work_achievement",
    "predicate_label",
]

# --- organisation ---
from kinerja import org  # noqa: E402
from kinerja._kinerja import (  # noqa: E402
    AlignmentReport,
    CalibrationResult,
    Constraint,
    DistributionReport,
    OrgPerformance,
    OrgStructure,
    SakipResult,
    align,
    check_counts,
    component_total,
    sakip,
    sakip_predicate,
    unit_performance,
)
from kinerja.org import calibrate, check_distribution, check_units, rank_unit  # noqa: E402

__all__ += [
    "AlignmentReport",
    "CalibrationResult",
    "Constraint",
    "DistributionReport",
    "OrgPerformance",
    "OrgStructure",
    "SakipResult",
    "align",
    "calibrate",
    "check_counts",
    "check_distribution",
    "check_units",
    "component_total",
    "org",
    "rank_unit",
    "sakip",
    "sakip_predicate",
    "unit_performance",
]
# --- end organisation ---

# --- follow-up ---
from kinerja import followup  # noqa: E402
from kinerja._kinerja import (  # noqa: E402
    AttendanceEventKind,
    CreditLedger,
    CreditPoints,
    EmployeeStatus,
    FollowUpKind,
    FollowUpLists,
    MonthPredicate,
    MonthPredicateRule,
    PlanMonitor,
    Potential,
    Readiness,
    TalentGroup,
    TalentPlacement,
    TppResult,
    TrackStatus,
    TrainingNeeds,
    TrainingSummary,
    Watchlist,
    annual_cap,
    credit_ledger,
    credit_points,
    follow_up_lists,
    monitor,
    month_predicate,
    nine_box,
    promotion_readiness,
    rank_peak_credit_points,
    summarise_training,
    talent_placement,
    tpp,
    tpp_many,
    training_needs,
    watchlist,
)

__all__ += [
    "followup",
    "AttendanceEventKind",
    "CreditLedger",
    "CreditPoints",
    "EmployeeStatus",
    "FollowUpKind",
    "FollowUpLists",
    "MonthPredicate",
    "MonthPredicateRule",
    "PlanMonitor",
    "Potential",
    "Readiness",
    "TalentGroup",
    "TalentPlacement",
    "TppResult",
    "TrackStatus",
    "TrainingNeeds",
    "TrainingSummary",
    "Watchlist",
    "annual_cap",
    "credit_ledger",
    "credit_points",
    "follow_up_lists",
    "monitor",
    "month_predicate",
    "nine_box",
    "promotion_readiness",
    "rank_peak_credit_points",
    "summarise_training",
    "talent_placement",
    "tpp",
    "tpp_many",
    "training_needs",
    "watchlist",
]
# --- end follow-up ---

# --- documents ---
from kinerja._kinerja import unit_report  # noqa: E402

__all__ += ["unit_report"]
# --- end documents ---

# --- instruments ---
from kinerja._kinerja import (  # noqa: E402
    IkmGrade,
    IkmRegime,
    PkgLabel,
    PkgResult,
    PkpGroup,
    PkpResult,
    SampleSizeResult,
    SatisfactionResult,
    SpmResult,
    SpmService,
    TeacherRole,
    ikm_grade,
    pkg_assessment,
    pkg_conversion,
    puskesmas_assessment,
    sample_size,
    satisfaction_index,
    spm_achievement,
)

__all__ += [
    "IkmGrade",
    "IkmRegime",
    "PkgLabel",
    "PkgResult",
    "PkpGroup",
    "PkpResult",
    "SampleSizeResult",
    "SatisfactionResult",
    "SpmResult",
    "SpmService",
    "TeacherRole",
    "ikm_grade",
    "pkg_assessment",
    "pkg_conversion",
    "puskesmas_assessment",
    "sample_size",
    "satisfaction_index",
    "spm_achievement",
]
# --- end instruments ---
