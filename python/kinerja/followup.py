"""Follow-ups of performance results: tables, charts and the demo section.

The computations live in the native module (``kinerja.credit_points``, ``kinerja.tpp``,
``kinerja.training_needs``, ``kinerja.monitor``, ...); this module turns their results into
tables (pandas, polars or pyarrow), draws charts with matplotlib, and writes the follow-up
section of the Kupang demo.

>>> import kinerja as kj
>>> kj.credit_points("Sangat Baik", "ahli_pertama").value
Decimal('18.75')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from kinerja._kinerja import (
    CreditLedger,
    Evaluation,
    Plan,
    Policy,
    Ruleset,
    TppResult,
    TrainingNeeds,
    TrainingSummary,
    Watchlist,
    credit_points,
    evaluate_all,
    summarise_training,
    tpp,
    training_needs,
    watchlist,
)
from kinerja.charts import rupiah_formatter, wrap_label

__all__ = [
    "EXAMPLE_JOB_CLASSES",
    "credit_points_rows",
    "demo_section",
    "example_attendance",
    "example_job_class",
    "ledger_rows",
    "plot_tpp",
    "plot_watchlist",
    "to_table",
    "tpp_rows",
    "training_rows",
    "watchlist_rows",
]

#: EXAMPLE job classes (kelas jabatan) by post type, for the demo only: real job classes come
#: from the region's job evaluation (evaluasi jabatan), not from the post type.
EXAMPLE_JOB_CLASSES: dict[str, str] = {
    "jpt": "14",
    "administrator": "12",
    "supervisor": "9",
    "executor": "6",
    "beginner": "6",
    "skilled": "7",
    "proficient": "8",
    "supervisor_grade": "9",
    "first_expert": "8",
    "junior_expert": "9",
    "middle_expert": "11",
    "senior_expert": "13",
}


def example_job_class(plan: Plan) -> str:
    """An EXAMPLE job class for a plan's employee (see :data:`EXAMPLE_JOB_CLASSES`)."""
    emp = plan.employee
    grade = emp.functional_grade
    if grade is not None:
        key = "supervisor_grade" if grade.value == "supervisor" else grade.value
        return EXAMPLE_JOB_CLASSES.get(key, "8")
    return EXAMPLE_JOB_CLASSES.get(emp.post_type.value, "8")


# ------------------------------------------------------------------------------------ tables


def to_table(rows: Sequence[Mapping[str, Any]], library: str = "pandas") -> Any:
    """Rows (dicts) as a table in ``library`` ("pandas", "polars" or "pyarrow"); numbers stay
    :class:`decimal.Decimal` (pandas: object columns)."""
    from kinerja.frames import rows_to_table

    return rows_to_table([dict(r) for r in rows], library)


def tpp_rows(results: Iterable[TppResult]) -> list[dict[str, Any]]:
    """One flat dict per TPP result (without the deduction lines)."""
    out = []
    for r in results:
        d = r.to_dict()
        d.pop("deductions", None)
        out.append(d)
    return out


def ledger_rows(ledger: CreditLedger) -> list[dict[str, Any]]:
    """One dict per period of a credit ledger, with the employee."""
    return [{"employee": ledger.employee, **line} for line in ledger.lines]


def watchlist_rows(w: Watchlist, lang: str = "id") -> list[dict[str, Any]]:
    """One flat dict per watchlist item; the reason in ``lang``."""
    out = []
    for item in w.items:
        d = dict(item)
        reason = d.pop("reason", {})
        d["reason"] = reason.get(lang, "") if isinstance(reason, dict) else str(reason)
        out.append(d)
    return out


def training_rows(summary: TrainingSummary, lang: str = "id") -> list[dict[str, Any]]:
    """One dict per unit and topic of a training-needs summary (``unit``, ``code``, ``topic``,
    ``employees``); the organisation total has ``unit`` ``"*"``."""
    topics = summary.topics
    out: list[dict[str, Any]] = []
    for unit, per in summary.per_unit.items():
        for code, n in per.items():
            out.append({"unit": unit, "code": code, "topic": topics[code][lang], "employees": n})
    for code, n in summary.organisation.items():
        out.append({"unit": "*", "code": code, "topic": topics[code][lang], "employees": n})
    return out


def credit_points_rows(
    plans: Sequence[Plan], evaluations: Sequence[Evaluation], rules: Ruleset | Policy | None = None
) -> list[dict[str, Any]]:
    """Annual credit points of the functional staff (employees with a functional grade)."""
    out = []
    for plan, ev in zip(plans, evaluations, strict=True):
        grade = plan.employee.functional_grade
        if grade is None:
            continue
        cp = credit_points(ev.predicate, grade, 12, rules)
        out.append(
            {
                "employee": ev.employee,
                "name": ev.name,
                "unit": ev.unit,
                "grade": grade.value,
                "predicate": ev.predicate.value,
                "percentage": cp.percentage,
                "coefficient": cp.coefficient,
                "credit_points": cp.value,
            }
        )
    return out


