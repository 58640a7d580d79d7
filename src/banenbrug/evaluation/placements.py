"""The outcome loop, first step: placements through Open Hiring queues that could become
outcome records of an initiative.

Counted, never listed: an accepted offer on a vacancy that is part of the initiative, of a
person who consented to being counted in evaluations (`JobSeeker.consent_evaluation`). Under
MIN_CELL people the count is not shown, as everywhere in the evaluation pillar.
"""

from __future__ import annotations

from banenbrug.evaluation.estimators import MIN_CELL
from banenbrug.matching.models import QueueEntry


def potential_records(registry_id: int) -> int:
    """Different people placed with consent through the initiative's vacancies."""
    return (QueueEntry.objects.filter(status=QueueEntry.Status.ACCEPTED,
                                      vacancy__initiative_id=registry_id,
                                      seeker__consent_evaluation=True)
            .values("seeker_id").distinct().count())


def shown_count(registry_id: int) -> int | None:
    """The count for pages and the API; None below MIN_CELL (then: "fewer than 10")."""
    n = potential_records(registry_id)
    return n if n >= MIN_CELL else None
