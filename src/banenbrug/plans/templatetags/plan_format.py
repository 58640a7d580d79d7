"""How a plan's plain data reads on a page or in the PDF: euros, dates and choice labels."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import formats

from banenbrug.matching.models import HiringMode, JobSeeker
from banenbrug.plans.models import Award, Delivery, ModuleForm, PaysFor, SchemeKind, Sector

register = template.Library()

CHOICES = {"form": ModuleForm, "delivery": Delivery, "award": Award, "kind": SchemeKind,
           "pays_for": PaysFor, "sector": Sector, "situation": JobSeeker.Situation,
           "hiring_mode": HiringMode}


@register.filter
def money(value) -> str:
    """'€ 1.234' or '€ 1.234,56' (cents only when there are any); '—' when unknown."""
    if value is None or value == "":
        return "—"
    amount = float(value)
    cents = abs(amount - round(amount)) >= 0.005
    sign = "−" if amount < 0 else ""
    text = formats.number_format(abs(amount), decimal_pos=2 if cents else 0, use_l10n=True,
                                 force_grouping=True)
    return f"{sign}€\u00a0{text}"  # no break between sign and number


@register.filter
def signed_money(value) -> str:
    if value is None or value == "":
        return "—"
    return ("+" if float(value) > 0 else "") + money(value)


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
