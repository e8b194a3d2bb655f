"""Generate the synthetic Dinas Pendidikan dan Kebudayaan Kota Kupang roster (deterministic).

The people, schools and numbers are invented; the structure follows a real regional education
office: the office and its two school-level divisions, two schools as units, school heads
(guru with the additional duty of kepala sekolah) and classroom teachers (guru, functional
posts) whose indicators measure the effect of their work on students — share of students
reaching the learning objectives, literacy and numeracy results of the education report card
(Rapor Pendidikan), attendance — plus the twice-yearly predicates teachers receive (June and
December, from the teachers' platform integrated with e-Kinerja) and the legacy PKG inputs of
2019 (Penilaian Kinerja Guru, PermenPAN-RB 16/2009).

Run: python examples/data/generate_kupang_education.py  (writes kupang_dinas_pendidikan.json)
"""

import json
import pathlib
import random
from decimal import ROUND_HALF_UP, Decimal

YEAR = 2024
rng = random.Random(20240601)

UNITS = [
    {"id": "disdikbud", "name": "Dinas Pendidikan dan Kebudayaan Kota Kupang", "parent": None,
     "head": "197205121997031001"},
    {"id": "bid-sd", "name": "Bidang Pembinaan Sekolah Dasar", "parent": "disdikbud", "head": "197608172002122002"},
    {"id": "bid-smp", "name": "Bidang Pembinaan Sekolah Menengah Pertama", "parent": "disdikbud",
     "head": "197711212003121003"},
    {"id": "sdn-oebobo-1", "name": "SD Negeri Oebobo 1", "parent": "bid-sd", "head": "197903152005012004"},
    {"id": "smpn-2-kupang", "name": "SMP Negeri 2 Kupang", "parent": "bid-smp", "head": "198002102006041005"},
]

GOALS = [
    {"id": "iku-literasi", "unit": "disdikbud",
     "name": "Persentase satuan pendidikan dengan kemampuan literasi peserta didik minimal baik (Rapor Pendidikan)",
     "target": "70", "polarity": "higher_is_better", "weight": "35", "actual": "66.5"},
    {"id": "iku-numerasi", "unit": "disdikbud",
     "name": "Persentase satuan pendidikan dengan kemampuan numerasi peserta didik minimal baik (Rapor Pendidikan)",
     "target": "60", "polarity": "higher_is_better", "weight": "35", "actual": "61.2"},
    {"id": "iku-aps", "unit": "disdikbud", "name": "Angka partisipasi sekolah penduduk usia 7–15 tahun",
     "target": "99", "polarity": "higher_is_better", "weight": "30", "actual": "98.7"},
    {"id": "iku-sd-tp", "unit": "bid-sd", "name": "Persentase peserta didik SD mencapai tujuan pembelajaran",
     "target": "85", "polarity": "higher_is_better", "weight": "100", "actual": "83.4"},
    {"id": "iku-smp-tp", "unit": "bid-smp", "name": "Persentase peserta didik SMP mencapai tujuan pembelajaran",
     "target": "80", "polarity": "higher_is_better", "weight": "100", "actual": "81.9"},
]

BERAKHLAK = ["service_oriented", "accountable", "competent", "harmonious", "loyal", "adaptive", "collaborative"]

