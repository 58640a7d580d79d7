"""HTTP API: evaluate an uploaded CSV (same engine and JSON as `banenbrug evaluate`), and read
the stored reports of initiatives."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from banenbrug.api.permissions import Permission
from banenbrug.evaluation.access import may_view_all, visible_initiatives
from banenbrug.evaluation.evaluate_file import evaluate_file
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.messages import error_text
from banenbrug.evaluation.models import Initiative
from banenbrug.evaluation.outcome_records import all_loop_counts
from banenbrug.evaluation.power_counts import initiative_power, power_text
from banenbrug.evaluation.report_json import evaluation_json
from banenbrug.evaluation.report_view import report_view
from banenbrug.jobs import service as jobs

router = Router(tags=["evaluation"])
Method = Literal["dim", "ols", "psm", "ipw", "aipw", "did"]


class EvaluateParams(Schema):
    treatment: str
    outcome: str
    covariates: str = ""
    method: Method | None = None
    pre: str | None = None
    bootstrap: int = 500
    seed: int = 0
    caliper: float = 0.2
    trim: bool = True
    refute: bool = True
    placebo_outcome: str | None = None
    groups: str = ""


class EvaluateResult(Schema):
    method: str
    estimate: float
    ci_low: float
    ci_high: float
    n_treated: int
    n_control: int
    balance: dict[str, dict[str, float | None]]
    warnings: list[dict[str, Any]]
    estimand: str
    se: float
    interval: str
    n_treated_used: int
    covariates: list[str]
    other_estimates: dict[str, float]
    overlap: dict[str, float | int | None] | None
    sensitivity: dict[str, Any]
    refutations: list[dict[str, Any]]
    groups: list[dict[str, Any]]


class Error(Schema):
    detail: str


class InitiativeSummary(Schema):
    slug: str
    name: str
    is_example: bool
    n_participants: int | None
    cost_total: float | None
    effect_work_12m: float | None
    ci_low: float | None
    ci_high: float | None
    extra_in_work_per_10k_euro: float | None
    per_10k_low: float | None
    per_10k_high: float | None


@router.post("/evaluate", response={200: EvaluateResult, 400: Error, 403: Error},
             auth=Permission("accounts.view_aggregates", staff=True),
             summary="Evaluate an uploaded CSV file")
def evaluate(request: HttpRequest, file: File[UploadedFile], params: Form[EvaluateParams]):
    """The ATT with its 95% interval, balance and warnings (in Dutch unless the request asks
    for English). Needs a signed-in user with `view_aggregates` (or staff); nothing is stored."""
    try:
        ev = evaluate_file(file.read(), name=file.name or "upload.csv", **params.dict())
    except EvaluationError as exc:
        return Status(400, {"detail": error_text(exc)})
    return Status(200, evaluation_json(ev))


@router.get("/initiatives", response=list[InitiativeSummary], summary="Initiatives with effects")
def initiatives(request: HttpRequest):
    """Alphabetical, with intervals (never a bare ranking). Examples are public."""
    return [_summary(i) for i in visible_initiatives(request.user)]


@router.get("/initiatives/{slug}", response={200: dict[str, Any], 404: Error},
            summary="One initiative's stored report")
def initiative(request: HttpRequest, slug: str):
    obj = get_object_or_404(Initiative, slug=slug)
    if not obj.is_example and not may_view_all(request.user):
        raise HttpError(404, "Not Found")
    power = initiative_power(obj)
    return Status(200, {**_summary(obj), "report": obj.report,
                        "registry_key": obj.registry_initiative.key
                        if obj.registry_initiative else None,
                        "power": {**(power.as_dict() if power else {}),
                                  "text": power_text(power)}})


def _summary(obj: Initiative) -> dict[str, Any]:
    view = report_view(obj)
    primary = view.primary if view else None
    costs = view.costs if view else None
    return {
        "slug": obj.slug, "name": obj.name, "is_example": obj.is_example,
        "n_participants": (obj.report or {}).get("n_participants"),
        "cost_total": float(obj.cost_total) if obj.cost_total is not None else None,
        "effect_work_12m": primary.estimate if primary else None,
        "ci_low": primary.ci_low if primary else None,
        "ci_high": primary.ci_high if primary else None,
        "extra_in_work_per_10k_euro": costs.per_10k if costs else None,
        "per_10k_low": costs.per_10k_low if costs else None,
        "per_10k_high": costs.per_10k_high if costs else None,
    }


class LoopCounts(Schema):
    slug: str
    name: str
    is_example: bool
    registry_key: str | None
    participants: int | None
    comparison: int | None
    participants_12m: int | None
    comparison_12m: int | None
    from_loop: int | None
    left_out: dict[str, int | None]
    left_out_total: int | None
    power: dict[str, float | int | None] | None
    power_text: str
    needed: dict[str, float | int]


class JobStarted(Schema):
    job: int
    status_url: str


@router.get("/outcome-loop", response=list[LoopCounts],
            auth=Permission("accounts.view_aggregates", staff=True),
            summary="Outcome records per initiative and when it can be evaluated")
def outcome_loop_counts(request: HttpRequest):
    """Counts only (none under 10), the smallest detectable effect now and the records an
    effect of 5 percentage points needs; never a person."""
    return all_loop_counts()


@router.post("/outcome-loop", response={202: JobStarted},
             auth=Permission("accounts.import_outcomes", staff=True),
             summary="Run the outcome loop as a background job")
def outcome_loop_run(request: HttpRequest):
    job = jobs.start("outcome_loop", {}, request.user)
    return Status(202, {"job": job.pk, "status_url": job.get_absolute_url()})
