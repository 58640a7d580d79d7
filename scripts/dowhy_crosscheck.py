"""Record DoWhy's estimate and refuters on the NSW data (tests/evaluation/test_dowhy_crosscheck.py).

DoWhy is not a dependency of Banenbrug (docs/evaluation.md, "Cross-checked against DoWhy"):
on Python 3.12 it pins scipy <= 1.15.3, and it brings numba, cvxpy and causal-learn with it.
So its figures are recorded once by this script, run in a virtualenv of its own, and the test
compares Banenbrug's own implementations with them on every run:

    python3.13 -m venv /tmp/dowhy-venv
    /tmp/dowhy-venv/bin/pip install dowhy==0.14 causaldata
    PYTHONPATH=. /tmp/dowhy-venv/bin/python scripts/dowhy_crosscheck.py

The design matrix is built here from the raw columns with pandas (not with Banenbrug's term
parser) and standardised, so both sides fit the same unpenalised logit. Propensities are not
clipped (DoWhy clips to [0.01, 0.99] by default; Banenbrug's IPW without trimming does not).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "evaluation" / "dowhy_nsw.json"
SIMULATIONS = 50
SEED = 20261203


def design(frame: pd.DataFrame) -> pd.DataFrame:
    """Dehejia & Wahba's covariates (tests/evaluation/nsw_data.DW_COVARIATES), standardised."""
    x = pd.DataFrame({
        "age": frame.age, "age2": frame.age**2, "educ": frame.educ, "educ2": frame.educ**2,
        "black": frame.black, "hisp": frame.hisp, "marr": frame.marr,
        "nodegree": frame.nodegree, "re74": frame.re74, "re75": frame.re75,
        "u74": (frame.re74 == 0) * 1.0, "u75": (frame.re75 == 0) * 1.0,
        "re74sq": frame.re74**2, "re75sq": frame.re75**2})
    return (x - x.mean()) / x.std(ddof=0)


def run(frame: pd.DataFrame) -> dict[str, object]:
    from dowhy import CausalModel
    from sklearn.linear_model import LogisticRegression

    covariates = design(frame)
    data = pd.concat([frame[["treat", "re78"]].assign(treat=frame.treat.astype(bool)),
                      covariates], axis=1)
    clean = data.copy()  # CausalModel keeps `data` itself, and estimate_effect writes into it
    model = CausalModel(data=data, treatment="treat", outcome="re78",
                        common_causes=list(covariates.columns))
    estimand = model.identify_effect(proceed_when_unidentifiable=True)
    params = {"weighting_scheme": "ips_normalized_weight", "min_ps_score": 1e-12,
              "max_ps_score": 1 - 1e-12,
              "propensity_score_model": LogisticRegression(C=np.inf, max_iter=100_000,
                                                           tol=1e-10)}
    estimate = model.estimate_effect(estimand, method_name="backdoor.propensity_score_weighting",
                                     target_units="att", method_params=params)
    out: dict[str, object] = {"ipw_att": float(estimate.value),
                              "n": len(frame), "n_treated": int(frame.treat.sum())}
    refuters = {
        "placebo_treatment": dict(method_name="placebo_treatment_refuter",
                                  placebo_type="permute"),
        "random_common_cause": dict(method_name="random_common_cause"),
        "data_subsets": dict(method_name="data_subset_refuter", subset_fraction=0.5),
    }
    for name, kwargs in refuters.items():
        # estimate_effect leaves its propensity column in the model's data, and a refuter
        # that finds one reuses it instead of refitting (then a permuted treatment keeps the
        # real propensities): every refuter starts from the clean data
        model._data = clean.copy()
        result = model.refute_estimate(estimand, estimate, num_simulations=SIMULATIONS,
                                       random_seed=SEED, **kwargs)
        out[name] = {"new_effect": float(result.new_effect),
                     "p_value": float(result.refutation_result["p_value"])
                     if result.refutation_result else None}
    return out


def main() -> int:
    logging.disable(logging.WARNING)  # DoWhy logs every simulation
    import dowhy
    from tests.evaluation.nsw_data import cps, experimental

    record = {"dowhy": dowhy.__version__, "python": sys.version.split()[0],
              "simulations": SIMULATIONS, "seed": SEED,
              "experimental": run(experimental()), "cps": run(cps())}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
