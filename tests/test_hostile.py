"""Hostile inputs through the Python API: each raises the right kinerja.exceptions subclass
with a locating message, never a PanicException or an OverflowError. Wrong object types for
values, `rules=`, `Ruleset(policy=)` / `with_policy` and out-of-range ints are InputError /
PeriodError; arguments typed as an `OrgStructure` (`structure=`) still raise Python's
TypeError."""

from __future__ import annotations

import copy
import datetime
import math
from decimal import Decimal

import pytest

import kinerja as kj
from kinerja import exceptions as kx


def plan_with(base, **changes):
    d = copy.deepcopy(base)
    for path, value in changes.items():
        target = d
        keys = path.split("__")
        for k in keys[:-1]:
            target = target[int(k)] if k.isdigit() else target[k]
        last = keys[-1]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
    return d


def raises(cls, fn, *contains):
    with pytest.raises(cls) as info:
        fn()
    assert type(info.value).__name__ != "PanicException"
    for c in contains:
        assert c in str(info.value), (c, str(info.value))
    return info.value


# --- achievement kernel ------------------------------------------------------------------


def test_zero_target() -> None:
    e = raises(kx.IndicatorError, lambda: kj.achievement(0, 5, indicator="iki-1"), "iki-1", "target is 0")
    assert e.field == "target"


def test_negative_target_and_actual() -> None:
    raises(kx.IndicatorError, lambda: kj.achievement(-5, 1), "negative")
    raises(kx.IndicatorError, lambda: kj.achievement(5, -1), "actual is negative")


def test_inverted_range() -> None:
    raises(kx.IndicatorError, lambda: kj.achievement((90, 80), 85), "range")


def test_overflow_is_arithmetic_error() -> None:
    raises(
        kx.KinerjaArithmeticError,
        lambda: kj.achievement("0.0000000000000000000000000001", "79228162514264337593543950335"),
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_inf_floats(bad) -> None:
    raises(kx.InputError, lambda: kj.achievement(100, bad, allow_float=True), "finite")
    raises(kx.InputError, lambda: kj.achievement(bad, 100, allow_float=True), "finite")


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), "nan", "inf", "1e999999"])
def test_nan_inf_decimals_and_text(bad) -> None:
    raises(kx.InputError, lambda: kj.achievement(100, bad))


def test_float_needs_opt_in() -> None:
    raises(kx.InputError, lambda: kj.achievement(100, 92.5), "float", "Decimal")
    assert kj.achievement(100, 92.5, allow_float=True) == Decimal("92.50")
    assert kj.achievement(3, 0.1, allow_float=True) == Decimal("3.33")


@pytest.mark.parametrize("bad", [None, [1], {"x": 1}, object(), b"12", True])
def test_wrong_types_for_numbers(bad) -> None:
    raises(kx.InputError, lambda: kj.achievement(100, bad), "actual")


def test_too_precise_decimal() -> None:
    raises(kx.InputError, lambda: kj.achievement(100, "1." + "1" * 40))


# --- enums -------------------------------------------------------------------------------


def test_wrong_enum_value_lists_accepted() -> None:
    e = raises(
        kx.InputError, lambda: kj.predicate(work_result="great", behaviour="meets"), "above", "meets", "below"
    )
    assert "accepted" in str(e)
    raises(kx.InputError, lambda: kj.Predicate("excellent"), "very_good (Sangat Baik)")
    raises(kx.InputError, lambda: kj.achievement(1, 1, polarity="sideways"), "higher_is_better")


def test_wrong_enum_type() -> None:
    raises(kx.InputError, lambda: kj.predicate(work_result=3, behaviour="meets"), "rating")
    raises(kx.InputError, lambda: kj.Rating(kj.Predicate.GOOD), "rating")


# --- periods and dates -------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "2024-Q5", "2024-13", "24", "abcd", "2024/01", 0, 99999])
def test_malformed_periods(bad) -> None:
    raises(kx.PeriodError, lambda: kj.Period(bad))


def test_wrong_period_type() -> None:
    raises(kx.InputError, lambda: kj.Period(2024.0), "period")
    raises(kx.InputError, lambda: kj.Period(None), "period")


