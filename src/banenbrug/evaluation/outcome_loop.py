"""The outcome loop, pure part: facts the platform holds about people become rows in the
outcome format (outcome_format.py), one per person and initiative.

No Django. A `Fact` is one person in one initiative's data: a participant (placed through it
by some source: Open Hiring, a cohort, a followed switch plan) or a member of its comparison
group, with the intake facts from their profile and what is known of their work afterwards.
A person whose intake is incomplete is left out and counted (`LeftOut`), never guessed: an
estimate adjusts for exactly these covariates.

Every row carries a key (`record_key`): a keyed hash of source and pseudonym, so a rerun
finds the person's record again (nothing written twice) while the stored records name
nobody.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from banenbrug.evaluation.outcome_format import EDUCATION

COMPARISON = "vergelijking"  # the source of comparison-group records
MIN_AGE, MAX_AGE = 15, 80  # as the outcome format accepts
MAX_BENEFIT_MONTHS = 24
COMPARISON_LEAD = dt.timedelta(days=90)
# the person's situation (people.JobSeeker.Situation) in the outcome format's terms
SITUATIONS = {"employed": "werkend", "selfemployed": "werkend", "ww": "uitkering",
              "bijstand": "uitkering", "student": "student", "other": "anders"}
# why a person is left out, in the order they are checked
MISSING_INTAKE = "missing_intake"
AGE_OUT_OF_RANGE = "age_out_of_range"
OUTCOME_FIELDS = ("employed_6m", "employed_12m", "earnings_6m", "earnings_12m")


@dataclass(frozen=True)
class Intake:
    """What the person's profile says at the start (people.Circumstances and JobSeeker)."""

    birth_year: int | None
    education_level: str  # "" = not given
    annual_income: float | None  # gross, the year before: the format's prior_earnings
    benefit_months: int | None
    region: str  # the labour-market region's name
    situation: str  # people.JobSeeker.Situation value


@dataclass(frozen=True)
class FollowUp:
    """Work after the start; None = not (yet) known. Earnings gross per month."""

    employed_6m: bool | None = None
    employed_12m: bool | None = None
    earnings_6m: float | None = None
    earnings_12m: float | None = None

    def confirmed_by(self, other: FollowUp) -> FollowUp:
        """These answers, with what `other` (an employer or organiser) confirmed taking
        precedence where it says anything."""
        return FollowUp(**{name: getattr(other, name) if getattr(other, name) is not None
                           else getattr(self, name) for name in OUTCOME_FIELDS})


@dataclass(frozen=True)
class Fact:
    source: str  # "open_hiring", "cohort", ... or COMPARISON
    pseudonym: str
    initiative: int  # the registry initiative's id
    participant: bool
    start_date: dt.date
    intake: Intake
    follow_up: FollowUp = FollowUp()


@dataclass(frozen=True)
class Placement:
    """What a source says: this person took part in this initiative from this date, and what
    the source itself confirms of their work afterwards (an employer, a cohort's organiser)."""

    source: str
    seeker_id: int
    initiative: int  # the registry initiative's id
    start_date: dt.date
    confirmed: FollowUp = FollowUp()


@dataclass
class Rows:
    """The rows of one run per initiative, keyed by record key; left-out counts per reason."""

    rows: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)
    left_out: dict[int, Counter[str]] = field(default_factory=dict)


def record_key(source: str, pseudonym: str, secret: str) -> str:
    """A keyed hash (HMAC-SHA256): the same person and source give the same key, and without
    the secret the key leads back to nobody."""
    return hmac.new(secret.encode(), f"{source}:{pseudonym}".encode(),
                    hashlib.sha256).hexdigest()


def why_left_out(fact: Fact) -> str | None:
    intake = fact.intake
    if (intake.birth_year is None or intake.education_level not in EDUCATION
            or intake.annual_income is None or intake.benefit_months is None
            or not intake.region):
        return MISSING_INTAKE
    if not MIN_AGE <= fact.start_date.year - intake.birth_year <= MAX_AGE:
        return AGE_OUT_OF_RANGE
    return None


