"""The power calculation: a textbook case computed by hand, and its properties."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banenbrug.evaluation.power import mde, mde_proportion, multiplier, power_for


def test_multiplier_is_the_textbook_2_80():
    # z_0.975 = 1.959964, z_0.80 = 0.841621 (normal tables)
    assert multiplier() == pytest.approx(1.959964 + 0.841621, abs=1e-6)


def test_two_proportions_by_hand():
    # p = 0.5, 1000 per group: 2.801585 * sqrt(0.25 * (1/1000 + 1/1000)) = 0.062645
    assert mde_proportion(0.5, 1000, 1000) == pytest.approx(0.062645, abs=1e-6)
    # p = 0.3, 250 treated, 1000 controls: 2.801585 * sqrt(0.21 * 0.005) = 0.090781
    assert mde_proportion(0.3, 250, 1000) == pytest.approx(0.090781, abs=1e-6)


def test_earnings_by_hand():
    # sd 800 euro, 100 and 400 records: 2.801585 * 800 * sqrt(0.0125) = 250.58
    assert mde(800.0, 100, 400) == pytest.approx(250.58, abs=0.01)


def test_unknowns_and_bad_input():
    assert mde(1.0, 0, 10) is None and mde(1.0, 10, 0) is None
    result = power_for(50, 80, None, None)
    assert result.mde_share is None and result.mde_earnings is None and result.n_treated == 50
    with pytest.raises(ValueError):
        mde_proportion(1.5, 10, 10)
    with pytest.raises(ValueError):
        multiplier(alpha=0.0)


@given(st.floats(0.01, 0.99), st.integers(1, 5000), st.integers(1, 5000), st.integers(1, 500))
def test_more_records_give_a_smaller_mde(rate, n1, n0, extra):
    now = mde_proportion(rate, n1, n0)
    assert mde_proportion(rate, n1 + extra, n0) < now
    assert mde_proportion(rate, n1, n0 + extra) < now
    assert now <= mde_proportion(0.5, n1, n0) + 1e-12  # a base rate of one half is the worst


@given(st.floats(0.05, 0.95), st.integers(10, 2000), st.integers(10, 2000))
def test_stricter_power_or_alpha_needs_a_larger_effect(rate, n1, n0):
    base = mde_proportion(rate, n1, n0)
    assert mde_proportion(rate, n1, n0, power=0.9) > base
    assert mde_proportion(rate, n1, n0, alpha=0.01) > base
    # four times the records halve the detectable effect (1/sqrt(n))
    assert mde_proportion(rate, 4 * n1, 4 * n0) == pytest.approx(base / 2, rel=1e-9)
    assert math.isfinite(base)
