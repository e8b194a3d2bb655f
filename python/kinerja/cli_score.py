"""``python -m kinerja score``: batch scoring of CSV and Parquet files, streamed in batches.

Indicator rows are read in batches of about ``--batch-rows`` rows and scored with
:func:`kinerja.score`; the rows of one employee must be contiguous in the file (as any export
sorted by employee is), so that no employee is split between batches — the rows of the last
employee of a batch are carried over to the next one. The employee and unit tables (small
next to the indicator rows) are read whole. Results are written as they are produced:
one row per employee to ``-o``, and optionally the indicator rows, the unit predicate counts
and (with ``--on-error collect``) one row per problem.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, TextIO

from kinerja._io import EXIT_DATA, EXIT_IO, EXIT_PROBLEMS, AtomicOutput, CliError, check_input, check_paths
from kinerja._io import read_text as _read_text
from kinerja._kinerja import _TABLE_NAMES, MAX_POLICY_BYTES, KinerjaError, Policy, Ruleset, _IdSet
from kinerja.enums import OrgPredicate, Predicate

__all__ = ["CliError", "main", "resolve_rules", "score_files"]


def _without_table(text: str, table: str | None) -> str | None:
    """A located problem's message without the table's name it starts with (in either
    language), or ``None`` when it does not start with the table's name and a row."""
    for name in _TABLE_NAMES.get(table or "", []):
        rest = text.removeprefix(f"{name} ")
        if rest != text and re.match(r"(?:row|baris) \d", rest):
            return rest
    return None


def _named_by_file(e: KinerjaError, file_of: Callable[[str], str]) -> str | None:
    """A located problem's message with its table's name replaced by its file's name
    (`emp.csv: row 124, …`), or ``None`` when the problem names no table."""
    if e.table is None:
        return None
    text, file = str(e), file_of(e.table)
    placed = _without_table(text, e.table)
    if placed is None and f"`{file}`" in text:
        return text  # the message names the file already (a file that cannot be read)
    return f"{file}: {text if placed is None else placed}"


#: The file types an input may have, by extension, and how each is read: the one list every
#: message and help text names (the table layer's own reader accepts the same, tested).
INPUT_TYPES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: The file types an output may have, by extension, and how each is written.
OUTPUT_TYPES = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}
#: The extensions read and written in streamed batches; any other file is read whole by the
#: table layer.
_STREAMED = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet"}


