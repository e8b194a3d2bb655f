"""Finds every error-message text written in the Rust sources, as the English template the
Indonesian message catalogue (``kinerja-core/src/error/messages/*.tsv``) must cover.

A message site (Rust) is a string literal or the format string of ``format!`` given as

- the ``reason:`` or ``message:`` field of an error or problem (also ``kind:`` and
  ``operation:``, words of the frame), or a text error: ``Err(format!(…))``,
  ``ok_or_else(|| format!(…))``,
- the message argument of ``Problem::new(table, message)``,
- a ``write!(f, …)`` of a hand-written error ``Display`` (the files in ``DISPLAY_FILES``),
- the ``#[error("…")]`` message of an error enum (thiserror), except the core ``Error``'s,
  whose frames are worded in ``error/wording.rs``,
- the message argument of a helper function or closure whose parameter is named ``reason``,
  ``message`` or ``msg`` (found in the same file, or anywhere for a ``pub fn``),
- every literal of a ``let`` named after a hole the catalogue translates as a message of its
  own (``want``, ``need``, ``what``, ``hint``: ``let want = if … { "zero or more" } else { … };``),
  which a template such as ``{v} must be {want}`` then holds — unless it is bilingual text
  already (``BiText``), a closure or a match pattern.

In the Python package, a message site is the (f-)string message of ``error(cls, message)``
(``kinerja.exceptions.error``) and of ``CliError(message)``.

Templates keep the format-string form (``{name}`` holes, ``{{`` for a literal brace); plain
literals have their braces doubled. Run it to list the templates the catalogue lacks:

    python tests/message_sites.py            # missing templates, one per line, with a site
    python tests/message_sites.py --all      # every template
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = ("kinerja-core", "kinerja-table", "kinerja-py", "kinerja-server")
CATALOGUE = ROOT / "kinerja-core" / "src" / "error" / "messages"
PARAMS = ("reason", "message", "msg")
PYTHON = ROOT / "python" / "kinerja"
# Files whose hand-written `Display` (`write!(f, …)`) words error messages.
DISPLAY_FILES = ("kinerja-table/src/numbers.rs",)
PY_CALLS = {"error": 1, "CliError": 0}
_PY_STRING = re.compile(r"\s*([rRfF]{0,2})(\"\"\"|\'\'\'|\"|\')")


def _code(path: Path) -> str:
    """The file without its unit-test module and without line comments."""
    text = path.read_text(encoding="utf-8")
    cut = re.search(r"#\[cfg\(test\)\]\s*(#\[[^\]]*\]\s*)*(pub\s+)?mod\s+\w+\s*\{", text)
    if cut:
        text = text[: cut.start()]
    return "\n".join("" if ln.lstrip().startswith("//") else ln for ln in text.split("\n"))


def _literal(text: str, i: int) -> tuple[str, bool, int] | None:
    """The string literal at ``text[i:]`` (after blanks and an optional ``format!(``):
    (raw source text, is-format, end) — or None when there is no literal there."""
    m = re.compile(r"\s*(format!\(\s*)?").match(text, i)
    assert m is not None
    j = m.end()
    fmt = m.group(1) is not None
    raw = re.compile(r'r(#*)"').match(text, j)
    if raw:
        close = '"' + raw.group(1)
        end = text.index(close, raw.end())
        return text[raw.end() : end], fmt, end + len(close)
    if j < len(text) and text[j] == '"':
        k = j + 1
        while text[k] != '"':
            k += 2 if text[k] == "\\" else 1
        return _unescape(text[j + 1 : k]), fmt, k + 1
    return None


def _unescape(body: str) -> str:
    """A Rust string literal's value (escapes and line continuations resolved)."""
    out: list[str] = []
    k = 0
    while k < len(body):
        c = body[k]
        if c != "\\":
            out.append(c)
            k += 1
            continue
        n = body[k + 1]
        if n == "\n":
            k += 2
            while k < len(body) and body[k] in " \t\n":
                k += 1
            continue
        if n == "u":
            end = body.index("}", k)
            out.append(chr(int(body[k + 3 : end], 16)))
            k = end + 1
            continue
        out.append({"n": "\n", "t": "\t", "0": "\0", "r": "\r"}.get(n, n))
        k += 2
    return "".join(out)


def _args_start(text: str, i: int, index: int) -> int | None:
    """Where argument ``index`` of the call whose ``(`` is at ``text[i - 1]`` starts."""
    depth, k, arg = 0, i, 0
    if index == 0:
        return i
    while k < len(text):
        c = text[k]
        if c == '"':
            lit = _literal(text, k)
            k = lit[2] if lit else k + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return None
            depth -= 1
        elif c == "," and depth == 0:
            arg += 1
            if arg == index:
                return k + 1
        k += 1
    return None


def _helpers(code: str) -> dict[str, int]:
    """Functions and closures of a file taking a message: name → message argument index."""
    found: dict[str, int] = {}
    for m in re.finditer(
        r"fn\s+(\w+)\s*(?:<[^>]*>)?\(([^)]*)\)|let\s+(\w+)\s*=\s*(?:move\s*)?\|([^|]*)\|", code
    ):
        name, params = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        names = [
            p.split(":")[0].strip().lstrip("&").replace("mut ", "") for p in params.split(",") if p.strip()
        ]
        names = [n for n in names if n not in ("self", "&self", "&mut self")]
        for idx, n in enumerate(names):
            if n in PARAMS:
                found[name] = idx
    return found


def _py_literal(text: str, i: int) -> str | None:
    """The template of the adjacent Python string literals at ``text[i:]`` (f-strings keep
    their holes; other strings have their braces doubled), or None."""
    parts: list[str] = []
    k = i
    while m := _PY_STRING.match(text, k):
        prefix, quote = m.group(1).lower(), m.group(2)
        j = m.end()
        while not text.startswith(quote, j):
            j += 2 if text[j] == "\\" and "r" not in prefix else 1
        body = text[m.end() : j]
        k = j + len(quote)
        if "r" not in prefix:
            body = ast.literal_eval(quote + body + quote)
        parts.append(body if "f" in prefix else body.replace("{", "{{").replace("}", "}}"))
    return "".join(parts) if parts else None


def _python_sites(out: dict[str, list[str]]) -> None:
    for path in sorted(PYTHON.glob("*.py")):
        code = path.read_text(encoding="utf-8")
        for name, idx in PY_CALLS.items():
            for m in re.finditer(rf"(?<![\w.]){name}\(", code):
                if code[: m.start()].rstrip().endswith(("def", "class")):
                    continue
                start = _args_start(code, m.end(), idx)
                t = None if start is None else _py_literal(code, start)
                if t is not None and not re.fullmatch(r"\{[^{}]*\}", t):
                    line = code.count("\n", 0, m.start()) + 1
                    out.setdefault(t, []).append(f"{path.relative_to(ROOT)}:{line}")


# `let` names whose value fills a nested hole of a template (`NESTED` in error/wording.rs).
NESTED_LETS = ("want", "need", "what", "hint")


def _statement_end(text: str, i: int) -> int:
    """Where the statement starting at ``text[i:]`` ends: its ``;`` outside brackets and
    string literals."""
    depth, k = 0, i
    while k < len(text):
        c = text[k]
        if c == '"':
            k += 1
            while text[k] != '"':
                k += 2 if text[k] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == ";" and depth == 0:
            return k
        k += 1
    return k


def _nested_lets(code: str) -> list[int]:
    """Where each literal (or ``format!``) of a ``let`` in ``NESTED_LETS`` starts."""
    found: list[int] = []
    for m in re.finditer(rf"\blet\s+({'|'.join(NESTED_LETS)})\s*=", code):
        end = _statement_end(code, m.end())
        stmt = code[m.end() : end]
        if "BiText" in stmt or re.match(r"\s*(move\s*)?\|", stmt):
            continue
        k = m.end()
        while (q := re.compile(r'format!\(\s*"|r#*"|"').search(code, k, end)) is not None:
            lit = _literal(code, q.start())
            if lit is None:
                k = q.end()
                continue
            if not re.match(r"\s*(\|[^=]*)?=>", code[lit[2] : end]):  # not a match pattern
                found.append(q.start())
            k = lit[2]
    return found


def _template(src: str, fmt: bool) -> str:
    return src if fmt else src.replace("{", "{{").replace("}", "}}")


def sites() -> dict[str, list[str]]:
    """Every message template in the sources → the places (file:line) that write it."""
    # wording.rs words the catalogue's own problems (for its test); literal.rs is the `dec!`
    # literal's compile-time errors, read by Rust developers in their build
    skip = ("error/wording.rs", "src/literal.rs")
    files = [
        p for c in CRATES for p in sorted((ROOT / c / "src").rglob("*.rs")) if not p.as_posix().endswith(skip)
    ]
    codes = {p: _code(p) for p in files}
    public: dict[str, int] = {}
    for code in codes.values():
        for name, idx in _helpers(code).items():
            if re.search(rf"pub(\(crate\))?\s+fn\s+{name}\b", code):
                public[name] = idx
    out: dict[str, list[str]] = {}

    def add(path: Path, code: str, pos: int, fmt: bool = False) -> None:
        lit = _literal(code, pos)
        if lit is None:
            return
        t = _template(lit[0], lit[1] or fmt)
        if re.fullmatch(r"\{[^{}]*\}", t):
            return  # a pass-through of another message
        line = code.count("\n", 0, pos) + 1
        out.setdefault(t, []).append(f"{path.relative_to(ROOT)}:{line}")

    for path, code in codes.items():
        for m in re.finditer(r"\b(reason|message|kind|operation):|(?<![\w.])Err\(|ok_or_else\(\|\|", code):
            add(path, code, m.end())
        if path.name != "mod.rs" or path.parent.name != "error":  # the core error's frames: wording.rs
            for m in re.finditer(r"#\[error\(", code):
                lit = _literal(code, m.end())
                if lit is not None:
                    add(path, code, m.end(), fmt=True)
        if path.as_posix().endswith(DISPLAY_FILES):
            for m in re.finditer(r"write!\(\s*f,", code):
                add(path, code, m.end(), fmt=True)
        for m in re.finditer(r"Problem::new\(", code):
            start = _args_start(code, m.end(), 1)
            if start is not None:
                add(path, code, start)
        for pos in _nested_lets(code):
            add(path, code, pos)
        helpers = {**public, **_helpers(code)}
        for name, idx in helpers.items():
            for m in re.finditer(rf"(?<![\w.:]){name}\(", code):
                if re.search(r"fn\s+$", code[: m.start()][-10:]):
                    continue
                start = _args_start(code, m.end(), idx)
                if start is not None:
                    add(path, code, start)
    _python_sites(out)
    return out


def _unnamed(template: str) -> str:
    """``template`` with every hole written ``{}`` (literal braces kept doubled)."""
    hole = re.compile(r"\{\{|\}\}|\{[^{}]*\}")
    return hole.sub(lambda m: m.group(0) if m.group(0) in ("{{", "}}") else "{}", template)


def catalogue() -> dict[str, str]:
    """The Indonesian catalogue: English template → Indonesian template.

    The catalogue matches a message by its text alone (hole names only say which values are
    translated in turn, see ``NESTED`` and ``LISTS`` in ``error/wording.rs``), so an entry with
    named holes also covers a site that writes the same text with unnamed holes ``{}``: it is
    listed under that form too."""
    entries: dict[str, str] = {}
    for f in sorted(CATALOGUE.glob("*.tsv")):
        for n, line in enumerate(f.read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            en, _, id_ = line.partition("\t")
            if not id_:
                raise ValueError(f"{f.name}:{n}: no tab between the English and Indonesian text")
            entries[en] = id_
    for en, id_ in list(entries.items()):
        entries.setdefault(_unnamed(en), id_)
    return entries


def main() -> int:
    every = "--all" in sys.argv
    known = catalogue() if CATALOGUE.exists() else {}
    for t, where in sorted(sites().items()):
        if every or t not in known:
            print(f"{t}\t# {where[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
