"""Generate the synthetic Dinas Kesehatan Kota Kupang roster (deterministic).

The people and numbers are invented; the structure follows a real regional health office.
Run: python examples/data/generate_kupang.py  (writes the three roster files beside it)
"""

import json
import random
from decimal import ROUND_HALF_UP, Decimal

YEAR = 2024
rng = random.Random(20240101)

UNITS = [
    {"id": "dinkes", "name": "Dinas Kesehatan Kota Kupang", "parent": None, "head": "197001011995031001"},
    {"id": "sekretariat", "name": "Sekretariat", "parent": "dinkes", "head": "197502022000032002"},
    {"id": "kesmas", "name": "Bidang Kesehatan Masyarakat", "parent": "dinkes", "head": "197803032003121003"},
    {"id": "p2p", "name": "Bidang Pencegahan dan Pengendalian Penyakit", "parent": "dinkes", "head": "198004042005011004"},
    {"id": "yankes", "name": "Bidang Pelayanan Kesehatan", "parent": "dinkes", "head": "197906062004122006"},
    {"id": "pkm-oebobo", "name": "UPTD Puskesmas Oebobo", "parent": "dinkes", "head": "198105052006042005"},
]

GOALS = [
    {"id": "iku-ikm", "unit": "dinkes", "name": "Indeks Kepuasan Masyarakat layanan kesehatan", "target": "82", "polarity": "higher_is_better", "weight": "30", "actual": "84.12"},
    {"id": "iku-bumil", "unit": "dinkes", "name": "Persentase ibu hamil mendapat pelayanan sesuai standar (SPM)", "target": "100", "polarity": "higher_is_better", "weight": "40", "actual": "93.5"},
    {"id": "iku-aki", "unit": "dinkes", "name": "Jumlah kematian ibu", "target": "3", "polarity": "lower_is_better", "weight": "30", "actual": "2"},
    {"id": "iku-laporan", "unit": "sekretariat", "name": "Persentase laporan keuangan dan kinerja tepat waktu", "target": "100", "polarity": "higher_is_better", "weight": "100", "actual": "100"},
    {"id": "iku-k1", "unit": "kesmas", "name": "Cakupan kunjungan ibu hamil K6", "target": "95", "polarity": "higher_is_better", "weight": "100", "actual": "91"},
    {"id": "iku-tb", "unit": "p2p", "name": "Persentase orang terduga TBC mendapat pelayanan sesuai standar", "target": "100", "polarity": "higher_is_better", "weight": "100", "actual": "88"},
    {"id": "iku-rujukan", "unit": "yankes", "name": "Rata-rata waktu tunggu rawat jalan (menit)", "target": "60", "polarity": "lower_is_better", "weight": "100", "actual": "52"},
    {"id": "iku-kunjungan", "unit": "pkm-oebobo", "name": "Jumlah kunjungan pasien puskesmas", "target": "36000", "polarity": "higher_is_better", "weight": "100", "actual": "37110"},
]

BERAKHLAK = ["service_oriented", "accountable", "competent", "harmonious", "loyal", "adaptive", "collaborative"]


