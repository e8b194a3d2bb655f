"""A bounded load run of kinerja-server over loopback: requests/s and p50/p99 latency of
`POST /v1/evaluate`, rows/s of `POST /v1/score` (`--score-rows N`), and the server's memory (RSS).

Starts the server (release build by default) on a free 127.0.0.1 port, sends at most
`--requests` evaluations from `--concurrency` threads (each with one keep-alive connection) for
at most `--max-seconds`, checks that every answer is 200 with the expected predicate, and stops
the server. Only the standard library is used for the client.

    python benches/load_server.py --requests 5000 --concurrency 8 --max-seconds 60
    python benches/load_server.py --score-rows 1000000 --requests 3
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from server_process import Server, running_server  # noqa: E402

BODY = (ROOT / "kinerja-server" / "examples" / "evaluate.json").read_bytes()


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-quantile (0..1) by the nearest-rank method."""
    rank = max(1, min(len(sorted_values), round(q * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


def load(server: Server, requests: int, concurrency: int, max_seconds: float) -> dict[str, float]:
    host = urlsplit(server.url)
    expected = json.loads(_post(host.hostname or "127.0.0.1", host.port or 80)[1])["predicate"]
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    sent = 0
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        nonlocal sent
        conn = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port, timeout=60)
        while True:
            with lock:
                if sent >= requests or time.monotonic() > deadline:
                    break
                sent += 1
            t0 = time.perf_counter()
            conn.request("POST", "/v1/evaluate", BODY, {"Content-Type": "application/json"})
            res = conn.getresponse()
            data = res.read()
            dt = time.perf_counter() - t0
            ok = res.status == 200 and json.loads(data)["predicate"] == expected
            with lock:
                latencies.append(dt)
                if not ok:
                    failures.append(f"{res.status}: {data[:200]!r}")
        conn.close()

    rss_idle = server.rss_kib()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    peak_during = 0
    while any(t.is_alive() for t in threads):
        peak_during = max(peak_during, server.rss_kib())
        time.sleep(0.05)
    wall = time.perf_counter() - start
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, e.g. {failures[0]}")
    lat = sorted(latencies)
    return {
        "requests": len(lat),
        "concurrency": concurrency,
        "wall_s": wall,
        "requests_per_s": len(lat) / wall,
        "p50_ms": 1000 * percentile(lat, 0.50),
        "p99_ms": 1000 * percentile(lat, 0.99),
        "mean_ms": 1000 * statistics.fmean(lat),
        "rss_idle_mib": rss_idle / 1024,
        "rss_peak_sampled_mib": peak_during / 1024,
        "rss_hwm_mib": server.peak_rss_kib() / 1024,
    }


def _post(host: str, port: int) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("POST", "/v1/evaluate", BODY, {"Content-Type": "application/json"})
    res = conn.getresponse()
    out = (res.status, res.read())
    conn.close()
    if out[0] != 200:
        raise SystemExit(f"warm-up request failed: {out}")
    return out


def score_csv(rows: int) -> bytes:
    """A canonical indicator CSV of `rows` rows (5 indicators per employee, employee columns on
    each row), with exact two-decimal numbers; every employee `meets` / `meets`."""
    lines = ["employee,indicator,target,actual,weight,work_result,behaviour"]
    for r in range(rows):
        e, i = divmod(r, 5)
        lines.append(f"{198000000000000000 + e},i{i},100,{80 + (r * 37) % 40}.{r % 100:02d},20,meets,meets")
    return ("\n".join(lines) + "\n").encode()


def score_load(server: Server, rows: int, requests: int) -> dict[str, float]:
    """`requests` sequential `POST /v1/score` calls of a `rows`-row CSV (JSON answer)."""
    host = urlsplit(server.url)
    body = score_csv(rows)
    rss_idle = server.rss_kib()
    times = []
    peak = 0
    for _ in range(requests):
        conn = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port, timeout=600)
        t0 = time.perf_counter()
        conn.request("POST", "/v1/score?on_error=raise", body, {"Content-Type": "text/csv"})
        res = conn.getresponse()
        data = res.read()
        times.append(time.perf_counter() - t0)
        conn.close()
        peak = max(peak, server.rss_kib())
        if res.status != 200:
            raise SystemExit(f"/v1/score failed: {res.status}: {data[:300]!r}")
        if len(json.loads(data)["employees"]) != (rows + 4) // 5:
            raise SystemExit("/v1/score answered the wrong number of employees")
    best = min(times)
    return {
        "rows": rows,
        "body_mib": len(body) / 2**20,
        "requests": requests,
        "best_s": best,
        "median_s": statistics.median(times),
        "rows_per_s_best": rows / best,
        "rss_idle_mib": rss_idle / 1024,
        "rss_hwm_mib": server.peak_rss_kib() / 1024,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--requests", type=int, default=5000, help="at most this many requests")
    p.add_argument("--concurrency", type=int, default=8, help="client threads (connections)")
    p.add_argument("--max-seconds", type=float, default=60.0, help="stop sending after this time")
    p.add_argument("--debug", action="store_true", help="use the debug build instead of release")
    p.add_argument("--server-arg", action="append", default=[], help="an argument for the server")
    p.add_argument("--score-rows", type=int, default=0, help="measure POST /v1/score with a CSV of N rows")
    ns = p.parse_args()
    with running_server(ns.server_arg, release=not ns.debug) as server:
        if ns.score_rows:
            result = score_load(server, ns.score_rows, ns.requests)
        else:
            result = load(server, ns.requests, ns.concurrency, ns.max_seconds)
    print(json.dumps({k: round(v, 2) for k, v in result.items()}, indent=1))


if __name__ == "__main__":
    main()
