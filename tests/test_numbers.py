"""The one rounding rule (banenbrug.numbers) and its template filters, with expected strings
written by hand."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from banenbrug import numbers

NB = "\u00a0"


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    (2.5, 0, "3"),  # half up, where round() gives 2
    (3.5, 0, "4"),
    (-2.5, 0, "−3"),  # away from zero
    (0.125, 2, "0,13"),  # the decimal as written, where f"{0.125:.2f}" gives 0.12
    (2980.6, 0, "2.981"),  # Django's number_format cuts this to 2.980
    (1234567.891, 2, "1.234.567,89"),
    (999.995, 2, "1.000,00"),
    (-0.04, 1, "0,0"),  # never −0
    (0, 0, "0"),
    (12, 1, "12,0"),  # a fixed number of decimals
    (Decimal("7.25"), 1, "7,3"),
    ("41000", 0, "41.000"),
])
def test_numbers_round_half_up_in_dutch(value, decimals, shown):
    assert numbers.number(value, decimals) == shown


def test_english_swaps_the_separators_and_signs_are_shown_when_asked():
    assert numbers.number(1234567.891, 2, "en") == "1,234,567.89"
    assert numbers.number(3.25, 1, signed=True) == "+3,3"
    assert numbers.number(-0.01, 1, signed=True) == "0,0"  # a rounded zero has no sign
    assert numbers.number(None) == "—"


@pytest.mark.parametrize(("value", "shown"), [
    (2980.01, f"€{NB}2.980"),  # the stray cent of issue 15
    ("2980.50", f"€{NB}2.981"),
    (2980.49, f"€{NB}2.980"),
    (-1234.5, f"−€{NB}1.235"),
    (0.4, f"€{NB}0"),
    (None, "—"),
])
def test_euros_are_whole_euros(value, shown):
    assert numbers.euros(value) == shown


def test_euros_with_sign_cents_and_in_english():
    assert numbers.euros(1500.2, signed=True) == f"+€{NB}1.500"
    assert numbers.euros(-80, signed=True) == f"−€{NB}80"
    assert numbers.euros(0.3, signed=True) == f"€{NB}0"
    assert numbers.euros(12.345, decimals=2) == f"€{NB}12,35"
    assert numbers.euros(23456.5, "en") == f"€{NB}23,457"


def test_percentages_and_spans():
    assert numbers.percent(0.734) == "73%"
    assert numbers.percent(0.745) == "75%"  # 74.5 as written: up
    assert numbers.percent(0.0735, 1) == "7,4%"
    assert numbers.percent(-0.032, 1, signed=True) == "−3,2%"
    assert numbers.percent(None) == "—"
    assert numbers.span(1199.5, 3400.4) == "1.200–3.400"


@pytest.mark.parametrize("bad", ["twelve", float("nan"), float("inf")])
def test_what_is_not_a_number_is_named(bad):
    with pytest.raises(ValueError, match=r"not a .*number"):
        numbers.number(bad)


def test_the_filters_use_the_page_language():
    page = Template("{% load numbers %}{{ a|money }} {{ a|money:2 }} {{ b|signed_money }} "
                    "{{ c|share }} {{ d|number:1 }}")
    values = Context({"a": 2980.005, "b": -80.5, "c": 0.735, "d": 1234.25})
    with translation.override("nl"):
        assert page.render(values) == f"€{NB}2.980 €{NB}2.980,01 −€{NB}81 74% 1.234,3"
    with translation.override("en"):
        assert page.render(values) == f"€{NB}2,980 €{NB}2,980.01 −€{NB}81 74% 1,234.3"
