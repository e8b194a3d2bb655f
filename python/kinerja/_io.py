"""Files of the command line: exit codes, checked inputs, collision checks, atomic outputs.

Every CLI command uses these helpers, so that each failure is one line and a known exit code,
no input is ever overwritten, and an output either appears whole or not at all.

* **Exit codes** (:data:`EXIT_CODES`): 0 ok; 1 rows had problems (``--on-error collect``);
  2 usage (bad arguments, unknown file type, an output that is an input or another output);
  3 bad input data (malformed file, not UTF-8, too large, a row the engine refuses);
  4 I/O or environment (missing file, directory, permission denied, disk full, missing optional
  dependency); 130 interrupted (Ctrl-C), 143 terminated (SIGTERM); 70 internal error (a bug:
  please report it; ``KINERJA_DEBUG=1`` shows the traceback).
* **Collisions** (:func:`check_paths`): before anything is read, an output that is the same file
  as an input (same resolved path, or same device and inode: symlinks and hard links count) or as
  another output is refused.
* **Atomic outputs** (:class:`AtomicOutput`): written to a uniquely named hidden temporary file
  in the destination's folder (``.NAME.XXXXXXXX.kinerja-tmp``), flushed to disk (``fsync``) and
  renamed over the destination only when complete; any failure the process sees (including
  Ctrl-C and SIGTERM) removes it. A temporary file left by a killed run (``kill -9``) is never
  taken for output: the name is never the output's. A **symlinked output is written through**:
  the link stays and its target receives the new content.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import FrameType
from typing import Any

from kinerja._kinerja import _translate, error_lang

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_IO = 4
EXIT_SOFTWARE = 70
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

#: Exit code → meaning (documented in the README).
EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_PROBLEMS: "rows had problems (--on-error collect)",
    EXIT_USAGE: "usage: bad arguments, or an output that is an input or another output",
    EXIT_DATA: "bad input data: malformed, not UTF-8, too large, or refused by the engine",
    EXIT_IO: "I/O or environment: missing, directory, permission denied, disk full, missing extra",
    EXIT_SOFTWARE: "internal error (a bug; KINERJA_DEBUG=1 shows the traceback)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
    EXIT_TERMINATED: "terminated (SIGTERM)",
}

#: Suffix of the temporary files of :class:`AtomicOutput`.
TEMP_SUFFIX = ".kinerja-tmp"


class CliError(Exception):
    """A failure reported as one line ``kinerja CMD: error: MESSAGE`` with exit ``code``."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(_translate(message))
        self.code = code


class Terminated(BaseException):
    """Raised in the main thread by SIGTERM, so that ``finally`` blocks remove temporary files."""


def io_error(path: str, e: OSError) -> CliError:
    """An :class:`OSError` on ``path`` as one line with exit code 4."""
    return CliError(f"{path}: {e.strerror or e}", EXIT_IO)


def _shown(path: str) -> str:
    return path if len(path) <= 200 else path[:200] + "…"


