"""Benchmark: how long a `banenbrug` command takes from the shell, against a bare interpreter.

Issue 14's target: `banenbrug occupations loodgieter --format json` within 2x a bare
`python -c "import django, numpy, scipy"`. Runs are interleaved (baseline, Django set-up,
command, ...) so that the machine's load falls on all three alike; prints medians as markdown.
Uses the installation's own database and caches (run `make setup` first), like a user would.

    .venv/bin/python benchmarks/cli_startup.py [--runs 11] [--src <other checkout>/src]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "bare `import django, numpy, scipy` (baseline)": [sys.executable, "-c",
                                                     "import django, numpy, scipy"],
    "`django.setup()` with Banenbrug's settings": [
        sys.executable, "-c", "import django; django.setup()"],
    "`banenbrug occupations loodgieter --format json`": [
        sys.executable, "-m", "banenbrug", "occupations", "loodgieter", "--format", "json"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the source tree to time (another checkout's src/, to compare)")
    args = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev",
           "PYTHONPATH": str(args.src), "BANENBRUG_VAR_DIR": str(ROOT / "var")}
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs + 1):  # the first round warms the page cache and is dropped
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
            times[name].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"{name} failed: {done.stderr[-500:]}")
    baseline = statistics.median(times[next(iter(COMMANDS))][1:])
    print(f"| command (median of {args.runs}, interleaved) | seconds | × baseline |")
    print("|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values[1:])
        print(f"| {name} | {median:.2f} | {median / baseline:.1f} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