def q2(x: Decimal) -> str:
    return str(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def monthly(total: Decimal, spread: float, kind: str):
    """12 monthly actuals. kind: 'sum' splits a yearly total, 'level' varies around a level."""
    out = []
    for _ in range(12):
        f = Decimal(str(round(1 + rng.uniform(-spread, spread), 3)))
        if kind == "sum":
            out.append((total / 12 * f).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
        else:
            out.append((total * f).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return out


def ind(iid, name, uom, target, *, aspect="quantity", polarity="higher_is_better", weight=None, aggregation="cumulative", cap=None, max_target=False):
    d = {"id": iid, "name": name, "unit_of_measure": uom, "aspect": aspect, "polarity": polarity, "target": target, "aggregation": aggregation}
    if weight is not None:
        d["weight"] = weight
    if cap is not None:
        d["cap"] = cap
    if max_target:
        d["target_is_max"] = True
    return d


def behaviour(level: str):
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


# (id, name, unit, post_type, grade, unit_head, position, parent_rhk, indicators with (ratio of yearly target achieved), appraiser rating, behaviour level)
PEOPLE = [
    ("197001011995031001", "dr. Yohana Fanggidae, M.Kes", "dinkes", "jpt", None, True, "Kepala Dinas Kesehatan",
     "iku-bumil", [("iki-kadis-bumil", "Persentase ibu hamil mendapat pelayanan sesuai standar", "%", "100", 0.935, "last", "quality"),
                   ("iki-kadis-ikm", "Indeks Kepuasan Masyarakat", "indeks", "82", 1.026, "last", "quality")], None, "high"),
    ("197502022000032002", "Maria Goreti Ndoen, S.E., M.M.", "sekretariat", "administrator", None, True, "Sekretaris Dinas",
     "iku-laporan", [("iki-sek-lap", "Persentase laporan tepat waktu", "%", "100", 1.0, "mean", "time"),
                     ("iki-sek-serap", "Persentase serapan anggaran", "%", "95", 0.97, "last", "cost")], "meets", "mid"),
    ("197803032003121003", "Yakobus Tefa, S.KM., M.Kes", "kesmas", "administrator", None, True, "Kepala Bidang Kesehatan Masyarakat",
     "iki-kadis-bumil", [("iki-kesmas-k6", "Cakupan kunjungan ibu hamil K6", "%", "95", 0.958, "last", "quantity"),
                ("iki-kesmas-gizi", "Persentase balita gizi buruk ditangani", "%", "100", 1.0, "mean", "quality")], "meets", "mid"),
    ("198004042005011004", "dr. Agustinus Bria", "p2p", "administrator", None, True, "Kepala Bidang P2P",
     "iku-tb", [("iki-p2p-tb", "Persentase terduga TBC dilayani sesuai standar", "%", "100", 0.88, "last", "quality"),
                ("iki-p2p-imun", "Cakupan imunisasi dasar lengkap", "%", "95", 0.91, "last", "quantity")], "below", "mid"),
    ("197906062004122006", "Theresia Lake, S.Kep., Ns., M.Kes", "yankes", "administrator", None, True, "Kepala Bidang Pelayanan Kesehatan",
     "iku-rujukan", [("iki-yankes-tunggu", "Rata-rata waktu tunggu rawat jalan", "menit", "60", 0.87, "mean", "time")], "above", "high"),
    ("198105052006042005", "dr. Fransiska Manu", "pkm-oebobo", "supervisor", None, True, "Kepala UPTD Puskesmas Oebobo",
     "iku-kunjungan", [("iki-pkm-kunjungan", "Jumlah kunjungan pasien", "kunjungan", "36000", 1.031, "cumulative", "quantity"),
                       ("iki-pkm-ikm", "Indeks Kepuasan Masyarakat puskesmas", "indeks", "80", 1.05, "last", "quality")], None, "high"),
    ("198807072014022007", "dr. Kristina Pello", "pkm-oebobo", "functional", "first_expert", False, "Dokter Ahli Pertama",
     "iki-pkm-kunjungan", [("iki-dr1-pasien", "Jumlah pasien yang dilayani", "orang", "4800", 1.12, "cumulative", "quantity"),
                           ("iki-dr1-rujukan", "Persentase rujukan non-spesialistik", "%", "5", 0.8, "mean", "quality")], "above", "high"),
    ("199003082015031008", "dr. Marthen Seran", "pkm-oebobo", "functional", "junior_expert", False, "Dokter Ahli Muda",
     "iki-pkm-kunjungan", [("iki-dr2-pasien", "Jumlah pasien yang dilayani", "orang", "4200", 0.95, "cumulative", "quantity")], "meets", "mid"),
    ("199209092019022009", "Elisabeth Nubatonis, A.Md.Kep.", "pkm-oebobo", "functional", "skilled", False, "Perawat Terampil",
     "iki-pkm-kunjungan", [("iki-prw1-askep", "Jumlah asuhan keperawatan", "pasien", "2400", 1.15, "cumulative", "quantity"),
                           ("iki-prw1-lap", "Laporan bulanan tepat waktu", "hari keterlambatan", "2", 0.5, "mean", "time")], None, "high"),
    ("199110102016032010", "Yuliana Kase, S.Kep., Ns.", "pkm-oebobo", "functional", "first_expert", False, "Perawat Ahli Pertama",
     "iki-pkm-kunjungan", [("iki-prw2-askep", "Jumlah asuhan keperawatan", "pasien", "2400", 0.74, "cumulative", "quantity")], "below", "low"),
    ("199312112020122011", "Magdalena Taneo, A.Md.Keb.", "kesmas", "functional", "proficient", False, "Bidan Mahir",
     "iki-kesmas-k6", [("iki-bdn-anc", "Jumlah ibu hamil dilayani ANC", "orang", "480", 1.02, "cumulative", "quantity"),
                       ("iki-bdn-aki", "Jumlah kematian ibu di wilayah binaan", "orang", "0", 0.0, "cumulative", "quality")], "meets", "mid"),
    ("198512122010011012", "Petrus Lay, S.Sos.", "sekretariat", "supervisor", None, False, "Sub-Koordinator Perencanaan dan Pelaporan",
     "iki-sek-lap", [("iki-ren-lap", "Persentase laporan kinerja tepat waktu", "%", "100", 1.0, "mean", "time")], "meets", "mid"),
    ("199401132022031013", "Aprianus Nenobais, A.Md.", "sekretariat", "executor", None, False, "Pengadministrasi Umum",
     "iki-ren-lap", [("iki-adm-surat", "Jumlah surat yang diagendakan", "surat", "1800", 1.08, "cumulative", "quantity")], None, "mid"),
    ("199502142023022014", "Novita Bessie, S.KM.", "p2p", "functional", "first_expert", False, "Epidemiolog Kesehatan Ahli Pertama",
     "iki-p2p-tb", [("iki-epid-pe", "Jumlah penyelidikan epidemiologi", "kegiatan", "24", 1.25, "cumulative", "quantity")], "above", "mid"),
]


def rhk_id(nip: str) -> str:
    return f"rhk-{nip[-4:]}-1"


def parent_ref(parent: str) -> str:
    """A goal id stays as it is; an indicator id becomes `<employee>/<rhk>` of its owner."""
    if parent.startswith("iku"):
        return parent
    for p in PEOPLE:
        if any(i[0] == parent for i in p[8]):
            return f"{p[0]}/{rhk_id(p[0])}"
    raise KeyError(parent)


def build():
    plans = []
    for (nip, name, unit, post, grade, head, position, parent, inds, rating, blevel) in PEOPLE:
        emp = {"id": nip, "name": name, "unit": unit, "post_type": post, "unit_head": head, "position": position}
        if grade:
            emp["functional_grade"] = grade
        indicators, reals = [], []
        n = len(inds)
        for k, (iid, iname, uom, target, ratio, agg, aspect) in enumerate(inds):
            lower = uom in ("menit", "hari keterlambatan") or "kematian" in iname or "rujukan" in iname
            w = str(Decimal(100) / n) if n > 1 else None
            if w and n == 3:
                w = None
            cap = "150" if not lower else None
            indicators.append(ind(iid, iname, uom, target, aspect=aspect,
                                  polarity="lower_is_better" if lower else "higher_is_better",
                                  weight=w, aggregation=agg, cap=cap))
            t = Decimal(target)
            level = t * Decimal(str(ratio))
            if agg == "cumulative":
                vals = monthly(level, 0.15, "sum") if t > 0 else [Decimal(0)] * 12
            else:
                vals = monthly(level, 0.03, "level")
                if agg == "last":
                    vals[-1] = level.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
                if agg == "mean":
                    # keep the mean exactly at the level
                    diff = level * 12 - sum(vals)
                    vals[-1] = vals[-1] + diff
            for m, v in enumerate(vals, start=1):
                reals.append({"indicator": iid, "period": f"{YEAR}-{m:02d}", "actual": q2(v) if agg != "cumulative" else str(v)})
        result = {"id": rhk_id(nip), "description": inds[0][1], "kind": "primary", "indicators": indicators}
        if parent:
            result["parent"] = parent_ref(parent)
            result["cascade"] = "direct" if parent.startswith("iku") or rng.random() < 0.5 else "indirect"
        results = [result]
        if nip.endswith("2009") or nip.endswith("2007"):
            results.append({"id": f"rhk-{nip[-4:]}-t1", "description": "Tim penanganan KLB DBD (tugas tambahan)", "kind": "additional", "indicators": []})
        assess = {"period": str(YEAR), "behaviour": behaviour(blevel)}
        if rating:
            assess["work_result"] = rating
        if post == "jpt":
            assess["org_predicate"] = "good"
        quarterly = []
        for qn in range(1, 5):
            qa = {"period": f"{YEAR}-Q{qn}", "behaviour": behaviour(blevel)}
            if rating:
                qa["work_result"] = rating if rng.random() < 0.8 else "meets"
            if post == "jpt":
                qa["org_predicate"] = "good"
            quarterly.append(qa)
        plans.append({"employee": emp, "year": YEAR, "results": results, "realisations": reals,
                      "assessments": quarterly + [assess]})
    return {
        "name": "Dinas Kesehatan Kota Kupang (synthetic sample)",
        "note": "Synthetic data for demonstration: names and numbers are invented.",
        "period": str(YEAR),
        "org_predicate": "good",
        "units": UNITS,
        "goals": GOALS,
        "plans": plans,
    }




def build_pp46(year: int = 2020):
    """The same office under PP 46/2011 (performance year 2020): each indicator becomes an
    activity (kegiatan) with quantity, quality, time and — for some — cost aspects."""
    r = random.Random(2020)
    plans = []
    for (nip, name, unit, post, grade, head, position, _parent, inds, _rating, blevel) in PEOPLE:
        emp = {"id": nip, "name": name, "unit": unit, "post_type": post, "unit_head": head, "position": position}
        if grade:
            emp["functional_grade"] = grade
        results, reals = [], []
        for k, (iid, iname, _uom, target, ratio, _agg, _aspect) in enumerate(inds):
            t = Decimal(target) if Decimal(target) > 0 else Decimal(12)
            qty = (t * Decimal(str(min(ratio, 1.1)))).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
            aid = f"keg-{k + 1}"
            inds_ = [
                {"id": f"{aid}-kuantitas", "name": f"{iname} (kuantitas)", "aspect": "quantity", "target": str(t)},
                {"id": f"{aid}-kualitas", "name": f"{iname} (kualitas)", "aspect": "quality", "target": "100", "aggregation": "last"},
                {"id": f"{aid}-waktu", "name": f"{iname} (waktu, bulan)", "aspect": "time", "target": "12", "aggregation": "last"},
            ]
            reals += [
                {"indicator": f"{aid}-kuantitas", "period": str(year), "actual": str(qty)},
                {"indicator": f"{aid}-kualitas", "period": str(year), "actual": str(r.randint(78, 96))},
                {"indicator": f"{aid}-waktu", "period": str(year), "actual": str(r.choice([12, 12, 11, 10, "9.12"]))},
            ]
            if k == 0 and head:
                inds_.append({"id": f"{aid}-biaya", "name": f"{iname} (biaya)", "aspect": "cost", "target": "50000000"})
                reals.append({"indicator": f"{aid}-biaya", "period": str(year), "actual": str(r.choice([45000000, 48500000, 50000000]))})
            results.append({"id": aid, "description": iname, "kind": "primary", "indicators": inds_})
        if nip.endswith("2009") or nip.endswith("2007"):
            results += [{"id": f"tugas-{i}", "description": "Tugas tambahan dengan surat tugas", "kind": "additional"} for i in range(1, 5)]
        if nip.endswith("2006"):
            results.append({"id": "kreativitas:organisasi", "description": "Inovasi antrean daring rawat jalan", "kind": "additional"})
        base = {"high": 88, "mid": 80, "low": 66}[blevel]
        aspects = {a: str(base + r.randint(-4, 4)) for a in ["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"]}
        if post in ("jpt", "administrator", "supervisor"):
            aspects["kepemimpinan"] = str(base + r.randint(-4, 4))
        plans.append({"employee": emp, "year": year, "results": results, "realisations": reals,
                      "assessments": [{"period": str(year), "behaviour_aspects": aspects}]})
    return {"name": "Dinas Kesehatan Kota Kupang 2020 under PP 46/2011 (synthetic sample)",
            "note": "Synthetic data for demonstration: names and numbers are invented.",
            "period": str(year), "regime": "pp-46-2011", "plans": plans}


def build_8_2021():
    """The same office under PermenPANRB 8/2021 for July–December 2021 (period 2021-S2)."""
    r = random.Random(2021)
    plans = []
    for (nip, name, unit, post, grade, head, position, parent, inds, _rating, blevel) in PEOPLE:
        emp = {"id": nip, "name": name, "unit": unit, "post_type": post, "unit_head": head, "position": position}
        if grade:
            emp["functional_grade"] = grade
        results, reals = [], []
        for k, (iid, iname, uom, target, ratio, agg, aspect) in enumerate(inds):
            lower = uom in ("menit", "hari keterlambatan") or "kematian" in iname or "rujukan" in iname
            t = Decimal(target)
            half = (t / 2) if agg == "cumulative" else t
            actual = (half * Decimal(str(ratio))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            ind_ = {"id": iid, "name": iname, "unit_of_measure": uom, "aspect": aspect,
                    "polarity": "lower_is_better" if lower else "higher_is_better",
                    "target": str(half), "aggregation": "last"}
            rid = f"rencana-aksi:{k}" if post == "jpt" and k == 1 else f"rhk-{k + 1}"
            results.append({"id": rid, "description": iname, "kind": "primary", "indicators": [ind_]})
            reals.append({"indicator": iid, "period": "2021-S2", "actual": str(actual)})
        score = {"high": 104, "mid": 92, "low": 72}[blevel] + r.randint(-3, 3)
        plans.append({"employee": emp, "year": 2021, "results": results, "realisations": reals,
                      "assessments": [{"period": "2021-S2", "behaviour_score": str(score),
                                       "innovation": blevel == "high" and r.random() < 0.5}]})
    return {"name": "Dinas Kesehatan Kota Kupang, July–December 2021 under PermenPANRB 8/2021 (synthetic sample)",
            "note": "Synthetic data for demonstration: names and numbers are invented.",
            "period": "2021-S2", "regime": "permenpanrb-8-2021", "plans": plans}


if __name__ == "__main__":
    import pathlib

    here = pathlib.Path(__file__).parent
    for fname, data in [("kupang_dinas_kesehatan.json", build()),
                        ("kupang_dinas_kesehatan_2020_pp46.json", build_pp46()),
                        ("kupang_dinas_kesehatan_2021s2_permenpanrb_8_2021.json", build_8_2021())]:
        (here / fname).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
