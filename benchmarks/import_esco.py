"""Benchmark: the full ESCO import (en zip + relations zip + nl folder) into a fresh database.

For SQLite (a temp file) and, when reachable, PostgreSQL (a temp database created and dropped
here), each run migrates a fresh database and times a first import; after the last run a second
import of the same files is timed and must report `changed == False`. Every step runs
`banenbrug ...` in a child process, so wall time and peak RSS (the child's ru_maxrss) are the
CLI's own. Prints a markdown table.

    .venv/bin/python benchmarks/import_esco.py [--runs 3] [--data-dir DIR] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from banenbrug.conf.paths import data_dir

BIN = Path(sys.executable).parent / "banenbrug"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
BENCH_DB = "banenbrug_bench_import"
BUDGET_SECONDS = 60.0


@dataclass
class Measured:
    seconds: float
    max_rss_mib: float
    stdout: str


def run(args: list[str], env: dict[str, str]) -> Measured:
    """Run `banenbrug ARGS` and measure this one child (os.wait4 gives its own rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        child = subprocess.Popen([str(BIN), *args], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            sys.exit(f"banenbrug {' '.join(args)} failed:\n{err.read().decode()[-2000:]}")
        return Measured(seconds, usage.ru_maxrss / 1024, out.read().decode())


def postgres_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(sql)


@contextmanager
def fresh_database(engine: str, var: Path) -> Iterator[str]:
    """Yield a DATABASE_URL for an empty database, removed afterwards."""
    if engine == "sqlite":
        path = var / "bench.sqlite3"
        yield f"sqlite:///{path}"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        _admin(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        _admin(f"CREATE DATABASE {BENCH_DB}")
        try:
            yield f"{POSTGRES}/{BENCH_DB}"
        finally:
            _admin(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def bench(engine: str, esco: Path, runs: int) -> dict[str, object]:
    importing = ["import-esco", str(esco), "--format", "json", "--no-progress"]
    firsts: list[Measured] = []
    migrations: list[float] = []
    with tempfile.TemporaryDirectory(prefix="banenbrug-bench-") as tmp:
        for number in range(runs):
            with fresh_database(engine, Path(tmp)) as url:
                env = {**os.environ, "DATABASE_URL": url, "BANENBRUG_VAR_DIR": tmp,
                       "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev"}
                migrations.append(run(["migrate", "--no-input"], env).seconds)
                first = run(importing, env)
                report = json.loads(first.stdout)
                assert report["changed"], "a first import into an empty database changed nothing"
                firsts.append(first)
                print(f"{engine} run {number + 1}: first import {first.seconds:.1f} s, "
                      f"{first.max_rss_mib:.0f} MiB", file=sys.stderr)
                if number == runs - 1:
                    second = run(importing, env)
                    again = json.loads(second.stdout)
    times = [m.seconds for m in firsts]
    return {
        "engine": engine,
        "migrate": statistics.median(migrations),
        "first_median": statistics.median(times),
        "first_max": max(times),
        "first_rss": max(m.max_rss_mib for m in firsts),
        "second": second.seconds,
        "second_rss": second.max_rss_mib,
        "second_changed": again["changed"],
        "totals": report["totals"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="first imports per engine")
    parser.add_argument("--data-dir", type=Path, default=data_dir(),
                        help="folder holding esco/ (default BANENBRUG_DATA_DIR or ../shared/data)")
    parser.add_argument("--no-postgres", action="store_true")
    options = parser.parse_args()
    if options.data_dir is None or not (options.data_dir / "esco").is_dir():
        sys.exit("no ESCO data: pass --data-dir (the folder that holds esco/)")
    engines = ["sqlite"]
    if not options.no_postgres:
        if postgres_reachable():
            engines.append("postgresql")
        else:
            print(f"PostgreSQL not reachable at {POSTGRES}; skipped", file=sys.stderr)
    results = [bench(engine, options.data_dir / "esco", options.runs) for engine in engines]

    totals = results[0]["totals"]
    print(f"\nESCO import of `{options.data_dir / 'esco'}`, {options.runs} fresh database(s) "
          f"per engine; rows: " + ", ".join(f"{k} {v:,}" for k, v in totals.items()) + "\n")
    print("| engine | migrate (s) | first import median (s) | first import max (s) "
          "| first peak RSS (MiB) | second import (s) | second peak RSS (MiB) "
          "| second changed | within 60 s |")
    print("|---|--:|--:|--:|--:|--:|--:|---|---|")
    for r in results:
        ok = "yes" if r["first_max"] <= BUDGET_SECONDS else "**no**"
        print(f"| {r['engine']} | {r['migrate']:.1f} | {r['first_median']:.1f} "
              f"| {r['first_max']:.1f} | {r['first_rss']:.0f} | {r['second']:.1f} "
              f"| {r['second_rss']:.0f} | {r['second_changed']} | {ok} |")
    if any(r["second_changed"] for r in results):
        sys.exit("a second import of the same files reported changes: not idempotent")


if __name__ == "__main__":
    main()
