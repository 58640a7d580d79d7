"""The smallest effect an evaluation can detect with the records it has (a power calculation).

Pure: the normal approximation for a difference of two means, which for a 0/1 outcome uses the
comparison group's base rate p (variance p(1 - p) in both groups):

    MDE = (z_{1 - alpha/2} + z_{power}) * sd * sqrt(1/n_treated + 1/n_control)

Before an initiative is evaluated this says whether its numbers suffice: an effect smaller
than the MDE will usually not be distinguishable from zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

ALPHA = 0.05  # two-sided
POWER = 0.8


@dataclass(frozen=True)
class Power:
    n_treated: int
    n_control: int
    base_rate: float | None  # share in work in the comparison group (0/1 outcome)
    mde_share: float | None  # in proportion points (0.05 = 5 percentage points)
    earnings_sd: float | None
    mde_earnings: float | None  # in euros

    def as_dict(self) -> dict[str, float | int | None]:
        return dict(self.__dict__)


def multiplier(alpha: float = ALPHA, power: float = POWER) -> float:
    """z_{1 - alpha/2} + z_{power}: 2.80 for 5% two-sided and 80% power."""
    if not (0 < alpha < 1 and 0 < power < 1):
        raise ValueError("alpha and power must lie strictly between 0 and 1")
    z = NormalDist().inv_cdf
    return z(1 - alpha / 2) + z(power)


def mde(sd: float, n_treated: int, n_control: int, alpha: float = ALPHA,
        power: float = POWER) -> float | None:
    """Minimum detectable difference in means; None without records in both groups."""
    if n_treated < 1 or n_control < 1 or sd < 0:
        return None
    return multiplier(alpha, power) * sd * math.sqrt(1 / n_treated + 1 / n_control)


def mde_proportion(base_rate: float, n_treated: int, n_control: int, alpha: float = ALPHA,
                   power: float = POWER) -> float | None:
    if not 0 <= base_rate <= 1:
        raise ValueError("a base rate lies between 0 and 1")
    return mde(math.sqrt(base_rate * (1 - base_rate)), n_treated, n_control, alpha, power)


def power_for(n_treated: int, n_control: int, base_rate: float | None,
              earnings_sd: float | None) -> Power:
    """Both minimum detectable effects for the current numbers (None where unknown)."""
    return Power(
        n_treated=n_treated, n_control=n_control, base_rate=base_rate,
        mde_share=None if base_rate is None else mde_proportion(base_rate, n_treated,
                                                                n_control),
        earnings_sd=earnings_sd,
        mde_earnings=None if earnings_sd is None else mde(earnings_sd, n_treated, n_control))


TARGET_EFFECT = 0.05  # 5 percentage points more in work after 12 months


@dataclass(frozen=True)
class Needed:
    """Records with an outcome needed for an effect to be detectable (totals, not the rest:
    a rest would reveal counts that are suppressed)."""

    effect: float
    n_treated: int
    n_control: int
    base_rate: float  # the one assumed: the comparison group's, or 0.5 (the worst case)


def records_needed(effect: float = TARGET_EFFECT, base_rate: float | None = None,
                   ratio: float = 1.0, alpha: float = ALPHA, power: float = POWER) -> Needed:
    """The fewest participants (and `ratio` times as many comparison people) for which the
    minimum detectable effect on a 0/1 outcome is at most `effect`: solving the MDE formula,
    n_treated = (M * sd / effect)^2 * (1 + 1/ratio)."""
    if not 0 < effect < 1 or ratio <= 0:
        raise ValueError("an effect lies between 0 and 1, a ratio above 0")
    rate = 0.5 if base_rate is None else base_rate
    if not 0 < rate < 1:
        rate = 0.5  # nobody (or everybody) in work: no spread to go by, assume the worst
    n = (multiplier(alpha, power) ** 2 * rate * (1 - rate) * (1 + 1 / ratio)) / effect ** 2
    n_treated = math.ceil(n - 1e-9)
    return Needed(effect, n_treated, math.ceil(ratio * n_treated - 1e-9), rate)
