"""Placements that could become outcome records of an initiative, counted for the registry.

Counted, never listed: the people whom any outcome-loop source (outcome_sources.SOURCES) places
in the initiative and who consented to being counted in evaluations
(`JobSeeker.consent_evaluation`), whether or not their intake is complete yet. Under MIN_CELL
people the count is not shown, as everywhere in the evaluation pillar.
"""

from __future__ import annotations

from banenbrug.evaluation.estimators import MIN_CELL
from banenbrug.evaluation.outcome_sources import placements
from banenbrug.people.models import JobSeeker


def potential_records(registry_id: int) -> int:
    """Different people placed with consent through the initiative."""
    placed = {p.seeker_id for p in placements() if p.initiative == registry_id}
    return JobSeeker.objects.filter(pk__in=placed, consent_evaluation=True).count()


def shown_count(registry_id: int) -> int | None:
    """The count for pages and the API; None below MIN_CELL (then: "fewer than 10")."""
    n = potential_records(registry_id)
    return n if n >= MIN_CELL else None
