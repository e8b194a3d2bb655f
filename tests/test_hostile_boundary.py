"""The boundary, organised by the classes of issue 12: nothing kills the process, the CLI never
shows a traceback and has documented exit codes, inputs are never destroyed, and every
exception of the public API is a KinerjaError naming what it is about."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import kinerja as kj
from kinerja import _kinerja
from kinerja import exceptions as kx

ROOT = Path(__file__).resolve().parent.parent
KUPANG = str(ROOT / "policies" / "kupang-2024.example.toml")


def deep(n: int, leaf: object = 1) -> object:
    d: object = leaf
    for _ in range(n):
        d = {"a": d}
    return d


# --- 1. nothing kills the process ------------------------------------------------------------

DEEP_CALLS = {
    "Policy.from_dict": lambda d: kj.Policy.from_dict(d),
    "Policy(achievement=)": lambda d: kj.Policy(achievement=d),
    "Plan.from_dict(employee=)": lambda d: kj.Plan.from_dict({"employee": d, "year": 2024}),
    "evaluate": lambda d: kj.evaluate(d),
    "OrgStructure.from_dict": lambda d: kj.OrgStructure.from_dict(d),
    "sakip": lambda d: kj.sakip(d),
}


@pytest.mark.parametrize("call", list(DEEP_CALLS), ids=list(DEEP_CALLS))
@pytest.mark.parametrize("n", [_kinerja.MAX_DEPTH + 2, 30_000])
def test_deep_nesting_is_an_input_error(call: str, n: int) -> None:
    with pytest.raises(kx.InputError) as info:
        DEEP_CALLS[call](deep(n))
    assert "nested more than 64 levels" in str(info.value)
    assert ".a.a.a" in str(info.value.field)  # the path is named


def test_nesting_within_the_limit_reaches_the_reader() -> None:
    # 10 levels is not a nesting problem: the policy reader names the unknown field instead
    with pytest.raises(kx.KinerjaError) as info:
        kj.Policy.from_dict(deep(10))
    assert "nested" not in str(info.value)


def test_a_dict_that_contains_itself() -> None:
    d: dict[str, object] = {}
    d["a"] = d
    with pytest.raises(kx.InputError, match="contains itself"):
        kj.Policy.from_dict(d)
    lst: list[object] = []
    lst.append(lst)
    with pytest.raises(kx.InputError, match="nested more than"):
        kj.sakip(lst)


def test_limits_are_documented_constants() -> None:
    assert _kinerja.MAX_DEPTH == 64
    assert _kinerja.MAX_THREADS == 256
    assert _kinerja.MAX_POLICY_BYTES == 1 << 20
    assert _kinerja.MAX_ROWS == 20_000_000


def test_thread_count_is_capped() -> None:
    before = kj.get_num_threads()
    try:
        for n in (_kinerja.MAX_THREADS + 1, 10**6):
            with pytest.raises(kx.InputError, match="maximum of 256") as info:
                kj.set_num_threads(n)
            assert info.value.field == "n"
        kj.set_num_threads(_kinerja.MAX_THREADS)  # the maximum itself is accepted
        assert kj.get_num_threads() == 256
        with pytest.raises(kx.InputError):
            kj.set_num_threads(-1)
    finally:
        kj.set_num_threads(0)
    assert kj.get_num_threads() == before


@pytest.mark.parametrize("value", ["100000", "lots", "-3"])
def test_env_thread_count_beyond_the_cap_is_an_error(value: str) -> None:
    code = (
        "import kinerja as kj\n"
        "try:\n    kj.get_num_threads()\nexcept kj.KinerjaError as e:\n"
        "    print(type(e).__name__, e.field)\n"
    )
    env = {**os.environ, "KINERJA_NUM_THREADS": value}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["InputError", "KINERJA_NUM_THREADS"], out.stderr


def test_env_thread_count_within_the_cap() -> None:
    code = "import kinerja as kj; print(kj.get_num_threads())"
    env = {**os.environ, "KINERJA_NUM_THREADS": "3"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "3", out.stderr


# --- 4. every exception is a KinerjaError --------------------------------------------------------


def test_arithmetic_error_no_longer_shadows_the_builtin() -> None:
    assert issubclass(kx.KinerjaArithmeticError, kx.KinerjaError)
    assert issubclass(kx.KinerjaArithmeticError, ArithmeticError)  # the builtin
    assert "ArithmeticError" not in kx.__all__
    with pytest.warns(DeprecationWarning, match="KinerjaArithmeticError"):
        alias = kx.ArithmeticError  # type: ignore[attr-defined]
    assert alias is kx.KinerjaArithmeticError
    ns: dict[str, object] = {}
    exec("from kinerja.exceptions import *", ns)
    assert "ArithmeticError" not in ns
    with pytest.raises(ArithmeticError) as info:
        kj.achievement("0.0000000000000000000000000001", "79228162514264337593543950335")
    assert type(info.value).__name__ == "KinerjaArithmeticError"
    assert type(info.value).__module__ == "kinerja.exceptions"


def test_input_type_error_is_both() -> None:
    assert issubclass(kx.InputTypeError, kx.InputError)
    assert issubclass(kx.InputTypeError, TypeError)
    assert issubclass(kx.InputTypeError, ValueError)


def test_new_classes_pickle() -> None:
    import pickle

    with pytest.raises(kx.KinerjaArithmeticError) as info:
        kj.achievement("0.0000000000000000000000000001", "79228162514264337593543950335")
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is kx.KinerjaArithmeticError and str(back) == str(info.value)


TYPE_CASES = {
    "Employee(123, …)": (lambda: kj.Employee(123, "A", "u", "executor"), "id"),  # type: ignore[arg-type]
    "Employee(name=None)": (lambda: kj.Employee("1", None, "u", "executor"), "name"),  # type: ignore[arg-type]
    "Employee(unit_head='no')": (
        lambda: kj.Employee("1", "A", "u", "executor", unit_head="no"),  # type: ignore[arg-type]
        "unit_head",
    ),
    "Employee(post_type=5)": (lambda: kj.Employee("1", "A", "u", 5), "post_type"),  # type: ignore[arg-type]
    "Indicator(target_is_max='yes')": (
        lambda: kj.Indicator("i", "I", 10, target_is_max="yes"),  # type: ignore[arg-type]
        "target_is_max",
    ),
    "Indicator(period_targets=[…])": (
        lambda: kj.Indicator("i", "I", 10, period_targets=[("2024-Q1", 5)]),  # type: ignore[arg-type]
        "period_targets",
    ),
    "Indicator(id=1.5)": (lambda: kj.Indicator(1.5, "I", 10), "id"),  # type: ignore[arg-type]
    "Ruleset(5)": (lambda: kj.Ruleset(5), "regime"),  # type: ignore[arg-type]
    "Evaluation.from_json(42)": (lambda: kj.Evaluation.from_json(42), "text"),  # type: ignore[arg-type]
    "Plan.from_json(b'')": (lambda: kj.Plan.from_json(b"{}"), "text"),  # type: ignore[arg-type]
    "achievement(object())": (lambda: kj.achievement(object(), 1), "target"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", list(TYPE_CASES), ids=list(TYPE_CASES))
def test_wrong_types_are_input_type_errors(case: str) -> None:
    fn, field = TYPE_CASES[case]
    with pytest.raises(kx.InputTypeError) as info:
        fn()
    assert isinstance(info.value, TypeError) and isinstance(info.value, kx.KinerjaError)
    assert info.value.field == field, (info.value.field, str(info.value))


@pytest.mark.parametrize("field", ["id", "name", "unit"])
def test_lone_surrogates_name_the_field(field: str) -> None:
    args = {"id": "1", "name": "A", "unit": "u"}
    args[field] = "ab\udc80"
    with pytest.raises(kx.InputError, match="lone surrogate") as info:
        kj.Employee(args["id"], args["name"], args["unit"], "executor")
    assert info.value.field == field


def test_forged_pickles_are_kinerja_errors() -> None:
    import pickle

    ev = kj.Evaluation.from_json  # the reconstructor pickles name
    good = pickle.dumps(kj.Ruleset.builtin())
    assert pickle.loads(good).id == "permenpanrb-6-2022"
    with pytest.raises(kx.KinerjaError):
        ev('{"truncated": ')
    with pytest.raises(kx.InputTypeError):
        ev(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("what", ["indicators", "employees"])
def test_score_argument_types(what: str) -> None:
    pa = pytest.importorskip("pyarrow")
    ind = pa.table({"employee": ["a"], "target": [10], "actual": [9]})
    with pytest.raises(kx.InputTypeError, match=what):
        if what == "indicators":
            kj.score(42)
        else:
            kj.score(ind, employees=[1, 2])


# --- 2. and 3. the command line ------------------------------------------------------------------

pa = pytest.importorskip("pyarrow")
pacsv = pytest.importorskip("pyarrow.csv")


def cli(*args: str, cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        **kw,  # type: ignore[arg-type]
    )


def one_line_error(p: subprocess.CompletedProcess[str], cmd: str = "score") -> str:
    assert "Traceback" not in p.stderr, p.stderr
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, p.stderr
    assert lines[0].startswith(f"kinerja {cmd}: error: "), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("cli")
    ind = d / "ind.csv"
    ind.write_text(
        "employee,target,actual\na,10,9\na,10,10\nb,10,12\n",
        encoding="utf-8",
    )
    emp = d / "emp.csv"
    emp.write_text("employee,work_result,behaviour\na,meets,meets\nb,above,meets\n", encoding="utf-8")
    return {"dir": d, "ind": ind, "emp": emp}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def no_temp_left(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if p.name.endswith((".kinerja-tmp", ".partial"))]
    assert not left, left


def test_usage_names_kinerja_and_needs_a_command() -> None:
    p = cli("--help")
    assert p.returncode == 0 and p.stdout.startswith("usage: kinerja ")
    p = cli()
    assert p.returncode == 2
    assert "kinerja: error: a command is required" in p.stderr and "Traceback" not in p.stderr
    assert cli("schema").returncode == 0
    p = cli("score", "--bogus")
    assert p.returncode == 2
    # one line, like every other failure, naming where the usage is
    assert p.stderr.startswith("kinerja score: error: ") and p.stderr.count("\n") == 1, p.stderr
    assert "see `kinerja score --help`" in p.stderr


def test_usage_errors_read_in_indonesian() -> None:
    """argparse's own words (an unknown choice, a missing argument) in Bahasa Indonesia under
    KINERJA_ERROR_LANG=id, on one line."""
    env = {**os.environ, "KINERJA_ERROR_LANG": "id"}
    run = [sys.executable, "-m", "kinerja"]
    p = subprocess.run(
        [*run, "score", "a.csv", "-o", "b.csv", "--on-error", "maybe"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert p.returncode == 2
    assert p.stderr == (
        "kinerja score: kesalahan: argumen --on-error: pilihan tidak sah: 'maybe' "
        "(pilih salah satu dari 'raise', 'collect') (lihat `kinerja score --help`)\n"
    )
    p = subprocess.run([*run, "score", "a.csv"], capture_output=True, text=True, env=env)
    assert p.returncode == 2 and p.stderr.startswith(
        "kinerja score: kesalahan: argumen berikut wajib diisi: "
    ), p.stderr


def test_exit_0_and_1(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    p = cli("score", str(files["ind"]), "--employees", str(files["emp"]), "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    assert out.exists()
    # employee b has no appraisal: collected, written, and the exit code says so
    emp = tmp_path / "emp.csv"
    emp.write_text("employee,work_result,behaviour\na,meets,meets\nb,,\n", encoding="utf-8")
    errs = tmp_path / "errors.csv"
    p = cli(
        "score",
        str(files["ind"]),
        "--employees",
        str(emp),
        "-o",
        str(out),
        "-q",
        "--on-error",
        "collect",
        "--errors-out",
        str(errs),
    )
    assert p.returncode == 1, p.stderr
    assert "b" in errs.read_text(encoding="utf-8")
    no_temp_left(tmp_path)


def test_exit_2_usage(files: dict[str, Path], tmp_path: Path) -> None:
    p = cli("score", str(files["ind"]), "-o", str(tmp_path / "o.xyz"))
    assert p.returncode == 2 and "unknown file type" in one_line_error(p)
    p = cli("score", str(files["ind"]), "-o", str(tmp_path / "o.csv"), "--batch-rows", "0")
    assert p.returncode == 2


def test_exit_3_bad_data(files: dict[str, Path], tmp_path: Path) -> None:
    before = snapshot(files["dir"])
    bad_rules = tmp_path / "p.toml"
    bad_rules.write_bytes(b'id = "x"\n# caf\xe9\n')
    p = cli("score", str(files["ind"]), "--rules", str(bad_rules), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 3
    line = one_line_error(p)
    assert "not UTF-8" in line and "byte 14 is 0xe9" in line
    p = cli("score", str(files["ind"]), "--rules", "/dev/zero", "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 3 and "larger than the limit of 1,048,576 bytes" in one_line_error(p)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * ((1 << 20) + 1))
    p = cli("score", str(files["ind"]), "--rules", str(big), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 3 and "larger than the limit" in one_line_error(p)
    bad = tmp_path / "bad.csv"
    bad.write_text("employee,target,actual\na,0,5\n", encoding="utf-8")
    p = cli("score", str(bad), "-o", str(tmp_path / "o.csv"), "-q")
    assert p.returncode == 3 and "bad.csv" in one_line_error(p)
    assert snapshot(files["dir"]) == before
    assert not (tmp_path / "o.csv").exists()
    no_temp_left(tmp_path)


def test_exit_4_io(files: dict[str, Path], tmp_path: Path) -> None:
    p = cli("score", str(files["ind"]), "--rules", str(tmp_path), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 4 and "is a directory" in one_line_error(p)
    p = cli("score", str(tmp_path), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 4 and "is a directory" in one_line_error(p)
    p = cli("score", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 4 and "missing.csv" in one_line_error(p)
    p = cli("score", str(files["ind"]), "-o", str(tmp_path / "nowhere" / "o.csv"))
    assert p.returncode == 4 and "does not exist" in one_line_error(p)
    (tmp_path / "sub.csv").mkdir()
    p = cli("score", str(files["ind"]), "-o", str(tmp_path / "sub.csv"))
    assert p.returncode == 4 and "is a directory" in one_line_error(p)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes everything")
def test_exit_4_permission_denied(files: dict[str, Path], tmp_path: Path) -> None:
    locked = tmp_path / "locked.csv"
    locked.write_bytes(files["ind"].read_bytes())
    locked.chmod(0)
    p = cli("score", str(locked), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 4
    one_line_error(p)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    p = cli("score", str(files["ind"]), "-o", str(ro / "o.csv"))
    assert p.returncode == 4
    one_line_error(p)


def _limit_file_size() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_exit_4_disk_full(tmp_path: Path) -> None:
    n = 3000
    ind = tmp_path / "ind.csv"
    ind.write_text(
        "employee,target,actual\n" + "".join(f"e{i:05d},100,{90 + i % 20}\n" for i in range(n)),
        encoding="utf-8",
    )
    before = snapshot(tmp_path)
    out = tmp_path / "o.csv"
    p = cli("score", str(ind), "-o", str(out), "-q", "--on-error", "collect", preexec_fn=_limit_file_size)
    assert p.returncode == 4, p.stderr
    assert "o.csv" in one_line_error(p)
    assert not out.exists()
    assert snapshot(tmp_path) == before
    no_temp_left(tmp_path)


# path collisions: refused before anything is read, inputs unchanged
def _collision(tmp_path: Path, files: dict[str, Path], make: str) -> list[str]:
    ind = tmp_path / "ind.csv"
    ind.write_bytes(files["ind"].read_bytes())
    emp = tmp_path / "emp.csv"
    emp.write_bytes(files["emp"].read_bytes())
    base = ["score", str(ind), "--employees", str(emp), "-q"]
    if make == "same":
        return [*base, "-o", str(ind)]
    if make == "employees":
        return [*base, "-o", str(emp)]
    if make == "dotted":
        return [*base, "-o", str(tmp_path / "." / "ind.csv")]
    if make == "symlink":
        (tmp_path / "link.csv").symlink_to(ind)
        return [*base, "-o", str(tmp_path / "link.csv")]
    if make == "hardlink":
        os.link(ind, tmp_path / "hard.csv")
        return [*base, "-o", str(tmp_path / "hard.csv")]
    if make == "two-outputs":
        return [*base, "-o", str(tmp_path / "x.csv"), "--units-out", str(tmp_path / "x.csv")]
    if make == "errors-out":
        return [*base, "-o", str(tmp_path / "x.csv"), "--errors-out", str(tmp_path / "x.csv")]
    raise AssertionError(make)


@pytest.mark.parametrize(
    "make", ["same", "employees", "dotted", "symlink", "hardlink", "two-outputs", "errors-out"]
)
def test_an_output_that_is_an_input_is_refused(files: dict[str, Path], tmp_path: Path, make: str) -> None:
    args = _collision(tmp_path, files, make)
    before = snapshot(tmp_path)
    p = cli(*args)
    assert p.returncode == 2
    assert "is the same file as" in one_line_error(p)
    assert snapshot(tmp_path) == before
    no_temp_left(tmp_path)


def test_rules_file_is_an_input(files: dict[str, Path], tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_bytes(Path(KUPANG).read_bytes())
    p = cli("score", str(files["ind"]), "--rules", str(rules), "-o", str(rules))
    assert p.returncode == 2 and "--rules" in one_line_error(p)
    assert rules.read_bytes() == Path(KUPANG).read_bytes()


def test_symlinked_output_is_written_through(files: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    p = cli("score", str(files["ind"]), "--employees", str(files["emp"]), "-o", str(link), "-q")
    assert p.returncode == 0, p.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("employee,")
    no_temp_left(tmp_path)


def test_a_stale_temp_file_is_not_output(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "o.csv"
    stale = [tmp_path / "o.csv.partial", tmp_path / ".o.csv.abcdefgh.kinerja-tmp"]
    for s in stale:
        s.write_text("garbage from a killed run\n", encoding="utf-8")
    p = cli("score", str(files["ind"]), "--employees", str(files["emp"]), "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    assert "garbage" not in out.read_text(encoding="utf-8")
    assert all(s.read_text(encoding="utf-8").startswith("garbage") for s in stale)  # not touched


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_leaves_nothing(tmp_path: Path, sig: int, code: int) -> None:
    n = 400_000
    ind = tmp_path / "ind.csv"
    with ind.open("w", encoding="utf-8") as f:
        f.write("employee,target,actual\n")
        for i in range(n):
            f.write(f"e{i:07d},100,{90 + i % 20}\n")
    before = snapshot(tmp_path)
    out = tmp_path / "o.csv"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kinerja",
            "score",
            str(ind),
            "-o",
            str(out),
            "--batch-rows",
            "2000",
            "--on-error",
            "collect",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    # wait until the first batch is scored (the progress line), then interrupt
    deadline = time.monotonic() + 60
    seen = ""
    while time.monotonic() < deadline and "rows" not in seen:
        ch = proc.stderr.read(1)
        if not ch:
            break
        seen += ch
    proc.send_signal(sig)
    _, rest = proc.communicate(timeout=60)
    err = seen + rest
    if proc.returncode == 0:  # pragma: no cover - the machine finished first
        pytest.skip("the run finished before the signal")
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert err.rstrip().splitlines()[-1].startswith("kinerja score: error: ")
    assert not out.exists()
    assert snapshot(tmp_path) == before
    no_temp_left(tmp_path)


def test_score_file_without_pyarrow_named_extra() -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "from kinerja.__main__ import main\n"
        "sys.exit(main(['score', 'x.csv', '-o', 'y.csv']))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert p.returncode in (2, 4), p.stderr
    assert "Traceback" not in p.stderr


def test_warnings_filter_untouched() -> None:
    # the deprecated alias warns only when used
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from kinerja.exceptions import KinerjaArithmeticError  # noqa: F401


@pytest.mark.parametrize("year", [-1, 10**40, "twenty"])
def test_plan_year_is_named(year: object) -> None:
    data = {"employee": {"id": "1", "name": "A", "unit": "u", "post_type": "executor"}, "year": year}
    with pytest.raises(kx.InputError) as info:
        kj.Plan.from_dict(data)
    assert info.value.field == "plan.year", (info.value.field, str(info.value))
    assert "plan.year" in str(info.value)


def test_score_errors_are_kinerja_errors_naming_what() -> None:
    pa = pytest.importorskip("pyarrow")
    ind = pa.table({"employee": ["a", "zz"], "target": [10, 10], "actual": [9, 9]})
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    with pytest.raises(kx.InputTypeError) as info:
        kj.score(ind, emp, rules=5)  # type: ignore[call-overload]
    assert info.value.field == "rules"
    # a text is a builtin ruleset's id: an unknown one names the builtin ones
    with pytest.raises(kx.PolicyError, match="unknown builtin ruleset `x`; accepted: pp-46-2011"):
        kj.score(ind, emp, rules="x")
    with pytest.raises(kx.InputError, match="employee `zz`.*not in the employee table") as info:
        kj.score(ind, emp)
    assert (info.value.row, info.value.employee) == (1, "zz")
    errs = kj.score(ind, emp, on_error="collect").errors.to_pylist()
    assert [(e["row"], e["employee"]) for e in errs] == [(1, "zz")]
    assert "`zz`" in errs[0]["message"]
    codes = pa.table({"employee": ["a"], "target": [10], "actual": [9], "polarity": [300]})
    with pytest.raises(kx.InputError, match="300"):
        kj.score(codes, emp)
    int_ids = pa.table({"employee": [1], "target": [10], "actual": [9]})
    # ids are text: an int id 1 is "1", not in an employee table of "a"
    with pytest.raises(kx.InputError, match="employee `1`"):
        kj.score(int_ids, emp)


FUZZ_FOUND = Path(__file__).resolve().parent.parent / "testdata" / "fuzz"
DAMAGED_PARQUET = FUZZ_FOUND / "table_parquet" / "arrow_schema_int_overflow"


def test_a_parquet_file_the_decoder_panics_on_is_a_damaged_file(tmp_path: Path) -> None:
    # found by the fuzz target `table_parquet` (its first byte is the target's options): the
    # Rust Parquet decoder panics on its embedded Arrow schema; kj.score reports a damaged file
    path = tmp_path / "rusak.parquet"
    path.write_bytes(DAMAGED_PARQUET.read_bytes()[1:])
    with pytest.raises(kx.InputError, match=r"the Parquet reader failed on it \(.*\): the file is damaged"):
        kj.score(path)
    # nothing printed besides the error: the command line still speaks in one line
    script = f"import kinerja as kj\ntry:\n    kj.score({str(path)!r})\nexcept ValueError:\n    pass"
    p = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0 and p.stderr == "", p.stderr
    p = cli("score", str(path), "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 3, p.stderr
    assert str(path) in one_line_error(p)
    assert not (tmp_path / "o.csv").exists()


def test_a_table_claiming_more_rows_than_the_limit_is_refused_before_reading() -> None:
    # null columns may claim any length without a byte of data; kinerja made a number per row
    # before checking the row limit, and the allocation of 8 TiB aborted the process
    nulls = pa.Array.from_buffers(pa.null(), 2**40, [None])
    table = pa.table({"employee": nulls, "target": nulls, "actual": nulls})
    with pytest.raises(kx.InputError, match="has 1099511627776 rows, more than the limit of 20000000"):
        kj.score(table)
    # the paths that make a Python dict per row: an InputError, not a MemoryError
    from kinerja import frames, org

    for call in (
        lambda: frames.plans_from_frames(table, table),
        lambda: org.structure_from_frames(table),
        lambda: frames.table_to_rows(table),
    ):
        with pytest.raises(kx.InputError, match="has 1099511627776 rows, more than the limit of 20000000"):
            call()


XLSX_SEED = FUZZ_FOUND / "table_xlsx" / "skp_bkpsdm_1"


def _with_sheet(tmp_path: Path, name: str, edit: Callable[[str], str]) -> Path:
    """The seed workbook (its first byte is the fuzz target's options) with its sheet edited."""
    import io
    import zipfile

    out = tmp_path / name
    with zipfile.ZipFile(io.BytesIO(XLSX_SEED.read_bytes()[1:])) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            dst.writestr(item, data)
    return out


def test_a_stray_far_cell_in_a_workbook_is_read_not_allocated(tmp_path: Path) -> None:
    # one blank cell typed in XFD1048576 (an 8 KB workbook) made the XLSX reader allocate
    # every empty cell up to it, 512 GiB, and abort the process; now it reads as without it
    def far(sheet: str) -> str:
        cell = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t> </t></is></c></row>'
        return sheet.replace("</sheetData>", cell + "</sheetData>")

    path = _with_sheet(tmp_path, "jauh.xlsx", far)
    plain = _with_sheet(tmp_path, "biasa.xlsx", lambda s: s)
    got = kj.score(path, number_format="id", on_error="collect")
    want = kj.score(plain, number_format="id", on_error="collect")
    assert got.employees.equals(want.employees) and got.errors.equals(want.errors)
    assert got.employees.num_rows > 0


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('<row r="9"><c r="XFE9"><v>1</v></c></row>', "sheet row 9 has a cell past column XFD"),
        ('<row r="2"><c r="A2"><v>1</v></c></row>', "sheet row 2 comes after a later row in the file"),
    ],
)
def test_a_workbook_no_spreadsheet_writes_is_refused(tmp_path: Path, cell: str, message: str) -> None:
    # the reader takes cells in file order: a cell past Excel's last column, or a row written
    # after a later one, is not from a spreadsheet program; never guessed at
    path = _with_sheet(tmp_path, "aneh.xlsx", lambda s: s.replace("</sheetData>", cell + "</sheetData>"))
    with pytest.raises(kx.InputError, match=message):
        kj.score(path)