def test_evaluate_with_bad_period(simple_plan_dict) -> None:
    raises(kx.PeriodError, lambda: kj.evaluate(simple_plan_dict, "2024-Q9"))
    raises(kx.InputError, lambda: kj.evaluate(simple_plan_dict, "2023"), "outside plan year")


def test_bad_dates() -> None:
    raises(kx.InputError, lambda: kj.Ruleset.for_date(datetime.date(2010, 1, 1)), "DP3")
    raises(kx.InputError, lambda: kj.Ruleset.for_date("2023-02-29"), "not a calendar date")
    raises(kx.InputError, lambda: kj.Ruleset.for_date(20200101), "date")
    # the one date reader of the core: digits only, two-digit month and day
    for bad in ["2024-+7-01", "+024-07-01", "2024-7-1", "2024-07-01T00:00", "2024/07/01"]:
        raises(kx.InputError, lambda b=bad: kj.Ruleset.for_date(b), "is not a date written YYYY-MM-DD")
    assert kj.Ruleset.for_date(" 2024-07-01 ").regime == kj.Ruleset.for_date(datetime.date(2024, 7, 1)).regime


# --- plans ---------------------------------------------------------------------------------


def test_missing_realisation(simple_plan_dict) -> None:
    d = copy.deepcopy(simple_plan_dict)
    d["realisations"] = [r for r in d["realisations"] if r["period"] != "2024-Q4"]
    raises(kx.InputError, lambda: kj.evaluate(d), "indicator `a`", "2024-10")


def test_missing_rating(simple_plan_dict) -> None:
    d = plan_with(simple_plan_dict, assessments=[{"period": "2024", "behaviour": {"overall": "above"}}])
    e = raises(kx.InputError, lambda: kj.evaluate(d), "199001012015031001", "work_result")
    assert e.employee == "199001012015031001"


def test_unknown_indicator_in_realisation(simple_plan_dict) -> None:
    d = copy.deepcopy(simple_plan_dict)
    d["realisations"].append({"indicator": "zz", "period": "2024-Q1", "actual": "1"})
    e = raises(kx.InputError, lambda: kj.Plan.from_dict(d), "unknown indicator `zz`")
    assert e.indicator == "zz"


def test_duplicate_ids(simple_plan_dict) -> None:
    d = copy.deepcopy(simple_plan_dict)
    d["results"][0]["indicators"][1]["id"] = "a"
    raises(kx.InputError, lambda: kj.Plan.from_dict(d), "duplicate indicator `a`")
    d = copy.deepcopy(simple_plan_dict)
    d["realisations"].append(dict(d["realisations"][0]))
    raises(kx.InputError, lambda: kj.Plan.from_dict(d), "duplicate realisation")


def test_range_low_above_high(simple_plan_dict) -> None:
    d = plan_with(simple_plan_dict, results__0__indicators__0__target={"low": "90", "high": "80"})
    raises(kx.IndicatorError, lambda: kj.Plan.from_dict(d), "range low bound 90 exceeds high bound 80")
    raises(kx.IndicatorError, lambda: kj.Indicator("x", "X", (9, 1)), "exceeds")


def test_zero_and_negative_targets_in_plans(simple_plan_dict) -> None:
    raises(kx.IndicatorError, lambda: kj.Indicator("x", "X", -1), "negative")
    d = plan_with(simple_plan_dict, results__0__indicators__0__target="0")
    raises(kx.IndicatorError, lambda: kj.evaluate(d), "indicator `a`")


def test_negative_and_zero_sum_weights(simple_plan_dict) -> None:
    raises(kx.IndicatorError, lambda: kj.Indicator("x", "X", 5, weight=-1), "weight")
    d = plan_with(
        simple_plan_dict,
        results__0__indicators__0__weight="0",
        results__0__indicators__1__weight="0",
    )
    with pytest.raises(kx.KinerjaError):
        kj.evaluate(d)


def test_malformed_plan_shapes(simple_plan_dict) -> None:
    raises(kx.InputError, lambda: kj.Plan.from_dict({"employee": {}}), "plan")
    raises(kx.InputError, lambda: kj.Plan.from_dict({**simple_plan_dict, "extra": 1}), "unknown field")
    raises(kx.InputError, lambda: kj.Plan.from_json("{not json"), "plan")
    raises(kx.InputError, lambda: kj.Plan.from_dict(plan_with(simple_plan_dict, year="abc")), "plan")
    raises(kx.InputError, lambda: kj.evaluate(42), "plan")
    raises(kx.InputError, lambda: kj.Plan.from_dict(plan_with(simple_plan_dict, employee__post_type="king")))


