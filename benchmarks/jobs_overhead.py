"""Benchmark: what a background job costs on top of its work, and how jobs spread over workers.

Prints markdown. In a temporary SQLite database (or `--database-url`, e.g. PostgreSQL):

1. the baseline: the forecast service call itself, in this process (a tiny forecast, cached
   after the first call, so the figure is the call's own overhead);
2. latency from `jobs.service.start` to the job's row saying done, for the same tiny forecast:
   without REDIS_URL (a thread of this process) and with REDIS_URL (one `banenbrug worker`);
3. wall time for `--batch` real forecasts as the page asks them (every shipped scenario, 2,000
   runs to 2040, each with a different number of runs so no cache helps) with 1 and with 2
   worker processes, and the speed-up.

    .venv/bin/python benchmarks/jobs_overhead.py [--repeat 30] [--batch 12]

Needs Redis at 127.0.0.1:6379 (database 15, a queue of its own).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REDIS = "redis://127.0.0.1:6379/15"
TINY = {"scenarios": [], "to": 2022, "runs": 1}


def _ms(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1000:.1f} | {p95 * 1000:.1f}"


def _until_done(job_ids: list[int], poll: float = 0.002) -> None:
    from banenbrug.jobs.models import Job

    while Job.objects.filter(pk__in=job_ids).exclude(status__in=("done", "failed")).exists():
        time.sleep(poll)
    failed = Job.objects.filter(pk__in=job_ids, status="failed").count()
    if failed:
        raise SystemExit(f"{failed} job(s) failed")


def _workers(n: int, env: dict[str, str], folder: Path) -> list[subprocess.Popen]:
    return [subprocess.Popen([sys.executable, "-m", "banenbrug", "worker", "--loglevel",
                              "WARNING"], env=env, cwd=ROOT,
                             stdout=(folder / f"worker{i}.log").open("w"),
                             stderr=subprocess.STDOUT) for i in range(n)]


def _stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--batch", type=int, default=12)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="banenbrug-jobs-bench-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev",
           "DATABASE_URL": args.database_url or f"sqlite:///{folder / 'jobs.sqlite3'}",
           "BANENBRUG_VAR_DIR": str(folder), "BANENBRUG_JOB_QUEUE": f"bench-{uuid.uuid4().hex}"}
    os.environ.update(env)
    subprocess.run([sys.executable, "-m", "banenbrug", "migrate", "--verbosity", "0"], env=env,
                   check=True, cwd=ROOT)
    import django

    django.setup()
    from django.conf import settings

    from banenbrug.jobs import service
    from banenbrug.monitor import services as monitor
    from banenbrug.monitor.scenarios import shipped_scenarios

    rows = []
    baseline = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        monitor.run_forecast(monitor.resolve_scenarios(TINY["scenarios"]), TINY["to"],
                             TINY["runs"])
        baseline.append(time.perf_counter() - began)
    rows.append(("the service call itself (baseline)", _ms(baseline)))

    settings.REDIS_URL = ""
    eager = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        job = service.start("forecast", TINY, None)
        _until_done([job.pk])
        eager.append(time.perf_counter() - began)
    rows.append(("job, no REDIS_URL (thread)", _ms(eager)))

    settings.REDIS_URL = env["REDIS_URL"] = REDIS
    workers = _workers(1, env, folder)
    try:
        _until_done([service.start("forecast", TINY, None).pk])  # the worker is up
        celery = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            job = service.start("forecast", TINY, None)
            _until_done([job.pk])
            celery.append(time.perf_counter() - began)
        rows.append(("job, REDIS_URL (1 worker)", _ms(celery)))
    finally:
        _stop(workers)

    walls = {}
    for n in (1, 2):
        workers = _workers(n, env, folder)
        try:
            for _ in range(n):  # every worker up and warm before the clock starts
                _until_done([service.start("forecast", TINY, None).pk])
            began = time.perf_counter()
            ids = [service.start("forecast", {"scenarios": list(shipped_scenarios()), "to": 2040,
                                              "runs": 2000 + 10 * n + i}, None).pk
                   for i in range(args.batch)]
            _until_done(ids, poll=0.01)
            walls[n] = time.perf_counter() - began
        finally:
            _stop(workers)

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(f"### Job overhead ({engine}, median and p95 of {args.repeat}, ms)\n")
    print("| path | median | p95 |\n|---|---|---|")
    for name, figures in rows:
        print(f"| {name} | {figures} |")
    print(f"\n### {args.batch} forecasts (all scenarios, 2,000 runs to 2040) over workers\n")
    print("| workers | wall (s) | speed-up |\n|---|---|---|")
    for n, wall in walls.items():
        print(f"| {n} | {wall:.1f} | {walls[1] / wall:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
