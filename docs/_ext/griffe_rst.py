"""A griffe extension for the docs site: the package's reST-flavoured docstrings as Markdown.

The docstrings of ``python/kinerja`` are written for ``help()`` and doctest, with a little
reStructuredText. mkdocstrings renders Markdown, where ``>>>`` lines would become nested block
quotes and ``:class:`X``` would show its role. Before rendering, this extension

* turns each doctest run (``>>>`` lines and their output, up to a blank line) into a fenced
  ``pycon`` block;
* turns a reST literal block (a paragraph ending in ``::`` and the indented lines after it)
  into a fenced block (``pycon`` when it starts with ``>>>``, else ``python``);
* writes the roles ``:class:`X```, ``:func:`X``` … as plain code spans ```X```.

It changes only what the site shows; the docstrings in the sources stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj|const):`~?([^`]+)`")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _fence(code: list[str], pad: str) -> list[str]:
    """``code`` (dedented) as a fenced block indented by ``pad``, with blank lines around."""
    while code and not code[-1].strip():
        code.pop()
    depth = min((_indent(c) for c in code if c.strip()), default=0)
    lang = "pycon" if code and code[0].lstrip().startswith(">>>") else "python"
    body = [pad + c[depth:] if c.strip() else "" for c in code]
    return ["", f"{pad}```{lang}", *body, f"{pad}```", ""]


def to_markdown(text: str) -> str:
    """The Markdown form of one docstring (see the module docstring)."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.rstrip()
        if stripped.endswith("::") and stripped.strip() != "::" or stripped.strip() == "::":
            base = _indent(line)
            head = stripped[:-1]  # "text::" -> "text:"
            if head.strip() != ":":
                out.append(head)
            i += 1
            code: list[str] = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
                code.append(lines[i])
                i += 1
            while code and not code[0].strip():
                code.pop(0)
            out.extend(_fence(code, " " * base) if code else [""])
            continue
        if line.lstrip().startswith(">>>"):
            pad = " " * _indent(line)
            code = []
            while i < len(lines) and lines[i].strip():
                code.append(lines[i])
                i += 1
            out.extend(_fence(code, pad))
            continue
        out.append(_ROLE.sub(r"`\1`", line))
        i += 1
    return "\n".join(out).strip("\n")


class ReSTDocstrings(griffe.Extension):
    """Rewrites every loaded object's docstring with :func:`to_markdown`."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Called by griffe for each module, class, function and attribute it loads."""
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
