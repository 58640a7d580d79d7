"""Estimators of the average effect on the participants (ATT), with 95% intervals.

Pure numpy/scipy; arrays in, dataclasses out. Conventions:
- `d` is 1 for participants (treated), 0 for the comparison group; `X` holds raw covariates.
- The propensity score comes from a logit on all covariates (`propensity.py`).
- `psm`, `ipw` and `aipw` first keep the common support (`_common_support`); participants
  left out are counted and reported.
- Intervals: `dim` (and `did` without covariates) use Welch's analytic t-interval; every other
  method a percentile bootstrap that resamples participants and comparison records separately
  and refits every model (propensity and outcome) in each replicate.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.propensity import fit_logit, propensity_scores, solve_symmetric
from banenbrug.small_cells import MIN_CELL

Array = NDArray[np.float64]
Mask = NDArray[np.bool_]

METHODS = ("dim", "ols", "psm", "ipw", "aipw", "did")
NEEDS_COVARIATES = frozenset({"ols", "psm", "ipw", "aipw"})
PROPENSITY_METHODS = frozenset({"psm", "ipw", "aipw"})
_WORKERS = int(os.environ.get("BANENBRUG_EVAL_THREADS", "0")) or min(2, os.cpu_count() or 1)


@dataclass(frozen=True)
class Options:
    bootstrap: int = 500
    seed: int = 0
    caliper: float = 0.2  # in standard deviations of the logit of the propensity score
    trim: bool = True  # keep the common support in psm, ipw and aipw
    level: float = 0.95


@dataclass(frozen=True)
class Sample:
    y: Array
    d: Mask
    X: Array  # n x k raw covariates (k may be 0)
    y_pre: Array | None = None
    names: tuple[str, ...] = ()  # covariate names, for messages

    @property
    def n_treated(self) -> int:
        return int(self.d.sum())

    @property
    def n_control(self) -> int:
        return int((~self.d).sum())


@dataclass(frozen=True)
class Fit:
    """One point estimate and the weights behind it (for balance after adjustment)."""

    estimate: float
    treated_used: Mask | None = None  # over the treated, in sample order
    control_weights: Array | None = None  # over the controls, sum 1
    pscore: Array | None = None  # over all records
    pairs: NDArray[np.intp] | None = None  # psm: (participant, partner) record indices, k x 2


@dataclass(frozen=True)
class Estimate:
    method: str
    estimate: float
    ci_low: float
    ci_high: float
    se: float
    interval: str  # "analytic (Welch)" or "bootstrap (percentile, N)"
    n_treated: int
    n_control: int
    n_treated_used: int
    replications: int = 0
    failed_replications: int = 0
    fit: Fit = field(default_factory=lambda: Fit(float("nan")), repr=False)


def estimate(sample: Sample, method: str, options: Options = Options()) -> Estimate:
    """The ATT by `method` with its interval; raises EvaluationError instead of a bad number."""
    # One BLAS thread: on small matrices threads cost more than they give (measured 5x slower).
    with threadpool_limits(1, user_api="blas"):
        return _estimate(sample, method, options)


def _estimate(sample: Sample, method: str, options: Options) -> Estimate:
    _check_sample(sample, method)
    design = _standardise(sample.X)
    _check_collinearity(design, sample.names)
    y = sample.y if method != "did" else sample.y - _require_pre(sample)
    beta = fit_logit(design, sample.d.astype(float)) if method in PROPENSITY_METHODS else None
    fit = _point(method, y, sample.d, design, beta, options)
    n_used = int(fit.treated_used.sum()) if fit.treated_used is not None else sample.n_treated
    if n_used < MIN_CELL:
        raise EvaluationError("small_cell", group="treated_in_support", n=n_used, minimum=MIN_CELL)
    common: dict[str, Any] = dict(method=method, n_treated=sample.n_treated,
                                  n_control=sample.n_control, n_treated_used=n_used, fit=fit)
    if method == "dim" or (method == "did" and sample.X.shape[1] == 0):
        low, high, se = _welch(y, sample.d, options.level)
        return Estimate(estimate=fit.estimate, ci_low=low, ci_high=high, se=se,
                        interval="analytic (Welch)", **common)
    draws, failed = _bootstrap(
        lambda idx, start: _point(method, y[idx], sample.d[idx], design[idx],
                                  None if start is None else fit_logit(
                                      design[idx], sample.d[idx].astype(float), start),
                                  options).estimate,
        sample.d, beta, options)
    if len(draws) < max(20, options.bootstrap // 2):
        raise EvaluationError("bootstrap_failed", failed=failed, replications=options.bootstrap)
    tail = (1 - options.level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return Estimate(estimate=fit.estimate, ci_low=float(low), ci_high=float(high),
                    se=float(np.std(draws, ddof=1)),
                    interval=f"bootstrap (percentile, {options.bootstrap})",
                    replications=options.bootstrap, failed_replications=failed, **common)


def point_fit(sample: Sample, method: str, options: Options = Options()) -> Fit:
    """The point estimate alone (no interval): what the refutation tests repeat many times."""
    with threadpool_limits(1, user_api="blas"):
        _check_sample(sample, method)
        design = _standardise(sample.X)
        y = sample.y if method != "did" else sample.y - _require_pre(sample)
        beta = fit_logit(design, sample.d.astype(float)) if method in PROPENSITY_METHODS \
            else None
        return _point(method, y, sample.d, design, beta, options)


def quick_estimate(sample: Sample, method: str, options: Options = Options()) -> Estimate:
    """The estimate with the cheapest valid interval, for the checks that run many estimates
    (groups, placebo outcome): AIPW's from its influence function, dim's Welch; the other
    methods have no simple analytic interval and keep the bootstrap."""
    if method != "aipw":
        return estimate(sample, method, options)
    with threadpool_limits(1, user_api="blas"):
        _check_sample(sample, method)
        design = _standardise(sample.X)
        _check_collinearity(design, sample.names)
        beta = fit_logit(design, sample.d.astype(float))
        fit = _point(method, sample.y, sample.d, design, beta, options)
    assert fit.treated_used is not None and fit.control_weights is not None
    n_used = int(fit.treated_used.sum())
    if n_used < MIN_CELL:
        raise EvaluationError("small_cell", group="treated_in_support", n=n_used, minimum=MIN_CELL)
    se = _aipw_se(sample.y, sample.d, design, fit)
    from scipy import stats  # here, not at the top: importing scipy.stats takes a second

    half = float(stats.norm.ppf(0.5 + options.level / 2)) * se
    return Estimate(method=method, estimate=fit.estimate, ci_low=fit.estimate - half,
                    ci_high=fit.estimate + half, se=se, interval="analytic (influence function)",
                    n_treated=sample.n_treated, n_control=sample.n_control,
                    n_treated_used=n_used, fit=fit)


def _aipw_se(y: Array, d: Mask, design: Array, fit: Fit) -> float:
    """Standard error of the AIPW ATT from its influence function.

    The ATT's doubly robust score is Neyman-orthogonal, so the estimated propensity and
    outcome models add no first-order variance: the variance is that of the participants'
    mean residual plus that of the weighted comparison residuals (independent samples).
    """
    assert fit.control_weights is not None
    w = fit.control_weights
    controls = ~d
    coef = _ols(design[controls][w > 0], y[controls][w > 0])
    resid = y - design @ coef
    r1 = resid[d]
    r0 = resid[controls]
    mu0 = float(w @ r0)
    var1 = float(r1.var(ddof=1)) / len(r1)
    var0 = float(np.sum(w**2 * (r0 - mu0) ** 2))
    return float(np.sqrt(var1 + var0))


def point_estimates(sample: Sample, methods: tuple[str, ...],
                    options: Options = Options()) -> dict[str, float]:
    """Point estimates only (no interval), for comparing methods cheaply; skips the impossible."""
    design = _standardise(sample.X)
    beta = None
    out: dict[str, float] = {}
    with threadpool_limits(1, user_api="blas"):
        for method in methods:
            try:
                _check_sample(sample, method)
                if method in PROPENSITY_METHODS and beta is None:
                    beta = fit_logit(design, sample.d.astype(float))
                y = sample.y if method != "did" else sample.y - _require_pre(sample)
                out[method] = _point(method, y, sample.d, design, beta, options).estimate
            except EvaluationError:
                continue
    return out


def propensity(sample: Sample) -> Array:
    design = _standardise(sample.X)
    return propensity_scores(design, fit_logit(design, sample.d.astype(float)))


# --- point estimators -------------------------------------------------------------------------

def _point(method: str, y: Array, d: Mask, design: Array, beta: Array | None,
           options: Options) -> Fit:
    if method == "dim":
        return Fit(float(y[d].mean() - y[~d].mean()))
    if method in ("ols", "did"):
        if design.shape[1] == 1:  # intercept only: did without covariates
            return Fit(float(y[d].mean() - y[~d].mean()))
        return Fit(_regression_att(y, d, design))
    assert beta is not None
    p = propensity_scores(design, beta)
    keep = _common_support(p, d, method) if options.trim else np.ones(len(d), dtype=bool)
    if method == "psm":
        return _matching(y, d, design @ beta, keep, options.caliper, p)
    treated = d & keep
    controls = ~d & keep
    if treated.sum() == 0 or controls.sum() == 0:
        raise EvaluationError("no_overlap", reason="support")
    odds = np.exp(np.clip(design[controls] @ beta, -100, 100))  # p / (1 - p), without 1 - 1
    w = odds / odds.sum()
    if method == "ipw":
        att = y[treated].mean() - w @ y[controls]
    else:  # aipw: regression on the common support, reweighted residuals
        coef = _ols(design[controls], y[controls])
        resid = y - design @ coef
        att = resid[treated].mean() - w @ resid[controls]
    return Fit(float(att), treated_used=keep[d], control_weights=_spread(w, controls[~d]),
               pscore=p)


def _regression_att(y: Array, d: Mask, design: Array) -> float:
    """Outcome model fitted on the comparison group, imputed for the participants."""
    coef = _ols(design[~d], y[~d])
    return float(np.mean(y[d] - design[d] @ coef))


def _ols(X: Array, y: Array) -> Array:
    """Least squares by the normal equations: ten times faster than an SVD here, and the
    covariates are standardised and checked for collinearity up front."""
    gram = X.T @ X
    gram[np.diag_indices_from(gram)] += 1e-10 * len(y)
    return solve_symmetric(gram, X.T @ y)


def _matching(y: Array, d: Mask, score: Array, keep: Mask, caliper: float, p: Array) -> Fit:
    """1-nearest-neighbour matching on the logit score, with replacement, within a caliper."""
    width = caliper * float(np.std(score[keep])) if caliper > 0 else np.inf
    control_idx = np.flatnonzero(~d & keep)
    treated_idx = np.flatnonzero(d & keep)
    if len(control_idx) == 0 or len(treated_idx) == 0:
        raise EvaluationError("no_overlap", reason="support")
    order = control_idx[np.argsort(score[control_idx], kind="stable")]
    sorted_scores = score[order]
    t_scores = score[treated_idx]
    pos = np.searchsorted(sorted_scores, t_scores)
    left = np.clip(pos - 1, 0, len(order) - 1)
    right = np.clip(pos, 0, len(order) - 1)
    take_right = np.abs(sorted_scores[right] - t_scores) < np.abs(sorted_scores[left] - t_scores)
    nearest = np.where(take_right, right, left)
    distance = np.abs(sorted_scores[nearest] - t_scores)
    matched = distance <= width
    if not matched.any():
        raise EvaluationError("no_overlap", reason="caliper")
    partners = order[nearest[matched]]
    att = float(np.mean(y[treated_idx[matched]] - y[partners]))
    counts = np.bincount(partners, minlength=len(d)).astype(float)[~d]
    used = np.zeros(len(d), dtype=bool)
    used[treated_idx[matched]] = True
    return Fit(att, treated_used=used[d], control_weights=counts / counts.sum(), pscore=p,
               pairs=np.column_stack([treated_idx[matched], partners]))


def _common_support(p: Array, d: Mask, method: str) -> Mask:
    """The records a method may use, by propensity score.

    Matching (Dehejia & Wahba 1999): participants within the comparison group's score range,
    comparison records from the lowest participant score up (which also keeps the caliper,
    a share of the score's spread, meaningful). Weighting: every participant, and comparison
    records up to the highest participant score; those above resemble no participant and get
    the largest weights. Measured on simulated data: dropping participants biased IPW by 5%,
    dropping low-score comparison records by 6%.
    """
    if d.sum() == 0 or (~d).sum() == 0:
        raise EvaluationError("no_overlap", reason="support")
    if method == "psm":
        lo_c, hi_c = np.min(p[~d]), np.max(p[~d])
        return np.asarray(np.where(d, (p >= lo_c) & (p <= hi_c), p >= np.min(p[d])), dtype=bool)
    return np.asarray(np.where(d, True, p <= np.max(p[d])), dtype=bool)


def _spread(w: Array, positions: Mask) -> Array:
    out = np.zeros(len(positions))
    out[positions] = w
    return out


# --- intervals --------------------------------------------------------------------------------

def _welch(y: Array, d: Mask, level: float) -> tuple[float, float, float]:
    y1, y0 = y[d], y[~d]
    v1, v0 = y1.var(ddof=1) / len(y1), y0.var(ddof=1) / len(y0)
    se = float(np.sqrt(v1 + v0))
    df = (v1 + v0) ** 2 / (v1**2 / (len(y1) - 1) + v0**2 / (len(y0) - 1))
    from scipy import stats  # here, not at the top: importing scipy.stats takes a second

    half = float(stats.t.ppf(0.5 + level / 2, df)) * se
    diff = float(y1.mean() - y0.mean())
    return diff - half, diff + half, se


def _bootstrap(replicate: Callable[[NDArray[np.intp], Array | None], float], d: Mask,
               beta: Array | None, options: Options) -> tuple[Array, int]:
    """Resample participants and comparison records separately (group sizes stay fixed).

    Each replicate has its own seed, so results do not depend on how the work is spread over
    the two threads (numpy releases the GIL in the heavy loops).
    """
    treated, controls = np.flatnonzero(d), np.flatnonzero(~d)
    seeds = np.random.SeedSequence(options.seed).spawn(options.bootstrap)

    def one(seed: np.random.SeedSequence) -> float:
        rng = np.random.default_rng(seed)
        idx = np.concatenate([rng.choice(treated, len(treated)),
                              rng.choice(controls, len(controls))])
        try:
            return replicate(idx, beta)
        except (EvaluationError, np.linalg.LinAlgError):
            return float("nan")

    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        values = np.fromiter(pool.map(one, seeds), dtype=float, count=len(seeds))
    finite = np.isfinite(values)
    return values[finite], int((~finite).sum())


# --- checks -----------------------------------------------------------------------------------

def _standardise(X: Array) -> Array:
    """Intercept plus covariates scaled to mean 0, sd 1 (well-conditioned Newton steps)."""
    if X.shape[1] == 0:
        return np.ones((X.shape[0], 1))
    sd = X.std(axis=0)
    sd[sd == 0] = 1.0
    return np.column_stack([np.ones(X.shape[0]), (X - X.mean(axis=0)) / sd])


def _check_collinearity(design: Array, names: tuple[str, ...]) -> None:
    """Name the first covariate that is a linear combination of the ones before it."""
    if np.linalg.matrix_rank(design) == design.shape[1]:
        return
    for j in range(2, design.shape[1] + 1):
        if np.linalg.matrix_rank(design[:, :j]) < j:
            name = names[j - 2] if len(names) >= j - 1 else f"#{j - 1}"
            raise EvaluationError("collinear_covariate", covariate=name)


def _require_pre(sample: Sample) -> Array:
    if sample.y_pre is None:
        raise EvaluationError("did_needs_pre")
    return sample.y_pre


def _check_sample(sample: Sample, method: str) -> None:
    if method not in METHODS:
        raise EvaluationError("unknown_method", method=method, methods=", ".join(METHODS))
    for group, n in (("treated", sample.n_treated), ("control", sample.n_control)):
        if n < MIN_CELL:
            raise EvaluationError("small_cell", group=group, n=n, minimum=MIN_CELL)
    if method in NEEDS_COVARIATES and sample.X.shape[1] == 0:
        raise EvaluationError("needs_covariates", method=method)
    y = sample.y if method != "did" else sample.y - _require_pre(sample)
    if np.ptp(y) == 0:
        raise EvaluationError("constant_outcome", value=float(y[0]))