def to_row(fact: Fact) -> dict[str, Any]:
    """The record in the outcome format's field names (OutcomeRecord's); call only for a fact
    that `why_left_out` lets through. Age in whole years at the start (±1: a birth year)."""
    intake = fact.intake
    assert intake.birth_year is not None and intake.annual_income is not None
    return {
        "source": fact.source, "participant": fact.participant, "start_date": fact.start_date,
        "age": fact.start_date.year - intake.birth_year,
        "education_level": intake.education_level,
        "prior_earnings": float(intake.annual_income),
        "benefit_months": min(intake.benefit_months or 0, MAX_BENEFIT_MONTHS),
        "region": intake.region, "situation": SITUATIONS.get(intake.situation, "anders"),
        **{name: getattr(fact.follow_up, name) for name in OUTCOME_FIELDS},
    }


def build_rows(facts: list[Fact], secret: str) -> Rows:
    """Every fact as a row of its initiative, or counted as left out. A person appears once
    per source and initiative (the first fact wins: sources list each placement once)."""
    out = Rows()
    for fact in facts:
        rows = out.rows.setdefault(fact.initiative, {})
        left_out = out.left_out.setdefault(fact.initiative, Counter())
        reason = why_left_out(fact)
        if reason is not None:
            left_out[reason] += 1
            continue
        rows.setdefault(record_key(fact.source, fact.pseudonym, secret), to_row(fact))
    return out


def comparison_window(starts: list[dt.date]) -> tuple[dt.date, dt.date] | None:
    """When comparison people must have registered: from COMPARISON_LEAD before the first
    participant started (participants register some time before they join) to the last start,
    so both groups meet the same labour market. None without participants."""
    return (min(starts) - COMPARISON_LEAD, max(starts)) if starts else None


@dataclass(frozen=True)
class Person:
    """A consenting job seeker as the loop sees them."""

    pseudonym: str
    region_code: str
    registered: dt.date
    intake: Intake
    follow_up: FollowUp = FollowUp()


def facts_for(placements: list[Placement], people: dict[int, Person]) -> list[Fact]:
    """Participants and comparison group of every initiative with a placement.

    `people`: only those who consented (a placement of anyone else is dropped). The comparison
    group of an initiative: people placed through no initiative at all (by any source), living
    in a labour-market region where its participants live, who registered on the platform
    within the participants' starting period (`comparison_window`); their start is their
    registration. A
    participant's own follow-up answers count unless the source confirmed otherwise.
    """
    placed = {p.seeker_id for p in placements}
    pool = [person for seeker_id, person in people.items() if seeker_id not in placed]
    by_initiative: dict[int, list[tuple[Placement, Person]]] = {}
    facts = []
    for placement in placements:
        person = people.get(placement.seeker_id)
        if person is None:
            continue
        by_initiative.setdefault(placement.initiative, []).append((placement, person))
        facts.append(Fact(placement.source, person.pseudonym, placement.initiative, True,
                          placement.start_date, person.intake,
                          person.follow_up.confirmed_by(placement.confirmed)))
    for initiative, members in by_initiative.items():
        window = comparison_window([placement.start_date for placement, _ in members])
        assert window is not None  # every initiative here has a participant
        regions = {person.region_code for _, person in members}
        facts += [Fact(COMPARISON, other.pseudonym, initiative, False, other.registered,
                       other.intake, other.follow_up)
                  for other in pool
                  if other.region_code in regions and window[0] <= other.registered <= window[1]]
    return facts


def months_later(start: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last))


def due_follow_ups(start: dt.date, today: dt.date) -> tuple[int, ...]:
    """The follow-up moments (months after the start) that have come: only what can be known
    is asked."""
    return tuple(m for m in (6, 12) if months_later(start, m) <= today)