def _ext(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def accepted(types: Iterable[str]) -> str:
    """The extensions of ``types`` as a message lists them (``.csv, .tsv, …``)."""
    return ", ".join(types)


def _file_type(path: str, what: str, types: dict[str, str], output: bool = False) -> str:
    """How ``path`` (an input, or an ``output``) is read or written; an extension not in
    ``types`` is a usage error listing exactly the extensions of ``types``."""
    ext = _ext(path) or "(none)"
    if ext in types:
        return types[ext]
    if output:
        raise CliError(f"{what} {path}: unknown file type `{ext}` for an output; accepted: {accepted(types)}")
    raise CliError(f"{what} {path}: unknown file type `{ext}`; accepted: {accepted(types)}")


def _fmt(path: str) -> str:
    """How a file of the streamed path is read or written (``csv`` or ``parquet``): checked
    against :data:`_STREAMED` by :func:`_preflight` before."""
    return _STREAMED[_ext(path)]


def _with_canonical_names(table: Any, kind: str, path: str) -> Any:
    """``table`` with each header the table layer reads renamed to its canonical column (`NIP`
    → `employee`, `Realisasi` → `actual`), as `kj.score(path)` resolves them; the others kept."""
    from kinerja import _kinerja as native

    try:
        names = native._canonical_names(table.column_names, kind)
    except KinerjaError as e:
        raise CliError(f"{path}: {e}", EXIT_DATA) from None
    return table.rename_columns([c or h for c, h in zip(names, table.column_names, strict=True)])


# The file data row of each indicator row, carried beside a batch's columns until it is scored.
_ROW = "\x00row"


def _csv_blocks(path: str, kind: str = "indicators") -> Iterator[tuple[Any, Any]]:
    """The CSV file's rows block by block, each row with its file data row, read by the table
    layer's own reader: as `kj.score(path)` and the server read the whole file (the delimiter
    told from the header line, `;` from Excel in an Indonesian locale; every cell text, a blank
    one missing; blank rows skipped; blank lines counted in the row numbers)."""
    from kinerja import _kinerja as native

    blocks: Iterator[tuple[Any, Any]] = native._csv_blocks(path, kind=kind)
    return blocks


@contextlib.contextmanager
def _refused(path: str) -> Iterator[None]:
    """A file that cannot be opened or read, as the command line's one-line error."""
    import pyarrow as pa

    try:
        yield
    except OSError as e:
        raise CliError(f"{path}: cannot be read: {e}", EXIT_IO) from None
    except KinerjaError as e:
        raise CliError(str(e), EXIT_DATA) from None
    except pa.ArrowException as e:
        raise CliError(f"{path}: cannot be read: {e}", EXIT_DATA) from None


def _read_table(path: str, kind: str) -> tuple[Any, Any]:
    """A whole employee or unit file, and the file data row of each of its rows (``None`` for
    Parquet, whose rows are numbered by position)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with _refused(path):
        if _fmt(path) == "csv":
            parts = list(_csv_blocks(path, kind))
            table = pa.concat_tables([t for t, _ in parts])
            return table, pa.chunked_array([r for _, r in parts], pa.int64()).combine_chunks()
        return pq.read_table(path), None


def _batches(path: str, batch_rows: int) -> tuple[Iterator[tuple[Any, Any]], int | None]:
    """The indicator file as tables, each with the file data row of its rows (``None`` for
    Parquet, whose rows are numbered by position), and its row count when known (Parquet)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with _refused(path):
        if _fmt(path) == "csv":
            return _csv_blocks(path), None
        pf = pq.ParquetFile(path)
        tables = ((pa.Table.from_batches([b]), None) for b in pf.iter_batches(batch_size=batch_rows))
        return tables, pf.metadata.num_rows


def _read_ahead(batches: Iterator[Any]) -> Generator[Any, None, None]:
    """The batches of ``batches``, read one ahead in a background thread, so that reading the
    file overlaps scoring the batch before it (pyarrow's streaming CSV reader is single-threaded;
    it and the Parquet reader release the GIL, as the scoring does). A reader's error is raised
    here, where its batch would have come; closing the generator stops the thread."""
    ready: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def put(item: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for batch in batches:
                if not put(("batch", batch)):
                    return
            put(("end", None))
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, raised there
            put(("error", e))

    thread = threading.Thread(target=produce, name="kinerja-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            kind, item = ready.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def resolve_rules(spec: str, period: str | None = None) -> Ruleset:
    """A builtin ruleset id, or a TOML/JSON file holding a ruleset (``regime`` + ``policy``)
    or a policy (applied to PermenPANRB 6/2022). A file is read as the Python API reads one:
    at most ``MAX_POLICY_BYTES`` (1 MiB) of UTF-8 text. A file with dated values is read for
    ``period`` (``--period``), which it then needs."""
    if not os.path.lexists(spec):
        try:
            return Ruleset.builtin(spec)
        except KinerjaError as e:
            raise CliError(f"--rules {spec}: not a file, and {e}") from None
    text = _read_text(spec, "--rules", MAX_POLICY_BYTES)
    if not text.strip():
        raise CliError(
            f"--rules {spec}: the file is empty; give a ruleset or policy file (TOML or JSON)", EXIT_DATA
        )
    # `from_toml` / `from_json` take a path or the text, and take a text of one line without
    # `=` or `{` for a path: with a newline the file's content is always read as the text (a
    # newline at the end changes no TOML or JSON document), never as the name of another file.
    text = text if "\n" in text else text + "\n"
    is_json = spec.lower().endswith(".json")
    try:
        return Ruleset.from_json(text, period=period) if is_json else Ruleset.from_toml(text, period=period)
    except KinerjaError:
        pass
    try:
        policy = Policy.from_json(text, period=period) if is_json else Policy.from_toml(text, period=period)
    except KinerjaError as e:
        hint = " (give --period)" if period is None and "dated values" in str(e) else ""
        raise CliError(f"--rules {spec}: {e}{hint}", EXIT_DATA) from None
    return Ruleset.builtin("permenpanrb-6-2022").with_policy(policy)


class _Writer:
    """Writes pyarrow tables to one CSV or Parquet file as they come, into a temporary file
    beside it (:class:`kinerja._io.AtomicOutput`), renamed into place only by :meth:`commit`:
    a failed run leaves no half-written output. A CSV file is written by the table layer's one
    CSV writer (``kinerja._kinerja._CsvWriter``): the bytes the whole-file path writes."""

    def __init__(self, path: str, empty: dict[str, str] | None = None) -> None:
        self.path = path
        self.fmt = _fmt(path)
        self.out = AtomicOutput(path)
        self.empty = empty or {"employee": "string"}
        self.writer: Any = None

    def write(self, table: Any) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        from kinerja._kinerja import _CsvWriter

        try:
            if self.writer is None:
                if self.fmt == "csv":
                    self.writer = _CsvWriter(self.out.tmp)
                else:
                    self.writer = pq.ParquetWriter(self.out.tmp, table.schema)
            if self.fmt == "csv":
                self.writer.write(table)
            else:
                self.writer.write_table(table.cast(self.writer.schema))
        except (OSError, pa.ArrowException) as e:
            raise CliError(f"{self.path}: cannot be written: {e}", EXIT_IO) from None

    def commit(self) -> None:
        """Closes the file (an empty table with the declared columns when nothing was
        written) and moves it into place."""
        import pyarrow as pa

        if self.writer is None:
            self.write(pa.schema([(k, pa.type_for_alias(v)) for k, v in self.empty.items()]).empty_table())
        try:
            self.writer.close()
        except OSError as e:
            raise CliError(f"{self.path}: cannot be written: {e.strerror or e}", EXIT_IO) from None
        self.writer = None
        self.out.commit()

    def abort(self) -> None:
        """Closes and removes the temporary file (nothing to do after :meth:`commit`)."""
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:  # noqa: BLE001 — already failing; the temporary file goes anyway
                pass
            self.writer = None
        self.out.abort()


def _progress(out: TextIO | None, rows: int, employees: int, total: int | None) -> None:
    if out is None:
        return
    if total:
        width = 30
        done = int(width * rows / total) if total else width
        bar = "#" * done + "." * (width - done)
        out.write(f"\r[{bar}] {rows:,}/{_count(total, 'row')}, {_count(employees, 'employee')}")
    else:
        out.write(f"\r{_count(rows, 'row')}, {_count(employees, 'employee')}")
    out.flush()


def _with_ids(table: Any) -> Any:
    """``table`` with its employee ids as the table layer reads them (text, spaces around
    trimmed, a blank one missing), so that batches are cut, and employees matched, as
    `kj.score` groups them (it scores the same ids)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if "employee" not in table.column_names:
        return table
    ids = table.column("employee")
    if not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        return table  # integer ids (Parquet) stay integers
    text = pc.utf8_trim_whitespace(ids)
    if pc.sum(pc.binary_length(text)) == pc.sum(pc.binary_length(ids)):
        return table
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    return table.set_column(table.column_names.index("employee"), "employee", text)


def _new_unit_problems(errors: Any, seen: set[tuple[Any, ...]]) -> Any:
    """``errors`` without the unit table's problems already in ``seen`` (every batch is scored
    with the whole unit table, so a bad unit row is found in each), adding the new ones."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not errors.num_rows or not pc.any(pc.equal(errors.column("table"), "units")).as_py():
        return errors
    keep = []
    for r in errors.to_pylist():
        key = (r["row"], r["field"], r["message"])
        keep.append(r["table"] != "units" or key not in seen)
        if r["table"] == "units":
            seen.add(key)
    return errors.filter(pa.array(keep, pa.bool_()))


def _chunks(table: Any, batch_rows: int, run: Any, *, final: bool) -> Any:
    """Runs ``table`` in chunks of about ``batch_rows`` rows cut between employees; returns the
    rows not run yet (the last employee's, which may continue in the next file batch), or an
    empty table when ``final``. An employee with more rows than a batch stays whole."""
    import pyarrow as pa

    ids = table.column("employee").cast(pa.string())
    n = table.num_rows
    start = 0
    while start < n and (final or n - start >= batch_rows):
        cut = min(start + batch_rows, n)
        if cut < n or not final:
            # the employee at the cut (or the last one) may continue: cut before its run
            who = ids[cut if cut < n else n - 1].as_py()
            b = cut if cut < n else n - 1
            while b > start and ids[b - 1].as_py() == who:
                b -= 1
            if b == start:
                # one employee longer than a batch: keep its rows together
                b = cut
                while b < n and ids[b].as_py() == who:
                    b += 1
                if b == n and not final:
                    break
            cut = b
        run(table.slice(start, cut - start))
        start = cut
    return table.slice(start)


def _preflight(
    inputs: dict[str, str | None],
    outputs: dict[str, str | None],
    rules: str | None,
    period: str | None = None,
    *,
    input_types: dict[str, str] = INPUT_TYPES,
    output_types: dict[str, str] | None = OUTPUT_TYPES,
    on_error: str | None = None,
) -> Ruleset | None:
    """Before anything is read: no output may be an input or another output, every output has
    a known type (of ``output_types``; ``None``: checked by the caller), ``--errors-out`` comes
    with ``on_error`` collect (when given), every input is a readable file of a known type (of
    ``input_types``); then the ruleset (a file with dated values read for ``period``), or
    ``None`` without ``rules``: the table layer then takes the builtin ruleset in force for the
    evaluated period."""
    rules_file = rules if rules and os.path.lexists(rules) else None
    check_paths({**inputs, "--rules": rules_file}, outputs)
    for what, p in outputs.items():
        if p and output_types is not None:
            _file_type(p, what, output_types, output=True)
    if on_error is not None:
        _check_errors_out(outputs.get("--errors-out"), on_error)
    for what, p in inputs.items():
        if p:
            check_input(p, what)
            _file_type(p, what, input_types)
    return None if rules is None else resolve_rules(rules, period)


class _SeenIds:
    """The employee ids of the batches so far, to find an employee whose rows are not
    contiguous. While the batches' ids ascend (a file sorted by NIP) each batch is only
    compared with the last id before it, and its ids are kept; at the first batch that does
    not ascend they go into an id set, which then takes every batch. The answers are those of
    the id set alone (tested against it)."""

    def __init__(self) -> None:
        self._set: Any = None
        self._kept: list[Any] = []
        self._last: str | None = None

    def add_new(self, ids: Any) -> str | None:
        """Adds the ids (a string array, each once) and returns ``None``; when some id was
        already added, adds nothing and returns the smallest such id."""
        from kinerja.batch import _ascending

        if self._set is None:
            first = ids[0].as_py() if len(ids) else None
            if _ascending(ids) and (first is None or self._last is None or first > self._last):
                self._kept.append(ids)
                self._last = ids[-1].as_py() if len(ids) else self._last
                return None
        again: str | None = self._id_set().add_new(ids)
        return again

    def contains(self, keys: Any) -> Any:
        """Whether each key of a string array was added (a boolean array; a null key was not)."""
        return self._id_set().contains(keys)

    def _id_set(self) -> Any:
        """The id set, made from the kept ids on first use."""
        if self._set is None:
            self._set = _IdSet()
            for kept in self._kept:  # ascending, each after the one before: no repeats
                self._set.add_new(kept)
            self._kept = []
        return self._set


def score_files(
    indicators: str,
    out: str,
    *,
    employees: str | None = None,
    units: str | None = None,
    rules: str | None = None,
    period: str | None = None,
    indicators_out: str | None = None,
    units_out: str | None = None,
    errors_out: str | None = None,
    on_error: str = "raise",
    batch_rows: int = 1_000_000,
    progress: TextIO | None = None,
) -> dict[str, int]:
    """Scores the indicator file in batches and writes the results; returns counts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja.batch import ERROR_SCHEMA, _changes, _score

    if batch_rows < 1:
        raise CliError("--batch-rows must be positive")
    ruleset = _preflight(
        {"indicators": indicators, "--employees": employees, "--units": units},
        {"-o": out, "--indicators-out": indicators_out, "--units-out": units_out, "--errors-out": errors_out},
        rules,
        period,
        input_types=_STREAMED,
        output_types=_STREAMED,
        on_error=on_error,
    )
    emp_table = emp_file_rows = unit_table = unit_file_rows = None
    if employees:
        emp_table, emp_file_rows = _read_table(employees, "employees")
        emp_table = _with_ids(_with_canonical_names(emp_table, "employees", employees))
    if units:
        unit_table, unit_file_rows = _read_table(units, "units")
        unit_table = _with_canonical_names(unit_table, "units", units)
    for name, t in (("--employees", emp_table), ("--units", unit_table)):
        if t is not None and ("employee" if name == "--employees" else "unit") not in t.column_names:
            raise CliError(
                f"{name}: the table has no `{'employee' if name == '--employees' else 'unit'}` column",
                EXIT_DATA,
            )
    read, total = _batches(indicators, batch_rows)
    batches = _read_ahead(read)
    writers: dict[str, _Writer] = {}
    unit_counts: list[Any] = []
    seen = _SeenIds()  # every employee id of the batches so far
    pending: Any = None
    schema: Any = None
    emp_keys = None if emp_table is None else emp_table.column("employee").cast(pa.string())
    counts = {"rows": 0, "employees": 0, "errors": 0, "batches": 0, "normalised": 0}
    unit_seen: set[tuple[Any, ...]] = set()  # the unit table's problems written so far

    def file_of(table: str) -> str:
        """The file a problem's table was read from."""
        return {"employees": employees, "units": units}.get(table) or indicators

    def run(chunk: Any, emp_mask: Any = None) -> None:
        ids = chunk.column("employee").cast(pa.string()).combine_chunks()
        # every id of the chunk, at least once: at the changes of id (no hash of every row)
        heads = _changes(ids)
        uniq = pc.unique(ids) if heads is None else pc.take(ids, heads)
        again = seen.add_new(uniq)
        if again is not None:
            raise CliError(
                f"{indicators}: the rows of employee `{again}` are not contiguous; "
                "sort the file by employee (streaming keeps each employee in one batch)",
                EXIT_DATA,
            )
        emps = emp_rows = None
        if emp_table is not None:
            if emp_mask is None:
                emp_mask = pc.is_in(emp_keys, value_set=uniq)
            emps = emp_table.filter(emp_mask)
            emp_rows = pc.indices_nonzero(emp_mask)
        # each problem names its file's data row: the chunk's rows, the employee rows kept
        first: Any = counts["rows"] + 1
        if _ROW in chunk.column_names:
            first = chunk.column(_ROW).combine_chunks()
            chunk = chunk.drop_columns([_ROW])
        if emp_rows is not None:
            emp_rows = pc.add(emp_rows, 1) if emp_file_rows is None else pc.take(emp_file_rows, emp_rows)
        unit_rows = unit_file_rows if unit_file_rows is not None else 1
        rows = (first, emp_rows, None if unit_table is None else unit_rows)
        try:
            res = _score([chunk, emps, unit_table], ruleset, period, on_error, {}, None, rows)
        except KinerjaError as e:
            # a located problem: its table's name becomes the file's ("emp.csv: row 124, …")
            named = _named_by_file(e, file_of)
            if named is None:
                # no table (a check before the table layer): the field says where the column is
                col = e.field
                in_emp = emps is not None and col is not None and col not in chunk.column_names
                named = f"{employees if in_emp and employees else indicators}: {e}"
            raise CliError(named, EXIT_DATA) from None
        errs = _new_unit_problems(res.errors, unit_seen)
        if errs.num_rows:
            counts["errors"] += errs.num_rows
            if "errors" in writers:
                writers["errors"].write(errs)
        writers["employees"].write(res.employees)
        if "indicators" in writers:
            writers["indicators"].write(res.indicators)
        unit_counts.append(res.units)
        counts["rows"] += chunk.num_rows
        counts["employees"] += res.employees.num_rows
        counts["normalised"] += _normalised(res.employees)
        counts["batches"] += 1
        _progress(progress, counts["rows"], counts["employees"], total)

    empty_run = False
    try:
        writers["employees"] = _Writer(out)
        if indicators_out:
            writers["indicators"] = _Writer(indicators_out)
        if errors_out:
            writers["errors"] = _Writer(errors_out, ERROR_SCHEMA)
        if units_out:
            writers["units"] = _Writer(units_out, {"unit": "string"})
        for block, file_rows in batches:
            table = _with_ids(_with_canonical_names(block, "indicators", indicators))
            if "employee" not in table.column_names:
                raise CliError(f"{indicators}: the indicator table has no `employee` column", EXIT_DATA)
            if file_rows is not None:
                table = table.append_column(_ROW, file_rows)
            schema = table.schema
            pending = table if pending is None else pa.concat_tables([pending, table])
            if pending.num_rows >= batch_rows:
                pending = _chunks(pending, batch_rows, run, final=False)
        if pending is not None and pending.num_rows:
            _chunks(pending, batch_rows, run, final=True)
        if emp_table is not None and emp_keys is not None:
            # employees without any indicator row are scored too (each gets its error)
            rest = pc.invert(seen.contains(emp_keys.combine_chunks()))
            if pc.any(rest).as_py():
                if schema is None:
                    raise CliError(f"{indicators}: the file has no rows and no columns", EXIT_DATA)
                run(schema.empty_table(), rest)
        if counts["batches"] == 0 and schema is not None:
            # a file of no rows: its result tables with all their columns, from an empty batch
            # (not counted as one)
            empty_run = True
            run(schema.empty_table())
            counts["batches"] = 0
        if units_out:
            _write_units(writers["units"], unit_counts, ruleset)
        for w in writers.values():
            w.commit()
    except OSError as e:
        raise CliError(f"{indicators}: cannot be read: {e.strerror or e}", EXIT_IO) from None
    except KinerjaError as e:
        # a block of the file the reader refuses (not CSV, not UTF-8): it names the file
        raise CliError(str(e), EXIT_DATA) from None
    except pa.ArrowException as e:
        raise CliError(f"{indicators}: malformed file: {e}", EXIT_DATA) from None
    finally:
        batches.close()
        for w in writers.values():
            w.abort()
        if progress is not None and (counts["batches"] or empty_run):
            progress.write("\n")
    return counts


def _write_units(w: _Writer, parts: list[Any], ruleset: Ruleset | None) -> None:
    """Sums the per-batch unit counts and checks each unit's totals against the curve
    (:func:`kinerja.check_counts`), so a unit split across batches gets one verdict."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja._kinerja import _labels, check_counts
    from kinerja.batch import ORG_PREDICATES, PREDICATES

    allc = pa.concat_tables(parts) if parts else None
    if allc is not None and allc.num_rows:
        numeric = [*PREDICATES, "heads_excluded"]
        aggs = [(c, "sum") for c in numeric]
        has_org = "org_predicate" in allc.column_names
        if has_org:
            # the label column as its codes (the aggregation takes no dictionary column)
            org_codes = pc.index_in(allc.column("org_predicate").cast(pa.string()), pa.array(ORG_PREDICATES))
            allc = allc.set_column(allc.column_names.index("org_predicate"), "org_predicate", org_codes)
            aggs.append(("org_predicate", "first"))
        summed = allc.group_by("unit", use_threads=False).aggregate(aggs)
        rows = summed.to_pylist()
        passed: list[bool | None] = []
        nviol: list[int | None] = []
        texts: dict[str, list[str | None]] = {"en": [], "id": []}
        for r in rows:
            code = r.get("org_predicate_first")
            if code is None:
                passed.append(None)
                nviol.append(None)
                texts["en"].append(None)
                texts["id"].append(None)
                continue
            org = OrgPredicate(ORG_PREDICATES[code])
            rep = check_counts({Predicate(p): int(r[f"{p}_sum"]) for p in PREDICATES}, org, ruleset)
            v = rep.violations
            passed.append(rep.passed)
            nviol.append(len(v))
            for lang in ("en", "id"):
                texts[lang].append("; ".join(c.description(lang) for c in v))
        cols: dict[str, Any] = {"unit": summed.column("unit")}
        if has_org:
            first = summed.column("org_predicate_first").combine_chunks()
            cols["org_predicate"] = _labels(first.cast(pa.uint8()), list(ORG_PREDICATES))
        for c in numeric:
            cols[c] = summed.column(f"{c}_sum").cast(pa.uint64())
        cols["distribution_passed"] = pa.array(passed, pa.bool_())
        cols["violations"] = pa.array(nviol, pa.uint64())
        cols["violated"] = pa.array(texts["en"], pa.string())
        cols["violated_id"] = pa.array(texts["id"], pa.string())
        w.write(pa.table(cols))


def _reads(option: str, value: str) -> bool:
    """Whether the table layer's readers take ``value`` for their ``option`` (``delimiter`` or
    ``encoding``): the check every reading call makes, asked before any file is read."""
    from kinerja import _kinerja as native

    try:
        native._check_read_options(**{option: value})
    except KinerjaError:
        return False
    return True


def _check_errors_out(errors_out: str | None, on_error: str) -> None:
    """``--errors-out`` lists the problems ``--on-error collect`` collects: without it the first
    problem stops the run, so the option is a usage error, before anything is read or written."""
    if errors_out and on_error != "collect":
        raise CliError(
            f"--errors-out {errors_out}: needs --on-error collect (without it the first problem "
            "stops the run and no problem list is written)"
        )


def check_options(args: Any, inputs: list[str | None]) -> None:
    """The option values, before any file is read: a value the command cannot use is a usage
    error (exit 2) naming the option, never a file. ``inputs`` are the input files."""
    from kinerja import _kinerja as native

    if args.period is not None:
        try:
            native._check_score_options(period=args.period)
        except KinerjaError as e:
            raise CliError(f"--period: {e}") from None
    if args.delimiter is not None and not _reads("delimiter", args.delimiter):
        raise CliError(
            f"--delimiter `{args.delimiter}`: not one ASCII character that can separate cells "
            "(not a letter, a digit, `.`, `-`, `+`, a quote or a line break); use `,`, `;`, `|` or `tab`"
        )
    if args.encoding is not None and not _reads("encoding", args.encoding):
        raise CliError(
            f"--encoding {args.encoding}: not a text encoding that can be read; "
            "use a standard label such as utf-8, windows-1252, latin1, utf-16le"
        )
    books = [ext for ext, kind in INPUT_TYPES.items() if kind == "xlsx"]
    if args.sheet is not None and not any(p and _ext(p) in books for p in inputs):
        raise CliError(
            f"--sheet {args.sheet}: no input is a workbook ({', '.join(books)}); "
            "--sheet chooses the sheet of a workbook"
        )


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and the noun, in the singular for 1 (``1 batch``, ``2 batches``)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _columns(specs: list[str] | None) -> dict[str, str]:
    """``--column "Capaian Riil=actual"`` options as a header → column mapping."""
    out: dict[str, str] = {}
    for spec in specs or []:
        header, sep, column = spec.rpartition("=")
        if not sep or not header.strip() or not column.strip():
            raise CliError(f'--column {spec!r}: expected HEADER=column, e.g. "Capaian Riil=actual"')
        out[header.strip()] = column.strip()
    return out


def score_table_files(
    indicators: str,
    out: str,
    *,
    employees: str | None = None,
    units: str | None = None,
    rules: str | None = None,
    period: str | None = None,
    indicators_out: str | None = None,
    units_out: str | None = None,
    errors_out: str | None = None,
    on_error: str = "raise",
    read: dict[str, Any] | None = None,
    columns: dict[str, str] | None = None,
    lang: str = "id",
) -> dict[str, Any]:
    """Scores whole files through the table layer (CSV with any delimiter, XLSX, Parquet;
    Indonesian headers, numbers and words) and writes CSV, Parquet or XLSX; returns counts."""
    from kinerja import _kinerja as native
    from kinerja.batch import score

    ruleset = _preflight(
        {"indicators": indicators, "--employees": employees, "--units": units},
        {"-o": out, "--indicators-out": indicators_out, "--units-out": units_out, "--errors-out": errors_out},
        rules,
        period,
        on_error=on_error,
    )
    try:
        res = score(
            indicators,
            employees,
            units,
            rules=ruleset,
            period=period,
            on_error=on_error,
            columns=columns,
            **(read or {}),
        )
    except KinerjaError as e:
        # named by its file, as the streamed path names it ("skp.xlsx: row 12, …")
        files = {"employees": employees, "units": units}
        raise CliError(_named_by_file(e, lambda t: files.get(t) or indicators) or str(e), EXIT_DATA) from None
    parts = {
        "employees": res.employees,
        "indicators": res.indicators,
        "units": res.units,
        "problems": res.errors,
    }
    try:
        for path, names in (
            (out, ["employees", "indicators", "units", "problems"]),
            (indicators_out, ["indicators"]),
            (units_out, ["units"]),
            (errors_out, ["problems"]),
        ):
            if not path:
                continue
            if path.lower().endswith(".xlsx"):
                native._write_workbook([(n, parts[n]) for n in names], path, lang=lang)
            else:
                native._write_table(parts[names[0]], path)
    except OSError as e:
        raise CliError(str(e), EXIT_IO) from None
    # reported in the summary line, never dropped without a word
    ignored = "; ".join(f"{t}: {', '.join(cols)}" for t, cols in res.ignored_columns.items())
    return {
        "ignored": ignored,
        "rows": res.indicators.num_rows,
        "employees": res.employees.num_rows,
        "errors": res.errors.num_rows,
        "normalised": _normalised(res.employees),
        "batches": 1,
    }


def _normalised(employees: Any) -> int:
    """How many employees' given weights were off 100 and normalised (the summary says so)."""
    if "weights_normalised" not in employees.column_names:
        return 0
    return int(sum(1 for x in employees.column("weights_normalised").to_pylist() if x))


def _weights_note(counts: dict[str, Any]) -> str:
    n = int(counts.get("normalised", 0))
    return f", {n:,} with weights not adding up to 100 (normalised; see weights_normalised)" if n else ""


def main(args: Any) -> int:
    """Runs the ``score`` subcommand from parsed arguments; failures propagate as
    :class:`kinerja._io.CliError` (and others), reported by :func:`kinerja.__main__.main`."""
    read = {
        "number_format": args.number_format,
        "delimiter": args.delimiter,
        "encoding": args.encoding,
        "sheet": args.sheet,
    }
    inputs = [args.indicators, args.employees, args.units]
    check_options(args, inputs)
    columns = _columns(args.column)
    paths = [*inputs, args.output, args.indicators_out, args.units_out, args.errors_out]
    # read whole by the table layer: with a read option, or a file not streamed (a workbook,
    # a .tsv; or an unknown type, refused alike)
    if columns or any(read.values()) or any(p and _ext(p) not in _STREAMED for p in paths):
        counts = score_table_files(
            args.indicators,
            args.output,
            employees=args.employees,
            units=args.units,
            rules=args.rules,
            period=args.period,
            indicators_out=args.indicators_out,
            units_out=args.units_out,
            errors_out=args.errors_out,
            on_error=args.on_error,
            read=read,
            columns=columns,
            lang=args.lang,
        )
        sys.stderr.write(
            f"kinerja score: {_count(counts['employees'], 'employee')}, {_count(counts['errors'], 'problem')}"
            f"{_weights_note(counts)} → {args.output}"
            + (f" (columns not read: {counts['ignored']})" if counts["ignored"] else "")
            + "\n"
        )
        return EXIT_PROBLEMS if counts["errors"] else 0
    counts = score_files(
        args.indicators,
        args.output,
        employees=args.employees,
        units=args.units,
        rules=args.rules,
        period=args.period,
        indicators_out=args.indicators_out,
        units_out=args.units_out,
        errors_out=args.errors_out,
        on_error=args.on_error,
        batch_rows=args.batch_rows,
        progress=None if args.quiet else sys.stderr,
    )
    sys.stderr.write(
        f"kinerja score: {_count(counts['rows'], 'indicator row')}, "
        f"{_count(counts['employees'], 'employee')}, {_count(counts['errors'], 'problem')}"
        f"{_weights_note(counts)}, "
        f"{_count(counts['batches'], 'batch', 'batches')} → {args.output}\n"
    )
    return EXIT_PROBLEMS if counts["errors"] else 0
