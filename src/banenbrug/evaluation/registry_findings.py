"""Evaluation's findings as the registry shows them (registry/findings.py), provided when
Django starts. The views behind them load numpy and scipy, which a command that never shows a
registry page should not pay for, so they are imported at the first call."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max

from banenbrug.registry.findings import Findings


def _evaluations_of(registry_id: int, user: Any) -> list[dict[str, Any]]:
    from banenbrug.evaluation.registry_view import evaluations_of

    return evaluations_of(registry_id, user)


def _placements(registry_id: int) -> int | None:
    from banenbrug.evaluation.placements import shown_count

    return shown_count(registry_id)


def _measured_ids() -> set[int]:
    from banenbrug.evaluation.registry_view import measured_registry_ids

    return measured_registry_ids()


def _version() -> tuple[Any, ...]:
    from banenbrug.evaluation.models import Initiative

    found = Initiative.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return found["n"], found["last"]


FINDINGS = Findings(evaluations_of=_evaluations_of, placements=_placements,
                    measured_ids=_measured_ids, version=_version)
