"""Effects per group: the same estimator within each value of a self-reported group column
(age band, education, situation, ...), with 95% intervals and a test of difference.

Pure numpy/scipy. A group value gets figures only with at least 10 participants and 10
comparison records (else it is suppressed and no count is shown). Covariates that do not vary
within a group cannot confound there and are left out of that group's models. The intervals
come from `quick_estimate` (AIPW: influence function); the test of difference is Cochran's Q,
the Wald test that all group effects are equal: Q = sum (t_g - t_w)^2 / se_g^2 with t_w the
inverse-variance weighted mean, chi-squared with (groups - 1) degrees of freedom.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from banenbrug.evaluation.estimators import MIN_CELL, Options, Sample, quick_estimate
from banenbrug.evaluation.issues import EvaluationError


@dataclass(frozen=True)
class GroupEffect:
    value: str
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    se: float | None = None
    n_treated: int | None = None  # None when suppressed: fewer than 10 is never shown
    n_control: int | None = None
    error: dict[str, Any] | None = None  # {"code", "params"}: suppressed or not estimable

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class GroupColumn:
    column: str
    groups: list[GroupEffect] = field(default_factory=list)
    q: float | None = None  # Cochran's Q, None with fewer than two estimated groups
    df: int | None = None
    p_value: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"column": self.column, "groups": [g.as_dict() for g in self.groups],
                "q": self.q, "df": self.df, "p_value": self.p_value}


def check_group_column(column: str, labels: Sequence[str]) -> None:
    """A group column that cannot split anything is a mistake in the request."""
    values = set(labels)
    if len(values) < 2:
        raise EvaluationError("group_one_value", column=column,
                              value=next(iter(values), ""))


def effects_by_group(sample: Sample, method: str, options: Options,
                     columns: Mapping[str, Sequence[str]]) -> list[GroupColumn]:
    return [one_column(sample, method, options, name, labels) for name, labels in
            columns.items()]


def one_column(sample: Sample, method: str, options: Options, column: str,
               labels: Sequence[str]) -> GroupColumn:
    check_group_column(column, labels)
    values = np.asarray(labels, dtype=object)
    groups = [_one_group(sample, method, options, str(v), values == v)
              for v in sorted(set(labels), key=str)]
    done = [g for g in groups if g.estimate is not None and g.se]
    if len(done) < 2:
        return GroupColumn(column, groups)
    q, df, p = heterogeneity([g.estimate for g in done],  # type: ignore[misc]
                             [g.se for g in done])  # type: ignore[misc]
    return GroupColumn(column, groups, q, df, p)


def heterogeneity(estimates: Sequence[float], ses: Sequence[float]) -> tuple[float, int, float]:
    """Cochran's Q with its degrees of freedom and p-value."""
    from scipy.stats import chi2  # here, not at the top: scipy.stats is slow to import

    t, se = np.asarray(estimates, float), np.asarray(ses, float)
    w = 1 / se**2
    pooled = float(w @ t / w.sum())
    q = float(w @ (t - pooled) ** 2)
    df = len(t) - 1
    return q, df, float(chi2.sf(q, df))


def _one_group(sample: Sample, method: str, options: Options, value: str,
               mask: np.ndarray) -> GroupEffect:
    n_treated, n_control = int((sample.d & mask).sum()), int((~sample.d & mask).sum())
    if n_treated < MIN_CELL or n_control < MIN_CELL:
        return GroupEffect(value, error={"code": "group_small", "params": {"minimum": MIN_CELL}})
    sub = _restricted(sample, mask)
    try:
        est = quick_estimate(sub, method, options)
    except EvaluationError as exc:
        if exc.code == "small_cell":  # e.g. too few inside the common support: no count shown
            return GroupEffect(value, error={"code": "group_small",
                                             "params": {"minimum": MIN_CELL}})
        return GroupEffect(value, n_treated=n_treated, n_control=n_control,
                           error={"code": exc.code, "params": exc.params})
    return GroupEffect(value, est.estimate, est.ci_low, est.ci_high, est.se, n_treated,
                       n_control)


def _restricted(sample: Sample, mask: np.ndarray) -> Sample:
    X = sample.X[mask]
    varies = np.ptp(X, axis=0) > 0 if X.shape[1] else np.zeros(0, dtype=bool)
    return replace(sample, y=sample.y[mask], d=sample.d[mask], X=X[:, varies],
                   y_pre=None if sample.y_pre is None else sample.y_pre[mask],
                   names=tuple(n for n, keep in zip(sample.names, varies, strict=True) if keep))

