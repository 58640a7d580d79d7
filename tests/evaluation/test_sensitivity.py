"""Sensitivity to unmeasured confounding: the E-value against VanderWeele & Ding's published
example and its defining properties, Rosenbaum bounds against independent computations (scipy's
Wilcoxon test at Gamma = 1, the exact distribution of the bounding statistic above it)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from banenbrug.evaluation.estimators import Estimate, Options, estimate
from banenbrug.evaluation.sensitivity import (
    bound_nearer_zero,
    evalue,
    risk_ratio_of_difference,
    rosenbaum_gamma,
    sensitivity,
    signed_rank_upper_p,
)
from tests.evaluation.simulate import confounded


def test_evalue_reproduces_vanderweele_and_ding_example():
    # Annals of Internal Medicine 2017: RR 3.9 (CI lower limit 1.8) -> E-values 7.26 and 3.00
    assert evalue(3.9) == pytest.approx(7.26, abs=0.005)
    assert evalue(1.8) == pytest.approx(3.00, abs=0.005)
    assert evalue(1.0) == 1.0


@settings(max_examples=200)
@given(st.floats(min_value=1e-6, max_value=1e6))
def test_evalue_is_at_least_one_and_the_same_for_a_protective_ratio(rr):
    assert evalue(rr) >= 1.0
    assert evalue(rr) == pytest.approx(evalue(1 / rr), rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=-5, max_value=5), st.floats(min_value=0.01, max_value=3),
       st.integers(min_value=0, max_value=10_000))
def test_continuous_sensitivity_is_symmetric_in_sign(effect, half_width, seed):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=60)
    d = np.arange(60) < 25
    est = Estimate("aipw", effect, effect - half_width, effect + half_width, half_width / 2, "",
                   25, 35, 25)
    flipped = Estimate("aipw", -effect, -effect - half_width, -effect + half_width,
                       half_width / 2, "", 25, 35, 25)
    up, down = sensitivity(est, y, d), sensitivity(flipped, -y, d)
    assert up.evalue >= 1 and up.evalue_bound >= 1
    assert up.evalue_bound <= up.evalue + 1e-12  # the bound nearer zero is never stronger
    assert up.evalue == pytest.approx(down.evalue, rel=1e-9)
    assert up.evalue_bound == pytest.approx(down.evalue_bound, rel=1e-9)


def test_continuous_outcome_goes_through_the_standardised_difference():
    s = confounded(2000, seed=3)
    est = estimate(s, "aipw", Options(bootstrap=100))
    result = sensitivity(est, s.y, s.d)
    y1, y0 = s.y[s.d], s.y[~s.d]
    pooled = math.sqrt(((len(y1) - 1) * y1.var(ddof=1) + (len(y0) - 1) * y0.var(ddof=1))
                       / (len(s.y) - 2))
    assert result.scale == "standardised"
    assert result.standardised == pytest.approx(est.estimate / pooled)
    rr = math.exp(0.91 * est.estimate / pooled)
    assert result.evalue == pytest.approx(rr + math.sqrt(rr * (rr - 1)))
    assert result.risk_ratio_bound == pytest.approx(math.exp(0.91 * est.ci_low / pooled))
    assert risk_ratio_of_difference(0.0) == 1.0


def test_binary_outcome_uses_the_participants_risk_ratio():
    y = np.array([1.0] * 30 + [0.0] * 20 + [1.0] * 20 + [0.0] * 30)
    d = np.arange(100) < 50  # participants: 60% in work
    est = Estimate("aipw", 0.2, 0.05, 0.35, 0.07, "", 50, 50, 50)
    result = sensitivity(est, y, d)
    assert result.scale == "risk_ratio"
    assert result.risk_ratio == pytest.approx(0.6 / 0.4)  # 60% against an estimated 40%
    assert result.risk_ratio_bound == pytest.approx(0.6 / 0.55)
    assert result.evalue == pytest.approx(1.5 + math.sqrt(1.5 * 0.5))


def test_an_interval_that_contains_zero_has_evalue_one_for_its_bound():
    assert bound_nearer_zero(-1.0, 3.0) == 0.0
    assert bound_nearer_zero(0.5, 3.0) == 0.5
    assert bound_nearer_zero(-3.0, -0.5) == -0.5
    y = np.random.default_rng(0).normal(size=50)
    est = Estimate("aipw", 0.3, -0.1, 0.7, 0.2, "", 20, 30, 20)
    assert sensitivity(est, y, np.arange(50) < 20).evalue_bound == 1.0


def test_rosenbaum_bound_at_gamma_one_is_wilcoxons_test():
    diffs = np.random.default_rng(1).normal(0.3, 1.0, size=80).round(1)  # with ties
    ours = signed_rank_upper_p(diffs, 1.0)
    theirs = stats.wilcoxon(diffs, alternative="greater", method="approx", correction=False,
                            zero_method="wilcox").pvalue
    assert ours == pytest.approx(theirs, rel=1e-9)


def _exact_upper_p(diffs: np.ndarray, gamma: float) -> float:
    """P(T >= t) for T = sum of rank_i * B_i, B_i ~ Bernoulli(gamma / (1 + gamma)), by
    convolution over the integer ranks (no ties): Rosenbaum's bounding distribution."""
    ranks = stats.rankdata(np.abs(diffs)).astype(int)
    observed = int(ranks[diffs > 0].sum())
    p = gamma / (1 + gamma)
    dist = np.zeros(int(ranks.sum()) + 1)
    dist[0] = 1.0
    for r in ranks:
        shifted = np.zeros_like(dist)
        shifted[r:] = dist[:-r]
        dist = (1 - p) * dist + p * shifted
    return float(dist[observed:].sum())


