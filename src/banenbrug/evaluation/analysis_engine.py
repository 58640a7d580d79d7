"""One evaluation from named columns: estimate, balance, overlap, warnings and sensitivity
together; on request also the refutation tests and the effects per group.

The CLI, the API and the initiative reports all call `evaluate`; none of them computes on its
own. Missing methods are chosen sensibly: `aipw` with covariates, `dim` without.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from banenbrug.evaluation import diagnostics, refutation, subgroups
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
from banenbrug.evaluation.sensitivity import Sensitivity, sensitivity

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
    refute: bool = False  # run the refutation tests
    placebo_outcome: str | None = None  # an outcome before the start, for the placebo test

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
    sensitivity: Sensitivity
    refutations: list[refutation.Refutation] = field(default_factory=list)
    groups: list[subgroups.GroupColumn] = field(default_factory=list)


def build_sample(columns: Mapping[str, Array], spec: Spec) -> Sample:
    d = columns[spec.treatment]
    return Sample(y=columns[spec.outcome], d=d == 1,
                  X=design_matrix(spec.covariates, columns) if spec.covariates
                  else np.empty((len(d), 0)),
                  y_pre=columns[spec.pre] if spec.pre else None,
                  names=tuple(t.text for t in spec.covariates))


def evaluate(columns: Mapping[str, Array], spec: Spec,
             groups: Mapping[str, Sequence[str]] | None = None) -> Evaluation:
    """Raises EvaluationError where a number would mislead (no overlap, tiny groups...).

    `groups` maps a group column's name to each record's value (text), for effects per group.
    """
    for name, labels in (groups or {}).items():
        subgroups.check_group_column(name, labels)
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
    y = sample.y if method != "did" else sample.y - sample.y_pre  # type: ignore[operator]
    pairs = est.fit.pairs
    ev = Evaluation(spec=spec, estimate=est, balance=rows, overlap=ov,
                    warnings=diagnostics.warnings_for(est, rows, ov, others),
                    other_estimates=others,
                    mean_treated=float(sample.y[sample.d].mean()),
                    mean_control=float(sample.y[~sample.d].mean()),
                    sensitivity=sensitivity(est, y, sample.d, None if pairs is None
                                            else y[pairs[:, 0]] - y[pairs[:, 1]]))
    if spec.refute:
        placebo = _placebo_sample(columns, spec) if spec.placebo_outcome else None
        ev = replace(ev, refutations=refutation.refute(sample, method, est, spec.options,
                                                       placebo))
    if groups:
        ev = replace(ev, groups=subgroups.effects_by_group(sample, method, spec.options, groups))
    return ev


def _placebo_sample(columns: Mapping[str, Array], spec: Spec) -> Sample:
    """The pre-period outcome as outcome; covariates built from it cannot adjust for it."""
    assert spec.placebo_outcome is not None
    kept = tuple(t for t in spec.covariates if spec.placebo_outcome not in t.columns)
    return build_sample(columns, replace(spec, outcome=spec.placebo_outcome, covariates=kept,
                                         pre=None))
