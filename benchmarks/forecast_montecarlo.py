"""Benchmark: the monitor's Monte Carlo stock-flow forecast (pure numpy, no database).

Budget: 10,000 runs to 2050 in at most 2 s. Reports the best and median of --repeat timings for
sampling + simulation + bands of the baseline, for the baseline with every shipped scenario and
its lever contributions, and the machine's load while measuring (other work on the cores slows
numpy down). Prints markdown.

    .venv/bin/python benchmarks/forecast_montecarlo.py [--runs 10000] [--to 2050] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import numpy as np

from banenbrug.monitor import forecast as fc
from banenbrug.monitor.scenarios import shipped_scenarios

BUDGET_S = 2.0


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--to", type=int, default=2050)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scenarios = list(shipped_scenarios().values())
    u = fc.uniforms(args.runs, 2022)
    draws = fc.sample(fc.PARAMETERS, u)
    fc.simulate(draws, fc.Levers(), args.to)  # warm-up
    cases = {
        "baseline: sample + simulate + 5/50/95% bands (the budget)":
            lambda: fc.run_forecast((), args.to, args.runs, contribution_years=()),
        "simulate only": lambda: fc.simulate(draws, fc.Levers(), args.to),
        f"baseline + {len(scenarios)} shipped scenarios + lever contributions":
            lambda: fc.run_forecast(scenarios, args.to, args.runs,
                                    contribution_years=(2030, args.to)),
    }
    load = os.getloadavg()[0]
    print(f"Monte Carlo forecast: {args.runs:,} runs, {fc.BASE_YEAR}–{args.to}, "
          f"{len(fc.PARAMETERS)} parameters, stock by gender × {len(fc.AGES)} ages")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, numpy "
          f"{np.__version__}, load average {load:.2f} at start\n")
    print("| case | best (s) | median (s) |\n|---|---:|---:|")
    results = {}
    for name, fn in cases.items():
        times = timed(fn, args.repeat if "shipped" not in name else max(1, args.repeat // 2))
        results[name] = min(times)
        print(f"| {name} | {min(times):.3f} | {statistics.median(times):.3f} |")
    best = next(iter(results.values()))
    verdict = "within" if best <= BUDGET_S else "OVER"
    print(f"\nbudget {BUDGET_S:.1f} s for the baseline: {verdict} ({best:.3f} s best)")


if __name__ == "__main__":
    main()
