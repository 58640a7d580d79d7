"""Benchmark: requests per second and latency per page at 50 concurrent users; prints markdown.

Issue 14's table: `/`, search, an occupation page, an Overstap page, the API's search and
transitions, and the monitor, on the production server (`banenbrug serve`: gunicorn gthread,
DEBUG off, every engine loaded before it reports ready) with PostgreSQL and ESCO imported.
Targets: p95 ≤ 300 ms for every page but Overstap, ≤ 600 ms there.

1. `banenbrug setup` into DATABASE_URL (skip with `--skip-setup` once done);
2. start one server per `--src` (the checkout's `src/`: two for an A/B in one run, e.g. this
   tree and a worktree of main), each with its own `var/`, and wait for `/health`;
3. the first request to each page right after that (no engine may be built on it);
4. per page and run, `wrk` with `--users` connections (closed loop: each sends its next request
   when the last one returned) for `--seconds`, against each server in turn, so both see the
   same machine load. Two runs per page with a parameter: "hot" cycles through the load test's
   paths of before (50 job titles; the plumber's pages), "cold" gives every request a path of its
   own (distinct ESCO occupation labels and occupations), so a cache of recent results cannot
   help. The server's own CPU per request (its processes' utime + stime over the run, divided
   by the requests) is reported next to the latencies, and wrk's CPU to show what it costs.

The load generator is `wrk` (C, one event loop per thread), not Python threads, which took a
core of their own from the server on this 2-core machine. It is a benchmark tool, not a
dependency of the project or its tests: `apt-get install wrk` (Debian/Ubuntu) first.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serving_pages \\
        .venv/bin/python benchmarks/serve_pages.py [--skip-setup] \\
        [--src src --src ../main-base/src@1x8] [--users 50] [--seconds 15] [--workers W --threads T]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUMBER_UUID = "ed3cf43d-c2c1-4c46-82fc-1375e27e0290"
PLUMBER = f"http://data.europa.eu/esco/occupation/{PLUMBER_UUID}"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
# The hot runs' searches cycle through these job titles (the load test of before).
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
# key: (name, path, p95 target in ms). {q} takes a search text, {uuid} / {uri} an occupation:
# the hot run fills them from QUERIES and the plumber, the cold run with a new one each time.
PAGES = {
    "home": ("home `/`", "/", 300),
    "search": ("search `/zoeken/?q=…`", "/zoeken/?q={q}", 300),
    "occupation": ("occupation page", "/beroepen/{uuid}/", 300),
    "overstap": ("Overstap page", "/overstap/?van={uri}", 600),
    "api_search": ("API search `/api/v1/occupations?q=…`", "/api/v1/occupations?q={q}", 300),
    "api_transitions": ("API transitions", "/api/v1/transitions?from={uri}", 300),
    "monitor": ("monitor `/monitor/`", "/monitor/", 300),
}


@cache
def _occupations() -> list[tuple[str, str]]:
    """(uri, Dutch label) of every occupation, in a fixed order (the cold runs' inputs)."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        rows = conn.execute("SELECT uri, label_nl FROM taxonomy_occupation "
                            "WHERE label_nl <> '' ORDER BY md5(uri)").fetchall()
    return [(str(uri), str(label)) for uri, label in rows]


def _fill(path: str, query: str, uri: str) -> str:
    return (path.replace("{q}", urllib.parse.quote(query))
            .replace("{uuid}", uri.removeprefix(OCCUPATION))
            .replace("{uri}", urllib.parse.quote(uri, safe=":/")))


def hot_paths(key: str, n: int) -> list[str]:
    """The load test's paths of before: 50 job titles in turn, always the plumber."""
    return [_fill(PAGES[key][1], QUERIES[i % len(QUERIES)], PLUMBER) for i in range(n)]


def cold_paths(key: str, n: int) -> list[str]:
    """`n` paths, each with its own occupation (label or URI), where the page has a parameter."""
    occupations = _occupations()
    return [_fill(PAGES[key][1], label, uri)
            for uri, label in (occupations[i % len(occupations)] for i in range(n))]


def has_parameter(key: str) -> bool:
    return "{" in PAGES[key][1]


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


