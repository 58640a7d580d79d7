"""Benchmark: CPU milliseconds per request of each page of `serve_pages.py`, in-process; markdown.

One thread, Django's test client, every engine warmed first (as `banenbrug serve` does), so
what is timed is the CPU one request costs the server: middleware, view, engines, queries and
templates, without the network, the load generator or queueing. `time.thread_time()` counts
only this thread's CPU, so other work on a shared machine inflates it far less than wall time.

Two runs per page: "hot" repeats the paths of the load test (`serve_pages.py`: 50 job titles,
the plumber's pages), "cold" sends every request a path of its own (distinct ESCO labels and
occupations), so no cache of recent results can help. `--profile PAGE` prints cProfile's top
functions for that page's cold run instead.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/serving_pages \\
        .venv/bin/python benchmarks/page_cpu.py [--requests 60] [--profile search]

For an A/B, run it again with `PYTHONPATH=<other checkout>/src` (and that checkout's
`BANENBRUG_VAR_DIR`): the pages and paths come from this file either way.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.serve_pages import PAGES, cold_paths, hot_paths


def _measure(client, paths: list[str]) -> tuple[float, float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, wall, queries = [], [], []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.thread_time()
            response = client.get(path)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
    return statistics.median(cpu), statistics.median(wall), statistics.median(queries), len(paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=60, help="requests per page and run")
    ap.add_argument("--profile", help="a page key (home, search, ...): cProfile its cold run")
    args = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    os.environ["DJANGO_DEBUG"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from banenbrug.web import warm

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    warm.warm_up()
    client = Client()
    if args.profile:
        paths = cold_paths(args.profile, args.requests)
        _measure(client, paths[:3])
        profiler = cProfile.Profile()
        profiler.enable()
        _measure(client, paths[3:])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return 0
    print(f"## CPU per request in-process, {args.requests} requests per page and run, "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| page | hot: CPU (ms) | hot: wall (ms) | cold: CPU (ms) | cold: wall (ms) "
          "| queries (cold) |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, (name, _, _) in PAGES.items():
        cold = cold_paths(key, args.requests + 1)  # the same path where the page has none
        _measure(client, cold[:1])  # this page's templates and first connection
        hot_run = hot_paths(key, args.requests)
        _measure(client, list(dict.fromkeys(hot_run)))  # what a steady hot load has seen
        hot = _measure(client, hot_run)
        cold_run = _measure(client, cold[1:])
        print(f"| {name} | {hot[0]:.1f} | {hot[1]:.1f} | {cold_run[0]:.1f} | {cold_run[1]:.1f} "
              f"| {cold_run[2]:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
