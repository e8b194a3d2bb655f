"""Evaluation documents for a whole roster: one call or one command.

:func:`report` reads the same tables as :func:`kinerja.score` (paths to CSV, XLSX or Parquet,
or pandas / polars / pyarrow tables; Indonesian headers, numbers and words), evaluates every
employee with the scalar engine (the same predicate ``kj.score`` gives, with its explanation
and the articles it rests on) and prints, in Bahasa Indonesia (default) or English:

* one **evaluation document** per employee (identity, planned results and indicators, ratings,
  how the predicate was reached, follow-ups, signature lines), each starting on a new page;
* one **unit report** per unit (predicate counts against the distribution curve, the roster,
  development needs).

As PDF (A4, fonts embedded, no network) or as one self-contained HTML page. For one unit from
evaluations already made (with the goal roll-up and the watch list), see
:func:`kinerja.unit_report`. For one evaluation, :meth:`kinerja.Evaluation.to_pdf` and
:meth:`kinerja.Evaluation.to_html` make the same document.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from kinerja import _kinerja as _native
from kinerja._kinerja import Ruleset
from kinerja.batch import _to_arrow
from kinerja.exceptions import InputError, KinerjaError, error

__all__ = ["Report", "report"]

Format = Literal["pdf", "html"]


@dataclass(frozen=True)
class Report:
    """The documents of a roster.

    ``data`` is the whole roster as one document (every employee, then every unit), unless
    ``split`` was asked for: then ``employees`` maps each NIP and ``units`` each unit id to its
    own document. ``errors`` lists the employees that could not be evaluated
    (``on_error="collect"``), each with its exception; ``documents`` counts the documents made.
    """

    format: Format
    data: bytes | None
    employees: dict[str, bytes] = field(default_factory=dict)
    units: dict[str, bytes] = field(default_factory=dict)
    errors: list[tuple[str, KinerjaError]] = field(default_factory=list)
    documents: int = 0

    def write(self, path: str | os.PathLike[str]) -> list[str]:
        """Writes the documents atomically: the whole roster to the file ``path``, or (split)
        one file per NIP and ``unit-<id>`` per unit into the folder ``path`` (created if
        missing). Returns the paths written."""
        path = os.fspath(path)
        ext = f".{self.format}"
        if self.data is not None:
            _native._write_bytes(self.data, path)
            return [path]
        os.makedirs(path, exist_ok=True)
        written = []
        for name, data in [*self.employees.items(), *((f"unit-{u}", d) for u, d in self.units.items())]:
            target = os.path.join(path, _safe_name(name) + ext)
            _native._write_bytes(data, target)
            written.append(target)
        return written


def _safe_name(name: str) -> str:
    """A file name from a NIP or unit id: letters, digits, ``-``, ``_`` and ``.`` kept, the rest
    replaced by ``_`` (never a path separator)."""
    out = "".join(c if c.isalnum() or c in "-_." else "_" for c in name.strip())
    return out.strip(".") or "_"


def _table_arg(t: Any, what: str) -> Any:
    if t is None or isinstance(t, str):
        return t
    if isinstance(t, os.PathLike):
        return os.fspath(t)
    return _to_arrow(t, what)


def report(
    indicators: Any,
    employees: Any = None,
    units: Any = None,
    *,
    rules: Ruleset | str | None = None,
    period: str | None = None,
    lang: Literal["id", "en"] = "id",
    format: Format = "pdf",
    split: bool = False,
    only: list[str] | None = None,
    unit_reports: bool = True,
    on_error: Literal["raise", "collect"] = "raise",
    number_format: Literal["plain", "id", "auto"] | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    columns: dict[str, str] | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Report:
    """The evaluation documents of every employee (or the NIPs in ``only``) and the unit
    reports, as PDF or HTML (see the module docs). Tables and reading options as in
    :func:`kinerja.score`; ``rules`` defaults to the builtin ruleset in force for each
    employee's evaluated period, as :func:`kinerja.score` chooses it (PermenPANRB 6/2022 with
    the national default policy; an earlier period is refused as its scoring is). A bad cell
    raises, naming its row; with ``on_error="collect"`` an employee that cannot be evaluated
    is listed in :attr:`Report.errors` and the others get their documents.
    ``progress(done, total)`` is called a few times a second while the employees are evaluated.

    >>> import kinerja as kj
    >>> r = kj.report("testdata/exports/skp_canonical.csv", format="html")  # doctest: +SKIP
    >>> r.write("dokumen.html")  # doctest: +SKIP
    """
    if format not in ("pdf", "html"):
        raise error(InputError, f"format: `{format}` is not accepted; accepted: pdf, html")
    out = _native._table_report(
        _table_arg(indicators, "indicators"),
        _table_arg(employees, "employees"),
        _table_arg(units, "units"),
        rules=rules,
        period=period,
        lang=lang,
        format=format,
        split=split,
        only=only,
        unit_reports=unit_reports,
        on_error=on_error,
        number_format=number_format,
        delimiter=delimiter,
        encoding=encoding,
        sheet=sheet,
        columns=list(columns.items()) if columns else None,
        progress=progress,
    )
    errors = [(str(nip), e) for nip, e in out["errors"]]
    if split:
        return Report(
            format=format,
            data=None,
            employees={str(k): v for k, v in out["employees"]},
            units={str(k): v for k, v in out["units"]},
            errors=errors,
            documents=int(out["pages"]),
        )
    data = out["employees"][0][1] if out["employees"] else b""
    return Report(format=format, data=data, errors=errors, documents=int(out["pages"]))
