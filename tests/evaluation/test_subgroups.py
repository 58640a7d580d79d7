"""Effects per group: known different and equal effects, the influence-function interval
(coverage, and against the bootstrap on NSW), suppression under 10, bad group columns."""

from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from banenbrug.evaluation.analysis_engine import Spec, build_sample, evaluate
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import Options, Sample, estimate, quick_estimate
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.subgroups import heterogeneity, one_column
from tests.evaluation.nsw_data import DW_COVARIATES, cps
from tests.evaluation.simulate import confounded

FAST = Options(bootstrap=100)


def _two_groups(n: int, seed: int, effects: tuple[float, float]) -> tuple[Sample, list[str]]:
    """Group 'b' also differs in x2 (so x2 is constant within neither group)."""
    s = confounded(n, seed=seed, effect=0.0)
    group = np.where(np.random.default_rng(seed + 100).random(n) < 0.5, "a", "b")
    y = s.y + np.where(group == "a", effects[0], effects[1]) * s.d
    return replace(s, y=y), list(group)


def test_different_effects_are_recovered_and_the_difference_is_significant():
    s, groups = _two_groups(4000, seed=1, effects=(1.0, 3.0))
    column = one_column(s, "aipw", FAST, "group", groups)
    by_value = {g.value: g for g in column.groups}
    for value, truth in (("a", 1.0), ("b", 3.0)):
        g = by_value[value]
        assert g.ci_low < truth < g.ci_high
        assert abs(g.estimate - truth) < 0.2
    assert column.df == 1 and column.p_value < 0.001


def test_equal_effects_are_not_called_different():
    p_values = []
    for seed in range(10):
        s, groups = _two_groups(1500, seed=seed, effects=(2.0, 2.0))
        p_values.append(one_column(s, "aipw", FAST, "group", groups).p_value)
    assert sum(p < 0.05 for p in p_values) <= 2


def test_cochrans_q_against_a_hand_computation():
    t, se = [1.0, 2.0, 4.0], [0.5, 1.0, 2.0]
    w = np.array([4.0, 1.0, 0.25])
    pooled = (w * t).sum() / w.sum()
    q = float((w * (np.array(t) - pooled) ** 2).sum())
    assert heterogeneity(t, se) == pytest.approx((q, 2, stats.chi2.sf(q, 2)))


def test_influence_function_interval_covers_the_truth():
    hits = 0
    for seed in range(60):
        est = quick_estimate(confounded(600, seed=3000 + seed), "aipw", FAST)
        hits += est.ci_low < 2.0 < est.ci_high
    assert hits >= 53  # 95% nominal; at least 88% over 60 seeds


def test_influence_function_se_is_close_to_the_bootstrap_on_nsw_cps():
    frame = cps()
    columns = {c: frame[c].to_numpy(float) for c in frame.columns}
    sample = build_sample(columns, Spec("treat", "re78", tuple(parse_terms(DW_COVARIATES))))
    analytic = quick_estimate(sample, "aipw", Options())
    boot = estimate(sample, "aipw", Options(bootstrap=200))
    assert analytic.estimate == pytest.approx(boot.estimate)
    assert analytic.se == pytest.approx(boot.se, rel=0.15)


def test_small_groups_are_suppressed_without_their_counts():
    s = confounded(400, seed=4)
    groups = ["rare" if i in set(np.flatnonzero(s.d)[:5]) else "common" for i in range(400)]
    column = one_column(s, "aipw", FAST, "group", groups)
    rare = next(g for g in column.groups if g.value == "rare")
    assert rare.estimate is None and rare.n_treated is None and rare.n_control is None
    assert rare.error == {"code": "group_small", "params": {"minimum": 10}}
    assert column.p_value is None  # one group with figures: nothing to compare


def test_a_covariate_constant_within_a_group_is_left_out_there():
    s = confounded(3000, seed=5)
    groups = ["x2=1" if v else "x2=0" for v in s.X[:, 1]]  # x2 is constant in each group
    column = one_column(s, "aipw", FAST, "x2", groups)
    assert all(g.error is None and g.ci_low < 2.0 < g.ci_high for g in column.groups)


def test_a_group_column_with_one_value_is_refused():
    s = confounded(100, seed=6)
    with pytest.raises(EvaluationError) as info:
        one_column(s, "aipw", FAST, "gender", ["v"] * 100)
    assert info.value.code == "group_one_value"
    assert info.value.params == {"column": "gender", "value": "v"}
    columns = {"d": s.d.astype(float), "y": s.y, "x1": s.X[:, 0]}
    with pytest.raises(EvaluationError, match="group_one_value"):
        evaluate(columns, Spec("d", "y", tuple(parse_terms("x1"))), {"gender": ["v"] * 100})
