"""Runs the `kinerja-server` binary on a free loopback port for the checks that drive it over HTTP.

Used by the browser test (`tests/test_server_browser.py`), by `make server-checks` (the
schemathesis run of the OpenAPI document) and by the load run (`benches/load_server.py`).

As a command, it starts the server, runs a command with every `{url}` replaced by the server's
base URL, stops the server with SIGTERM (it must exit 0) and exits with the command's status::

    python tests/server_process.py [--release] [--server-arg ARG ...] -- CMD ... {url} ...
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTENING = "kinerja-server listening on "


def server_binary(release: bool = False) -> Path:
    """Builds `kinerja-server` with cargo (a no-op when up to date) and returns the binary.

    The debug binary is the one `cargo test --workspace` builds for the server's own tests:
    building it alone (`cargo build -p kinerja-server`) would resolve other features for the
    shared dependencies and compile them all a second time (gigabytes in target/ after
    `make test`). `KINERJA_SERVER` names a prebuilt binary instead (then nothing is built).
    """
    given = os.environ.get("KINERJA_SERVER")
    if given:
        return Path(given)
    if release:
        cmd = ["cargo", "build", "--quiet", "--release", "-p", "kinerja-server", "--bin", "kinerja-server"]
    else:
        cmd = ["cargo", "test", "--quiet", "--workspace", "--no-run"]
    subprocess.run(cmd, cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return target / ("release" if release else "debug") / "kinerja-server"


class Server:
    """A running server process: its base URL and its process id (for memory readings)."""

    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc = proc
        self.url = url

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_kib(self) -> int:
        """Resident memory now (VmRSS, KiB), from /proc."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("VmRSS not found")

    def peak_rss_kib(self) -> int:
        """Peak resident memory so far (VmHWM, KiB), from /proc."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("VmHWM not found")


@contextlib.contextmanager
def running_server(
    args: Sequence[str] = (), release: bool = False, start_timeout: float = 60.0
) -> Iterator[Server]:
    """Starts the server on 127.0.0.1 (port 0: a free port), yields it, then stops it with
    SIGTERM and checks that it exited 0 (graceful shutdown)."""
    binary = server_binary(release)
    proc = subprocess.Popen(
        [str(binary), "--bind", "127.0.0.1:0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout

    def pump() -> None:
        for x in stdout:
            lines.put(x)

    threading.Thread(target=pump, daemon=True).start()
    try:
        try:
            first = lines.get(timeout=start_timeout)
        except queue.Empty:
            raise RuntimeError(f"{binary} printed nothing within {start_timeout} s") from None
        if not first.startswith(LISTENING):
            raise RuntimeError(f"{binary} did not start: {first!r}")
        yield Server(proc, first[len(LISTENING) :].strip())
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise RuntimeError("kinerja-server did not stop within 30 s of SIGTERM") from None
        if code != 0:
            err = proc.stderr.read() if proc.stderr else ""
            raise RuntimeError(f"kinerja-server exited with status {code}: {err}")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", action="store_true", help="build and run the release binary")
    parser.add_argument("--server-arg", action="append", default=[], help="an argument for the server")
    parser.add_argument("command", nargs="+", help="the command to run; {url} is the server's base URL")
    ns = parser.parse_args(argv)
    with running_server(ns.server_arg, release=ns.release) as server:
        cmd = [a.replace("{url}", server.url) for a in ns.command]
        print(f"server at {server.url}: {' '.join(cmd)}", flush=True)
        return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
