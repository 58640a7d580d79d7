"""How a plan's plain data reads on a page or in the PDF: euros, dates and choice labels."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import formats

from banenbrug.matching.models import HiringMode
from banenbrug.people.models import JobSeeker, Sector
from banenbrug.plans.models import Award, Delivery, ModuleForm, PaysFor, SchemeKind

register = template.Library()

CHOICES = {"form": ModuleForm, "delivery": Delivery, "award": Award, "kind": SchemeKind,
           "pays_for": PaysFor, "sector": Sector, "situation": JobSeeker.Situation,
           "hiring_mode": HiringMode}


@register.filter
def money(value) -> str:
    """'€ 1.234' in whole euros, half a euro up; '—' when unknown. The one rounding rule of
    the pages and the PDF: a plan's amounts are estimates from list prices, caps and
    percentages, and cents (€ 2.980,01) suggest a precision they do not have."""
    if value is None or value == "":
        return "—"
    euros = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "−" if euros < 0 else ""
    text = formats.number_format(abs(euros), decimal_pos=0, use_l10n=True, force_grouping=True)
    return f"{sign}€\u00a0{text}"  # no break between sign and number


@register.filter
def signed_money(value) -> str:
    if value is None or value == "":
        return "—"
    text = money(value)  # rounded first, so +€ 0 cannot appear
    return f"+{text}" if text.startswith("€") and text != "€\u00a00" else text


@register.filter
def abs_money(value) -> str:
    """An amount without its sign, where the words say which way ('… minder')."""
    return money(None if value is None or value == "" else abs(Decimal(str(value))))


@register.filter
def choice(value, kind: str) -> str:
    """The words for a stored choice ('part_time' -> 'deeltijdopleiding')."""
    choices = CHOICES.get(kind)
    if choices is None or value in (None, ""):
        return value or ""
    return str(dict(choices.choices).get(value, value))


@register.filter
def isodate(value) -> date | None:
    """An ISO date string as a date, for the `date` filter."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def day(value) -> str:
    """A date as 28-11-2026 (Dutch order; the PDF and tables use it)."""
    found = isodate(value)
    return found.strftime("%d-%m-%Y") if found else "—"


register.filter("day", day)


@register.filter
def share(value) -> str:
    """0.734 -> '73%'."""
    if value is None:
        return "—"
    return f"{round(float(value) * 100)}%"