# ------------------------------------------------------------------------------------ charts


def plot_watchlist(w: Watchlist, ax: Any = None, lang: str = "id") -> Any:
    """A horizontal bar chart of progress to date (percent) of the indicators at risk or off
    track, with the 100 % line. Each bar is labelled with the end of the employee's NIP and
    the indicator's name, wrapped at word boundaries. Returns the matplotlib axes."""
    import matplotlib.pyplot as plt

    items = [i for i in w.items if i["progress"] is not None]
    labels = [f"{i['employee'][-4:]} · {wrap_label(i['name'], 32)}" for i in items]
    if ax is None:
        lines = sum(label.count("\n") + 1 for label in labels)
        _, ax = plt.subplots(figsize=(8, max(2.0, 0.3 * lines + 0.2 * len(labels) + 1)), layout="constrained")
    values = [float(i["progress"]) for i in items]  # display only
    colours = ["#d9534f" if i["status"] == "off_track" else "#f0ad4e" for i in items]
    ax.barh(labels, values, color=colours)
    ax.invert_yaxis()  # the watchlist's order, top to bottom
    ax.tick_params(axis="y", labelsize=8)
    ax.axvline(100, color="grey", linestyle="--", linewidth=1)
    ax.set_xlabel("Progres s.d. kini (%)" if lang == "id" else "Progress to date (%)")
    ax.set_title("Indikator berisiko" if lang == "id" else "Indicators at risk")
    return ax


