"""``kinerja report``: the evaluation documents of a roster (one per employee, plus the unit
reports) as one PDF / HTML file, or one file per NIP in a folder."""

from __future__ import annotations

import os
import sys
from typing import Any, Literal

from kinerja._io import EXIT_DATA, EXIT_PROBLEMS, CliError
from kinerja.cli_score import _columns, _preflight
from kinerja.exceptions import KinerjaError


def _output_kind(path: str) -> tuple[Literal["pdf", "html"] | None, bool]:
    """The format and whether ``path`` is a folder (ends with a separator, or is one)."""
    if path.endswith(("/", os.sep)) or os.path.isdir(path):
        return None, True
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".pdf", ".html", ".htm"):
        raise CliError(f"{path}: unknown output type; accepted: .pdf, .html, or a folder ending in /")
    return ("pdf" if ext == ".pdf" else "html"), False


def main(args: Any) -> int:
    """Runs the ``report`` subcommand from parsed arguments."""
    from kinerja.documents import report

    kind, folder = _output_kind(args.output)
    fmt: Literal["pdf", "html"] = kind or ("html" if args.format == "html" else "pdf")
    if not folder and args.format and args.format != fmt:
        raise CliError(f"--format {args.format} does not match the output {args.output}")
    ruleset = _preflight(
        {"indicators": args.indicators, "--employees": args.employees, "--units": args.units},
        {} if folder else {"-o": args.output},
        args.rules,
        lambda _p: None,
        args.period,
    )
    read = {
        "number_format": args.number_format,
        "delimiter": args.delimiter,
        "encoding": args.encoding,
        "sheet": args.sheet,
    }

    def progress(done: int, total: int) -> None:
        if total:
            sys.stderr.write(f"\rkinerja report: {done:,} / {total:,} employees evaluated")
            sys.stderr.flush()

    if not args.quiet:
        sys.stderr.write(f"kinerja report: reading {args.indicators} …\n")
    try:
        r = report(
            args.indicators,
            args.employees,
            args.units,
            rules=ruleset,
            period=args.period,
            lang=args.lang,
            format=fmt,
            split=folder,
            only=args.employee or None,
            unit_reports=not args.no_units,
            on_error=args.on_error,
            columns=_columns(args.column),
            progress=None if args.quiet else progress,
            **read,
        )
    except KinerjaError as e:
        raise CliError(str(e), EXIT_DATA) from None
    if not args.quiet:
        sys.stderr.write("\n")
    try:
        written = r.write(args.output)
    except OSError as e:
        raise CliError(str(e), 4) from None
    for nip, err in r.errors:
        sys.stderr.write(f"kinerja report: {nip}: {err}\n")
    where = args.output if not folder else f"{len(written)} files in {args.output}"
    sys.stderr.write(
        f"kinerja report: {r.documents:,} documents, {len(r.errors):,} employees not evaluated → {where}\n"
    )
    return EXIT_PROBLEMS if r.errors else 0
