"""User-writable test cases: TOML files of inputs and expected outputs, run against the engine.

A case file holds ``[[case]]`` tables; each names what to ``compute``, its ``input``, the ruleset
or policy, and the ``expected`` outputs (only the keys given are checked). The format is
documented in ``docs/cases.md``; the regulations' worked examples live in ``tests/cases/``.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.toml").write_text('''
... [[case]]
... name = "TV-01 above x above"
... compute = "predicate"
... input = { work_result = "above", behaviour = "above" }
... expected = { predicate = "very_good" }
... ''')
>>> report = run_cases([d / "a.toml"])
>>> (report.passed, report.failed)
(1, 0)

Run from the shell with ``kinerja test PATH…`` (or ``python -m kinerja test PATH…``): it prints
``N passed, M failed`` on its own line, shows expected against actual for every failure, and exits
with status 1 when any case fails (2 when a file cannot be read or does not follow the format, or
a folder holds no case file: one line ``kinerja test: error: …`` on stderr naming the file).
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import kinerja as kj
from kinerja.exceptions import InputError, KinerjaError, error

__all__ = ["COMPUTATIONS", "CaseFormatError", "CaseResult", "Report", "load_cases", "main", "run_cases"]

_CASE_KEYS = {"name", "compute", "input", "expected", "ruleset", "policy", "period", "precision", "source"}


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case: ``mismatches`` lists ``(output, expected, actual)``."""

    file: str
    name: str
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        """True when every expected output matched and nothing unexpected was raised."""
        return not self.mismatches and self.error is None


@dataclass
class Report:
    """All case results of a run."""

    results: list[CaseResult] = field(default_factory=list)

    @property
    def passed(self) -> int:
        """Number of cases that passed."""
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        """Number of cases that failed."""
        return len(self.results) - self.passed

    def summary(self) -> str:
        """The line ``N passed, M failed``."""
        return f"{self.passed} passed, {self.failed} failed"

    def text(self) -> str:
        """Every failure with expected against actual, then the summary line."""
        out: list[str] = []
        for r in self.results:
            if r.passed:
                continue
            out.append(f"FAIL {r.file}: {r.name}")
            if r.error is not None:
                out.append(f"    {r.error}")
            for key, want, got in r.mismatches:
                out.append(f"    {key}: expected {want}, actual {got}")
        out.append(self.summary())
        return "\n".join(out)


class CaseFormatError(InputError):
    """A case file that does not follow the format of docs/cases.md."""


# ----------------------------------------------------------------------------- computations


def _target(t: Any) -> Any:
    if isinstance(t, Mapping):
        return (t["low"], t["high"])
    if isinstance(t, list):
        return tuple(t)
    return t


def _rounding(i: Mapping[str, Any]) -> Any:
    r = i.get("rounding")
    return (int(r["scale"]), r["mode"]) if r else None