def test_a_parquet_file_decodes_only_the_columns_it_scores(tmp_path: Path) -> None:
    # 1 000 all-null columns of 2 million rows (a 4.5 MB file) were all decoded, 8 GB; now
    # only the columns of the table are (the Rust test checks the types), and the others are
    # still reported as ignored
    import pyarrow.parquet as pq

    base = {
        "NIP": ["1", "2"],
        "Indikator": ["a", "a"],
        "Target": [100, 80],
        "Realisasi": [90, 88],
        "work_result": ["meets", "above"],
        "behaviour": ["meets", "meets"],
    }
    nulls = pa.nulls(2, pa.int32())
    wide = pa.table({**base, **{f"kolom{i}": nulls for i in range(1000)}})
    pq.write_table(wide, tmp_path / "lebar.parquet")
    pq.write_table(pa.table(base), tmp_path / "biasa.parquet")
    got = kj.score(tmp_path / "lebar.parquet")
    assert got.employees.equals(kj.score(tmp_path / "biasa.parquet").employees)
    assert got.ignored_columns["indicators"] == [f"kolom{i}" for i in range(1000)]


_PEAK = """
import resource, sys
import kinerja as kj
try:
    kj.score(sys.argv[1])
    print("scored", file=sys.stderr)
except kj.KinerjaError as e:
    print(str(e).splitlines()[0], file=sys.stderr)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize(
    ("target", "first"),
    [
        ("", "indicators row 1, employee `0`, indicator `a`: missing target"),
        ("x", 'indicators row 1, column `target`, value "x", employee 0, indicator a: `x` is not a number'),
    ],
)
def test_a_file_bad_on_every_row_raises_without_wording_every_row(
    tmp_path: Path, target: str, first: str
) -> None:
    # under raise, a problem was worded for every row (the reader's and the kernel's), only
    # to raise the first: 2 million rows without a target took 3.4 GB, unreadable ones 4.3 GB.
    # Now only the raised one is worded, so the call's peak stays that of a clean file
    n = 300_000

    def write(name: str, target: str) -> Path:
        path = tmp_path / name
        rows = "".join(f"{i},a,{target},5,meets,meets\n" for i in range(n))
        path.write_text("NIP,Indikator,Target,Realisasi,Hasil Kerja,Perilaku\n" + rows)
        return path

    def peak(path: Path) -> tuple[int, str]:
        p = subprocess.run(
            [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, timeout=120, check=True
        )
        return int(p.stdout), p.stderr.strip()

    clean, said = peak(write("bersih.csv", "10"))
    assert said == "scored"
    bad, said = peak(write("rusak.csv", target))
    assert said.startswith(first), said
    # kB; a message for each bad row added about 1.5 kB a row (450 MB here)
    assert bad < clean + 100_000, (bad, clean)


def test_a_column_pyarrow_cannot_read_is_named() -> None:
    """A whole number past 64 bits (pyarrow's OverflowError) or a column mixing numbers and
    text is an InputError naming the table and the column, never a bare Python error."""
    pd = pytest.importorskip("pandas")
    emp = {"employee": ["e1"], "unit": ["u"], "work_result": ["meets"], "behaviour": ["meets"]}
    big = {"employee": ["e1", "e1"], "indicator": ["a", "b"], "target": [10**30, 100], "actual": [90, 110]}
    for table in (pd.DataFrame(big), big):
        with pytest.raises(kx.InputError) as e:
            kj.score(table, emp)
        assert (
            str(e.value)
            == "indicators: column `target` holds a whole number too large to read (past 64 bits)"
        )
        assert e.value.field == "target"
        assert e.value.message_id == (
            "indicators: kolom `target` berisi bilangan bulat yang terlalu besar untuk dibaca "
            "(melebihi 64 bit)"
        )
    mixed = pd.DataFrame({"employee": ["e1"] * 3, "indicator": ["a", "b", "c"], "target": [100, 50.5, "30"]})
    with pytest.raises(kx.InputError) as e:
        kj.score(mixed.assign(actual=[1, 2, 3]), emp)
    assert str(e.value).startswith("indicators: column `target` cannot be read: ")
    assert e.value.field == "target"
