"""Simulated observational data with a known effect on the participants."""

from __future__ import annotations

import numpy as np

from banenbrug.evaluation.estimators import Sample

TRUE_EFFECT = 2.0


def confounded(n: int, seed: int, effect: float = TRUE_EFFECT) -> Sample:
    """Participation depends on x1 and x2, and so does the outcome: the naive difference is
    biased, adjustment on (x1, x2) is not. The effect is constant, so ATT = ATE = effect."""
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, size=n).astype(float)
    p = 1 / (1 + np.exp(-(-0.8 + 0.8 * x1 + 0.6 * x2)))
    d = rng.random(n) < p
    y = 1.0 + 1.5 * x1 + 1.0 * x2 + effect * d + rng.normal(size=n)
    y_pre = 1.0 + 1.5 * x1 + 1.0 * x2 + rng.normal(size=n)
    return Sample(y=y, d=d, X=np.column_stack([x1, x2]), y_pre=y_pre, names=("x1", "x2"))
