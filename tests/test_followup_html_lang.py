"""Follow-up and instrument results (credit points, TPP, readiness, training, talent,
monitoring, month predicates, IKM, PKP, PKG, SPM...) are displayed by the core's one renderer:
the Indonesian HTML is wholly Indonesian with decimal commas (the trace inputs named as in the
text explanation, the numbers of the summaries too), the English HTML keeps its English names
and decimal points, and both have the same shape."""

from __future__ import annotations

import html as htmllib
import re
from typing import Any

import pytest
from test_followup import results as follow_up_results
from test_instruments import results as instrument_results

import kinerja as kj

POINT = re.compile(r"\d\.\d")
COMMA = re.compile(r"\d,\d")


def late_tpp() -> Any:
    """A TPP with a discipline deduction: the paid share is a decimal (98.8 % of the basis)."""
    late = {"kind": "late_arrival", "minutes": 45, "count": 3}
    month = {"employee": "e", "period": "2024-05", "job_class": "9", "predicate": "good"}
    return kj.tpp({**month, "attendance": [late]}, kj.datasets.kupang_rules())


def all_results() -> list[Any]:
    """One result (or more) of every class with `to_html` / `_repr_html_` and traces."""
    rules = kj.datasets.kupang_rules()
    return [
        *follow_up_results(kj.datasets.kupang_roster(), rules),
        late_tpp(),
        *instrument_results(),
        kj.month_predicate("2024-07", [("2024-S1", "good")], rule="last_completed"),
    ]


RESULTS = all_results()
IDS = [f"{i}-{type(r).__name__}" for i, r in enumerate(RESULTS)]


def visible(html: str) -> str:
    """The text a reader sees: one cell or paragraph per line, without the stylesheet."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    cells = (htmllib.unescape(c).strip() for c in re.split(r"<[^>]+>", html))
    return "\n".join(c for c in cells if c)


def skeleton(html: str) -> list[str]:
    """The tags of `html` in order (its shape, without the texts)."""
    return re.findall(r"<[^>]+>", html)


def input_lines(text: str, word: str) -> list[str]:
    """The inputs of every step of a text explanation (`    Masukan: a = 1; b = 2`)."""
    prefix = f"    {word}: "
    return [line[len(prefix) :] for line in text.splitlines() if line.startswith(prefix)]


def check_indonesian(html: str, traces_text: list[str]) -> None:
    """The Indonesian display: decimal commas only, inputs named as the text explanation names
    them, Indonesian headings."""
    seen = visible(html)
    assert not POINT.findall(seen), [line for line in seen.splitlines() if POINT.search(line)]
    cells = seen.splitlines()
    for text in traces_text:
        for line in input_lines(text, "Masukan"):
            assert line in cells, f"inputs `{line}` not displayed as in the text explanation"
    if traces_text:
        assert "Penjelasan" in cells and "Masukan" in cells, seen
        assert "Explanation" not in cells and "Inputs" not in cells, seen


def check_english(html_en: str, html_id: str, traces_text: list[str]) -> None:
    """The English display: the same shape as the Indonesian one, decimal points where the
    Indonesian has commas, inputs as in the English text explanation."""
    assert skeleton(html_en) == skeleton(html_id)
    seen, seen_id = visible(html_en), visible(html_id)
    assert not COMMA.findall(seen), seen
    assert len(POINT.findall(seen)) == len(COMMA.findall(seen_id))
    cells = seen.splitlines()
    for text in traces_text:
        for line in input_lines(text, "Inputs"):
            assert line in cells, f"inputs `{line}` not displayed as in the text explanation"
    if traces_text:
        assert "Explanation" in cells and "Inputs" in cells, seen
        assert "Penjelasan" not in cells and "Masukan" not in cells, seen


def fields(html: str) -> dict[str, str]:
    """The label–value rows of the summary's field table."""
    rows = re.findall(r"<tr><th>([^<]*)</th><td>([^<]*)</td></tr>", html)
    return {htmllib.unescape(k): htmllib.unescape(v) for k, v in rows}