def _process_tree(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(stat.parent.name))
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(parents.get(p, []))
    return pids


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process and its descendants (the server's master and workers)."""
    total = 0
    for p in _process_tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _rss_mb(pid: int) -> tuple[float, float]:
    """(RSS summed, PSS summed) over the server's processes, in MB (PSS counts shared pages
    once in total, which is what the machine really spends)."""
    rss = pss = 0
    for p in _process_tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


LUA = """
local paths = %s
local n, counter = #paths, 0
local threads = {}
function setup(thread) thread:set("id", #threads); table.insert(threads, thread) end
function request()
  local i = (counter * %d + id) %% n + 1
  counter = counter + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""
WRK_THREADS = 2
PRIMING = 8  # rounds of the hot paths before a hot run: a worker that missed one is unlikely


def _wrk(site: str, paths: list[str], users: int, seconds: int, pid: int) -> dict[str, float]:
    script = LUA % ("{" + ",".join(json.dumps(p) for p in paths) + "}", WRK_THREADS)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    before_server = _cpu_seconds(pid)
    before_wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        out = subprocess.run(["wrk", "-t", str(WRK_THREADS), "-c", str(users), "-d",
                              f"{seconds}s", "--timeout", "60s", "-s", handle.name, site],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    after_wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = _cpu_seconds(pid) - before_server
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    requests, micros, p50, p95, p99, status, socket_errors = map(int, line.split()[1:])
    wrk_cpu = (after_wrk.ru_utime + after_wrk.ru_stime
               - before_wrk.ru_utime - before_wrk.ru_stime)
    return {"rps": requests / (micros / 1e6), "p50": p50 / 1000, "p95": p95 / 1000,
            "p99": p99 / 1000, "failed": status + socket_errors,
            "server_cpu_ms": server_cpu * 1000 / max(requests, 1),
            "wrk_cpu_ms": wrk_cpu * 1000 / max(requests, 1)}


def _ensure_database(url: str) -> None:
    import psycopg

    base, _, database = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                            (database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{database}"')


def _env(src: Path) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev", "DJANGO_DEBUG": "0",
            "PYTHONPATH": str(src)}


@contextmanager
def _server(src: Path, workers: int | None, threads: int | None) -> Iterator[tuple[str, int,
                                                                                    float]]:
    """A running `banenbrug serve` of the checkout at `src`: (site, pid, seconds to ready)."""
    port = _free_port()
    serve = [sys.executable, "-m", "banenbrug", "serve", "--port", str(port)]
    if workers:
        serve += ["--workers", str(workers)]
    if threads:
        serve += ["--threads", str(threads)]
    started = time.perf_counter()
    server = subprocess.Popen(serve, env=_env(src), cwd=src.parent, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    site = f"http://127.0.0.1:{port}"
    try:
        while _get(site + "/health")[0] != 200:
            if server.poll() is not None or time.perf_counter() - started > 900:
                raise SystemExit(f"the server of {src} did not become ready")
            time.sleep(0.5)
        yield site, server.pid, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", action="append",
                    help="a checkout's src/ to serve, optionally with its own processes and "
                         "threads (`../base/src@1x8`); repeat for an A/B (default this tree's)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=15, help="per page, run and server")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--pages", default=",".join(PAGES), help="comma-separated page keys")
    ap.add_argument("--skip-setup", action="store_true")
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    sources = [_source(s, args.workers, args.threads) for s in args.src or [str(ROOT / "src")]]
    keys = [k for k in args.pages.split(",") if k]
    _ensure_database(url)
    if not args.skip_setup:
        subprocess.run([sys.executable, "-m", "banenbrug", "setup"], env=_env(sources[0].src),
                       check=True, cwd=sources[0].src.parent, stdout=subprocess.DEVNULL)
    load_start = os.getloadavg()[0]
    bad = 0
    with _servers(sources) as servers:
        first = {src: {key: _get(_fill_hot(site, key))
                       for key in keys} for src, (site, _, _) in servers.items()}
        rows = []
        for key in keys:
            for run in ("hot", "cold") if has_parameter(key) else ("hot",):
                paths = (hot_paths(key, 50) if run == "hot"
                         else cold_paths(key, 20000))
                for src, (site, pid, _) in servers.items():
                    if run == "hot":  # what a steady hot load has seen, in every worker
                        for _ in range(PRIMING):  # (each new connection goes to any worker)
                            for path in dict.fromkeys(paths):
                                _get(site + path)
                    result = _wrk(site, paths, args.users, args.seconds, pid)
                    rows.append((key, run, src, result))
                    bad += int(result["failed"])
        memory = {src: _rss_mb(pid) for src, (_, pid, _) in servers.items()}
        ready = {src: seconds for src, (_, _, seconds) in servers.items()}
    print(f"## serve, wrk {args.users} connections × {args.seconds} s per page and run, "
          f"PostgreSQL; load average {load_start:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    for src in sources:
        rss, pss = memory[src]
        print(f"- `{src.name}` (`{src.src}`): ready (`/health` 200) {ready[src]:.1f} s after "
              f"start; server processes RSS {rss:.0f} MB summed, PSS {pss:.0f} MB; "
              "first request per page "
              + ", ".join(f"{k} {ms:.0f} ms" + ("" if status == 200 else f" ({status})")
                          for k, (status, ms) in first[src].items()))
        bad += sum(status != 200 for status, _ in first[src].values())
    print("\n| page | run | server | req/s | p50 (ms) | p95 (ms) | p99 (ms) | failed "
          "| server CPU / req (ms) | wrk CPU / req (ms) | p95 target |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for key, run, src, r in rows:
        name, _, target = PAGES[key]
        met = "met" if r["p95"] <= target else "**not met**"
        print(f"| {name} | {run} | {src.name} | {r['rps']:.1f} | {r['p50']:.0f} | "
              f"{r['p95']:.0f} | {r['p99']:.0f} | {r['failed']:.0f} | {r['server_cpu_ms']:.1f} "
              f"| {r['wrk_cpu_ms']:.2f} | ≤ {target}: {met} |")
    return 1 if bad else 0


def _fill_hot(site: str, key: str) -> str:
    return site + hot_paths(key, 1)[0]


@dataclass(frozen=True)
class Source:
    src: Path
    workers: int | None
    threads: int | None

    @property
    def name(self) -> str:
        shape = f" {self.workers or 'default'}×{self.threads or 'default'}" if (
            self.workers or self.threads) else ""
        return f"{self.src.parent.name}{shape}"


def _source(text: str, workers: int | None, threads: int | None) -> Source:
    path, _, shape = text.partition("@")
    if shape:
        w, _, t = shape.partition("x")
        workers, threads = int(w), int(t)
    return Source(Path(path).resolve(), workers, threads)


@contextmanager
def _servers(sources: list[Source]) -> Iterator[dict[Source, tuple[str, int, float]]]:
    """Every server started (one after the other: warming is CPU-bound) and ready."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield {s: stack.enter_context(_server(s.src, s.workers, s.threads)) for s in sources}


if __name__ == "__main__":
    sys.exit(main())
