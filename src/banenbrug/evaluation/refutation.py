"""Refutation tests: ways in which a sound estimate should behave, tried on the data.

Pure numpy. Each test repeats the estimator (point estimates only) on altered data, after
DoWhy's refuters, and gives a verdict, `pass` or `warn`, by a fixed rule stated here and in
docs/evaluation.md. Every draw comes from `SeedSequence(seed)`, so a report is reproducible.

- placebo treatment: participation shuffled at random. Such a "treatment" has no effect, so
  the real estimate should stand out: pass when at most 5% of the placebo estimates are as
  far from zero as the real one (a permutation test).
- random common cause: an extra covariate of pure noise. The estimate should barely move:
  pass when the largest shift is at most a quarter of the estimate's standard error.
- data subsets: the estimate on random halves (half of the participants, half of the
  comparison group). Pass when the halves' mean lies within one standard error of the whole
  and at least 80% of the halves agree on the sign.
- placebo outcome: the estimator applied to an outcome measured before the start (e.g. the
  earnings of the year before), which the initiative cannot have changed. Pass when its 95%
  interval contains zero; an "effect" on the past points to confounding.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from banenbrug.evaluation.estimators import (
    MIN_CELL,
    Estimate,
    Options,
    Sample,
    point_fit,
    quick_estimate,
)
from banenbrug.evaluation.issues import EvaluationError

PLACEBO_DRAWS = 50
NOISE_DRAWS = 10
HALVES = 10
MAX_PLACEBO_SHARE = 0.05
MAX_NOISE_SHIFT = 0.25  # in standard errors of the estimate
MAX_HALF_SHIFT = 1.0  # in standard errors of the estimate
MIN_SAME_SIGN = 0.8
TESTS = ("placebo_treatment", "random_common_cause", "data_subsets", "placebo_outcome")


@dataclass(frozen=True)
class Refutation:
    test: str
    verdict: str  # "pass" or "warn"; "error" when the test could not run
    value: float | None  # the test's headline number (mean placebo effect, new estimate...)
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"test": self.test, "verdict": self.verdict, "value": self.value,
                **self.params}


def refute(sample: Sample, method: str, est: Estimate, options: Options,
           placebo: Sample | None = None) -> list[Refutation]:
    """Every test that applies; `placebo` is the sample with a pre-period outcome as outcome
    (and without covariates built from it), or None when there is none."""
    streams = np.random.SeedSequence(options.seed).spawn(3)
    out = [_guarded("placebo_treatment", lambda: placebo_treatment(
               sample, method, est, options, np.random.default_rng(streams[0]))),
           _guarded("random_common_cause", lambda: random_common_cause(
               sample, method, est, options, np.random.default_rng(streams[1]))),
           _guarded("data_subsets", lambda: data_subsets(
               sample, method, est, options, np.random.default_rng(streams[2])))]
    if placebo is not None:
        out.append(_guarded("placebo_outcome", lambda: placebo_outcome(placebo, method,
                                                                        options)))
    return out


def placebo_treatment(sample: Sample, method: str, est: Estimate, options: Options,
                      rng: np.random.Generator, draws: int = PLACEBO_DRAWS) -> Refutation:
    values = []
    for _ in range(draws):
        value = _try(replace(sample, d=rng.permutation(sample.d)), method, options)
        if value is not None:
            values.append(value)
    if len(values) < draws // 2:
        raise EvaluationError("refutation_failed", test="placebo_treatment")
    placebo = np.array(values)
    share = float((np.abs(placebo) >= abs(est.estimate)).mean())
    return Refutation("placebo_treatment", "pass" if share <= MAX_PLACEBO_SHARE else "warn",
                      float(placebo.mean()), {"sd": float(placebo.std(ddof=1)),
                                              "share_as_large": share, "draws": len(values)})


def random_common_cause(sample: Sample, method: str, est: Estimate, options: Options,
                        rng: np.random.Generator, draws: int = NOISE_DRAWS) -> Refutation:
    values = []
    for _ in range(draws):
        noise = rng.standard_normal(len(sample.y))
        value = _try(replace(sample, X=np.column_stack([sample.X, noise]),
                             names=(*sample.names, "random")), method, options)
        if value is not None:
            values.append(value)
    if not values:
        raise EvaluationError("refutation_failed", test="random_common_cause")
    shift = float(np.max(np.abs(np.array(values) - est.estimate)))
    ratio = shift / est.se if est.se > 0 else float("inf")
    return Refutation("random_common_cause", "pass" if ratio <= MAX_NOISE_SHIFT else "warn",
                      float(np.mean(values)), {"max_shift": shift, "max_shift_se": ratio,
                                               "draws": len(values)})


def data_subsets(sample: Sample, method: str, est: Estimate, options: Options,
                 rng: np.random.Generator, halves: int = HALVES) -> Refutation:
    treated, controls = np.flatnonzero(sample.d), np.flatnonzero(~sample.d)
    if len(treated) // 2 < MIN_CELL or len(controls) // 2 < MIN_CELL:
        raise EvaluationError("refutation_small", test="data_subsets", minimum=2 * MIN_CELL)
    values = []
    for _ in range(halves):
        idx = np.sort(np.concatenate([rng.choice(treated, len(treated) // 2, replace=False),
                                      rng.choice(controls, len(controls) // 2,
                                                 replace=False)]))
        value = _try(_subset(sample, idx), method, options)
        if value is not None:
            values.append(value)
    if len(values) < halves // 2:
        raise EvaluationError("refutation_failed", test="data_subsets")
    arr = np.array(values)
    shift = abs(float(arr.mean()) - est.estimate) / est.se if est.se > 0 else float("inf")
    same_sign = float((np.sign(arr) == np.sign(est.estimate)).mean())
    ok = shift <= MAX_HALF_SHIFT and same_sign >= MIN_SAME_SIGN
    return Refutation("data_subsets", "pass" if ok else "warn", float(arr.mean()),
                      {"sd": float(arr.std(ddof=1)) if len(arr) > 1 else 0.0,
                       "shift_se": shift, "same_sign": same_sign, "draws": len(values)})


def placebo_outcome(placebo: Sample, method: str, options: Options) -> Refutation:
    est = quick_estimate(placebo, method, options)
    covers = est.ci_low <= 0 <= est.ci_high
    return Refutation("placebo_outcome", "pass" if covers else "warn", est.estimate,
                      {"ci_low": est.ci_low, "ci_high": est.ci_high})


def _subset(sample: Sample, idx: np.ndarray) -> Sample:
    return replace(sample, y=sample.y[idx], d=sample.d[idx], X=sample.X[idx],
                   y_pre=None if sample.y_pre is None else sample.y_pre[idx])


def _try(sample: Sample, method: str, options: Options) -> float | None:
    try:
        return point_fit(sample, method, options).estimate
    except (EvaluationError, np.linalg.LinAlgError):
        return None


def _guarded(test: str, run: Any) -> Refutation:
    """A test that cannot run says why instead of failing the whole report."""
    try:
        result: Refutation = run()
    except EvaluationError as exc:
        return Refutation(test, "error", None, {"code": exc.code, **exc.params})
    return result
