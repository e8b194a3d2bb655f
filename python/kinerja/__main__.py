"""Command line: ``kinerja demo [--lang en]``, ``kinerja score …``, ``kinerja schema``.

Every failure is one line ``kinerja CMD: error: …`` on stderr and an exit code of
:data:`kinerja._io.EXIT_CODES` (0 ok, 1 problems collected, 2 usage, 3 bad input data, 4 I/O,
130 interrupted, 143 terminated) — never a traceback."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import traceback
from collections.abc import Sequence
from decimal import Decimal
from typing import NoReturn

import kinerja as kj
from kinerja import _io, datasets, education
from kinerja.exceptions import MissingDependencyError


def _fmt(d: Decimal) -> str:
    """A decimal without trailing zeros and never in exponent form."""
    return f"{d.normalize():f}"


#: Where the work-result rating came from, in English and Indonesian.
_SOURCE = {
    "appraiser": ("appraiser", "penilai"),
    "advisory": ("advice from the policy bands", "saran dari pita kebijakan"),
    "org_predicate": ("follows the organisational predicate", "mengikuti predikat organisasi"),
    "behaviour_advice": ("advised from the BerAKHLAK values", "saran dari nilai BerAKHLAK"),
    "rollup": ("rolled up from the periods", "rekapitulasi periode"),
    "computed": ("computed by the regime", "dihitung menurut rezim"),
}


def _demo(lang: str, explain: bool) -> int:
    roster = datasets.kupang_roster()
    rules = datasets.kupang_rules()
    period = kj.Period(roster["period"])
    plans = roster["plans"]
    results = kj.evaluate_all(plans, period, rules, on_error="collect")
    en = lang == "en"
    title = "Performance report" if en else "Laporan kinerja"
    name = kj.datasets.roster_name(roster, lang)
    pol = "policy" if en else "kebijakan"
    print(f"{name}\n{title} — {period} — {rules.id} — {pol} {rules.policy.id}")
    print("=" * 78)
    counts: dict[str, int] = {}
    for plan, ev in zip(plans, results, strict=True):
        emp = plan.employee
        print()
        if not isinstance(ev, kj.Evaluation):
            print(f"## {emp.name} ({emp.id}): {'ERROR' if en else 'GALAT'} {ev}")
            continue
        label = ev.predicate_label(lang)
        counts[label] = counts.get(label, 0) + 1
        print(f"## {ev.name} — {emp.position or emp.post_type.label(lang)} [{ev.unit}]")
        hdr = (
            ("Indicator", "Target", "Actual", "Achv. %")
            if en
            else ("Indikator", "Target", "Realisasi", "Capaian %")
        )
        print(f"   {hdr[0]:<34} {hdr[1]:>10} {hdr[2]:>10} {hdr[3]:>9}")
        for i in ev.indicators:
            t = i.target
            ts = f"{_fmt(t[0])}–{_fmt(t[1])}" if isinstance(t, tuple) else _fmt(t)
            name = textwrap.shorten(i.name, 34, placeholder="…")  # cut at a word, never inside one
            print(f"   {name:<34} {ts:>10} {_fmt(i.actual):>10} {str(i.achievement):>9}")
        wa = ev.weighted_achievement
        w_lbl = "Weighted achievement" if en else "Capaian tertimbang"
        if wa is not None:
            print(f"   {w_lbl}: {wa}%")
        dash = "–"
        wr = ev.work_result.label(lang) if ev.work_result else dash
        bh = ev.behaviour.label(lang) if ev.behaviour else dash
        src = _SOURCE[ev.work_result_source][0 if en else 1] if ev.work_result_source in _SOURCE else "–"
        if en:
            print(f"   Work result: {wr} ({src}) | Behaviour: {bh} | Predicate: {label}")
        else:
            print(f"   Hasil kerja: {wr} ({src}) | Perilaku: {bh} | Predikat: {label}")
        for n in ev.notes(lang):
            print(f"   ! {n}")
        if explain:
            print()
            for line in ev.explain(lang).splitlines():
                print(f"   {line}")
    print()
    print("=" * 78)
    print("Summary of predicates:" if en else "Ringkasan predikat:")
    for k, v in sorted(counts.items()):
        print(f"   {k:<24} {v}")
    print("\n" + "=" * 78 + "\n" + kj.org.demo_section(roster, lang, rules), end="")
    print("\n" + "=" * 78 + "\n" + kj.followup.demo_section(roster, lang, rules, explain=explain), end="")
    print("\n" + "=" * 78 + "\n" + education.demo_section(lang), end="")
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse's parser whose usage errors are one line, ``kinerja CMD: error: …`` in the error
    language and with where to read the usage, as every other failure of the command line
    (exit 2)."""

    def error(self, message: str) -> NoReturn:
        from kinerja._kinerja import _translate, error_lang

        see = "lihat" if error_lang() == "id" else "see"
        cmd = self.prog.removeprefix("kinerja").strip()
        sys.exit(_io.fail(cmd, f"{_translate(message)} ({see} `{self.prog} --help`)", _io.EXIT_USAGE))