def plot_tpp(results: Sequence[TppResult], ax: Any = None, lang: str = "id") -> Any:
    """A stacked bar chart of the TPP paid per employee (performance and discipline parts),
    one bar per employee labelled with the end of the NIP, on a Rupiah axis (``Rp 7,5 jt``;
    :func:`kinerja.charts.rupiah`). Returns the matplotlib axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    names = [r.employee[-4:] for r in results]
    share = [r.share_pct / Decimal(100) for r in results]
    perf = [float(r.performance_amount * s) for r, s in zip(results, share, strict=True)]
    disc = [float(r.discipline_amount * s) for r, s in zip(results, share, strict=True)]
    ax.bar(names, perf, label="Kinerja" if lang == "id" else "Performance")
    ax.bar(names, disc, bottom=perf, label="Disiplin" if lang == "id" else "Discipline")
    ax.yaxis.set_major_formatter(rupiah_formatter(lang))
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.set_xlabel("Pegawai (akhir NIP)" if lang == "id" else "Employee (end of NIP)")
    ax.set_ylabel("Rupiah")
    ax.set_title("TPP per pegawai (contoh)" if lang == "id" else "TPP per employee (example)")
    ax.margins(y=0.18)  # headroom above the tallest bar for the legend
    ax.legend(ncols=2, loc="upper left", fontsize=8)
    return ax


# -------------------------------------------------------------------------------------- demo


def _fmt(d: Decimal | None) -> str:
    if d is None:
        return "–"
    return f"{d.normalize():f}"


def _rp(d: Decimal) -> str:
    return "Rp " + f"{d.quantize(Decimal(1)):,}".replace(",", ".")


def _rules(rules: Ruleset | None) -> Ruleset:
    if rules is not None:
        return rules
    from kinerja import datasets

    return datasets.kupang_rules()


def example_attendance(index: int) -> list[dict[str, Any]]:
    """Invented attendance events for the demo (the roster has no attendance data)."""
    patterns: list[list[dict[str, Any]]] = [
        [],
        [{"kind": "late_arrival", "minutes": "45", "count": 2, "note": "contoh"}],
        [{"kind": "late_arrival", "minutes": "10", "count": 3, "note": "contoh"}],
        [{"kind": "absence", "count": 1, "note": "contoh"}],
        [{"kind": "missed_roll_call", "count": 2, "note": "contoh"}],
    ]
    return patterns[index % len(patterns)]


def demo_section(
    roster: Mapping[str, Any],
    lang: str = "id",
    rules: Ruleset | None = None,
    *,
    month: str = "2024-12",
    as_of: str = "2024-06",
    explain: bool = True,
) -> str:
    """The follow-up section of the demo report for ``roster`` (e.g.
    :func:`kinerja.datasets.kupang_roster`): credit points of the functional staff from their
    predicate, an EXAMPLE TPP computation for ``month`` under the policy's ``follow_up.tpp``
    schedule (the bundled Kupang one is an example to be confirmed), the training-needs
    analysis, and the indicators at risk when monitored as of ``as_of``.
    """
    en = lang == "en"
    rs = _rules(rules)
    plans: list[Plan] = [p if isinstance(p, Plan) else Plan.from_dict(p) for p in roster["plans"]]
    period = str(roster.get("period", plans[0].year if plans else ""))
    evs = [ev for ev in evaluate_all(plans, period, rs) if isinstance(ev, Evaluation)]
    lines: list[str] = []
    add = lines.append

    add("Follow-ups" if en else "Tindak lanjut")
    add("=" * 78)

    # 1. credit points
    add("")
    add(
        "1. Credit points of functional staff (annual)"
        if en
        else "1. Angka kredit pejabat fungsional (tahunan)"
    )
    hdr = (
        ("Employee", "Grade", "Predicate", "%", "Coef.", "Credit pts")
        if en
        else ("Pegawai", "Jenjang", "Predikat", "%", "Koef.", "AK")
    )
    add(f"   {hdr[0]:<32} {hdr[1]:<14} {hdr[2]:<12} {hdr[3]:>5} {hdr[4]:>6} {hdr[5]:>8}")
    first_cp = None
    for plan, ev in zip(plans, evs, strict=True):
        grade = plan.employee.functional_grade
        if grade is None:
            continue
        cp = credit_points(ev.predicate, grade, 12, rs)
        first_cp = first_cp or cp
        add(
            f"   {ev.name[:32]:<32} {grade.label(lang)[:14]:<14} {ev.predicate.label(lang)[:12]:<12} "
            f"{_fmt(cp.percentage):>5} {_fmt(cp.coefficient):>6} {str(cp.value):>8}"
        )
    if explain and first_cp is not None:
        add("")
        for ln in first_cp.explain(lang).splitlines():
            add(f"   {ln}")

    # 2. TPP
    add("")
    add(f"2. TPP, {month} (EXAMPLE schedule)" if en else f"2. TPP, {month} (jadwal CONTOH)")
    pol = rs.policy.to_dict().get("follow_up", {}).get("tpp")
    if not pol:
        add(
            "   The policy has no [follow_up.tpp] schedule."
            if en
            else "   Kebijakan tidak memuat jadwal [follow_up.tpp]."
        )
    else:
        add(f"   {pol.get('region', '')} — {pol.get('regulation', '')}")
        results: list[TppResult] = []
        for i, (plan, ev) in enumerate(zip(plans, evs, strict=True)):
            results.append(
                tpp(
                    {
                        "employee": ev.employee,
                        "unit": ev.unit,
                        "period": month,
                        "job_class": example_job_class(plan),
                        "predicate": ev.predicate,
                        "attendance": example_attendance(i),
                    },
                    rs,
                )
            )
        hdr2 = (
            ("Employee", "Class", "Basis", "Deduct. %", "Paid")
            if en
            else ("Pegawai", "Kelas", "Besaran", "Potongan %", "Dibayar")
        )
        add(f"   {hdr2[0]:<32} {hdr2[1]:>5} {hdr2[2]:>14} {hdr2[3]:>10} {hdr2[4]:>14}")
        total = Decimal(0)
        for ev, r in zip(evs, results, strict=True):
            total += r.amount
            add(
                f"   {ev.name[:32]:<32} {r.job_class:>5} {_rp(r.basis):>14} {_fmt(r.deduction_pct):>10} "
                f"{_rp(r.amount):>14}"
            )
        add(f"   {'Total' if en else 'Jumlah'}: {_rp(total)}")
        with_deduction = next((r for r in results if r.deductions), None)
        if explain and with_deduction is not None:
            add("")
            for ln in with_deduction.explain(lang).splitlines():
                add(f"   {ln}")

    # 3. training needs
    add("")
    add("3. Training needs" if en else "3. Kebutuhan pengembangan kompetensi")
    needs: list[TrainingNeeds] = []
    for plan, ev in zip(plans, evs, strict=True):
        assessments = plan.assessments
        beh = assessments[-1].behaviour if assessments else None
        needs.append(training_needs(ev, beh, rs))
    for n in needs:
        if n.topics:
            add(f"   {n.employee} [{n.unit}]: {', '.join(n.topics)}")
    summary = summarise_training(needs)
    for ln in summary.explain(lang).splitlines():
        add(f"   {ln}")

    # 4. monitoring
    add("")
    add(f"4. Indicators at risk as of {as_of}" if en else f"4. Indikator berisiko per {as_of}")
    w = watchlist(plans, as_of, rs)
    if not w.items:
        add("   None: every indicator is on track." if en else "   Tidak ada: semua indikator sesuai jalur.")
    for item in w.items:
        reason = item["reason"]["en" if en else "id"]
        add(f"   {item['unit']} / {item['employee']} / {item['name'][:40]}: {reason}")
    return "\n".join(lines) + "\n"
