"""Banenbrug's IPW estimator and refuters against DoWhy's, on the NSW data.

DoWhy's figures are recorded by `scripts/dowhy_crosscheck.py` (DoWhy 0.14 in a virtualenv of
its own: it is not a dependency, see docs/evaluation.md) in tests/data/evaluation/dowhy_nsw.json.
The estimate is deterministic and must agree closely; the refuters draw at random on both sides
(other generators, other seeds), so they are compared on what they conclude, with room for the
draws.
"""

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from banenbrug.evaluation.analysis_engine import Spec, build_sample
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import Options, point_fit, quick_estimate
from banenbrug.evaluation.refutation import refute
from tests.evaluation.nsw_data import DW_COVARIATES, cps, experimental

RECORD = json.loads((Path(__file__).parents[1] / "data" / "evaluation" / "dowhy_nsw.json")
                    .read_text(encoding="utf-8"))
NO_TRIM = Options(trim=False, bootstrap=200, seed=0)  # DoWhy's IPW keeps every row


def _sample(frame):
    columns = {c: frame[c].to_numpy(float) for c in frame.columns}
    return build_sample(columns, Spec("treat", "re78", tuple(parse_terms(DW_COVARIATES)), "ipw"))


@pytest.fixture(scope="module", params=["experimental", "cps"])
def case(request):
    frame = {"experimental": experimental, "cps": cps}[request.param]()
    return _sample(frame), RECORD[request.param]


def test_the_record_is_dowhys_on_the_same_rows(case):
    sample, dowhy = case
    assert (dowhy["n"], dowhy["n_treated"]) == (len(sample.y), sample.n_treated)
    assert RECORD["dowhy"] == "0.14"


def test_the_ipw_att_is_dowhys_normalised_ipw_att(case):
    sample, dowhy = case
    ours = point_fit(sample, "ipw", NO_TRIM).estimate
    # the same unpenalised logit, fitted by two solvers: equal to well under a dollar
    assert ours == pytest.approx(dowhy["ipw_att"], abs=1.0)


def test_refuters_conclude_what_dowhys_conclude(case):
    sample, dowhy = case
    est = quick_estimate(sample, "ipw", NO_TRIM)
    tests = {r.test: r for r in refute(sample, "ipw", est, NO_TRIM)}
    scale, se = abs(dowhy["ipw_att"]), est.se
    # placebo treatment: no effect left on either side (within half a standard error)
    assert abs(dowhy["placebo_treatment"]["new_effect"]) < 0.5 * se
    assert abs(tests["placebo_treatment"].value) < 0.5 * se
    # a random common cause moves neither estimate by more than 1%, and they agree
    assert abs(dowhy["random_common_cause"]["new_effect"] - dowhy["ipw_att"]) < 0.01 * scale
    assert abs(tests["random_common_cause"].value - est.estimate) < 0.01 * scale
    assert tests["random_common_cause"].verdict == "pass"
    # random halves: both means stay within one standard error (the data-subsets rule)
    assert abs(dowhy["data_subsets"]["new_effect"] - dowhy["ipw_att"]) < se
    assert abs(tests["data_subsets"].value - est.estimate) < se
    assert tests["data_subsets"].verdict == "pass"
    # DoWhy's own verdicts: none of its refuters rejects (p > 0.05), as none of ours warns
    assert all(dowhy[t]["p_value"] > 0.05
               for t in ("placebo_treatment", "random_common_cause", "data_subsets"))


def test_a_planted_problem_is_caught_on_both_sides_of_the_comparison():
    """The cross-check only means something if a broken estimator would fail it: an estimate
    that ignores the propensity (the naive difference on CPS) is thousands of dollars from
    DoWhy's IPW."""
    sample = _sample(cps())
    naive = point_fit(replace(sample, X=np.empty((len(sample.y), 0))), "dim", NO_TRIM).estimate
    assert abs(naive - RECORD["cps"]["ipw_att"]) > 5000
