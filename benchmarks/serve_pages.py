"""Benchmark: requests per second and latency per page at 50 concurrent users; prints markdown.

Issue 14's table: `/`, search, an occupation page, an Overstap page, the API's search and
transitions, and the monitor, on the production server (`banenbrug serve`: gunicorn gthread,
DEBUG off, every engine loaded before it reports ready) with PostgreSQL and ESCO imported.
Targets: p95 ≤ 300 ms for every page but Overstap, ≤ 600 ms there.

1. `banenbrug setup` into DATABASE_URL (skip with `--skip-setup` once done: it imports ESCO
   and the examples, a few minutes; the text-model vectors come from the user's cache);
2. start the server and wait for `/health` (readiness: engines loaded);
3. the first request to each page right after that (no engine may be built on it);
4. per page, `--users` threads each sending `--requests` requests to that page only.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/banenbrug_pages \\
        .venv/bin/python benchmarks/serve_pages.py [--users 50] [--requests 10] [--skip-setup]
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
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUMBER_UUID = "ed3cf43d-c2c1-4c46-82fc-1375e27e0290"
PLUMBER = f"http://data.europa.eu/esco/occupation/{PLUMBER_UUID}"
# Searches cycle through different job titles, so that no cache of a repeated query helps.
QUERIES = ("elektricien", "loodgieter", "warmtepompmonteur", "lasser", "netbeheerder",
           "zonnepanelenmonteur", "ict'er", "cv-monteur", "programmeur", "verpleegkundige",
           "timmerman", "data analist", "installateur", "monteur", "schilder", "kok",
           "vrachtwagenchauffeur", "beveiliger", "docent", "boekhouder", "webontwikkelaar",
           "systeembeheerder", "metselaar", "dakdekker", "tegelzetter", "magazijnmedewerker",
           "koeltechnicus", "elektrotechnicus", "procesoperator", "werkvoorbereider",
           "energieadviseur", "servicemonteur", "onderhoudsmonteur", "constructeur",
           "tekenaar", "projectleider bouw", "software tester", "netwerkbeheerder",
           "installatiemonteur", "laadpaalmonteur", "isolatiemonteur", "glaszetter",
           "stukadoor", "hovenier", "automonteur", "fietsenmaker", "bakker", "kapper",
           "administratief medewerker", "klantenservice medewerker")
PAGES = {  # name: (path, p95 target in ms); {q} takes the next of QUERIES
    "home `/`": ("/", 300),
    "search `/zoeken/?q=…` (50 job titles)": ("/zoeken/?q={q}", 300),
    "occupation page (plumber)": (f"/beroepen/{PLUMBER_UUID}/", 300),
    "Overstap page (from plumber)": (f"/overstap/?van={PLUMBER}", 600),
    "API search `/api/v1/occupations?q=…`": ("/api/v1/occupations?q={q}", 300),
    "API transitions (from plumber)": (f"/api/v1/transitions?from={PLUMBER}", 300),
    "monitor `/monitor/`": ("/monitor/", 300),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - start) * 1000


def _url(site: str, path: str, n: int) -> str:
    return site + path.replace("{q}", urllib.parse.quote(QUERIES[n % len(QUERIES)]))


def _load(site: str, path: str, users: int, requests: int) -> tuple[float, list[float], int]:
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()

    def user(i: int) -> None:
        for k in range(requests):
            status, ms = _get(_url(site, path, i * requests + k))
            with lock:
                latencies.append(ms)
                failed[0] += status != 200

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start, latencies, failed[0]


def _ensure_database(url: str) -> None:
    import psycopg

    base, _, database = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--requests", type=int, default=10)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--skip-setup", action="store_true")
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database", file=sys.stderr)
        return 2
    _ensure_database(url)
    banenbrug = [sys.executable, "-m", "banenbrug"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev", "DJANGO_DEBUG": "0",
           "PYTHONPATH": str(ROOT / "src")}
    if not args.skip_setup:
        subprocess.run([*banenbrug, "setup"], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    port = _free_port()
    serve = [*banenbrug, "serve", "--port", str(port)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    if args.threads:
        serve += ["--threads", str(args.threads)]
    started = time.perf_counter()
    server = subprocess.Popen(serve, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    site = f"http://127.0.0.1:{port}"
    rows, first = [], {}
    try:
        while _get(site + "/health")[0] != 200:
            if server.poll() is not None or time.perf_counter() - started > 600:
                raise SystemExit("the server did not become ready")
            time.sleep(0.5)
        ready = time.perf_counter() - started
        for name, (path, _) in PAGES.items():
            first[name] = _get(_url(site, path, 0))
        for name, (path, target) in PAGES.items():
            _get(_url(site, path, 1))  # one warm-up request of this page's own
            wall, latencies, failed = _load(site, path, args.users, args.requests)
            q = statistics.quantiles(latencies, n=100)
            rows.append((name, len(latencies) / wall, statistics.median(latencies), q[94],
                         q[98], failed, target))
    finally:
        server.terminate()
        server.wait(timeout=60)
    print(f"## serve, {args.users} concurrent users × {args.requests} requests per page, "
          f"PostgreSQL\n\nready (`/health` 200) {ready:.1f} s after start; "
          f"load average at the end {os.getloadavg()[0]:.1f}\n")
    print("| page | first request after ready (ms) | req/s | p50 (ms) | p95 (ms) | p99 (ms) "
          "| failed | p95 target |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    bad = 0
    for name, rps, p50, p95, p99, failed, target in rows:
        status, ms = first[name]
        met = "met" if p95 <= target else "**not met**"
        bad += failed + (status != 200)
        print(f"| {name} | {ms:.0f}{'' if status == 200 else f' ({status})'} | {rps:.1f} | "
              f"{p50:.0f} | {p95:.0f} | {p99:.0f} | {failed} | ≤ {target}: {met} |")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