def test_float_in_plan_needs_opt_in(simple_plan_dict) -> None:
    d = plan_with(simple_plan_dict, results__0__indicators__0__target=1200.0)
    raises(kx.InputError, lambda: kj.Plan.from_dict(d), "float")
    assert kj.Plan.from_dict(d, allow_float=True).indicators[0].target == Decimal("1200.0")
    d = plan_with(simple_plan_dict, results__0__indicators__0__target=math.nan)
    raises(kx.InputError, lambda: kj.Plan.from_dict(d, allow_float=True), "finite")


def test_jpt_without_org_predicate(simple_plan_dict) -> None:
    d = plan_with(simple_plan_dict, employee__post_type="jpt", employee__unit_head=True)
    raises(kx.InputError, lambda: kj.evaluate(d), "org_predicate")


# --- policies ------------------------------------------------------------------------------


def test_malformed_policy_files(tmp_path) -> None:
    raises(kx.PolicyError, lambda: kj.Policy.from_toml("schema_version = 1\nnope = 3\n"), "nope")
    raises(kx.PolicyError, lambda: kj.Policy.from_toml("schema_version = = 1\n"), "<toml>")
    raises(kx.PolicyError, lambda: kj.Policy.from_json("{"), "<json>")
    raises(kx.PolicyError, lambda: kj.Policy.from_toml("schema_version = 99\n"), "schema_version")
    bad = (
        "schema_version = 1\n[rating]\n"
        'advisory_bands = [{min = "90", rating = "meets"}, {min = "110", rating = "above"}]\n'
    )
    raises(kx.PolicyError, lambda: kj.Policy.from_toml(bad), "rating.advisory_bands")
    raises(kx.PolicyError, lambda: kj.Policy.from_toml(tmp_path / "missing.toml"), "cannot read")
    # the file is the policy's place (no `<file>` placeholder), in either language
    with pytest.raises(kx.PolicyError) as e:
        kj.Policy.from_toml(tmp_path / "missing.toml")
    assert str(e.value).startswith(f"policy {tmp_path / 'missing.toml'}: cannot read: "), str(e.value)
    assert "<file>" not in str(e.value)
    missing = tmp_path / "missing.toml"
    assert e.value.message_id.startswith(f"kebijakan `{missing}`: tidak dapat dibaca: berkas")
    p = tmp_path / "p.toml"
    p.write_text('schema_version = 1\n[achievement]\ndefault_cap = "-5"\n')
    raises(kx.PolicyError, lambda: kj.Policy.from_toml(p), "achievement.default_cap")
    raises(kx.PolicyError, lambda: kj.Policy.from_toml(str(p)), "achievement.default_cap")
    raises(kx.PolicyError, lambda: kj.Policy(achievement={"lower_formula": "magic"}))
    raises(kx.InputError, lambda: kj.Policy.from_toml(42), "path or text")


def test_unknown_ruleset() -> None:
    raises(kx.PolicyError, lambda: kj.Ruleset.builtin("dp3"), "accepted")
    raises(kx.PolicyError, lambda: kj.Ruleset.from_json('{"regime": "permenpanrb-6-2022", "x": 1}'))


def test_bad_language_and_format(simple_plan_dict) -> None:
    ev = kj.evaluate(simple_plan_dict)
    raises(
        kx.InputError,
        lambda: ev.explain(lang="fr"),
        "accepted (any case): id, ind, indonesian, bahasa, bahasa indonesia, en, eng, english",
    )
    raises(kx.InputError, lambda: ev.explain(format="pdf"), "accepted: text, markdown, json")
    raises(kx.InputError, lambda: kj.Predicate.GOOD.label("xx"))