def check_input(path: str, what: str) -> os.stat_result:
    """Checks that ``path`` exists and is not a directory; returns its status (exit 4 if not)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise CliError(f"{what} {_shown(path)}: {e.strerror or e}", EXIT_IO) from None
    if stat.S_ISDIR(st.st_mode):
        raise CliError(f"{what} {_shown(path)}: is a directory, not a file", EXIT_IO)
    return st


def read_text(path: str, what: str, limit: int) -> str:
    """The UTF-8 text of ``path``, at most ``limit`` bytes (an endless file such as
    ``/dev/zero`` stops at the limit); too large or not UTF-8 (naming the byte offset) is exit 3."""
    check_input(path, what)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise CliError(f"{what} {_shown(path)}: {e.strerror or e}", EXIT_IO) from None
    if len(data) > limit:
        raise CliError(f"{what} {_shown(path)}: larger than the limit of {limit:,} bytes", EXIT_DATA)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CliError(
            f"{what} {_shown(path)}: not UTF-8 text (byte {e.start} is {data[e.start]:#04x}); "
            "save the file as UTF-8",
            EXIT_DATA,
        ) from None


def _identity(path: str) -> tuple[str, tuple[int, int] | None]:
    """The resolved path and (device, inode) of ``path`` (None when it does not exist)."""
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
        return real, (st.st_dev, st.st_ino)
    except OSError:
        return real, None


def check_paths(inputs: Mapping[str, str | None], outputs: Mapping[str, str | None]) -> None:
    """Refuses (exit 2) an output that is the same file as an input or as another output,
    comparing resolved paths and device/inode (symlinks and hard links count), and an output
    that is a directory or whose folder does not exist (exit 4). Keys are the option names."""
    ins = {k: _identity(p) for k, p in inputs.items() if p}
    seen: dict[str, tuple[str, tuple[int, int] | None]] = {}
    for opt, path in outputs.items():
        if not path:
            continue
        real, ident = _identity(path)
        for other, (oreal, oident) in [*ins.items(), *seen.items()]:
            if real == oreal or (ident is not None and ident == oident):
                if other in ins:
                    raise CliError(
                        f"{opt} {_shown(path)} is the same file as the input {other}; "
                        "choose another output path (inputs are never overwritten)",
                        EXIT_USAGE,
                    )
                raise CliError(
                    f"{opt} {_shown(path)} is the same file as the output {other}; "
                    "choose another output path (inputs are never overwritten)",
                    EXIT_USAGE,
                )
        if os.path.isdir(real):
            raise CliError(f"{opt} {_shown(path)}: is a directory, not a file", EXIT_IO)
        folder = os.path.dirname(real) or "."
        if not os.path.isdir(folder):
            raise CliError(f"{opt} {_shown(path)}: the folder {_shown(folder)} does not exist", EXIT_IO)
        seen[opt] = (real, ident)


class AtomicOutput:
    """A temporary file beside ``path`` (its target, if ``path`` is a symlink) that becomes
    ``path`` on :meth:`commit` (fsync, then rename) and is removed on :meth:`abort`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.target = os.path.realpath(path)
        folder, name = os.path.split(self.target)
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder or ".")
        except OSError as e:
            raise io_error(path, e) from None
        os.close(fd)
        _LIVE.add(self.tmp)

    def commit(self) -> None:
        """Flushes the finished temporary file to disk and renames it over the destination,
        keeping an existing destination's permissions (else the umask's)."""
        try:
            try:
                mode = stat.S_IMODE(os.stat(self.target).st_mode)
            except FileNotFoundError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self.tmp, mode)
            fd = os.open(self.tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(self.tmp, self.target)
            _LIVE.discard(self.tmp)
            _fsync_dir(os.path.dirname(self.target))
        except OSError as e:
            raise io_error(self.path, e) from None

    def abort(self) -> None:
        """Removes the temporary file (nothing to do after :meth:`commit`)."""
        if self.tmp in _LIVE:
            _LIVE.discard(self.tmp)
            try:
                os.remove(self.tmp)
            except OSError:
                pass


#: Temporary files not yet committed or removed (removed again at exit, as a last resort).
_LIVE: set[str] = set()


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextmanager
def signals_handled() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` (as Ctrl-C raises KeyboardInterrupt) for the duration."""
    old: Callable[..., Any] | int | None = None
    try:
        old = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        old = None
    try:
        yield
    finally:
        for tmp in list(_LIVE):
            _LIVE.discard(tmp)
            try:
                os.remove(tmp)
            except OSError:
                pass
        if old is not None:
            signal.signal(signal.SIGTERM, old)


def fail(cmd: str, message: str, code: int) -> int:
    """Writes ``kinerja CMD: error: MESSAGE`` (one line; ``kesalahan`` for ``error`` when the
    error language is Indonesian, ``KINERJA_ERROR_LANG=id``) to stderr; returns ``code``."""
    line = " ".join(str(message).split())
    prog = f"kinerja {cmd}" if cmd else "kinerja"
    word = "kesalahan" if error_lang() == "id" else "error"
    try:
        sys.stderr.write(f"{prog}: {word}: {line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return code