@pytest.mark.parametrize("gamma", [1.0, 1.5, 2.5])
def test_rosenbaum_bound_agrees_with_the_exact_distribution(gamma):
    diffs = np.random.default_rng(2).normal(0.8, 1.0, size=40)
    assert signed_rank_upper_p(diffs, gamma) == pytest.approx(_exact_upper_p(diffs, gamma),
                                                              abs=0.01)


def test_rosenbaum_gamma_is_where_significance_is_lost():
    diffs = np.random.default_rng(3).normal(0.5, 1.0, size=200)
    gamma, capped = rosenbaum_gamma(diffs)
    assert not capped and gamma > 1.5
    assert signed_rank_upper_p(diffs, gamma) == pytest.approx(0.05, abs=1e-4)
    assert signed_rank_upper_p(diffs, gamma * 0.9) < 0.05 < signed_rank_upper_p(diffs,
                                                                                 gamma * 1.1)
    stronger, _ = rosenbaum_gamma(diffs + 0.5)
    assert stronger > gamma
    symmetric = np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0] * 5)  # no effect at all
    assert rosenbaum_gamma(symmetric) == (1.0, False)


def test_matching_reports_a_gamma_and_the_others_do_not():
    s = confounded(1500, seed=5)
    from banenbrug.evaluation.analysis_engine import Spec, evaluate
    from banenbrug.evaluation.covariates import parse_terms

    columns = {"d": s.d.astype(float), "y": s.y, "x1": s.X[:, 0], "x2": s.X[:, 1]}
    for method in ("psm", "aipw"):
        ev = evaluate(columns, Spec("d", "y", tuple(parse_terms("x1,x2")), method,
                                    options=Options(bootstrap=50)))
        if method == "psm":
            pairs = ev.estimate.fit.pairs
            assert pairs is not None and len(pairs) == ev.estimate.n_treated_used
            assert ev.sensitivity.gamma is not None and ev.sensitivity.gamma > 2
        else:
            assert ev.sensitivity.gamma is None
        assert ev.sensitivity.evalue > 2  # an effect of 2 SD-ish is hard to explain away


def test_a_tiny_difference_gives_the_same_evalue_either_way():
    """The case hypothesis found: near a ratio of 1 the E-value's slope is infinite, and
    exp(-x) is not exactly 1 / exp(x) in floating point."""
    y = np.random.default_rng(0).normal(size=60)
    d = np.arange(60) < 25
    for tiny in (1e-16, 3e-16, 5e-16, 1e-14):  # each differed by 1e-8 to 1e-7 before
        up = sensitivity(Estimate("aipw", tiny, tiny - 1, tiny + 1, 0.5, "", 25, 35, 25), y, d)
        down = sensitivity(Estimate("aipw", -tiny, -tiny - 1, -tiny + 1, 0.5, "", 25, 35, 25),
                           -y, d)
        assert up.evalue == down.evalue, tiny
