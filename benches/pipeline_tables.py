"""The law's tables as an analyst would type them once, shared by the pandas and polars
pipelines: credit-point percentage per predicate and coefficient per functional grade
(PermenPANRB 1/2023), predicates worst to best, and the JPT rule's organisational predicate →
work-result mapping."""

from __future__ import annotations

PERCENT = {
    "very_good": 1.5,
    "good": 1.0,
    "needs_improvement": 0.75,
    "poor_misconduct": 0.5,
    "very_poor": 0.25,
}
COEFF = {
    "beginner": 3.75,
    "skilled": 5.0,
    "proficient": 12.5,
    "supervisor": 25.0,
    "first_expert": 12.5,
    "junior_expert": 25.0,
    "middle_expert": 37.5,
    "senior_expert": 50.0,
}
PREDS = ["very_poor", "poor_misconduct", "needs_improvement", "good", "very_good"]

JPT_MAP = {
    "outstanding": "above",
    "good": "meets",
    "needs_improvement": "below",
    "poor": "below",
    "very_poor": "below",
}
