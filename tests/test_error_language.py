"""Error messages in Bahasa Indonesia through a documented setting: ``kj.set_error_lang``, the
environment variable ``KINERJA_ERROR_LANG`` (also for the command line), and the attributes
``message_en`` / ``message_id`` of every exception. The message catalogue covers every message
written in the sources (Rust and Python), and its Indonesian holds no English word."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

import kinerja as kj
from kinerja import exceptions as kx

sys.path.insert(0, str(Path(__file__).parent))
import message_sites  # noqa: E402

ENGLISH = set(
    "the is are must not and or of for from with to needs given missing empty invalid unknown "
    "duplicate negative positive column row table file sheet employee indicator weight period "
    "policy value number predicate behaviour appraiser achievement rounding month quarter annual "
    "year expected got found allowed between than larger less above below outside only each every "
    "one no none should cannot can give use set name names".split()
)
HOLE = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


def words(text: str) -> set[str]:
    """The words of an Indonesian text outside code in backticks and quoted values."""
    plain = re.sub(r"`[^`]*`|\"[^\"]*\"|'[^']*'", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]+", plain)}


@pytest.fixture
def indonesian() -> Iterator[None]:
    before = kj.error_lang()
    kj.set_error_lang("id")
    yield
    kj.set_error_lang(before)


def test_every_message_written_in_the_sources_is_in_the_catalogue() -> None:
    sites = message_sites.sites()
    catalogue = message_sites.catalogue()
    # the scan finds the messages (an extractor that found nothing would pass vacuously)
    assert len(sites) > 400, len(sites)
    assert any(w.startswith("python/") for where in sites.values() for w in where)
    missing = {t: where[0] for t, where in sites.items() if t not in catalogue}
    assert not missing, "\n".join(f"{t}  ({w})" for t, w in sorted(missing.items()))


def test_the_catalogues_indonesian_holds_no_english_word() -> None:
    bad = []
    for en, id_ in message_sites.catalogue().items():
        if en == id_:
            continue  # not prose: a path or an identifier
        found = words(HOLE.sub(" ", id_)) & ENGLISH
        if found:
            bad.append(f"{sorted(found)}: {id_}")
    assert not bad, "\n".join(bad)


def test_default_is_english_and_both_texts_are_attributes() -> None:
    assert kj.error_lang() == "en"
    with pytest.raises(kx.PeriodError) as e:
        kj.Period("2024-Q5")
    assert str(e.value).startswith("invalid period `2024-Q5`")
    assert e.value.message_en == str(e.value)
    assert e.value.message_id.startswith("periode `2024-Q5` tidak sah: nomor triwulan harus antara 1 dan 4")


def test_set_error_lang_gives_indonesian_messages(indonesian: None) -> None:
    with pytest.raises(kx.PeriodError, match=r"^periode `2024-Q5` tidak sah"):
        kj.Period("2024-Q5")
    with pytest.raises(kx.IndicatorError) as e:
        kj.achievement(target=Decimal("0"), actual=Decimal("5"))
    assert "bahasa Inggris" not in str(e.value), str(e.value)
    assert not words(str(e.value)) & ENGLISH, str(e.value)
    with pytest.raises(kx.KinerjaError):
        kj.set_error_lang("fr")


def test_table_problems_in_indonesian(indonesian: None) -> None:
    pa = pytest.importorskip("pyarrow")
    t = pa.table({"employee": ["1"], "taregt": [Decimal("10")], "actual": [Decimal("5")]})
    with pytest.raises(kx.InputError) as e:
        kj.score(t)
    msg = str(e.value)
    assert msg.startswith("tabel indikator"), msg
    assert "bahasa Inggris" not in msg, msg
    assert e.value.message_en.startswith("indicators"), e.value.message_en
    t = pa.table({"employee": ["1"], "target": ["100"], "actual": ["97,5"]})
    with pytest.raises(kx.InputError) as e:
        kj.score(t)
    msg = str(e.value)
    assert "`97,5` adalah 97.5 dalam notasi Indonesia" in msg, msg
    assert "bahasa Inggris" not in msg and not words(msg) & ENGLISH, msg


def test_python_raised_errors_carry_both_texts(indonesian: None) -> None:
    with pytest.raises(kx.InputError) as e:
        kj.report(object(), format="docx")  # type: ignore[arg-type]
    assert e.value.message_en.startswith("format: `docx` is not accepted"), e.value.message_en
    assert str(e.value) == e.value.message_id
    assert not words(e.value.message_id) & ENGLISH, e.value.message_id


def cli(*args: str, lang: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KINERJA_ERROR_LANG"}
    if lang:
        env["KINERJA_ERROR_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args], capture_output=True, text=True, timeout=120, env=env
    )


def one_line(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode != 0
    assert "Traceback" not in p.stderr, p.stderr
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, p.stderr
    return lines[0]


def test_the_command_line_speaks_indonesian_when_asked(tmp_path: Path) -> None:
    out = str(tmp_path / "out.csv")
    missing = str(tmp_path / "nope.csv")
    line = one_line(cli("score", missing, "-o", out, lang="id"))
    assert line.startswith("kinerja score: kesalahan: "), line
    assert "berkas atau folder tidak ada" in line, line
    line = one_line(cli("score", missing, "-o", out, lang=None))
    assert line.startswith("kinerja score: error: "), line
    assert "No such file or directory" in line, line
    bad = tmp_path / "skp.csv"
    bad.write_text("employee,taregt,actual\n1,10,5\n", encoding="utf-8")
    line = one_line(cli("score", str(bad), "-o", out, lang="id"))
    assert line.startswith("kinerja score: kesalahan: "), line
    assert "tabel indikator" in line and "apakah maksudnya `target`?" in line, line
    assert "bahasa Inggris" not in line, line
    assert not words(line.split("skp.csv: ", 1)[1]) & ENGLISH, line