def test_evaluate_all_collect(simple_plan_dict) -> None:
    bad = plan_with(simple_plan_dict, assessments=[], employee__id="2")
    res = kj.evaluate_all([simple_plan_dict, bad], on_error="collect")
    assert isinstance(res[0], kj.Evaluation)
    assert isinstance(res[1], kx.InputError)
    raises(kx.InputError, lambda: kj.evaluate_all([simple_plan_dict, bad]), "work_result")
    raises(kx.InputError, lambda: kj.evaluate_all([simple_plan_dict], on_error="ignore"), "on_error")


def test_duplicate_employees_in_a_roster(simple_plan_dict) -> None:
    e = raises(
        kx.InputError, lambda: kj.evaluate_all([simple_plan_dict, simple_plan_dict]), "duplicate employee"
    )
    assert e.row == 1
    raises(kx.InputError, lambda: kj.compare([simple_plan_dict] * 2, kj.Ruleset(), kj.Ruleset()), "duplicate")


# --- out-of-range ints, wrong object types, hostile policy paths (audit) -------------------


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: kj.Period.annual(-1), "year"),
        (lambda: kj.Period.annual(2**70), "year"),
        (lambda: kj.Period.quarter(2024, 300), "quarter"),
        (lambda: kj.Period.quarter(2024, -1), "quarter"),
        (lambda: kj.Period.semester(2024, 2**64), "semester"),
        (lambda: kj.Period.month(2024, 13), "month"),
        (lambda: kj.Period.month(10**30, 1), "year"),
        (lambda: kj.Period(2024, "quarter", 300), "index"),
        (lambda: kj.Period(10**30, "quarter", 1), "year"),
        (lambda: kj.Period(2**63), "year"),
        (lambda: kj.Period(-(2**63) - 1), "year"),
    ],
)
def test_out_of_range_ints_are_period_errors(make, field) -> None:
    with pytest.raises(kx.PeriodError) as info:
        make()
    assert type(info.value) is kx.PeriodError
    assert not isinstance(info.value, OverflowError)
    assert field in str(info.value), str(info.value)
    assert "accepted" in str(info.value) or "between" in str(info.value), str(info.value)


def test_out_of_range_period_in_evaluate(simple_plan_dict) -> None:
    with pytest.raises(kx.PeriodError) as info:
        kj.evaluate(simple_plan_dict, 10**30)
    assert type(info.value) is kx.PeriodError
    assert "year" in str(info.value)


def test_period_part_of_wrong_type() -> None:
    e = raises(kx.InputError, lambda: kj.Period.quarter(2024, "1"), "quarter")
    assert type(e) is kx.InputError
    raises(kx.InputError, lambda: kj.Period.annual(True), "year")


def test_wrong_rules_and_policy_types(simple_plan_dict) -> None:
    e = raises(kx.InputError, lambda: kj.evaluate(simple_plan_dict, "2024", rules=1.5), "rules", "Ruleset")
    assert type(e) is kx.InputError
    # a text is a builtin ruleset's id
    raises(
        kx.PolicyError, lambda: kj.evaluate(simple_plan_dict, "2024", rules="x"), "unknown builtin ruleset"
    )
    assert kj.evaluate(simple_plan_dict, "2024", rules="permenpanrb-6-2022") == kj.evaluate(
        simple_plan_dict, "2024", rules=kj.Ruleset.builtin("permenpanrb-6-2022")
    )
    raises(kx.InputError, lambda: kj.achievement(1, 1, rules=3), "rules", "Ruleset")
    rs = kj.Ruleset.builtin("permenpanrb-6-2022")
    e = raises(kx.InputError, lambda: rs.with_policy("x"), "policy", "Policy")
    assert type(e) is kx.InputError
    raises(kx.InputError, lambda: kj.Ruleset("permenpanrb-6-2022", policy={}), "policy", "Policy")
    raises(kx.InputError, lambda: kj.compare([simple_plan_dict], rs, 7), "b", "Ruleset")
    raises(kx.PolicyError, lambda: kj.compare([simple_plan_dict], rs, "x"), "unknown builtin")


@pytest.mark.skipif(not __import__("os").path.exists("/dev/zero"), reason="needs /dev/zero")
def test_policy_from_endless_file_is_bounded() -> None:
    e = raises(kx.PolicyError, lambda: kj.Policy.from_toml("/dev/zero"), "larger than the limit")
    assert type(e) is kx.PolicyError


