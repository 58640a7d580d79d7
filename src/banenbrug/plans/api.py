"""Switch plans over HTTP: the catalogue and schemes (public), an anonymous eligibility check,
and a person's plan and circumstances (session auth: the person or their coach).

Forbidden people answer 404 like absent ones, a missing role 403, bad input 422, each with a
`detail`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.security import django_auth

from banenbrug.api.permissions import Permission
from banenbrug.api.problems import Problem, file_download
from banenbrug.people import access as people_access
from banenbrug.plans import access, exchange, rules, service, versions
from banenbrug.plans.forms import PlanQuery
from banenbrug.plans.funding import assess
from banenbrug.plans.models import FundingScheme, ModuleForm, TrainingModule
from banenbrug.plans.plan_rows import ModuleRow, SchemeRow
from banenbrug.tables.errors import RowsInvalid
from banenbrug.tables.models import upload_schema

router = Router(tags=["plans"])
Lang = Literal["nl", "en"]
Priority = Literal["balanced", "cheapest", "fastest"]
Situation = Literal["employed", "ww", "bijstand", "selfemployed", "student", "other"]


ERRORS = {403: Problem, 404: Problem, 422: Problem}


# ------------------------------------------------------------------ catalogue and schemes

class Ref(Schema):
    uri: str
    label: str


class ModuleOut(Schema):
    key: str
    title: str
    provider: str
    description: str
    skills: list[Ref]
    hours: int
    weeks: int
    cost_eur: float
    form: str
    delivery: str
    region: str
    start_dates: list[str]
    award: str
    learn_work_wage_eur: float | None
    source_url: str
    is_example: bool


class ModulePage(Schema):
    count: int
    results: list[ModuleOut]


def _module_out(module: TrainingModule, lang: str) -> dict[str, Any]:
    return {"key": module.key, "title": module.title, "provider": module.provider,
            "description": module.description,
            "skills": [{"uri": s.uri, "label": s.label(lang)} for s in module.skills.all()],
            "hours": module.hours, "weeks": module.weeks, "cost_eur": float(module.cost_eur),
            "form": module.form, "delivery": module.delivery, "region": module.region,
            "start_dates": list(module.start_dates), "award": module.award,
            "learn_work_wage_eur": float(module.learn_work_wage_eur)
            if module.learn_work_wage_eur is not None else None,
            "source_url": module.source_url, "is_example": module.is_example}


@router.get("/modules", response=ModulePage, summary="The training catalogue, filtered")
def modules(request: HttpRequest, q: str = Query("", max_length=200),
            form: Literal["", *ModuleForm.values] = "",  # type: ignore[valid-type]
            region: str = Query("", max_length=4), skill: str = Query("", max_length=200),
            limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
            lang: Lang = "nl"):
    found = service.find_modules(q, form, region, skill)
    page = found.prefetch_related("skills")[offset:offset + limit]
    return {"count": found.count(), "results": [_module_out(m, lang) for m in page]}


@router.get("/modules/{key}", response={200: ModuleOut, 404: Problem},
            summary="One training module")
def module(request: HttpRequest, key: str, lang: Lang = "nl"):
    found = TrainingModule.objects.filter(key=key).prefetch_related("skills").first()
    if found is None:
        raise HttpError(404, "not found")
    return _module_out(found, lang)


class SchemeOut(Schema):
    key: str
    name: str
    provider: str
    kind: str
    pays_for: str
    eligibility: str
    eligibility_words: str
    percent: float
    max_eur: float | None
    cap_basis: str
    monthly_eur: float | None
    forms: list[str]
    stackable: bool
    excludes: list[str]
    valid_from: date | None
    valid_until: date | None
    apply_by: date | None
    source_url: str
    notes: str
    is_example: bool


def _scheme_out(row: FundingScheme, lang: str) -> dict[str, Any]:
    def amount(value) -> float | None:
        return None if value is None else float(value)

    return {"key": row.key, "name": row.name, "provider": row.provider, "kind": row.kind,
            "pays_for": row.pays_for, "eligibility": row.eligibility,
            "eligibility_words": rules.explain(rules.parse(row.eligibility), lang),
            "percent": float(row.percent), "max_eur": amount(row.max_eur),
            "cap_basis": row.cap_basis, "monthly_eur": amount(row.monthly_eur),
            "forms": list(row.forms), "stackable": row.stackable,
            "excludes": list(row.excludes), "valid_from": row.valid_from,
            "valid_until": row.valid_until, "apply_by": row.apply_by,
            "source_url": row.source_url, "notes": row.notes, "is_example": row.is_example}


@router.get("/schemes", response=list[SchemeOut], summary="Every funding scheme, rules in words")
def schemes(request: HttpRequest, lang: Lang = "nl"):
    return [_scheme_out(s, lang) for s in FundingScheme.objects.order_by("name", "key")]


class FactsIn(Schema):
    situation: Situation | None = None
    age: int | None = Field(None, ge=15, le=100)
    income: float | None = Field(None, ge=0, description="annual gross income, euro")
    region: str | None = Field(None, max_length=4, description="labour-market region AM..")
    sector: str | None = Field(None, max_length=20)
    to: str | None = Field(None, description="target: ESCO occupation URI/label or vacancy:ID")
    start: date | None = None
    lang: Lang = "nl"


class VerdictOut(Schema):
    key: str
    name: str
    status: Literal["yes", "no", "unknown"]
    reasons: list[str]
    is_example: bool


@router.post("/schemes/check", response={200: list[VerdictOut], 422: Problem},
             summary="Which schemes a situation qualifies for, with the reasons (nothing stored)")
def check(request: HttpRequest, body: FactsIn):
    target = service.resolve_destination(body.to, body.lang) if body.to else None
    facts = service.facts(situation=body.situation, age=body.age, income=body.income,
                          region=body.region, sector=body.sector, destination=target)
    today = date.today()
    verdicts = [assess(s, facts, start=body.start or today, today=today, lang=body.lang)
                for s in service.schemes()]
    return [{"key": v.scheme.key, "name": v.scheme.name, "status": v.status,
             "reasons": list(v.reasons), "is_example": v.scheme.is_example}
            for v in verdicts]


# ------------------------------------------------------------------ import and export

DATASETS = {"modules": exchange.CATALOGUE, "schemes": exchange.SCHEMES}
Dataset = Literal["modules", "schemes"]
MANAGE = "accounts.manage_taxonomy"
MAX_UPLOAD = 20 * 1024 * 1024


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int


class ImportProblem(Problem):
    errors: list[str]


@router.get("/export/{dataset}", summary="The catalogue or the schemes in the import format",
            response={200: None}, openapi_extra=file_download("text/csv", "application/json"))
def export(request: HttpRequest, dataset: Dataset, format: Literal["csv", "json"] = "csv"):
    text = exchange.export_text(DATASETS[dataset], format)
    kind = "text/csv" if format == "csv" else "application/json"
    response = HttpResponse(text, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{format}"'
    return response


@router.post("/import/{dataset}", auth=Permission(MANAGE),
             response={200: ImportOut, 403: Problem, 422: ImportProblem},
             summary="Import a CSV or JSON file: every row checked, all or nothing, idempotent",
             openapi_extra=upload_schema(
                 "CSV (.csv: one column per field, lists separated by ';') or JSON (.json: a "
                 "list of rows); modules rows are ModuleRow, schemes rows SchemeRow, checked by "
                 "the same models as `banenbrug training-catalogue/funding-schemes import`",
                 ModuleRow, SchemeRow))
def import_dataset(request: HttpRequest, dataset: Dataset, file: UploadedFile = File(...)):
    name = file.name or "upload"
    if file.size and file.size > MAX_UPLOAD:
        return Status(422, {"detail": f"{name}: larger than 20 MB", "errors": []})
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Status(422, {"detail": f"{name}: not UTF-8 text ({exc.reason})", "errors": []})
    try:
        report = exchange.import_text(DATASETS[dataset], text, name)
    except RowsInvalid as exc:
        return Status(422, {"detail": f"{len(exc.errors)} error(s), nothing was imported",
                            "errors": [f"{name} {e}" for e in exc.errors]})
    section = DATASETS[dataset].section
    return {"created": report.created.get(section, 0), "updated": report.updated.get(section, 0),
            "unchanged": report.unchanged.get(section, 0)}


# ------------------------------------------------------------------ a person's plan

def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


@router.get("/people/{person_id}/plan", response={200: dict, **ERRORS}, auth=django_auth,
            summary="A person's switch plan to an occupation or vacancy")
def plan(request: HttpRequest, person_id: int,
         to: str = Query(..., max_length=300,
                         description="ESCO occupation URI or exact label, or vacancy:ID"),
         with_module: str = Query("", max_length=2000, description="module keys, comma-separated"),
         without_module: str = Query("", max_length=2000),
         without_scheme: str = Query("", max_length=2000),
         priority: Priority = "balanced", lang: Lang = "nl"):
    seeker = access.plan_subject(request.user, person_id)
    adjustments = service.adjustments_from(_keys(with_module), _keys(without_module),
                                           _keys(without_scheme), priority)
    return service.plan_for(seeker, to, adjustments=adjustments, lang=lang)


class CircumstancesIO(Schema):
    situation: Situation = "other"
    birth_year: int | None = Field(None, ge=1940, le=2015)
    annual_income_eur: int | None = Field(None, ge=0, le=1_000_000)
    monthly_income_eur: int | None = Field(None, ge=0, le=100_000)
    sector: str = ""
    study_hours_per_week: int = Field(16, ge=1, le=40)
    education_level: Literal["", "laag", "middelbaar", "hoog"] = ""
    benefit_months: int | None = Field(None, ge=0, le=24)


def _circumstances(seeker) -> dict[str, Any]:
    held = service.circumstances_of(seeker)
    return {"situation": seeker.situation, "birth_year": held.birth_year,
            "annual_income_eur": held.annual_income_eur,
            "monthly_income_eur": held.monthly_income_eur, "sector": held.sector,
            "study_hours_per_week": held.study_hours_per_week,
            "education_level": held.education_level, "benefit_months": held.benefit_months}


@router.get("/people/{person_id}/circumstances", response={200: CircumstancesIO, **ERRORS},
            auth=django_auth, summary="What the funding rules need to know of a person")
def get_circumstances(request: HttpRequest, person_id: int):
    return _circumstances(access.plan_subject(request.user, person_id))


@router.put("/people/{person_id}/circumstances", response={200: CircumstancesIO, **ERRORS},
            auth=django_auth, summary="Set a person's situation, age, income and sector")
def put_circumstances(request: HttpRequest, person_id: int, body: CircumstancesIO):
    seeker = access.plan_subject(request.user, person_id)
    service.save_circumstances(seeker, **body.dict())
    return _circumstances(seeker)


# ------------------------------------------------------------------ agreed versions

class ChangeLine(Schema):
    kind: Literal["swapped", "added", "removed", "repriced", "pays_more", "pays_less"]
    name: str
    other: str
    delta: float
    before: float
    after: float
    pays_for: str


class ChangesOut(Schema):
    lines: list[ChangeLine]
    total_before: float
    total_after: float
    total_delta: float
    own_before: float
    own_after: float
    own_delta: float
    training_end_before: str
    training_end_after: str
    destination_changed: bool


class VersionOut(Schema):
    number: int
    created_at: datetime
    author: str
    destination: str
    note: str
    query: str = Field(description="the plan's state, as on the plan page's URL")
    seen_at: datetime | None
    started_on: date | None = Field(description="the day the person started this plan")
    initiative: str = Field(description="the programme (registry initiative) it runs in")
    total_cost: float
    own_contribution: float
    changes: ChangesOut | None = Field(description="against the version before; null for v1")


class VersionIn(Schema):
    to: str = Field(..., max_length=300)
    with_module: list[str] = Field(default_factory=list, max_length=40)
    without_module: list[str] = Field(default_factory=list, max_length=40)
    without_scheme: list[str] = Field(default_factory=list, max_length=40)
    priority: Priority = "balanced"
    note: str = Field("", max_length=versions.MAX_NOTE)


@router.get("/people/{person_id}/plan/versions", response={200: list[VersionOut], **ERRORS},
            auth=django_auth, summary="The agreed versions of a person's plan, newest first")
def plan_versions(request: HttpRequest, person_id: int):
    return versions.history(access.plan_subject(request.user, person_id))


@router.post("/people/{person_id}/plan/versions", response={201: VersionOut, **ERRORS},
             auth=Permission(people_access.CASELOAD),
             summary="Save the plan as the person's next version (their coach only)")
def save_plan_version(request: HttpRequest, person_id: int, body: VersionIn):
    seeker = versions.coach_subject(request.user, person_id)
    query = PlanQuery(to=body.to, include=tuple(body.with_module),
                      exclude=tuple(body.without_module),
                      exclude_schemes=tuple(body.without_scheme), priority=body.priority)
    saved = versions.save(seeker, request.user, query, body.note)
    return Status(201, versions.describe(saved))


class StartedIn(Schema):
    started_on: date | None = Field(description="null: not started (un-marks it)")
    initiative: str = Field("", max_length=80, description="registry initiative key")


@router.post("/people/{person_id}/plan/versions/{number}/started",
             response={200: VersionOut, **ERRORS}, auth=Permission(people_access.CASELOAD),
             summary="Record that the person started the current version (their coach only)")
def plan_version_started(request: HttpRequest, person_id: int, number: int, body: StartedIn):
    seeker = versions.coach_subject(request.user, person_id)
    version = seeker.plan_versions.filter(number=number).first()
    if version is None:
        raise HttpError(404, f"no version {number}")
    return versions.describe(versions.mark_started(version, body.started_on, body.initiative))
