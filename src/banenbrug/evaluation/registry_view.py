"""What the registry shows of an initiative's evaluation: the effect with its interval, the
power sentence and a link to the report. Real (non-example) figures only for analysts."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from banenbrug.evaluation.access import may_view_all
from banenbrug.evaluation.models import Initiative
from banenbrug.evaluation.outcome_records import loop_counts
from banenbrug.evaluation.report_view import report_view


def measured_registry_ids() -> set[int]:
    """Registry initiatives whose evaluation has an estimate of the main effect ("effect
    gemeten"); that an evaluation exists is public, its figures are not."""
    return {registry_id for registry_id, report in Initiative.objects.filter(
        registry_initiative__isnull=False, report__isnull=False).values_list(
        "registry_initiative_id", "report")
        if not report.get("suppressed") and _has_estimate(report)}


def _has_estimate(report: dict[str, Any]) -> bool:
    return any(o.get("outcome") == "employed_12m" and o.get("estimate") is not None
               for o in report.get("outcomes", []))


def evaluations_of(registry_id: int, user: Any) -> list[dict[str, Any]]:
    """The evaluations of one registry initiative as JSON-ready rows (at most one today)."""
    rows = []
    for obj in Initiative.objects.filter(registry_initiative_id=registry_id):
        visible = obj.is_example or may_view_all(user)
        view = report_view(obj) if visible else None
        primary = view.primary if view and not view.suppressed else None
        counts = loop_counts(obj) if visible else {}  # with the power calculation
        rows.append({
            "name": obj.name, "is_example": obj.is_example, "visible": visible,
            "url": reverse("evaluation:initiative", args=[obj.slug]) if view else "",
            "estimate": primary.estimate if primary else None,
            "ci_low": primary.ci_low if primary else None,
            "ci_high": primary.ci_high if primary else None,
            "effect_text": primary.text if primary else "",
            "interval_text": primary.interval if primary else "",
            "power": counts.get("power"),
            "power_text": counts.get("power_text", ""),
            # outcome records so far (uploaded and from the outcome loop), None under MIN_CELL
            "records_participants": counts.get("participants"),
            "records_comparison": counts.get("comparison"),
        })
    return rows
