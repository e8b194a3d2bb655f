"""``kinerja report``: the evaluation documents of a roster (one per employee, plus the unit
reports) as one PDF / HTML file, or one file per NIP in a folder."""

from __future__ import annotations

import os
import sys
from typing import Any, Literal

from kinerja._io import EXIT_DATA, EXIT_PROBLEMS, CliError
from kinerja.cli_score import _columns, _count, _preflight, accepted, check_options
from kinerja.exceptions import KinerjaError

#: The file types of a report written to one file, by extension (any other output is a folder
#: ending in a separator).
REPORT_TYPES: dict[str, Literal["pdf", "html"]] = {".pdf": "pdf", ".html": "html", ".htm": "html"}


def _output_kind(path: str) -> tuple[Literal["pdf", "html"] | None, bool]:
    """The format and whether ``path`` is a folder (ends with a separator, or is one)."""
    if path.endswith(("/", os.sep)) or os.path.isdir(path):
        return None, True
    ext = os.path.splitext(path)[1].lower()
    if ext not in REPORT_TYPES:
        raise CliError(
            f"{path}: unknown output type; accepted: {accepted(REPORT_TYPES)}, or a folder ending in /"
        )
    return REPORT_TYPES[ext], False


def main(args: Any) -> int:
    """Runs the ``report`` subcommand from parsed arguments."""
    from kinerja.documents import report

    kind, folder = _output_kind(args.output)
    inputs = [args.indicators, args.employees, args.units]
    check_options(args, inputs)
    fmt: Literal["pdf", "html"] = kind or ("html" if args.format == "html" else "pdf")
    if not folder and args.format and args.format != fmt:
        raise CliError(f"--format {args.format} does not match the output {args.output}")
    ruleset = _preflight(
        {"indicators": args.indicators, "--employees": args.employees, "--units": args.units},
        {} if folder else {"-o": args.output},
        args.rules,
        args.period,
        output_types=None,  # checked above: .pdf, .html or a folder
    )
    read = {
        "number_format": args.number_format,
        "delimiter": args.delimiter,
        "encoding": args.encoding,
        "sheet": args.sheet,
    }

    shown = False  # a progress line is on stderr, not ended yet

    def progress(done: int, total: int) -> None:
        nonlocal shown
        if total:
            sys.stderr.write(f"\rkinerja report: {done:,} / {_count(total, 'employee')} evaluated")
            sys.stderr.flush()
            shown = True

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
    finally:
        if shown:  # end the progress line, so that what follows (an error too) is a line of its own
            sys.stderr.write("\n")
            sys.stderr.flush()
    try:
        written = r.write(args.output)
    except OSError as e:
        raise CliError(str(e), 4) from None
    for nip, err in r.errors:
        sys.stderr.write(f"kinerja report: {nip}: {err}\n")
    where = args.output if not folder else f"{_count(len(written), 'file')} in {args.output}"
    sys.stderr.write(
        f"kinerja report: {_count(r.documents, 'document')}, "
        f"{_count(len(r.errors), 'employee')} not evaluated → {where}\n"
    )
    return EXIT_PROBLEMS if r.errors else 0
