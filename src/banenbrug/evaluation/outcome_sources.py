"""Where the outcome loop finds participants: one function per source, all in `SOURCES`.

A source is `f(seeker_id: int | None) -> list[Placement]`: every placement it knows (or only
that person's), each naming the registry initiative, the start date and what the source
itself confirms of the person's work afterwards. Consent is checked once, by the loop, not
by each source. Adding a source (cohorts, followed switch plans) is one function here and
one entry in `SOURCES`; the rest (intake facts, comparison group, records) follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from banenbrug.evaluation.outcome_loop import (
    FollowUp,
    Intake,
    Person,
    Placement,
)
from banenbrug.matching import regions
from banenbrug.matching.models import QueueEntry
from banenbrug.people.models import JobSeeker

OPEN_HIRING = "open_hiring"
Source = Callable[[int | None], list[Placement]]


def open_hiring(seeker_id: int | None = None) -> list[Placement]:
    """Accepted offers on Open Hiring vacancies that are part of a registry initiative; the
    start is the day the person joined the queue (they entered the initiative then)."""
    entries = QueueEntry.objects.filter(status=QueueEntry.Status.ACCEPTED,
                                        vacancy__initiative__isnull=False)
    if seeker_id is not None:
        entries = entries.filter(seeker_id=seeker_id)
    return [Placement(OPEN_HIRING, seeker, initiative, timezone.localdate(signed_up))
            for seeker, initiative, signed_up in entries.order_by("signed_up_at", "id")
            .values_list("seeker_id", "vacancy__initiative_id", "signed_up_at")]


SOURCES: list[Source] = [open_hiring]


def placements(seeker_id: int | None = None) -> list[Placement]:
    return [placement for source in SOURCES for placement in source(seeker_id)]


def start_date(seeker: JobSeeker) -> dt.date:
    """The date the person's follow-up questions count from: their first placement's start,
    or (never placed: the comparison group) the day they registered."""
    starts = [p.start_date for p in placements(seeker.pk)]
    return min(starts) if starts else timezone.localdate(seeker.created_at)


def consenting_people() -> dict[int, Person]:
    """Everyone who consented to evaluations, with their intake and follow-up answers."""
    names = {code: region.name for code, region in regions.by_code().items()}
    people = {}
    for seeker in (JobSeeker.objects.filter(consent_evaluation=True)
                   .select_related("circumstances", "follow_up")):
        held = getattr(seeker, "circumstances", None)
        answers = getattr(seeker, "follow_up", None)
        intake = Intake(
            birth_year=held.birth_year if held else None,
            education_level=held.education_level if held else "",
            annual_income=None if held is None or held.annual_income_eur is None
            else float(held.annual_income_eur),
            benefit_months=held.benefit_months if held else None,
            region=names.get(seeker.region, ""), situation=seeker.situation)
        follow_up = FollowUp() if answers is None else FollowUp(
            employed_6m=answers.employed_6m, employed_12m=answers.employed_12m,
            earnings_6m=_money(answers.earnings_6m), earnings_12m=_money(answers.earnings_12m))
        people[seeker.pk] = Person(seeker.pseudonym, seeker.region,
                                   timezone.localdate(seeker.created_at), intake, follow_up)
    return people


def _money(value: int | None) -> float | None:
    return None if value is None else float(value)