def _parser() -> argparse.ArgumentParser:
    from kinerja.cli_score import INPUT_TYPES, OUTPUT_TYPES, accepted

    inputs = f"indicator rows ({accepted(INPUT_TYPES)})"
    parser = _Parser(
        prog="kinerja",
        description=(
            "kinerja: exact, explainable performance management for Indonesian civil servants "
            "(PermenPANRB 6/2022, 8/2021, PP 46/2011)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kinerja {kj.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser(
        "demo",
        help="evaluate the bundled (synthetic) Dinas Kesehatan Kota Kupang roster and print a report",
        description=(
            "Evaluates the bundled synthetic roster of the Dinas Kesehatan Kota Kupang for 2024 under "
            "PermenPANRB 6/2022 with the EXAMPLE Kupang policy, and prints per employee the "
            "achievements, ratings, predicate and the step-by-step explanation."
        ),
    )
    demo.add_argument("--lang", choices=["id", "en"], default="id", help="report language (default: id)")
    demo.add_argument("--no-explain", action="store_true", help="omit the step-by-step explanations")
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of policy files, or of plans (`kinerja schema plan`)",
        description="Prints a JSON Schema (2020-12): of policy files (default) or of plans in JSON.",
    )
    schema.add_argument(
        "kind", nargs="?", choices=["policy", "plan"], default="policy", help="which schema (default: policy)"
    )
    tst = sub.add_parser(
        "test",
        help="run TOML test cases (inputs and expected outputs; format: docs/cases.md)",
        description="Runs user-written TOML cases; prints 'N passed, M failed' and exits 1 on a failure.",
    )
    tst.add_argument(
        "paths", nargs="+", metavar="PATH", help="case files, or folders of *.toml files (each holding one)"
    )
    sc = sub.add_parser(
        "score",
        help="score CSV / Parquet files in batches (PermenPANRB 6/2022 batch pipeline)",
        description=(
            "Scores an indicator table (CSV or Parquet; one row per indicator of an employee, with "
            "employee, target, actual, and optional indicator, polarity, weight, cap, result_kind) "
            "in batches with kinerja.score, streaming the file, and writes one row per employee. "
            "The rows of one employee must be contiguous (sorted by employee). Column reference: "
            "help(kinerja.batch)."
        ),
    )
    sc.add_argument("indicators", help=inputs)
    sc.add_argument(
        "--employees", help="employee table: employee, unit, work_result, behaviour, post_type, ..."
    )
    sc.add_argument("--units", help="unit table: unit, org_predicate")
    sc.add_argument(
        "--rules",
        help=(
            "a builtin ruleset id, or a TOML/JSON ruleset or policy file (default: the builtin "
            "ruleset in force for the period; tables are scored under permenpanrb-6-2022 only)"
        ),
    )
    sc.add_argument("--period", help="the period scored (recorded; default: annual)")
    sc.add_argument(
        "-o",
        "--output",
        required=True,
        help=f"employee results ({accepted(OUTPUT_TYPES)}; an .xlsx has every table as a sheet)",
    )
    sc.add_argument("--indicators-out", help="also write the indicator rows with their achievement")
    sc.add_argument("--units-out", help="also write the predicate counts per unit")
    sc.add_argument("--errors-out", help="write the problems (needs --on-error collect)")
    sc.add_argument(
        "--on-error",
        choices=["raise", "collect"],
        default="raise",
        help="stop at the first bad row, or collect",
    )
    sc.add_argument(
        "--batch-rows", type=int, default=1_000_000, help="indicator rows per batch (default 1,000,000)"
    )
    sc.add_argument(
        "--number-format",
        choices=["plain", "id", "auto"],
        help="how text numbers are written: plain (97.5), id (1.200 and 97,5, Rp allowed), "
        "auto (default: refuse a number the two read differently)",
    )
    sc.add_argument("--delimiter", help="CSV delimiter (default: detected among , ; tab)")
    sc.add_argument(
        "--encoding", help="CSV text encoding (default UTF-8, with or without BOM), e.g. windows-1252"
    )
    sc.add_argument("--sheet", help="workbook sheet (default: the first); needs a workbook input")
    sc.add_argument(
        "--column",
        action="append",
        metavar="HEADER=COLUMN",
        help='map a header to a column, e.g. --column "Capaian Riil=actual" (repeatable)',
    )
    sc.add_argument("--lang", choices=["id", "en"], default="id", help="labels in an .xlsx output")
    sc.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    rp = sub.add_parser(
        "report",
        help="evaluation documents (PDF or HTML): one per employee, plus the unit reports",
        description=(
            "Evaluates every employee of the tables (same input formats as `kinerja score`) and "
            "writes their evaluation documents, each on new pages, followed by one report per "
            "unit: into one .pdf / .html file, or into a folder (-o FOLDER/) as one file per NIP "
            "and unit-<id> per unit."
        ),
    )
    rp.add_argument("indicators", help=inputs)
    rp.add_argument("--employees", help="employee table")
    rp.add_argument("--units", help="unit table: unit, name, org_predicate")
    rp.add_argument(
        "--rules",
        help=(
            "a builtin ruleset id, or a TOML/JSON ruleset or policy file (default: the builtin "
            "ruleset in force for the period; tables are scored under permenpanrb-6-2022 only)"
        ),
    )
    rp.add_argument("--period", help="the period evaluated (default: as kinerja score resolves it)")
    rp.add_argument("--lang", choices=["id", "en"], default="id", help="document language (default: id)")
    rp.add_argument("-o", "--output", required=True, help="OUT.pdf, OUT.html, or FOLDER/ (one file per NIP)")
    rp.add_argument(
        "--format", choices=["pdf", "html"], help="format of the files in a folder (default: pdf)"
    )
    rp.add_argument("--employee", action="append", metavar="NIP", help="only this employee (repeatable)")
    rp.add_argument("--no-units", action="store_true", help="no unit reports")
    rp.add_argument(
        "--on-error",
        choices=["raise", "collect"],
        default="raise",
        help="stop at the first employee that cannot be evaluated, or list it and go on (exit 1)",
    )
    rp.add_argument("--number-format", choices=["plain", "id", "auto"], help="as in kinerja score")
    rp.add_argument("--delimiter", help="CSV delimiter (default: detected among , ; tab)")
    rp.add_argument("--encoding", help="CSV text encoding (default UTF-8)")
    rp.add_argument("--sheet", help="workbook sheet (default: the first); needs a workbook input")
    rp.add_argument("--column", action="append", metavar="HEADER=COLUMN", help="map a header to a column")
    rp.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    return parser


