"""Amounts on the plan and in its PDF: whole euros, half a euro up, Dutch grouping."""

import pytest
from django.utils import translation

from banenbrug.plans.templatetags.plan_format import money, signed_money


@pytest.mark.parametrize(("value", "shown"), [
    (2980.01, "€\u00a02.980"),  # the stray cent of issue 15
    ("2980.50", "€\u00a02.981"),
    (2980.49, "€\u00a02.980"),
    (-1234.5, "−€\u00a01.235"),
    (0.4, "€\u00a00"),
    (None, "—"),
])
def test_money_is_whole_euros(value, shown):
    with translation.override("nl"):
        assert money(value) == shown


def test_signed_money_marks_gains_and_not_a_rounded_zero():
    with translation.override("nl"):
        assert signed_money(1500.2) == "+€\u00a01.500"
        assert signed_money(-80) == "−€\u00a080"
        assert signed_money(0.3) == "€\u00a00"
