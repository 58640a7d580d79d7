"""How strong an unmeasured confounder would have to be to explain an estimate away.

Pure numpy/scipy. Two measures:

- The **E-value** (VanderWeele & Ding 2017): the smallest risk ratio that a confounder would
  need with both participation and the outcome, beyond the measured covariates, to move the
  estimate (or the interval's bound nearer zero) to no effect. For a 0/1 outcome the ATT is
  turned into a risk ratio among the participants, RR = p1 / (p1 - ATT); for any other
  outcome through the standardised difference d = ATT / pooled SD, RR ~ exp(0.91 d)
  (VanderWeele & Ding's approximation for continuous outcomes).
- **Rosenbaum bounds** for matching (Rosenbaum 2002, ch. 4): the Gamma, the factor by which
  hidden bias may change two matched people's odds of taking part, at which the
  Wilcoxon signed-rank test of the matched differences stops being significant (one-sided,
  5%, normal approximation with mid-ranks for ties). With replacement a comparison record
  can be matched more than once; the bound treats the pairs as independent, as rbounds does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from banenbrug.evaluation.estimators import Array, Estimate, Mask

ALPHA = 0.05
GAMMA_MAX = 100.0  # beyond this a confounder is implausible; reported as "at least"
_CONTINUOUS_FACTOR = 0.91  # RR ~ exp(0.91 d), VanderWeele & Ding (2017)


@dataclass(frozen=True)
class Sensitivity:
    scale: str  # "risk_ratio" (0/1 outcome) or "standardised" (continuous outcome)
    risk_ratio: float  # the estimate as a risk ratio (approximate for continuous outcomes)
    risk_ratio_bound: float  # the interval's bound nearer zero, as a risk ratio (1: contains 0)
    evalue: float
    evalue_bound: float  # 1 when the interval contains zero
    standardised: float | None = None  # d, continuous outcomes only
    gamma: float | None = None  # Rosenbaum; matching only
    gamma_capped: bool = False  # gamma is GAMMA_MAX: at least that

    def as_dict(self) -> dict[str, float | str | bool | None]:
        return dict(self.__dict__)


def evalue(rr: float) -> float:
    """E-value of a risk ratio (VanderWeele & Ding 2017, eq. 2); protective ratios invert."""
    if not rr > 0 or not math.isfinite(rr):
        raise ValueError(f"risk ratio must be positive and finite, got {rr}")
    rr = 1 / rr if rr < 1 else rr
    return rr + math.sqrt(rr * (rr - 1))


def risk_ratio_of_difference(d: float) -> float:
    """A standardised mean difference as an approximate risk ratio."""
    return math.exp(_CONTINUOUS_FACTOR * d)


def bound_nearer_zero(low: float, high: float) -> float:
    """The end of the interval closest to no effect; 0 when the interval contains it."""
    if low <= 0 <= high:
        return 0.0
    return low if low > 0 else high


def sensitivity(est: Estimate, y: Array, d: Mask, pairs_diff: Array | None = None
                ) -> Sensitivity:
    """`y` and `d` are the sample's outcome and participation (bool); `pairs_diff` the matched
    differences (participant minus partner), for Rosenbaum bounds."""
    bound = bound_nearer_zero(est.ci_low, est.ci_high)
    treated, controls = y[d], y[~d]
    binary = bool(np.all((y == 0) | (y == 1)))
    smd: float | None = None
    if binary:
        p1 = float(treated.mean())
        rr, rr_bound = _risk_ratio(p1, est.estimate, len(treated)), \
            _risk_ratio(p1, bound, len(treated))
        ev, ev_bound = evalue(rr), evalue(rr_bound)
    else:
        sd = _pooled_sd(treated, controls)
        smd = est.estimate / sd
        rr, rr_bound = risk_ratio_of_difference(smd), risk_ratio_of_difference(bound / sd)
        # from the size of the difference: evalue() has an infinite slope at a ratio of 1, where
        # exp(-x) and 1 / exp(x) differ in the last bit, so a sign flip could move it by 1e-8
        ev = evalue(risk_ratio_of_difference(abs(smd)))
        ev_bound = evalue(risk_ratio_of_difference(abs(bound / sd)))
    gamma, capped = (None, False)
    if pairs_diff is not None:
        gamma, capped = rosenbaum_gamma(pairs_diff if est.estimate >= 0 else -pairs_diff)
    return Sensitivity(scale="risk_ratio" if binary else "standardised", risk_ratio=rr,
                       risk_ratio_bound=rr_bound, evalue=ev, evalue_bound=ev_bound,
                       standardised=smd, gamma=gamma, gamma_capped=capped)


def _risk_ratio(p1: float, effect: float, n1: int) -> float:
    """RR among the participants, p1 / p0 with p0 = p1 - effect; both kept inside
    (0, 1) by half a person, so a share of 0% or 100% stays finite."""
    eps = 0.5 / n1
    return float(np.clip(p1, eps, 1 - eps) / np.clip(p1 - effect, eps, 1 - eps))


def _pooled_sd(a: Array, b: Array) -> float:
    pooled = ((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2)
    return float(math.sqrt(pooled)) or 1.0


# --- Rosenbaum bounds -------------------------------------------------------------------------

def signed_rank_upper_p(diffs: Array, gamma: float) -> float:
    """Upper bound of the one-sided p-value of Wilcoxon's signed-rank test (effect > 0) when
    hidden bias changes the odds of taking part by at most `gamma`. At gamma = 1 it is the
    ordinary test's p-value (normal approximation, zeros dropped, mid-ranks)."""
    from scipy.stats import norm, rankdata  # here, not at the top: scipy.stats is slow to import

    x = diffs[diffs != 0]
    if len(x) == 0:
        return 1.0
    ranks = rankdata(np.abs(x))
    statistic = float(ranks[x > 0].sum())
    p_plus = gamma / (1 + gamma)
    mean = p_plus * float(ranks.sum())
    var = p_plus * (1 - p_plus) * float((ranks**2).sum())
    return float(norm.sf((statistic - mean) / math.sqrt(var)))


def rosenbaum_gamma(diffs: Array, alpha: float = ALPHA) -> tuple[float, bool]:
    """The Gamma at which the upper p-value bound reaches `alpha` (1.0 if the effect is not
    significant even without hidden bias), and whether it was capped at GAMMA_MAX."""
    if signed_rank_upper_p(diffs, 1.0) >= alpha:
        return 1.0, False
    if signed_rank_upper_p(diffs, GAMMA_MAX) < alpha:
        return GAMMA_MAX, True
    from scipy.optimize import brentq

    root = brentq(lambda g: signed_rank_upper_p(diffs, math.exp(g)) - alpha, 0.0,
                  math.log(GAMMA_MAX), xtol=1e-6)
    return float(math.exp(root)), False