def test_every_displayed_follow_up_class_is_checked() -> None:
    classes = {
        n
        for n in dir(kj._kinerja)
        if isinstance(getattr(kj._kinerja, n), type)
        and hasattr(getattr(kj._kinerja, n), "traces")
        and hasattr(getattr(kj._kinerja, n), "_repr_html_")
    }
    assert len(classes) >= 16
    assert classes <= {type(r).__name__ for r in RESULTS}


@pytest.mark.parametrize("r", RESULTS, ids=IDS)
def test_indonesian_html_is_wholly_indonesian(r: Any) -> None:
    texts = [t.to_text("id") for t in r.traces]
    check_indonesian(r.to_html("id"), texts)
    kj.set_display_lang("id")
    shown = r._repr_html_()
    assert shown.startswith('<div class="kj kj-display"><style>') and r.to_html("id") in shown


@pytest.mark.parametrize("r", RESULTS, ids=IDS)
def test_english_html_keeps_its_shape(r: Any) -> None:
    texts = [t.to_text("en") for t in r.traces]
    check_english(r.to_html("en"), r.to_html("id"), texts)
    kj.set_display_lang("en")
    try:
        assert r.to_html("en") in r._repr_html_()
    finally:
        kj.set_display_lang("id")


@pytest.mark.parametrize("r", RESULTS, ids=IDS)
def test_indonesian_text_has_decimal_commas(r: Any) -> None:
    text = r.explain("id")
    assert not POINT.findall(text), [line for line in text.splitlines() if POINT.search(line)]
    assert not COMMA.findall(r.explain("en"))


def test_summaries_write_numbers_in_the_readers_style() -> None:
    cp = kj.credit_points("very_good", "first_expert")
    assert fields(cp.to_html("id"))["Koefisien"] == "12,5"
    assert fields(cp.to_html("id"))["Angka kredit"] == "18,75 (18,75)"
    assert fields(cp.to_html("en"))["Coefficient"] == "12.5"
    assert fields(cp.to_html("en"))["Credit points"] == "18.75 (18.75)"
    tpp = late_tpp()
    assert fields(tpp.to_html("id"))["Dibayar"] == "Rp 2766400 (98,8%)"
    assert fields(tpp.to_html("en"))["Paid"] == "Rp 2766400 (98.8%)"
    ikm = kj.satisfaction_index(["3.5"] * 9)
    assert fields(ikm.to_html("id"))["Nilai IKM (NIK)"] == "87,50"
    assert fields(ikm.to_html("en"))["Index (NIK)"] == "87.50"
    size = kj.sample_size(1000)
    assert fields(size.to_html("id"))["Metode"] == "rumus"
    assert fields(size.to_html("en"))["Method"] == "formula"


def test_trace_inputs_are_named_in_the_readers_language() -> None:
    pkg = kj.pkg_assessment({"role": "classroom", "raw_score": "52"})
    assert "mentah = 52; maks = 56" in visible(pkg.to_html("id")).splitlines()
    assert "raw = 52; max = 56" in visible(pkg.to_html("en")).splitlines()
    mp = kj.month_predicate("2024-07", [("2024-S1", "good")], rule="last_completed")
    assert "bulan = 2024-07" in visible(mp.to_html("id"))
    assert "month = 2024-07" in visible(mp.to_html("en"))
    size = kj.sample_size(1000)
    assert "P = 0,5; d = 0,05" in visible(size.to_html("id"))
    assert "P = 0.5; d = 0.05" in visible(size.to_html("en"))