def _achievement(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    return {"achievement": kj.achievement(_target(i["target"]), i["actual"], i["polarity"], rules=rules)}


def _predicate(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    return {"predicate": kj.predicate(work_result=i["work_result"], behaviour=i["behaviour"])}


def _evaluate(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    ev = kj.evaluate(kj.Plan.from_dict(copy.deepcopy(dict(i["plan"]))), i.get("period"), rules)
    out = dict(ev.to_dict())
    out["predicate"] = ev.predicate
    out["weighted_achievement"] = ev.weighted_achievement
    out["score"] = ev.score
    for ind, v in ev.achievements.items():
        out[f"achievements.{ind}"] = v
    for r in ev.indicators:
        out[f"scores.{r.indicator}"] = r.score
    return out


def _pp46(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    kind = i["kind"]
    if kind in ("quantity", "quality", "time", "cost"):
        r = kj.pp46_aspect(kind, i["target"], i["actual"], rounding=_rounding(i))
        return {"value": r["value"], "branch": r.get("branch")}
    if kind == "activity":
        return {"value": kj.pp46_activity_value(list(i["aspects"]), rounding=_rounding(i))}
    if kind == "category":
        p = kj.pp46_category(i["value"], rules=rules)
        return {"predicate": p, "label": kj.predicate_label("pp-46-2011", p, "id")}
    if kind == "task_bonus":
        return {"value": kj.pp46_task_bonus(i["count"])}
    if kind == "work_achievement":
        v = kj.pp46_work_achievement(i["skp"], i["behaviour"], rounding=_rounding(i))
        p = kj.pp46_category(v, rules=rules)
        return {"value": v, "predicate": p, "label": kj.predicate_label("pp-46-2011", p, "id")}
    raise error(
        CaseFormatError, f"pp46: unknown kind {kind!r}; use quantity, quality, time, cost, activity, ..."
    )


def _p8(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    kind = i["kind"]
    if kind == "iki_value":
        r = kj.iki_value_8_2021(
            i["capaian"],
            target_is_max=bool(i.get("target_is_max", False)),
            round_capaian=i.get("round_capaian"),
            rules=rules,
        )
        return {"value": r["value"], "category": r["category"], "capaian_used": r["capaian_used"]}
    if kind == "iki_from_actual":
        target = _target(i["target"])
        shown = kj.achievement(target, i["actual"], i["polarity"], rules=rules)
        exact = kj.achievement(target, i["actual"], i["polarity"], rules=_FULL_PRECISION)
        r = kj.iki_value_8_2021(exact)
        return {
            "achievement": shown,
            "value": r["value"],
            "category": r["category"],
            "capaian_used": r["capaian_used"],
        }
    if kind == "predicate":
        return {"predicate": kj.nk_predicate_8_2021(i["nk"], innovation=bool(i.get("innovation", False)))}
    if kind == "performance_value":
        v = kj.performance_value_8_2021(
            i["skp"],
            i["behaviour"],
            behaviour_360=bool(i.get("behaviour_360", False)),
            rounding=(2, "half_up"),
        )
        return {"value": v}
    raise error(CaseFormatError, f"permenpanrb_8_2021: unknown kind {kind!r}; use iki_value, predicate, ...")


# Achievement at (nearly) full precision, for steps that round later themselves.
_FULL_PRECISION = kj.Ruleset.builtin("permenpanrb-8-2021").with_policy(
    kj.Policy.from_dict({"rounding": {"achievement": {"scale": 10, "mode": "half_up"}}})
)


def _credit_points(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    kind = i.get("kind", "conversion")
    if kind == "annual_cap":
        return {"value": kj.annual_cap(i["grade"], rules)}
    if kind == "rank_peak":
        r = kj.rank_peak_credit_points(i["predicate"], i["grade"], rules)
        return {"value": r.value, "exact": r.exact}
    if kind == "ledger":
        led = kj.credit_ledger(i.get("employee", "e1"), list(i["entries"]), starting=i.get("starting", "0"))
        out: dict[str, Any] = {"total": led.total}
        for y, v in led.year_totals.items():
            out[f"year_totals.{y}"] = v
        return out
    r = kj.credit_points(i["predicate"], i["grade"], int(i.get("months", 12)), rules)
    return {"value": r.value, "exact": r.exact}


def _ikm(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    pol = kj.Policy(instruments={"ikm": dict(i["policy"])}) if "policy" in i else rules
    regime = i.get("regime", "permenpanrb_14_2017")
    if "index" in i:
        return {"grade": kj.ikm_grade(i["index"], regime, pol)}
    if "totals" in i:
        r = kj.satisfaction_index(
            totals=list(i["totals"]), respondents=i["respondents"], regime=regime, rules=pol
        )
    elif "means" in i:
        r = kj.satisfaction_index(list(i["means"]), regime=regime, rules=pol)
    else:
        r = kj.satisfaction_index(list(i["responses"]), regime=regime, rules=pol)
    return {"index": r.index, "unit_value": r.unit_value, "grade": r.grade, "index_exact": r.index_exact}


def _pkg(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    if "npkg100" in i and len(i) == 1:
        c = kj.pkg_conversion(i["npkg100"], rules)
        return {"label": c["label"], "percent": c["percent"]}
    r = kj.pkg_assessment(dict(i), rules)
    return {"npkg100": r.npkg100, "label": r.label, "percent": r.percent, "annual_credit": r.annual_credit}


def _distribution(i: Mapping[str, Any], rules: Any) -> dict[str, Any]:
    roster = [tuple(x) for x in i["roster"]]
    r = kj.check_distribution(roster, i["org_predicate"])
    cal = kj.calibrate(roster, i["org_predicate"])
    return {
        "headcount": r.headcount,
        "passed": r.passed,
        "calibration.needed": cal.needed,
        "calibration.feasible": cal.feasible,
        "calibration.changes": len(cal.changes),
    }


#: What a case may ``compute``: name → function of (input, ruleset or None) → outputs.
COMPUTATIONS: dict[str, Callable[[Mapping[str, Any], Any], dict[str, Any]]] = {
    "achievement": _achievement,
    "predicate": _predicate,
    "evaluate": _evaluate,
    "pp46": _pp46,
    "permenpanrb_8_2021": _p8,
    "credit_points": _credit_points,
    "ikm": _ikm,
    "pkg": _pkg,
    "distribution": _distribution,
}

# ---------------------------------------------------------------------------------- running


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The cases of one TOML file (numbers are read as exact decimals)."""
    with path.open("rb") as fh:
        data = tomllib.load(fh, parse_float=Decimal)
    cases = data.get("case")
    if not isinstance(cases, list) or not cases:
        raise error(CaseFormatError, f"{path}: no [[case]] tables; see docs/cases.md")
    for n, c in enumerate(cases, 1):
        unknown = set(c) - _CASE_KEYS
        if unknown:
            raise error(
                CaseFormatError,
                f"{path}: case {n}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_CASE_KEYS)}",
            )
        for key in ("compute", "input", "expected"):
            if key not in c:
                raise error(CaseFormatError, f"{path}: case {n} ({c.get('name', '?')}): missing {key!r}")
        if c["compute"] not in COMPUTATIONS:
            raise error(
                CaseFormatError,
                f"{path}: case {n}: unknown compute {c['compute']!r}; one of {sorted(COMPUTATIONS)}",
            )
    return list(cases)


def _rules(case: Mapping[str, Any], base: Path) -> Any:
    pol = case.get("policy")
    ruleset = case.get("ruleset")
    if pol is None and ruleset is None:
        return None
    if isinstance(pol, str):
        p = (base / pol) if not Path(pol).is_absolute() else Path(pol)
        policy = kj.Policy.from_json(p) if p.suffix == ".json" else kj.Policy.from_toml(p)
    elif isinstance(pol, Mapping):
        policy = kj.Policy.from_dict(_plain(pol))
    else:
        policy = None
    return kj.Ruleset(ruleset or "permenpanrb-6-2022", policy)


def _plain(v: Any) -> Any:
    """TOML decimals back to strings (the engine reads decimal strings exactly)."""
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _show(v: Any) -> str:
    if hasattr(v, "value") and not isinstance(v, (Decimal, int, str, bool)):
        return str(v.value)
    return str(v)


def _same(want: Any, got: Any, precision: int | None) -> bool:
    if got is None:
        return bool(want == "none")
    if isinstance(want, bool) or isinstance(got, bool):
        return want is got
    if isinstance(want, list):
        return (
            isinstance(got, (list, tuple))
            and len(want) == len(got)
            and all(_same(w, g, precision) for w, g in zip(want, got, strict=True))
        )
    if isinstance(got, (Decimal, int)) and isinstance(want, (Decimal, int, str)):
        try:
            w, g = Decimal(str(want)), Decimal(str(got))
        except InvalidOperation:
            return False
        if precision is not None:
            q = Decimal(1).scaleb(-precision)
            g = g.quantize(q, rounding=ROUND_HALF_UP)
        return w == g
    return str(want) == _show(got)


def _run_one(case: Mapping[str, Any], file: Path) -> CaseResult:
    name = str(case.get("name", "?"))
    expected = case["expected"]
    inp = _plain(case["input"])
    if "period" in case:
        inp["period"] = case["period"]
    try:
        rules = _rules(case, file.parent)
        got = COMPUTATIONS[case["compute"]](inp, rules)
    except KinerjaError as exc:
        if "error" in expected:
            fam = getattr(exc, "family", None)
            bad = [] if fam == expected["error"] else [("error", str(expected["error"]), str(fam))]
            for part in expected.get("message_contains", []):
                if part not in str(exc):
                    bad.append(("message", f"containing {part!r}", str(exc)))
            return CaseResult(str(file), name, bad)
        return CaseResult(str(file), name, error=f"{type(exc).__name__}: {exc}")
    except (KeyError, TypeError, ValueError) as exc:
        return CaseResult(str(file), name, error=f"bad input ({type(exc).__name__}: {exc})")
    if "error" in expected:
        return CaseResult(str(file), name, [("error", str(expected["error"]), "no error")])
    precision = case.get("precision")
    bad = []
    for key, want in expected.items():
        if key not in got:
            bad.append((key, _show(want), f"(no such output; outputs: {', '.join(sorted(got))})"))
        elif not _same(want, got[key], int(precision) if precision is not None else None):
            bad.append((key, _show(want), _show(got[key])))
    return CaseResult(str(file), name, bad)


def _files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.toml")) if p.is_dir() else [p])
    return out


def run_cases(paths: Iterable[str | Path]) -> Report:
    """Runs every case of the given files (directories: every ``*.toml`` below them)."""
    report = Report()
    for f in _files(paths):
        for case in load_cases(f):
            report.results.append(_run_one(case, f))
    return report


def _toml_error(e: tomllib.TOMLDecodeError) -> str:
    """Where a TOML syntax error is and what it is: ``at line L, column C: reason`` (tomllib
    words the place as ``(at line L, column C)`` or ``(at end of document)`` after the reason)."""
    text = str(e)
    m = re.fullmatch(r"(.*) \(at (line \d+, column \d+|end of document)\)", text, re.S)
    if m is None:
        return text
    where = "the end of the file" if m.group(2) == "end of document" else m.group(2)
    return f"at {where}: {m.group(1)}"


def _load(f: Path) -> list[dict[str, Any]]:
    """The cases of ``f`` for the command line: a file that cannot be read or is not TOML is a
    :class:`CaseFormatError` naming the file (and the line of a TOML error)."""
    try:
        return load_cases(f)
    except OSError as e:
        raise error(CaseFormatError, f"{f}: cannot be read: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        line = bytes(e.object[: e.start]).count(b"\n") + 1
        raise error(
            CaseFormatError, f"{f}: not UTF-8 text (line {line}, byte {e.start}); save it as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise error(CaseFormatError, f"{f}: not valid TOML {_toml_error(e)}") from None


def main(argv: Sequence[str]) -> int:
    """``kinerja test PATH…``: 0 when every case passed, 1 on a failure, 2 when a file cannot be
    read or does not follow the format, or a folder holds no ``*.toml`` file (one line
    ``kinerja test: error: …`` on stderr)."""
    from kinerja._io import EXIT_USAGE, fail

    if not argv:
        return fail(
            "test",
            "no PATH given: kinerja test PATH... (case files or folders; see docs/cases.md)",
            EXIT_USAGE,
        )
    report = Report()
    try:
        for path in map(Path, argv):
            files = _files([path])
            if path.is_dir() and not files:
                raise error(CaseFormatError, f"{path}: no case files (*.toml) in the folder")
            for f in files:
                report.results.extend(_run_one(case, f) for case in _load(f))
    except CaseFormatError as exc:
        return fail("test", str(exc), EXIT_USAGE)
    print(report.text())
    return 0 if report.failed == 0 else 1
