"""One evaluation from named columns: estimate, balance, overlap and warnings together.

The CLI, the API and the initiative reports all call `evaluate`; none of them computes on its
own. Missing methods are chosen sensibly: `aipw` with covariates, `dim` without.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from banenbrug.evaluation import diagnostics
from banenbrug.evaluation.covariates import Term, design_matrix
from banenbrug.evaluation.estimators import (
    MIN_CELL,
    NEEDS_COVARIATES,
    Array,
    Estimate,
    Options,
    Sample,
    estimate,
    point_estimates,
    propensity,
)
from banenbrug.evaluation.issues import EvaluationError, Issue

RECOMMENDED = "aipw"
ADJUSTING = ("ols", "psm", "ipw", "aipw")


@dataclass(frozen=True)
class Spec:
    treatment: str
    outcome: str
    covariates: tuple[Term, ...] = ()
    method: str | None = None
    pre: str | None = None  # pre-period outcome, for difference-in-differences
    options: Options = field(default_factory=Options)

    @property
    def chosen_method(self) -> str:
        if self.method:
            return self.method
        return RECOMMENDED if self.covariates else ("did" if self.pre else "dim")


@dataclass(frozen=True)
class Evaluation:
    spec: Spec
    estimate: Estimate
    balance: list[diagnostics.CovariateBalance]
    overlap: diagnostics.Overlap | None
    warnings: list[Issue]
    other_estimates: dict[str, float]
    mean_treated: float
    mean_control: float


def build_sample(columns: Mapping[str, Array], spec: Spec) -> Sample:
    d = columns[spec.treatment]
    return Sample(y=columns[spec.outcome], d=d == 1,
                  X=design_matrix(spec.covariates, columns) if spec.covariates
                  else np.empty((len(d), 0)),
                  y_pre=columns[spec.pre] if spec.pre else None,
                  names=tuple(t.text for t in spec.covariates))


def evaluate(columns: Mapping[str, Array], spec: Spec) -> Evaluation:
    """Raises EvaluationError where a number would mislead (no overlap, tiny groups...)."""
    sample = build_sample(columns, spec)
    method = spec.chosen_method
    if method == "did" and spec.pre is None:
        raise EvaluationError("did_needs_pre")
    pscore = None
    if spec.covariates and sample.n_treated >= MIN_CELL and sample.n_control >= MIN_CELL:
        pscore = propensity(sample)
        if diagnostics.treated_in_support(pscore, sample.d) < MIN_CELL:
            raise EvaluationError("no_overlap", reason="support")
    est = estimate(sample, method, spec.options)
    rows = diagnostics.balance(sample, sample.names, est.fit)
    ov = diagnostics.overlap(pscore, sample.d, est.fit) if pscore is not None else None
    others: dict[str, float] = {}
    if method in NEEDS_COVARIATES:
        others = point_estimates(sample, ADJUSTING, spec.options)
        others[method] = est.estimate
    return Evaluation(spec=spec, estimate=est, balance=rows, overlap=ov,
                      warnings=diagnostics.warnings_for(est, rows, ov, others),
                      other_estimates=others,
                      mean_treated=float(sample.y[sample.d].mean()),
                      mean_control=float(sample.y[~sample.d].mean()))
