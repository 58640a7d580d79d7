"""Logistic propensity model fitted by Newton-Raphson (IRLS) in numpy.

Written by hand for speed, not for novelty: statsmodels' Logit and scikit-learn's solvers take
30-100 ms per fit on NSW + CPS-1 (16,177 rows), too slow for 500 bootstrap refits in 10 s; this
plain Newton loop, warm-started from the full-sample fit, needs about six steps of about 1.5 ms
(measured on CPS-1, one BLAS thread). Tests check it against statsmodels' Logit.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit

from banenbrug.evaluation.issues import EvaluationError

Array = NDArray[np.float64]

# A tiny ridge keeps the Hessian invertible under collinear covariates without moving the fit.
_RIDGE = 1e-8
_MAX_ITER = 50
_TOL = 1e-5  # largest change of a coefficient on standardised covariates
_CLIP = 100.0  # keeps exp() finite; such scores are 0 or 1 in double precision anyway


def fit_logit(X: Array, d: Array, start: Array | None = None) -> Array:
    """Coefficients of P(d=1 | X); X must hold an intercept column and be scaled.

    Bootstrap replicates start from the full-sample fit, which saves about half the steps.
    Tried and dropped, measured on NSW: a fixed three steps (Andrews' k-step bootstrap) gave
    wild scores on PSID-1's near-separated replicates; keeping the Hessian between steps (the
    chord method) needed 16-55 steps instead of about 6 and was slower.
    """
    beta = np.zeros(X.shape[1]) if start is None else start.copy()
    eta = X @ beta
    for _ in range(_MAX_ITER):
        p = expit(np.clip(eta, -_CLIP, _CLIP))
        hessian = (X * (p * (1.0 - p))[:, None]).T @ X
        hessian.flat[:: X.shape[1] + 1] += _RIDGE
        step = solve_symmetric(hessian, X.T @ (d - p))
        beta += step
        if not np.all(np.isfinite(beta)):
            raise EvaluationError("no_overlap", reason="separation")
        if np.max(np.abs(step)) < _TOL:
            break
        eta = X @ beta
    return beta


def solve_symmetric(A: Array, b: Array) -> Array:
    """Solve a (semi)definite normal-equations system; least squares if it is singular."""
    try:
        return np.linalg.solve(A, b)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(A, b, rcond=None)[0]


def propensity_scores(X: Array, beta: Array) -> Array:
    return _sigmoid(X @ beta)


def _sigmoid(eta: Array) -> Array:
    return np.asarray(expit(np.clip(eta, -_CLIP, _CLIP)))
