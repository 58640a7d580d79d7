"""Aggregates for analysts and the landing page: never a single person."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import Count, Field

from banenbrug.matching import fairness, service
from banenbrug.matching.models import HiringMode, Vacancy
from banenbrug.people.models import GroupStatistics, JobSeeker


def platform_counts() -> dict[str, Any]:
    modes = dict(Vacancy.objects.filter(is_open=True).values_list("hiring_mode")
                 .annotate(n=Count("id")))
    return {
        "seekers": JobSeeker.objects.count(),
        "vacancies": sum(modes.values()),
        "open_hiring": modes.get(HiringMode.OPEN_HIRING, 0),
        "learn_work": modes.get(HiringMode.LEARN_WORK, 0),
        "synthetic": Vacancy.objects.filter(is_synthetic=True).exists()
        or JobSeeker.objects.filter(is_synthetic=True).exists(),
    }


def fairness_report(vacancy_ids: list[int] | None = None, top: int = 10,
                    min_group: int = fairness.MIN_GROUP) -> dict[str, Any]:
    """For a set of vacancies (default: every open ranked vacancy), who gets recommended,
    per self-reported group, with the four-fifths rule."""
    if vacancy_ids is None:
        vacancy_ids = list(Vacancy.objects.filter(is_open=True).exclude(
            hiring_mode=HiringMode.OPEN_HIRING).values_list("pk", flat=True))
    pool, recommended = service.recommendations(vacancy_ids, top)
    groups = {row["seeker_id"]: row for row in GroupStatistics.objects.filter(
        seeker_id__in=pool).values("seeker_id", *GroupStatistics.DIMENSIONS)}
    rows = fairness.audit(groups, pool, recommended, GroupStatistics.DIMENSIONS, min_group)
    labels = {d: dict(_dimension(d).flatchoices)
              for d in GroupStatistics.DIMENSIONS}
    return {
        "vacancies": len(recommended),
        "top": top,
        "pool": len(pool),
        "pool_with_group_data": len(groups),
        "min_group": min_group,
        "threshold": fairness.FOUR_FIFTHS,
        "rows": [{**asdict(r), "group_label": str(labels[r.dimension].get(r.group, r.group)),
                  "dimension_label": str(_dimension(r.dimension).verbose_name)} for r in rows],
    }


def _dimension(name: str) -> Field[Any, Any]:
    """A GroupStatistics dimension: a concrete choice field, never a relation."""
    field = GroupStatistics._meta.get_field(name)
    assert isinstance(field, Field)
    return field
