"""The web page of kinerja-server in a real browser: Debian's chromium and chromium-driver, driven
by selenium (`.ci/run` installs both when missing).

Evaluates the bundled PP 46/2011 example plan through the form, checks the predicate and a cited
explanation step against the golden vector, switches the page to English, checks the
distribution curve against the golden TV-02 case, and saves a screenshot. Uploads the sample
export, checks the results table, its filter, the unit chart and the workbook download, and a
located error for a badly read file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_process import ROOT, Server, running_server

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (make test-deps)")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

GOLDEN = ROOT / "testdata" / "golden"
PLAN = ROOT / "testdata" / "plans" / "pp46_2011_example.json"
EXPORTS = ROOT / "testdata" / "exports"


def find_browser() -> tuple[str, str] | None:
    """The chromium binary and its driver, from the environment or the Debian packages."""
    browser = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not driver and Path("/usr/lib/chromium/chromedriver").exists():
        driver = "/usr/lib/chromium/chromedriver"
    if browser and driver:
        return browser, driver
    return None


def golden_case(file: str, case_id: str) -> dict[str, Any]:
    data = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
    found: dict[str, Any] = next(c for c in data["cases"] if c["id"] == case_id)
    return found


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    found = find_browser()
    if found is None:
        pytest.skip(
            "chromium and chromedriver not found (Debian: apt-get install chromium chromium-driver; "
            "or set CHROMIUM and CHROMEDRIVER)"
        )
    binary, driver_path = found
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        opts.add_argument(arg)
    opts.add_argument("--window-size=1280,2400")
    profile = tempfile.mkdtemp(prefix="kinerja-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_evaluate_explain_switch_language_and_distribution(
    server: Server, browser: Any, tmp_path: Path
) -> None:
    wait = WebDriverWait(browser, 60)
    browser.get(server.url + "/")
    assert browser.find_element(By.ID, "evaluate-title").text == "Evaluasi satu SKP"
    # The ruleset list is filled from GET /v1/rulesets.
    wait.until(lambda d: len(Select(d.find_element(By.ID, "rules")).options) == 3)

    # Evaluate the bundled PP 46/2011 plan; the golden vector "PP46 full" is this plan.
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    expected = golden_case("pp46_plans.json", "PP46 full")
    assert expected["input"]["plan"] == plan
    text = browser.find_element(By.ID, "plan-text")
    browser.execute_script("arguments[0].value = arguments[1];", text, json.dumps(plan))
    Select(browser.find_element(By.ID, "rules")).select_by_value("pp-46-2011")
    browser.find_element(By.ID, "period").send_keys("2019")
    browser.find_element(By.CSS_SELECTOR, "#evaluate-form button[type=submit]").click()
    result = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#evaluate-result .predicate")))
    assert result.text == expected["expected"]["label"] == "Sangat Baik"
    out = browser.find_element(By.ID, "evaluate-result").text
    assert "Pegawai P46-B (P46-B) — 2019" in out
    # The explanation: a step whose source cites PP 46/2011, and the final score of the golden vector.
    rows = browser.find_elements(By.CSS_SELECTOR, "#evaluate-result details tbody tr")
    cells = [[td.text for td in r.find_elements(By.TAG_NAME, "td")] for r in rows]
    assert cells, "no explanation steps"
    cited = [c for c in cells if "PP 46/2011" in c[-1] or "PP 46 Tahun 2011" in c[-1]]
    assert cited, f"no step cites PP 46/2011: {[c[-1] for c in cells]}"
    # the page is in Bahasa Indonesia: the trace writes the score with a decimal comma
    score_id = expected["expected"]["score"].replace(".", ",")
    assert any(score_id in " ".join(c) for c in cells), (score_id, cells)
    assert not any(expected["expected"]["score"] in " ".join(c) for c in cells), cells

    # English: the labels change, the choice is applied at once.
    Select(browser.find_element(By.ID, "lang")).select_by_value("en")
    assert browser.find_element(By.ID, "evaluate-title").text == "Evaluate one plan (SKP)"
    assert browser.find_element(By.CSS_SELECTOR, "#evaluate-form button[type=submit]").text == "Evaluate"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"

    # The distribution curve: golden TV-02 "good" unit with 8 of 10 good (at most 7 allowed).
    curve = golden_case("org_distribution.json", "TV-02-good-fail")
    lines = "\n".join(f"{nip},{p}" for nip, p in curve["input"]["roster"])
    dist = browser.find_element(By.ID, "dist-text")
    browser.execute_script("arguments[0].value = arguments[1];", dist, lines)
    Select(browser.find_element(By.ID, "org-predicate")).select_by_value(curve["input"]["org_predicate"])
    browser.find_element(By.CSS_SELECTOR, "#distribution-form button[type=submit]").click()
    verdict = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#distribution-result h3")))
    assert curve["expected"]["passed"] is False
    assert verdict.text == "FAILS — Employees counted: 10"
    bars = browser.find_element(By.CSS_SELECTOR, "#distribution-result .bars").text
    assert "Good\n8 (allowed range 0–7) ✗" in bars, bars
    assert "Very good\n2 (allowed range 0–10)" in bars, bars

    shot = tmp_path / "kinerja-server-page.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("KINERJA_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_score_upload_table_chart_and_download(server: Server, browser: Any, tmp_path: Path) -> None:
    """Uploads the canonical sample export, checks the predicate of one employee in the results
    table, opens the cited explanation of that employee, filters the table, checks the unit chart
    and the located problem row, downloads the workbook and saves a screenshot."""
    wait = WebDriverWait(browser, 60)
    browser.get(server.url + "/")
    Select(browser.find_element(By.ID, "lang")).select_by_value("id")
    form = wait.until(ec.visibility_of_element_located((By.ID, "score-form")))
    wait.until(lambda d: len(Select(d.find_element(By.ID, "score-rules")).options) == 3)
    browser.find_element(By.ID, "score-file").send_keys(str(EXPORTS / "skp_canonical.csv"))
    Select(browser.find_element(By.ID, "number-format")).select_by_value("plain")
    assert browser.find_element(By.ID, "score-collect").is_selected()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    table = wait.until(ec.presence_of_element_located((By.ID, "score-table")))

    def row_of(nip: str) -> list[str]:
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
            cells = [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            if cells and cells[0] == nip:
                return cells
        raise AssertionError(f"{nip} not in the results table")

    maria = row_of("198701012010011001")
    # the page is in Bahasa Indonesia: the API's "93.00" is written with a decimal comma
    assert maria[1:3] == ["BKPSDM", "93,00"], maria
    assert maria[5] == "Baik", maria
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 3
    # A click on the NIP: the cited explanation of that employee in a panel, in the page's language.
    table.find_element(By.CSS_SELECTOR, "button.nip[aria-label$='198701012010011001']").click()
    explained = wait.until(ec.visibility_of_element_located((By.ID, "explain-text")))
    assert "PermenPANRB 6/2022" in explained.text, explained.text
    panel = browser.find_element(By.ID, "explain-panel")
    assert "Maria Lende (198701012010011001)" in panel.text and "Baik" in panel.text, panel.text
    browser.find_element(By.ID, "explain-close").click()
    assert not panel.is_displayed()
    # The filter keeps the matching rows only.
    browser.find_element(By.ID, "score-filter").send_keys("Dinas Kesehatan")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert [r.find_element(By.TAG_NAME, "td").text for r in rows] == ["199203102015032003"]
    # The unit chart and the located problem of the sample's incomplete employee.
    chart = browser.find_element(By.ID, "units-chart").text
    assert "BKPSDM (2)" in chart and "Sebaran predikat per unit" in chart, chart
    assert "199203102015032003" in browser.find_element(By.ID, "score-result").text
    # The workbook download: a fetch with the Accept header, then a Blob link.
    browser.execute_script(
        "window.__clicked = null; const orig = HTMLAnchorElement.prototype.click;"
        "HTMLAnchorElement.prototype.click = function () { window.__clicked = this.download; };"
    )
    browser.find_element(By.ID, "download-xlsx").click()
    wait.until(lambda d: d.execute_script("return window.__clicked"))
    assert browser.execute_script("return window.__clicked") == "skp_canonical-kinerja.xlsx"

    # In English the same score keeps its decimal point.
    Select(browser.find_element(By.ID, "lang")).select_by_value("en")
    browser.find_element(By.ID, "score-filter").clear()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(ec.staleness_of(table))
    table = wait.until(ec.presence_of_element_located((By.ID, "score-table")))
    assert row_of("198701012010011001")[1:3] == ["BKPSDM", "93.00"]

    shot = tmp_path / "kinerja-server-score.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("KINERJA_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, Path(keep).with_name(Path(keep).stem + "-score.png"))


def test_score_shows_a_located_error(server: Server, browser: Any) -> None:
    """The Indonesian export read as plain numbers stops at row 1 with the column named."""
    wait = WebDriverWait(browser, 60)
    browser.get(server.url + "/")
    Select(browser.find_element(By.ID, "lang")).select_by_value("id")
    form = wait.until(ec.visibility_of_element_located((By.ID, "score-form")))
    browser.find_element(By.ID, "score-file").send_keys(str(EXPORTS / "skp_bkpsdm.csv"))
    Select(browser.find_element(By.ID, "number-format")).select_by_value("auto")
    browser.execute_script("document.getElementById('score-collect').checked = false;")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    box = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#score-result .problem")))
    text = box.text
    assert "Baris\n1" in text and "Isian\nactual" in text, text
    assert "number_format" in text, text