# An indicator: (id, name, unit of measure, annual target, ratio achieved, aggregation, aspect).
# Rates and indices ("last" / "mean") keep their target in each semester; counts ("cumulative")
# are split in two halves. Every indicator declares its semester targets, so a semester
# evaluation never depends on a pro-rating convention.
PEOPLE = [
    ("197205121997031001", "Drs. Okto Naitboho, M.Pd.", "disdikbud", "jpt", None, True,
     "Kepala Dinas Pendidikan dan Kebudayaan", "iku-literasi",
     [("iki-kadis-literasi", "Persentase satuan pendidikan dengan literasi minimal baik", "%", "70", 0.95, "last", "quality"),
      ("iki-kadis-aps", "Angka partisipasi sekolah usia 7–15 tahun", "%", "99", 0.997, "last", "quantity")],
     None, "high"),
    ("197608172002122002", "Yuliana Selan, S.Pd., M.Pd.", "bid-sd", "administrator", None, True,
     "Kepala Bidang Pembinaan SD", "iku-sd-tp",
     [("iki-sd-tp", "Persentase peserta didik SD mencapai tujuan pembelajaran", "%", "85", 0.98, "last", "quality"),
      ("iki-sd-supervisi", "Jumlah sekolah dasar yang disupervisi", "sekolah", "40", 1.05, "cumulative", "quantity")],
     "meets", "mid"),
    ("197711212003121003", "Lukas Benu, S.Pd., M.Si.", "bid-smp", "administrator", None, True,
     "Kepala Bidang Pembinaan SMP", "iku-smp-tp",
     [("iki-smp-tp", "Persentase peserta didik SMP mencapai tujuan pembelajaran", "%", "80", 1.02, "last", "quality")],
     "above", "high"),
    ("197903152005012004", "Naomi Tallo, S.Pd.", "sdn-oebobo-1", "functional", "middle_expert", True,
     "Guru Ahli Madya (Kepala SD Negeri Oebobo 1)", "iki-sd-tp",
     [("iki-ks1-tp", "Persentase peserta didik mencapai tujuan pembelajaran (sekolah)", "%", "85", 0.97, "last", "quality"),
      ("iki-ks1-literasi", "Skor literasi sekolah pada Rapor Pendidikan", "skor", "60", 0.94, "last", "quality"),
      ("iki-ks1-hadir", "Rata-rata kehadiran guru", "%", "97", 1.0, "mean", "quantity")],
     "meets", "mid"),
    ("199005062015032006", "Maria Fanggidae, S.Pd.", "sdn-oebobo-1", "functional", "first_expert", False,
     "Guru Kelas Ahli Pertama", "iki-ks1-tp",
     [("iki-g1-tp", "Persentase peserta didik kelas IV mencapai tujuan pembelajaran", "%", "80", 1.06, "last", "quality"),
      ("iki-g1-hadir", "Rata-rata kehadiran peserta didik", "%", "95", 0.99, "mean", "quantity"),
      ("iki-g1-modul", "Jumlah modul ajar disusun", "modul", "12", 1.0, "cumulative", "quantity")],
     "above", "high"),
    ("198703222011012007", "Yohanes Kolo, S.Pd.", "sdn-oebobo-1", "functional", "junior_expert", False,
     "Guru Kelas Ahli Muda", "iki-ks1-tp",
     [("iki-g2-tp", "Persentase peserta didik kelas VI mencapai tujuan pembelajaran", "%", "80", 0.93, "last", "quality"),
      ("iki-g2-literasi", "Persentase peserta didik kelas V dengan literasi minimal cakap", "%", "65", 0.9, "last", "quality")],
     "meets", "mid"),
    ("199411182020122008", "Febriyanti Lakapu, S.Pd.", "sdn-oebobo-1", "functional", "first_expert", False,
     "Guru Kelas Ahli Pertama (PPPK)", "iki-ks1-tp",
     [("iki-g3-tp", "Persentase peserta didik kelas II mencapai tujuan pembelajaran", "%", "80", 0.78, "last", "quality"),
      ("iki-g3-hadir", "Rata-rata kehadiran peserta didik", "%", "95", 0.93, "mean", "quantity")],
     "below", "low"),
    ("198002102006041005", "Drs. Marthen Luther Ndun, M.Pd.", "smpn-2-kupang", "functional", "middle_expert", True,
     "Guru Ahli Madya (Kepala SMP Negeri 2 Kupang)", "iki-smp-tp",
     [("iki-ks2-tp", "Persentase peserta didik mencapai tujuan pembelajaran (sekolah)", "%", "80", 1.03, "last", "quality"),
      ("iki-ks2-numerasi", "Skor numerasi sekolah pada Rapor Pendidikan", "skor", "55", 1.04, "last", "quality")],
     "above", "high"),
    ("198912032014022009", "Agustina Manafe, S.Pd.", "smpn-2-kupang", "functional", "junior_expert", False,
     "Guru Matematika Ahli Muda", "iki-ks2-tp",
     [("iki-g4-tp", "Persentase peserta didik mencapai tujuan pembelajaran matematika", "%", "75", 1.08, "last", "quality"),
      ("iki-g4-numerasi", "Persentase peserta didik kelas VIII dengan numerasi minimal cakap", "%", "60", 1.1, "last", "quality")],
     "above", "mid"),
    ("199207252019031010", "Kornelis Tefa, S.Pd.", "smpn-2-kupang", "functional", "first_expert", False,
     "Guru Bahasa Indonesia Ahli Pertama", "iki-ks2-tp",
     [("iki-g5-tp", "Persentase peserta didik mencapai tujuan pembelajaran Bahasa Indonesia", "%", "75", 1.0, "last", "quality"),
      ("iki-g5-literasi", "Persentase peserta didik kelas VIII dengan literasi minimal cakap", "%", "65", 0.97, "last", "quality"),
      ("iki-g5-modul", "Jumlah modul ajar disusun", "modul", "10", 1.2, "cumulative", "quantity")],
     "meets", "mid"),
    ("199108142015032011", "Rambu Anarita, S.Psi.", "smpn-2-kupang", "functional", "first_expert", False,
     "Guru Bimbingan dan Konseling Ahli Pertama", "iki-ks2-tp",
     [("iki-g6-layanan", "Jumlah peserta didik mendapat layanan konseling", "orang", "240", 1.04, "cumulative", "quantity"),
      ("iki-g6-absen", "Persentase peserta didik dengan ketidakhadiran kronis", "%", "5", 0.8, "last", "quality")],
     "meets", "mid"),
    ("199503302022031012", "Daniel Lay, A.Md.", "disdikbud", "executor", None, False,
     "Pengelola Data Pendidikan", "iki-kadis-aps",
     [("iki-data-dapodik", "Persentase sekolah dengan Dapodik tervalidasi tepat waktu", "%", "100", 0.96, "last", "time")],
     None, "mid"),
]

