"""Diagnostics that protect the reader: covariate balance, propensity overlap, warnings.

Thresholds: a standardised mean difference (SMD) above 0.1 is imbalance worth showing, above
0.25 too much for any adjustment to be trusted (Rubin 2001; Stuart 2010). Histogram cells with
1-9 people are suppressed, like every figure about fewer than 10 people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from banenbrug.evaluation.estimators import MIN_CELL, Array, Estimate, Fit, Mask, Sample
from banenbrug.evaluation.issues import Issue

SMD_NOTABLE = 0.1
SMD_POOR = 0.25
MAX_SHARE_OUTSIDE = 0.05  # participants outside the common support
MIN_CONTROL_ESS = 30.0  # effective number of comparison records after weighting
MAX_BOOTSTRAP_FAILURES = 0.01
HISTOGRAM_BINS = 20


@dataclass(frozen=True)
class CovariateBalance:
    covariate: str
    mean_treated: float
    mean_control: float
    smd_before: float
    smd_after: float | None  # None: the method does not reweight (dim, ols, did)


@dataclass(frozen=True)
class Overlap:
    share_treated_outside: float
    n_treated_outside: int
    control_ess: float | None  # Kish effective sample size of the method's control weights
    bin_edges: list[float]
    treated_counts: list[int | None]  # None: 1-9 people, suppressed
    control_counts: list[int | None]


def balance(sample: Sample, names: tuple[str, ...], fit: Fit) -> list[CovariateBalance]:
    X, d = sample.X, sample.d
    treated, controls = X[d], X[~d]
    scale = np.sqrt((treated.var(axis=0, ddof=1) + controls.var(axis=0, ddof=1)) / 2)
    scale[scale == 0] = 1.0
    before = (treated.mean(axis=0) - controls.mean(axis=0)) / scale
    after: Array | None = None
    if fit.control_weights is not None:
        used = treated[fit.treated_used] if fit.treated_used is not None else treated
        after = (used.mean(axis=0) - fit.control_weights @ controls) / scale
    return [CovariateBalance(name, float(treated[:, j].mean()), float(controls[:, j].mean()),
                             float(before[j]), None if after is None else float(after[j]))
            for j, name in enumerate(names)]


def overlap(pscore: Array, d: Mask, fit: Fit | None = None) -> Overlap:
    lo, hi = pscore[~d].min(), pscore[~d].max()
    outside = int(((pscore[d] < lo) | (pscore[d] > hi)).sum())
    edges = np.linspace(0.0, 1.0, HISTOGRAM_BINS + 1)
    ess = None
    if fit is not None and fit.control_weights is not None:
        w = fit.control_weights
        ess = float(w.sum() ** 2 / (w**2).sum())
    return Overlap(share_treated_outside=outside / int(d.sum()), n_treated_outside=outside,
                   control_ess=ess, bin_edges=[float(e) for e in edges],
                   treated_counts=_suppressed(np.histogram(pscore[d], edges)[0]),
                   control_counts=_suppressed(np.histogram(pscore[~d], edges)[0]))


def treated_in_support(pscore: Array, d: Mask) -> int:
    lo, hi = pscore[~d].min(), pscore[~d].max()
    return int(((pscore[d] >= lo) & (pscore[d] <= hi)).sum())


def warnings_for(est: Estimate, rows: list[CovariateBalance], ov: Overlap | None,
                 others: Mapping[str, float]) -> list[Issue]:
    """Plain warnings, most serious first; rendered in Dutch (or English) by the app."""
    out: list[Issue] = []
    if rows:
        key = "smd_after" if rows[0].smd_after is not None else "smd_before"
        poor = [r.covariate for r in rows if abs(getattr(r, key)) > SMD_POOR]
        if poor and key == "smd_after":
            out.append(Issue("poor_balance", {"covariates": ", ".join(poor)}))
        elif poor and est.method == "dim":
            out.append(Issue("unadjusted_imbalance", {"covariates": ", ".join(poor)}))
        elif poor:
            out.append(Issue("model_extrapolates", {"covariates": ", ".join(poor)}))
    if ov is not None:
        if ov.share_treated_outside > MAX_SHARE_OUTSIDE:
            out.append(Issue("outside_support", {"share": round(ov.share_treated_outside, 3),
                                                 "n": ov.n_treated_outside}))
        if ov.control_ess is not None and ov.control_ess < MIN_CONTROL_ESS:
            out.append(Issue("thin_overlap", {"ess": round(ov.control_ess, 1)}))
    unmatched = est.n_treated - est.n_treated_used
    if est.method == "psm" and ov is not None and unmatched > ov.n_treated_outside:
        out.append(Issue("caliper_dropped", {"n": unmatched,
                                             "share": round(unmatched / est.n_treated, 3)}))
    if est.replications and est.failed_replications > MAX_BOOTSTRAP_FAILURES * est.replications:
        out.append(Issue("bootstrap_failures", {"failed": est.failed_replications,
                                                "replications": est.replications}))
    if len(others) >= 2:
        low, high = min(others.values()), max(others.values())
        half_width = (est.ci_high - est.ci_low) / 2
        if high - low > half_width:
            out.append(Issue("methods_disagree", {
                "low": round(low), "high": round(high), "half_width": round(half_width),
                "estimates": {k: round(v) for k, v in others.items()}}))
    if est.n_treated_used < 3 * MIN_CELL:
        out.append(Issue("few_participants", {"n": est.n_treated_used}))
    return out


def _suppressed(counts: np.ndarray) -> list[int | None]:
    return [int(c) if c == 0 or c >= MIN_CELL else None for c in counts]
