"""Every citation in the project points inside the project (docs/legal), never to a file users lack.

* no file outside ``docs/legal`` names the research notes the project was built from;
* every open-question code (``C-…``), source code (``S-…``, ``G-…``) and worked-example code
  (``TV-…``, ``IKM-…``, ``PP46-…``) used anywhere is defined by an anchor in ``docs/legal``;
* every ``docs/legal/….md`` path named anywhere exists, and every relative link inside
  ``docs/legal`` resolves.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEGAL = ROOT / "docs" / "legal"

# Built from parts so that this file does not match itself.
EXTERNAL_NOTES = "REGULATIONS" + ".md"
EXTERNAL_SECTION = re.compile("REGULATIONS" + r"\s*§")
SHARED_DIR = "/work/" + "shared"
CODE = re.compile(
    r"\b(?:C-\d{1,2}|TV-\d{2}|S-(?:R\d+|\d{2,3}[a-z]*\d*|[A-Z]{2,4}\d+)|G-[A-Z][A-Z0-9]+|IKM-\d|PP46-[A-Z])\b"
)
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
LEGAL_PATH = re.compile(r"docs/legal/([A-Za-z0-9_.-]+\.md)")
SKIP_SUFFIXES = {".lock", ".png", ".jpg", ".ico", ".parquet", ".arrow", ".xlsx", ".pdf"}


def _project_files() -> list[Path]:
    """Tracked and new (not ignored) files; a walk of the tree when git is unavailable."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        files = [ROOT / line for line in out.splitlines() if line]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", "target", ".venv", "node_modules", "__pycache__"}
        files = [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    return [p for p in files if p.is_file() and p.suffix not in SKIP_SUFFIXES]


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None


def _outside_legal() -> list[tuple[Path, str]]:
    found = []
    for path in _project_files():
        if LEGAL in path.parents:
            continue
        text = _text(path)
        if text is not None:
            found.append((path, text))
    return found


def _defined_codes() -> set[str]:
    defined: set[str] = set()
    for page in LEGAL.glob("*.md"):
        for anchor in ANCHOR.findall(page.read_text(encoding="utf-8")):
            defined.add(anchor.upper())
    return defined


def test_legal_reference_exists() -> None:
    pages = {p.name for p in LEGAL.glob("*.md")}
    assert {"README.md", "open-questions.md", "sources.md"} <= pages
    assert len(pages) >= 10, pages


def test_no_file_points_to_the_external_research_notes() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path, text in _outside_legal()
        if EXTERNAL_NOTES in text or EXTERNAL_SECTION.search(text) or SHARED_DIR in text
    ]
    assert offenders == [], f"cite the regulation or docs/legal instead: {offenders}"


def test_every_code_used_is_defined_in_docs_legal() -> None:
    defined = _defined_codes()
    # Sanity: the page of open questions and the page of sources define their codes.
    assert {"C-1", "C-13", "C-20", "S-AK8", "G-GAS", "TV-01", "TV-37", "IKM-1"} <= defined
    undefined: dict[str, list[str]] = {}
    for path, text in _outside_legal():
        for code in set(CODE.findall(text)):
            if code.upper() not in defined:
                undefined.setdefault(code, []).append(str(path.relative_to(ROOT)))
    assert undefined == {}, f"define these codes in docs/legal (an <a id> anchor): {undefined}"


def test_the_code_pattern_is_not_vacuous() -> None:
    sample = "see C-6 and S-AK8, TV-07, G-NTT1, S-622g2, IKM-1; not ABC-1 or UTF-8"
    assert sorted(CODE.findall(sample)) == ["C-6", "G-NTT1", "IKM-1", "S-622g2", "S-AK8", "TV-07"]


@pytest.mark.parametrize("page", sorted(p.name for p in LEGAL.glob("*.md")))
def test_relative_links_in_docs_legal_resolve(page: str) -> None:
    text = (LEGAL / page).read_text(encoding="utf-8")
    defined = {a.lower() for a in ANCHOR.findall(text)}
    for target in re.findall(r"\]\(([^)]+)\)", text):
        if target.startswith(("http://", "https://")):
            continue
        file, _, fragment = target.partition("#")
        dest = LEGAL / file if file else LEGAL / page
        assert dest.is_file(), f"{page}: broken link {target}"
        if fragment:
            anchors = defined if not file else {a.lower() for a in ANCHOR.findall(_text(dest) or "")}
            assert fragment in anchors, f"{page}: no anchor {target}"


def test_every_docs_legal_path_named_in_the_project_exists() -> None:
    missing = {
        f"{path.relative_to(ROOT)}: docs/legal/{name}"
        for path, text in _outside_legal()
        for name in LEGAL_PATH.findall(text)
        if not (LEGAL / name).is_file()
    }
    assert missing == set()
