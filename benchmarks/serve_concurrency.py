"""Benchmark: `banenbrug serve` under concurrent users on PostgreSQL; prints markdown.

Starts the production server (gunicorn, gthread) on a free port against DATABASE_URL (migrated
first), then lets `--users` threads each send `--requests` requests over a mix of pages (search,
an unknown URL, /health), and samples PostgreSQL's connections from the server meanwhile. The
figure that matters: failed requests (the development server lost 130 of them to "too many
clients already" at 50 users) and the most connections the server held.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/banenbrug_load \\
        .venv/bin/python benchmarks/serve_concurrency.py [--users 50] [--requests 20]

The database needs no ESCO import (search then finds nothing, which costs the same round trips).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = ("/zoeken/?q=elektricien", "/bestaat-niet/", "/health", "/")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _connections(url: str, database: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                           (database,)).fetchone()
        return int(row[0]) if row else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database", file=sys.stderr)
        return 2
    import psycopg

    base, _, database = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')
    banenbrug = [sys.executable, "-m", "banenbrug"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev", "DJANGO_DEBUG": "0"}
    subprocess.run([*banenbrug, "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
    port = _free_port()
    server = subprocess.Popen([*banenbrug, "serve", "--port", str(port), "--threads",
                               str(args.threads)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    site = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(site + "/live", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        statuses: Counter[str] = Counter()
        latencies: list[float] = []
        sizes: list[int] = []
        lock = threading.Lock()
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                n = _connections(f"{base}/postgres", database)
                peak[0] = max(peak[0], n)
                time.sleep(0.2)

        def user(i: int) -> None:
            for k in range(args.requests):
                path = PATHS[(i + k) % len(PATHS)]
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(site + path, timeout=60) as r:
                        body, code = r.read(), str(r.status)
                except urllib.error.HTTPError as e:
                    body, code = e.read(), str(e.code)
                except OSError as e:
                    body, code = b"", type(e).__name__
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)
                    statuses[f"{path.split('?')[0]} {code}"] += 1
                    sizes.append(len(body))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        users = [threading.Thread(target=user, args=(i,)) for i in range(args.users)]
        t0 = time.perf_counter()
        for u in users:
            u.start()
        for u in users:
            u.join()
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(timeout=60)

    expected = {"/zoeken/ 200", "/bestaat-niet/ 404", "/health 200", "/health 503", "/ 200"}
    failed = sum(n for key, n in statuses.items() if key not in expected)
    total = sum(statuses.values())
    q = statistics.quantiles(latencies, n=20)
    print(f"## serve: {args.users} users x {args.requests} requests, 1 worker x "
          f"{args.threads} threads, PostgreSQL\n")
    print("| figure | value |\n|---|---|")
    print(f"| requests | {total} in {wall:.1f} s |")
    print(f"| failed (not the expected status) | **{failed}** |")
    print(f"| statuses | {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))} |")
    print(f"| latency p50 / p95 | {statistics.median(latencies):.0f} / {q[-1]:.0f} ms |")
    print(f"| largest response | {max(sizes) / 1024:.0f} KB |")
    print(f"| most PostgreSQL connections to the database | {peak[0]} "
          f"(bound: workers x threads = {args.threads}) |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