# English words the engine writes in these explanations; none may appear in Indonesian text.
ENGLISH = {
    "exact", "places", "to", "last", "deduction", "rounding", "rounded", "mean", "month",
    "weighted", "projection", "engine", "convention", "chosen", "caller", "combining",
    "common", "practice", "example", "confirmed", "up", "of", "the", "and", "or", "coverage",
    "achievement", "predicate", "grade", "potential", "class", "factor", "hours", "annual",
    "cumulative", "value", "minutes", "served",
}  # fmt: skip
# Indonesian words and labels the engine writes; none may appear in English text.
INDONESIAN = {
    "predikat", "jenjang", "potensial", "kelas", "jabatan", "menit", "sangat", "baik",
    "kurang", "tinggi", "rendah", "menengah", "ahli", "pertama", "muda", "madya", "utama",
    "perbaikan", "ekspektasi", "cakupan", "sasaran", "dilayani", "tahun", "bulan", "dan",
    "atau", "contoh", "tepat", "desimal", "ke", "angka", "kredit", "kumulatif", "koefisien",
    "persentase", "manajemen", "talenta", "kotak", "kesehatan", "layanan", "capaian",
    "mutu", "konversi", "rumus", "tugas", "tambahan", "jam", "pembulatan", "amat",
}  # fmt: skip
MACHINE = re.compile(r"\S*(?:_|`|[A-Za-z0-9]\.[A-Za-z])\S*")


def own_texts(r: Any) -> list[str]:
    """The user's own texts in a result (ids, indicator names, the policy id): kept as written."""
    names = [str(getattr(r, k)) for k in ("employee", "unit", "puskesmas", "teacher") if hasattr(r, k)]
    for i in getattr(r, "indicators", None) or []:
        names += [str(i.indicator), str(i.name)] if hasattr(i, "indicator") else []
    names += [kj.datasets.kupang_policy().id, "Perwali Kota Kupang tentang TPP", "Kota Kupang"]
    names.append(": achievement")  # the policy section cited by its field name
    return sorted((n for n in names if n), key=len, reverse=True)


def words_of(text: str, own: list[str]) -> set[str]:
    """The lower-case words of `text` outside the user's texts and machine names."""
    for o in own:
        # only where it stands alone: an id `a` must not take letters out of words
        left = r"(?<![^\W_])" if re.match(r"[^\W_]", o) else ""
        right = r"(?![^\W_])" if re.search(r"[^\W_]$", o) else ""
        text = re.sub(left + re.escape(o) + right, " ", text)
    text = MACHINE.sub(" ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


@pytest.mark.parametrize("r", RESULTS, ids=IDS)
def test_explanations_are_wholly_in_one_language(r: Any) -> None:
    own = own_texts(r)
    for t in r.traces:
        text_id, text_en = t.to_text("id"), t.to_text("en")
        assert not POINT.findall(text_id), text_id
        bad_id = words_of(text_id, own) & ENGLISH
        assert not bad_id, (bad_id, text_id)
        bad_en = words_of(text_en, own) & INDONESIAN
        assert not bad_en, (bad_en, text_en)


def test_recorded_labels_read_in_each_language() -> None:
    cp = kj.credit_points("very_good", "first_expert")
    text_id, text_en = cp.explain("id"), cp.explain("en")
    assert "predikat = Sangat Baik" in text_id and "jenjang = Ahli Pertama" in text_id
    assert "Sangat Baik" not in text_en and "Ahli Pertama" not in text_en
    tal = kj.talent_placement("e", "very_good", "high")
    assert "potensial = Tinggi" in tal.explain("id") and "Tinggi" not in tal.explain("en")
    tpp = late_tpp()
    assert "kelas jabatan = 9" in tpp.explain("id") and "job class = 9" in tpp.explain("en")
    assert "to be confirmed" not in tpp.explain("id")
    size = kj.sample_size(1000)
    assert "pembulatan = half_up ke 0 desimal" in size.explain("id")
    assert "rounding = half_up to 0 places" in size.explain("en")


def test_reasons_built_in_the_core_write_numbers_in_the_readers_style() -> None:
    """A watchlist's reasons carry decimals; the core writes them with a comma in Indonesian
    (the binding no longer patches them on display)."""
    rules = kj.datasets.kupang_rules()
    w = kj.watchlist(kj.datasets.kupang_roster()["plans"], "2024-06", rules)
    html_id, html_en = visible(w.to_html("id")), visible(w.to_html("en"))
    assert not POINT.findall(html_id), html_id
    assert COMMA.findall(html_id) and POINT.findall(html_en)
