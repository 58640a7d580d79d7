"""A full evaluation report on 16,000 rows: AIPW with 500 bootstrap replications, the
sensitivity analysis, the four refutation tests and effects in four groups, against the
baseline of the same AIPW estimate alone, in the same run. Prints markdown; writes nothing.

    PYTHONPATH=src:. .venv/bin/python benchmarks/evaluation_report.py [--repeat 3]

Two data sets:
- NSW + CPS-1 (16,177 rows; causaldata, a test-only package): outcome 1978 earnings,
  Dehejia-Wahba covariates, placebo outcome 1975 earnings, groups black, hispanic, married and
  age band.
- an invented initiative of 16,000 outcome records (3,000 participants) in the outcome-file
  format, evaluated as `report_builder` does for its main outcome (work after 12 months):
  placebo outcome earnings_pre, groups age band, education, situation, benefit history.
  The whole initiative report (seven outcomes, five methods, difference-in-differences) is
  timed once as well.
Figures: median wall-clock and CPU seconds over `--repeat` runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.evaluation

from tests.evaluation.nsw_data import DW_COVARIATES, cps

from banenbrug.evaluation.analysis_engine import Spec, evaluate
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import Options
from banenbrug.evaluation.examples import ExampleInitiative, _person
from banenbrug.evaluation.report_engine import PRIMARY, _evaluate, build_report


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def nsw_cps(options: Options) -> tuple[Callable[[], object], Callable[[], object]]:
    frame = cps()
    columns = {c: frame[c].to_numpy(float) for c in frame.columns}
    groups = {"black": [str(int(v)) for v in frame["black"]],
              "hisp": [str(int(v)) for v in frame["hisp"]],
              "marr": [str(int(v)) for v in frame["marr"]],
              "age_band": ["<25" if a < 25 else ("25-34" if a < 35 else "35+")
                           for a in frame["age"]]}
    spec = Spec("treat", "re78", tuple(parse_terms(DW_COVARIATES)), "aipw", options=options)
    full = Spec("treat", "re78", spec.covariates, "aipw", options=options, refute=True,
                placebo_outcome="re75")
    return (lambda: evaluate(columns, spec)), (lambda: evaluate(columns, full, groups))


def initiative_records(n_participants: int = 3000, n_comparison: int = 13000) -> list[dict]:
    """Invented outcome records, drawn as the demo's examples are (`examples._person`)."""
    rng = np.random.default_rng(7)
    example = ExampleInitiative("Benchmark", 1_000_000, n_participants, n_comparison, 0.1, 0.15)
    records = []
    for participant, n in ((1, n_participants), (0, n_comparison)):
        for _ in range(n):
            row = _person(rng, example, participant)
            records.append({
                "row": len(records) + 2, "participant": bool(participant),
                "age": row["age"], "education_level": str(row["education_level"]),
                "prior_earnings": row["prior_earnings"], "benefit_months": row["benefit_months"],
                "region": str(row["region"]), "situation": str(row["situation"]),
                **{k: row[k] for k in ("employed_6m", "employed_12m", "tech_job_6m",
                                       "tech_job_12m", "retained_12m", "earnings_6m",
                                       "earnings_12m", "earnings_pre", "earnings_post")},
                "start_date": row["start_date"]})
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    options = Options(bootstrap=args.bootstrap)
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}; load average at start {os.getloadavg()[0]:.1f}; "
          f"bootstrap {args.bootstrap}; median of {args.repeat} runs.\n")
    print("| data | rows | what | wall s | CPU s |")
    print("|---|---|---|---|---|")
    base, full = nsw_cps(options)
    for label, run in (("AIPW alone (baseline)", base),
                       ("full report: AIPW + sensitivity + 4 refuters + 4 groups", full)):
        wall, cpu = timed(run, args.repeat)
        print(f"| NSW + CPS-1 | 16,177 | {label} | {wall:.1f} | {cpu:.1f} |")
    records = initiative_records()
    rows = [r for r in records if r.get(PRIMARY) is not None]
    for label, checks in (("main outcome, AIPW alone (baseline)", False),
                          ("main outcome, full: + sensitivity, 4 refuters, 4 groups", True)):
        wall, cpu = timed(lambda c=checks: _evaluate(rows, PRIMARY, "aipw", options, checks=c),
                          args.repeat)
        print(f"| invented initiative | {len(records):,} | {label} | {wall:.1f} | {cpu:.1f} |")
    wall, cpu = timed(lambda: build_report(records, options), 1)
    print(f"| invented initiative | {len(records):,} | whole initiative report (7 outcomes, "
          f"5 methods, did; one run) | {wall:.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
