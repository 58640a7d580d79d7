"""Where the outcome loop finds participants: one function per source, all in `SOURCES`.

A source is `f(seeker_id: int | None) -> list[Placement]`: every placement it knows (or only
that person's), each naming the registry initiative, the start date and what the source
itself confirms of the person's work afterwards. Consent is checked once, by the loop, not
by each source. The sources: Open Hiring placements, cohorts with a job promise, followed
switch plans. Adding one is a function here and an entry in `SOURCES`; the rest (intake
facts, comparison group, records) follows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from banenbrug.employers.cohort_service import cohort_outcome_facts
from banenbrug.employers.models import Cohort
from banenbrug.evaluation.outcome_loop import (
    FollowUp,
    Intake,
    Person,
    Placement,
)
from banenbrug.matching import regions
from banenbrug.matching.models import QueueEntry
from banenbrug.people.models import JobSeeker
from banenbrug.plans import versions

OPEN_HIRING = "open_hiring"
COHORT = "cohort"
SWITCH_PLAN = "switch_plan"
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


def cohorts(seeker_id: int | None = None) -> list[Placement]:
    """Admitted participants of training cohorts with a job promise (employers' cohorts), as
    their organiser recorded them; the start is the cohort's start, and what the organiser
    recorded of work after 6 and 12 months is confirmed."""
    found = Cohort.objects.order_by("start_date", "id")
    if seeker_id is not None:
        found = found.filter(applications__seeker_id=seeker_id).distinct()
    return [Placement(COHORT, fact.seeker_id, cohort.initiative_id, fact.cohort_start,
                      FollowUp(employed_6m=fact.employed_6m, employed_12m=fact.employed_12m))
            for cohort in found for fact in cohort_outcome_facts(cohort.pk)
            if seeker_id is None or fact.seeker_id == seeker_id]


def followed_plans(seeker_id: int | None = None) -> list[Placement]:
    """Switch plans that were followed: a person's current plan version, which their coach
    marked as started within a programme (a registry initiative); the start is that day."""
    return [Placement(SWITCH_PLAN, seeker, initiative, started)
            for seeker, initiative, started in versions.followed(seeker_id)]


SOURCES: list[Source] = [open_hiring, cohorts, followed_plans]


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
