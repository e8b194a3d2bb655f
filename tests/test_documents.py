"""Evaluation documents: ``Evaluation.to_pdf`` / ``to_html``, ``kj.report`` and ``kinerja
report``. PDFs are read back with poppler's ``pdftotext`` / ``pdfinfo`` / ``pdftoppm`` (CI installs
poppler-utils; without it, outside CI, those checks are skipped with the reason)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import kinerja as kj
from kinerja.exceptions import InputError, KinerjaError

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "testdata" / "exports" / "skp_canonical.csv"
BKPSDM = ROOT / "testdata" / "exports" / "skp_bkpsdm.csv"
NIP = "198701012010011001"


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} (poppler-utils) is missing on CI; .ci/run installs it")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return path


def pdf_text(data: bytes, tmp_path: Path) -> str:
    p = tmp_path / "doc.pdf"
    p.write_bytes(data)
    return subprocess.run(
        [_poppler("pdftotext"), "-layout", str(p), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(data: bytes, tmp_path: Path) -> int:
    p = tmp_path / "pages.pdf"
    p.write_bytes(data)
    info = subprocess.run([_poppler("pdfinfo"), str(p)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def plan() -> kj.Plan:
    return kj.Plan.from_dict(
        {
            "employee": {
                "id": NIP,
                "name": "Ani Lestari",
                "unit": "puskesmas-oesapa",
                "post_type": "functional",
                "functional_grade": "first_expert",
                "position": "Perawat Ahli Pertama",
            },
            "year": 2024,
            "results": [
                {
                    "id": "rhk-1",
                    "description": "Meningkatnya pelayanan pasien",
                    "parent": "iku-1",
                    "indicators": [
                        {
                            "id": "iki-1",
                            "name": "Pasien yang dilayani",
                            "target": "1200",
                            "unit_of_measure": "orang",
                        },
                        {
                            "id": "iki-2",
                            "name": "Waktu tunggu rata-rata",
                            "target": "30",
                            "polarity": "lower_is_better",
                        },
                    ],
                }
            ],
            "realisations": [
                {"indicator": "iki-1", "period": "2024", "actual": "1140"},
                {"indicator": "iki-2", "period": "2024", "actual": "24.5"},
            ],
            "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "above"}}],
        }
    )


APPRAISER = {"id": "197501012000031001", "name": "dr. Yosef Manek", "position": "Kepala Puskesmas"}


def test_evaluation_pdf_carries_identity_indicators_predicate_and_citations(tmp_path: Path) -> None:
    p = plan()
    ev = kj.evaluate(p, "2024")
    data = ev.to_pdf(
        plan=p, appraiser=APPRAISER, goals={"iku-1": "Meningkatnya mutu layanan kesehatan dasar"}
    )
    assert data.startswith(b"%PDF-")
    text = " ".join(pdf_text(data, tmp_path).split())
    for want in [
        "Ani Lestari",
        NIP,
        "Perawat Ahli Pertama",
        "dr. Yosef Manek",
        "Pasien yang dilayani",
        "Waktu tunggu rata-rata",
        "95,00%",
        "118,33%",
        "106,67%",
        "Baik",
        "PermenPANRB 6/2022",
        "Halaman 1 dari",
    ]:
        assert want in text, f"missing {want!r} in the PDF text"
    en = " ".join(pdf_text(ev.to_pdf("en", plan=p), tmp_path).split())
    assert "Good" in en and "106.67%" in en and "Page 1 of" in en
    assert "Predikat" not in en and "Halaman" not in en


def test_to_pdf_and_to_html_write_atomically_and_never_over_a_folder(tmp_path: Path) -> None:
    ev = kj.evaluate(plan(), "2024")
    out = tmp_path / "ani.pdf"
    data = ev.to_pdf(path=out)
    assert out.read_bytes() == data
    html = ev.to_html("en", path=tmp_path / "ani.html")
    assert (tmp_path / "ani.html").read_text(encoding="utf-8") == html
    assert html.startswith("<!DOCTYPE html>") and 'lang="en"' in html
    with pytest.raises(OSError):
        ev.to_pdf(path=tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["ani.html", "ani.pdf"]  # no temporary file left


def test_document_arguments_are_checked() -> None:
    p = plan()
    ev = kj.evaluate(p, "2024")
    with pytest.raises(InputError, match="appraiser"):
        ev.to_html(appraiser={"nip": "1"})  # no name
    with pytest.raises(InputError, match="appraiser.grade"):
        ev.to_html(appraiser={"name": "x", "grade": "y"})
    with pytest.raises(InputError, match="lang"):
        ev.to_html("fr")
    other = kj.Plan.from_dict({**p.to_dict(), "employee": {**p.to_dict()["employee"], "id": "x"}})
    with pytest.raises(InputError, match="plan"):
        ev.to_html(plan=other)
    kupang = kj.evaluate(p, "2024", rules=kj.datasets.kupang_rules())
    with pytest.raises(InputError, match="rules="):
        kupang.to_html()
    assert "Baik" in kupang.to_html(rules=kj.datasets.kupang_rules())


def test_report_of_a_roster_one_document_per_employee_then_the_units(tmp_path: Path) -> None:
    r = kj.report(EXPORT, on_error="collect")
    assert r.format == "pdf" and r.data is not None
    # Siti Nope's yearly sum has only two quarters: listed, not silently dropped
    assert [nip for nip, _ in r.errors] == ["199203102015032003"]
    assert isinstance(r.errors[0][1], KinerjaError)
    assert r.documents == 2 + 1  # two employees, one unit (BKPSDM)
    text = pdf_text(r.data, tmp_path)
    assert "Maria Lende" in text and "Yohanes Benu" in text and "Laporan Kinerja Unit" in text
    assert "Pegawai yang tidak dapat dinilai" in text and "199203102015032003" in text
    # each document starts on a new page: at least one page per document, plus the errors page
    assert pdf_pages(r.data, tmp_path) >= r.documents + 1
    # the same predicate as kj.score
    import pyarrow.compute as pc

    scored = kj.score(EXPORT, on_error="collect").employees
    maria = scored.filter(pc.equal(scored["employee"], NIP))
    assert maria["predicate"].to_pylist() == ["good"]
    assert "Baik" in pdf_text(kj.report(EXPORT, only=[NIP], unit_reports=False).data or b"", tmp_path)
    html = kj.report(EXPORT, on_error="collect", format="html", lang="en").data
    assert html is not None and b"Unit Performance Report" in html and b"Good" in html


def test_report_split_writes_one_file_per_nip(tmp_path: Path) -> None:
    r = kj.report(BKPSDM, number_format="id", on_error="collect", split=True)
    assert set(r.employees) == {NIP, "197905152005012002"}
    assert set(r.units) == {"BKPSDM"}
    written = r.write(tmp_path / "docs")
    names = sorted(os.path.basename(w) for w in written)
    assert names == ["197905152005012002.pdf", f"{NIP}.pdf", "unit-BKPSDM.pdf"]
    for w in written:
        assert pdf_pages(Path(w).read_bytes(), tmp_path) >= 1


def test_report_raises_on_a_bad_cell_with_its_row(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("employee,indicator,target,actual,work_result,behaviour\na,a1,100,abc,meets,meets\n")
    with pytest.raises(KinerjaError, match="row 1"):
        kj.report(bad)
    with pytest.raises(InputError, match="format"):
        kj.report(bad, format="docx")  # type: ignore[arg-type]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args], capture_output=True, text=True, check=False
    )


def test_cli_report_to_one_pdf_and_to_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    p = run_cli("report", str(BKPSDM), "--number-format", "id", "--on-error", "collect", "-o", str(out))
    assert p.returncode == 1, p.stderr  # one employee not evaluated
    assert "199203102015032003" in p.stderr and "Traceback" not in p.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "Maria Lende" in text and "Laporan Kinerja Unit" in text
    folder = tmp_path / "per-nip"
    p = run_cli("report", str(EXPORT), "--employee", NIP, "--no-units", "--lang", "en", "-o", f"{folder}/")
    assert p.returncode == 0, p.stderr
    assert os.listdir(folder) == [f"{NIP}.pdf"]
    assert "Employee Performance Evaluation" in pdf_text((folder / f"{NIP}.pdf").read_bytes(), tmp_path)
    html = tmp_path / "one.html"
    p = run_cli("report", str(EXPORT), "--employee", NIP, "-o", str(html))
    assert p.returncode == 0, p.stderr
    assert "Dokumen Evaluasi Kinerja Pegawai" in html.read_text(encoding="utf-8")


def test_cli_report_never_writes_over_its_input_and_refuses_unknown_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(EXPORT.read_bytes())
    p = run_cli("report", str(src), "-o", str(src))
    assert p.returncode == 2 and src.read_bytes() == EXPORT.read_bytes(), p.stderr
    p = run_cli("report", str(src), "-o", str(tmp_path / "x.docx"))
    assert p.returncode == 2 and "unknown output type" in p.stderr
    p = run_cli("report", str(src), "--employee", "000", "-o", str(tmp_path / "x.pdf"))
    assert p.returncode == 3 and "`000`" in p.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_first_page_is_not_blank(tmp_path: Path) -> None:
    data = kj.evaluate(plan(), "2024").to_pdf()
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(data)
    subprocess.run(
        [_poppler("pdftoppm"), "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    pgm = next(tmp_path.glob("page*.pgm")).read_bytes()
    # P5 header: magic, width height, maxval, then one byte a pixel
    parts = pgm.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4][-width * height :]
    dark = sum(1 for b in pixels if b < 200)
    assert dark > 0.01 * len(pixels), f"page 1 looks blank ({dark} dark pixels of {len(pixels)})"


def test_decimal_values_in_documents_match_the_evaluation() -> None:
    ev = kj.evaluate(plan(), "2024")
    assert ev.weighted_achievement == Decimal("106.67")
    html = ev.to_html()
    assert "106,67%" in html and "106.67%" not in html


def test_notebook_displays_share_the_documents_stylesheet() -> None:
    ev = kj.evaluate(plan(), "2024")
    html = ev._repr_html_()
    assert html.startswith('<div class="kj kj-display"><style>')
    assert "prefers-color-scheme: dark" in html  # a dark variant
    assert '<td class="num">95,00%</td>' in html  # numbers right-aligned, Indonesian style
    assert '<td class="num">95.00%</td>' in ev.to_html("en") or "95.00%" in ev.to_html("en")
    assert ev.trace._repr_html_().startswith('<div class="kj kj-display">')
    assert (
        kj.check_distribution({"a": "good"}, "good")._repr_html_().startswith('<div class="kj kj-display">')
    )


def test_teachers_get_documents_with_credit_points_and_schools_get_unit_reports(tmp_path: Path) -> None:
    rules = kj.datasets.kupang_rules()
    plans = {p.employee.id: p for p in kj.datasets.kupang_plans(sector="education")}
    naomi = plans["197903152005012004"]  # guru Ahli Madya at SDN Oebobo 1
    ev = kj.evaluate(naomi, "2024", rules=rules)
    text = " ".join(pdf_text(ev.to_pdf(plan=naomi, rules=rules), tmp_path).split())
    assert "Naomi Tallo" in text and "Ahli Madya" in text and "Angka kredit" in text
    # Baik → 12/12 × 100 % × 37.5 (coefficient of Ahli Madya)
    assert ev.predicate == "good"
    assert "Angka kredit: 37,50" in text
    for name in ["Persentase peserta didik mencapai", "Skor literasi sekolah", "Rata-rata kehadiran guru"]:
        assert name in text


def test_unit_report_from_evaluations_with_goals_and_watch_list(tmp_path: Path) -> None:
    rules = kj.datasets.kupang_rules()
    plans = [p for p in kj.datasets.kupang_plans(sector="education") if p.employee.unit == "sdn-oebobo-1"]
    evs = [kj.evaluate(p, "2024", rules=rules) for p in plans]
    monitors = [kj.monitor(p, "2024-06", rules=rules) for p in plans]
    watch = kj.watchlist(monitors)
    html = kj.unit_report(
        evs,
        "sdn-oebobo-1",
        name="SDN Oebobo 1",
        org_predicate="good",
        watchlist=watch,
        rules=rules,
        format="html",
    )
    assert "Laporan Kinerja Unit" in html and "SDN Oebobo 1" in html
    assert "Daftar pantauan" in html and "Sebaran predikat" in html
    for p in plans:
        assert p.employee.name in html
    # without the organisational predicate the curve is not checked, and the report says so
    plain = kj.unit_report(evs, "sdn-oebobo-1", rules=rules, format="html", lang="en")
    assert "The distribution curve is not checked" in plain
    data = kj.unit_report(evs, "sdn-oebobo-1", rules=rules, path=tmp_path / "unit.pdf")
    assert (tmp_path / "unit.pdf").read_bytes() == data and data.startswith(b"%PDF-")
    with pytest.raises(InputError, match="org_predicate"):
        kj.unit_report(evs, "sdn-oebobo-1", rules=rules, org_predicate="great")
    with pytest.raises(KinerjaError, match="unit"):
        kj.unit_report(evs, "smpn-2-kupang", rules=rules)
    # one evaluation per employee: a second one of the same employee is refused at its row
    with pytest.raises(KinerjaError, match=f"row {len(evs)}, employee `{evs[0].employee}`"):
        kj.unit_report([*evs, evs[0]], "sdn-oebobo-1", rules=rules)


def test_report_progress_is_called_until_every_employee_is_done() -> None:
    calls: list[tuple[int, int]] = []
    kj.report(EXPORT, on_error="collect", format="html", progress=lambda d, t: calls.append((d, t)))
    assert calls, "progress was never called"
    assert calls[-1] == (3, 3)  # three employees in the file, the last call after the work
    assert all(d <= t for d, t in calls)


def test_report_progress_errors_propagate() -> None:
    def boom(done: int, total: int) -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        kj.report(EXPORT, on_error="collect", format="html", progress=boom)
