"""How a plan's plain data reads on a page or in the PDF: dates and choice labels (numbers and
euros: banenbrug.numbers and its `numbers` filters)."""

from __future__ import annotations

from datetime import date

from django import template

from banenbrug.matching.models import HiringMode
from banenbrug.people.models import JobSeeker, Sector
from banenbrug.plans.models import Award, Delivery, ModuleForm, PaysFor, SchemeKind

register = template.Library()

CHOICES = {"form": ModuleForm, "delivery": Delivery, "award": Award, "kind": SchemeKind,
           "pays_for": PaysFor, "sector": Sector, "situation": JobSeeker.Situation,
           "hiring_mode": HiringMode}


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
