"""The education sector in the demo report: teachers and school heads of the bundled
Dinas Pendidikan dan Kebudayaan Kota Kupang roster (synthetic), their semester and annual
predicates, the month-by-month predicate that pays their TPP, and their legacy PKG of 2019."""

from __future__ import annotations

import textwrap

from kinerja import datasets
from kinerja._kinerja import Evaluation, KinerjaError, evaluate, month_predicate, pkg_assessment

__all__ = ["demo_section"]


def demo_section(lang: str = "id", *, tpp_rule: str = "last_completed") -> str:
    """The teachers' section of the demo report in ``lang`` (``"id"`` or ``"en"``).

    ``tpp_rule`` is the :func:`kinerja.month_predicate` rule that picks which appraisal pays each
    month's TPP (a regional choice; ``"last_completed"`` is the NTT provincial practice of 2024).
    """
    en = lang == "en"
    roster = datasets.kupang_roster(sector="education")
    rules = roster["rules"]
    periods: list[str] = roster["periods"]
    units = {u["id"]: u["name"] for u in roster["units"]}
    previous = roster["previous_year_predicates"]
    lines = [
        datasets.roster_name(roster, "en" if en else "id"),
        (
            "Teachers and school heads: semester and annual predicates"
            if en
            else "Guru dan kepala sekolah: predikat semester dan tahunan"
        ),
        "=" * 78,
        f"   {'NIP':<19} {'Name' if en else 'Nama':<30} " + " ".join(f"{p:>17}" for p in periods),
    ]
    s1_of: dict[str, str] = {}
    for plan in roster["plans"]:
        emp = plan.employee
        cells = []
        for period in periods:
            try:
                ev: Evaluation = evaluate(plan, period=period, rules=rules)
            except KinerjaError as e:
                cells.append("ERROR" if en else "GALAT")
                lines.append(f"   ! {emp.id} {period}: {e}")
                continue
            cells.append(ev.predicate.label(lang))
            if period.endswith("-S1"):
                s1_of[emp.id] = ev.predicate.value
        lines.append(
            f"   {emp.id:<19} {textwrap.shorten(emp.name, 30, placeholder='…'):<30} "
            + " ".join(f"{c:>17}" for c in cells)
        )
        if emp.unit_head and emp.unit in units:
            lines.append(f"   {'':<19} ({'head of' if en else 'kepala'} {units[emp.unit]})")
    lines += ["", ("Monthly TPP predicate" if en else "Predikat untuk TPP bulanan") + f" ({tpp_rule}):"]
    for nip, s1 in list(s1_of.items())[3:5]:
        known = [(previous["period"], previous["predicates"][nip]), (periods[0], s1)]
        months = [month_predicate(f"2024-{m:02d}", known, rule=tpp_rule) for m in (1, 6, 7, 12)]
        lines.append(
            f"   {nip}: " + "; ".join(f"{r.month} ← {r.source} {r.predicate.label(lang)}" for r in months)
        )
    pkg_title = "Legacy PKG 2019" if en else "PKG lama 2019"
    lines += ["", f"{pkg_title} (PermenPAN-RB 16/2009):"]
    for item in roster["pkg_2019"]:
        r = pkg_assessment(item)
        credit = f"{r.annual_credit}" if r.annual_credit is not None else "–"
        lines.append(
            f"   {item['teacher']:<19} NPKG100 {r.npkg100:>6}  {r.label.label(lang):<10} {r.percent:>4}%  "
            + ("credit " if en else "angka kredit ")
            + credit
        )
    return "\n".join(lines) + "\n"
