"""The one rounding rule on the pages: banenbrug.numbers in the page's language.

{% load numbers %} then {{ x|number:1 }}, {{ x|money }}, {{ x|signed_money }}, {{ x|abs_money }},
{{ x|share }}.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from banenbrug import numbers
from banenbrug.language import current_lang

register = template.Library()


@register.filter
def number(value, decimals: int = 0) -> str:
    return numbers.number(value, int(decimals), current_lang())


@register.filter
def money(value, decimals: int = 0) -> str:
    """Whole euros unless asked ('€ 1.234'; {{ x|money:2 }} for '€ 12,50')."""
    return numbers.euros(value, current_lang(), decimals=int(decimals))


@register.filter
def signed_money(value) -> str:
    """'+€ 1.500', '−€ 80'; a rounded zero has no sign."""
    return numbers.euros(value, current_lang(), signed=True)


@register.filter
def abs_money(value) -> str:
    """An amount without its sign, where the words say which way ('… minder')."""
    return numbers.euros(None if value is None or value == "" else abs(Decimal(str(value))),
                         current_lang())


@register.filter
def share(value, decimals: int = 0) -> str:
    """0.734 -> '73%'."""
    return numbers.percent(value, int(decimals), current_lang())