# Legacy PKG 2019 (PermenPAN-RB 16/2009): raw competency scores of the teachers who were guru
# then, with the credit data of their rank at the time (AKK, AKPKB, AKP) and teaching hours.
PKG_2019 = {
    "197903152005012004": {"role": "classroom", "raw_score": "50", "akk": "100", "akpkb": "12", "akp": "10",
                           "additional_duty": True},
    "199005062015032006": {"role": "classroom", "raw_score": "52", "akk": "50", "akpkb": "3", "akp": "5",
                           "teaching_hours": "24"},
    "198703222011012007": {"role": "classroom", "raw_score": "45", "akk": "50", "akpkb": "4", "akp": "5",
                           "teaching_hours": "24"},
    "198002102006041005": {"role": "classroom", "raw_score": "53", "akk": "100", "akpkb": "12", "akp": "10",
                           "additional_duty": True},
    "198912032014022009": {"role": "classroom", "raw_score": "48", "akk": "50", "akpkb": "3", "akp": "5",
                           "teaching_hours": "24"},
    "199207252019031010": {"role": "classroom", "raw_score": "41", "akk": "50", "akpkb": "3", "akp": "5",
                           "teaching_hours": "18"},
    "199108142015032011": {"role": "counsellor", "raw_score": "60", "akk": "50", "akpkb": "3", "akp": "5",
                           "teaching_hours": "24"},
}