def _main(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "score":
        from kinerja import cli_score

        return cli_score.main(args)
    if args.command == "report":
        from kinerja import cli_report

        return cli_report.main(args)
    if args.command == "demo":
        return _demo(args.lang, not args.no_explain)
    if args.command == "test":
        from kinerja import testing

        return testing.main(args.paths)
    if args.command == "schema":
        sys.stdout.write(kj.Plan.json_schema() if args.kind == "plan" else kj.Policy.json_schema())
        return 0
    parser.print_usage(sys.stderr)
    sys.stderr.write(
        "kinerja: error: a command is required (demo, score, report, test, schema); see kinerja --help\n"
    )
    return _io.EXIT_USAGE


def _failure(cmd: str, e: BaseException) -> int:
    """One line and the exit code for any failure (the traceback only with KINERJA_DEBUG=1)."""
    if isinstance(e, _io.CliError):
        return _io.fail(cmd, str(e), e.code)
    if isinstance(e, KeyboardInterrupt):
        return _io.fail(cmd, "interrupted; no output was written", _io.EXIT_INTERRUPTED)
    if isinstance(e, _io.Terminated):
        return _io.fail(cmd, "terminated (SIGTERM); no output was written", _io.EXIT_TERMINATED)
    if isinstance(e, MissingDependencyError):
        return _io.fail(cmd, str(e), _io.EXIT_IO)  # an environment problem, as documented
    if isinstance(e, kj.KinerjaError):
        return _io.fail(cmd, str(e), _io.EXIT_DATA)
    if isinstance(e, ModuleNotFoundError):
        extra = "frames" if e.name and e.name.split(".")[0] == "pyarrow" else "all"
        return _io.fail(cmd, f"{e}; install it with: pip install 'kinerja[{extra}]'", _io.EXIT_IO)
    if isinstance(e, MemoryError):
        return _io.fail(cmd, "out of memory: the input is too large to hold", _io.EXIT_DATA)
    if isinstance(e, OSError):
        where = f"{e.filename}: " if e.filename else ""
        return _io.fail(cmd, f"{where}{e.strerror or e}", _io.EXIT_IO)
    if os.environ.get("KINERJA_DEBUG"):
        traceback.print_exception(e)
    return _io.fail(
        cmd,
        f"internal error ({type(e).__name__}: {e}); please report it (KINERJA_DEBUG=1 shows the traceback)",
        _io.EXIT_SOFTWARE,
    )


def _quiet_allocator() -> None:
    """Asks pyarrow's allocator (mimalloc) not to advise transparent huge pages for its arenas,
    unless the user chose otherwise. With huge pages advised, a fault in a fresh arena can wait
    for the kernel to compact memory: ``kinerja score`` on 5 000 000 Parquet rows took 1.7–4.8 s
    from run to run with them and 1.8 s every run without (``benches/README.md``). Effective only
    before pyarrow is loaded, as it is when the command line starts."""
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("MIMALLOC_ALLOW_THP", "0")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m kinerja`` and the ``kinerja`` script: returns the exit code
    (:data:`kinerja._io.EXIT_CODES`); a closed pipe (``kinerja demo | head``) ends quietly with
    status 141."""
    _quiet_allocator()
    parser = _parser()
    args = parser.parse_args(argv)  # usage errors: one line, exit 2
    cmd = args.command or ""
    try:
        with _io.signals_handled():
            code = _main(parser, args)
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: point stdout at devnull so the interpreter's final flush
        # does not fail again, and exit like a Unix filter killed by SIGPIPE (128 + 13).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (Exception, KeyboardInterrupt, _io.Terminated) as e:  # noqa: BLE001 — one line, never a traceback
        return _failure(cmd, e)
    return code


if __name__ == "__main__":
    sys.exit(main())