def test_policy_file_over_the_limit(tmp_path) -> None:
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (1 << 20) + "\n")
    raises(kx.PolicyError, lambda: kj.Policy.from_toml(big), "larger than the limit")


def test_long_text_mistaken_for_path_is_not_echoed_whole() -> None:
    text = "no-such-policy-" + "y" * 5000
    e = raises(kx.PolicyError, lambda: kj.Policy.from_toml(text), "cannot read")
    assert len(str(e)) < 400, len(str(e))
    assert "…" in str(e)


def _frames_roster():
    ind = [
        {"employee": "E1", "result": "r", "indicator": "a", "target": 100, "period": "2024", "actual": 90},
        {"employee": "E2", "result": "r", "indicator": "b", "target": 50, "period": "2024", "actual": 40},
    ]
    emp = [
        {"employee": "E1", "name": "A", "unit": "u", "post_type": "executor", "period": "2024"},
        {"employee": "E2", "name": "B", "unit": "u", "post_type": "executor", "period": "2024"},
    ]
    return ind, emp


def test_frames_nan_target_is_located() -> None:
    from kinerja.frames import plans_from_frames

    ind, emp = _frames_roster()
    ind[1]["target"] = math.nan
    e = raises(
        kx.InputError, lambda: plans_from_frames(ind, emp), "indicators row 1", "`E2`", "`b`", "`target`"
    )
    assert (e.row, e.employee, e.indicator, e.field) == (1, "E2", "b", "target")


def test_frames_bad_number_and_period_are_located() -> None:
    from kinerja.frames import plans_from_frames

    ind, emp = _frames_roster()
    ind[0]["weight"] = "lots"
    raises(kx.InputError, lambda: plans_from_frames(ind, emp), "indicators row 0", "`E1`", "`a`", "`weight`")
    ind, emp = _frames_roster()
    ind[1]["period"] = "2024-Q9"
    raises(kx.PeriodError, lambda: plans_from_frames(ind, emp), "indicators row 1", "`E2`", "`period`")
    ind, emp = _frames_roster()
    ind[0]["actual"] = math.inf
    raises(kx.InputError, lambda: plans_from_frames(ind, emp), "indicators row 0", "`actual`", "finite")


def test_frames_missing_columns_listed_once() -> None:
    from kinerja.frames import plans_from_frames

    ind, emp = _frames_roster()
    for r in ind:
        del r["target"]
        del r["indicator"]
    e = raises(kx.InputError, lambda: plans_from_frames(ind, emp), "indicators", "`indicator`", "`target`")
    assert type(e) is kx.InputError


def test_counts_out_of_range_are_input_errors(simple_plan_dict) -> None:
    for make, field in [
        (lambda: kj.set_num_threads(-1), "n"),
        (lambda: kj.set_num_threads(2**70), "n"),
        (lambda: kj.pp46_task_bonus(-3), "count"),
        (lambda: kj.Plan.from_dict(simple_plan_dict).to_json(indent=-1), "indent"),
    ]:
        with pytest.raises(kx.InputError) as info:
            make()
        assert type(info.value) is kx.InputError
        assert field in str(info.value), str(info.value)


def test_demo_into_a_closed_pipe_ends_quietly() -> None:
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "kinerja", "demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(200)
    proc.stdout.close()  # like `| head -3`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode in (0, 141), proc.returncode


def test_all_missing_categorical_is_missing_values_not_a_panic() -> None:
    """A pandas categorical of only NaN has no categories (an Arrow dictionary without values):
    its cells are missing ratings, a located error naming the employee and the rating, on the
    direct path and through the table layer (a `period` column) alike — never a panic."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    ind = pd.DataFrame({"employee": ["a", "a"], "indicator": ["i1", "i2"], "target": [100, 100]})
    ind["actual"] = [90, 95]
    emp = pd.DataFrame({"employee": ["a"], "work_result": pd.Categorical([None]), "behaviour": ["meets"]})
    messages = []
    for table in (ind, ind.assign(period="2024")):
        with pytest.raises(kx.InputError) as info:
            kj.score(table, emp, period="2024")
        assert "employee `a`" in str(info.value) and "work_result" in str(info.value), str(info.value)
        messages.append(str(info.value))
    assert "PanicException" not in " ".join(messages)