def q2(x: Decimal) -> str:
    return str(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def behaviour(level: str) -> dict:
    vals = {}
    for v in BERAKHLAK:
        r = rng.random()
        if level == "high":
            vals[v] = "above" if r < 0.6 else "meets"
        elif level == "low":
            vals[v] = "below" if r < 0.3 else "meets"
        else:
            vals[v] = "above" if r < 0.15 else "meets"
    overall = {"high": "above", "low": "below", "mid": "meets"}[level]
    return {"values": vals, "overall": overall}


def lower_is_better(uom: str, name: str) -> bool:
    return "ketidakhadiran" in name


def semester_values(target: Decimal, ratio: float, agg: str) -> tuple[list[str], dict[str, str]]:
    """Two semester realisations and the two declared semester targets."""
    level = target * Decimal(str(ratio))
    if agg == "cumulative":
        half = (target / 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        first = (level * Decimal(str(round(0.5 + rng.uniform(-0.05, 0.05), 3)))).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP)
        second = level.quantize(Decimal("1"), rounding=ROUND_HALF_UP) - first
        return [str(first), str(second)], {"S1": str(half), "S2": str(target - half)}
    drift = Decimal(str(round(rng.uniform(-0.02, 0.0), 3)))
    first = level * (1 + drift)
    if agg == "mean":
        second = level * 2 - first  # the semester mean is exactly the level
    else:
        second = level  # "last": the year-end figure is the level
    return [q2(first), q2(second)], {"S1": str(target), "S2": str(target)}


def rhk_id(nip: str) -> str:
    return f"rhk-{nip[-4:]}-1"


def parent_ref(parent: str) -> str:
    if parent.startswith("iku"):
        return parent
    for p in PEOPLE:
        if any(i[0] == parent for i in p[8]):
            return f"{p[0]}/{rhk_id(p[0])}"
    raise KeyError(parent)


def build() -> dict:
    plans = []
    for (nip, name, unit, post, grade, head, position, parent, inds, rating, blevel) in PEOPLE:
        emp = {"id": nip, "name": name, "unit": unit, "post_type": post, "unit_head": head, "position": position}
        if grade:
            emp["functional_grade"] = grade
        indicators, reals = [], []
        weight = None if len(inds) == 1 else str((Decimal(100) / len(inds)).quantize(Decimal("0.01")))
        for iid, iname, uom, target, ratio, agg, aspect in inds:
            t = Decimal(target)
            values, targets = semester_values(t, ratio, agg)
            ind = {"id": iid, "name": iname, "unit_of_measure": uom, "aspect": aspect,
                   "polarity": "lower_is_better" if lower_is_better(uom, iname) else "higher_is_better",
                   "target": target, "aggregation": agg,
                   "period_targets": {f"{YEAR}-{s}": v for s, v in targets.items()}}
            if weight is not None:
                ind["weight"] = weight
            if not lower_is_better(uom, iname):
                ind["cap"] = "150"
            indicators.append(ind)
            for sem, v in zip(("S1", "S2"), values, strict=True):
                reals.append({"indicator": iid, "period": f"{YEAR}-{sem}", "actual": v})
        if weight is not None and len(inds) == 3:
            # 33.33 × 3 = 99.99: the last indicator takes the rest so the weights sum to 100.
            indicators[-1]["weight"] = str(Decimal(100) - Decimal(weight) * 2)
        result = {"id": rhk_id(nip), "description": inds[0][1], "kind": "primary", "indicators": indicators,
                  "parent": parent_ref(parent), "cascade": "direct" if parent.startswith("iku") else "indirect"}
        assessments = []
        for sem in ("S1", "S2"):
            a = {"period": f"{YEAR}-{sem}", "behaviour": behaviour(blevel)}
            if rating:
                a["work_result"] = rating if rng.random() < 0.85 else "meets"
            if post == "jpt":
                a["org_predicate"] = "good"
            assessments.append(a)
        annual = {"period": str(YEAR), "behaviour": behaviour(blevel)}
        if rating:
            annual["work_result"] = rating
        if post == "jpt":
            annual["org_predicate"] = "good"
        assessments.append(annual)
        plans.append({"employee": emp, "year": YEAR, "results": [result], "realisations": reals,
                      "assessments": assessments})
    previous = {p[0]: ("very_good" if p[10] == "high" else "needs_improvement" if p[10] == "low" else "good")
                for p in PEOPLE}
    pkg = []
    for nip, d in PKG_2019.items():
        credit = {"akk": d["akk"], "akpkb": d["akpkb"], "akp": d["akp"]}
        if d.get("additional_duty"):
            credit["additional_duty"] = True
        else:
            credit["teaching_hours"] = d["teaching_hours"]
        pkg.append({"teacher": nip, "role": d["role"], "raw_score": d["raw_score"], "credit": credit})
    return {
        "name": "Dinas Pendidikan dan Kebudayaan Kota Kupang (synthetic sample)",
        "note": "Synthetic data for demonstration: names, schools' figures and numbers are invented.",
        "sector": "education",
        "period": str(YEAR),
        "periods": [f"{YEAR}-S1", f"{YEAR}-S2", str(YEAR)],
        "org_predicate": "good",
        "units": UNITS,
        "goals": GOALS,
        "plans": plans,
        "previous_year_predicates": {"period": str(YEAR - 1), "predicates": previous},
        "pkg_2019": pkg,
    }


if __name__ == "__main__":
    here = pathlib.Path(__file__).parent
    out = here / "kupang_dinas_pendidikan.json"
    out.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
