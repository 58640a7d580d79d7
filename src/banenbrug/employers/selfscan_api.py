"""The employer self-scan over HTTP: the questionnaire, an employer's scans (its members and
administrators only; another employer answers 404), a new scan, and the aggregates for analysts
(never a single employer's answers)."""

from __future__ import annotations

import csv
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Field, Router, Schema, Status

from banenbrug.api.permissions import Permission
from banenbrug.api.problems import Problem
from banenbrug.employers import selfscan
from banenbrug.employers import selfscan_service as service

router = Router(tags=["employers"])
EMPLOYER = Permission("accounts.manage_vacancies")
ANALYST = Permission("accounts.view_aggregates")
ERRORS = {403: Problem, 404: Problem, 422: Problem}
Lang = Literal["nl", "en"]


class OptionOut(Schema):
    key: str
    text: str
    score: int
    explanation: str


class QuestionOut(Schema):
    key: str
    theme: str
    text: str
    why: str
    source: str
    options: list[OptionOut]


class NamedCode(Schema):
    code: str
    name: str


class QuestionnaireOut(Schema):
    version: str
    themes: list[NamedCode]
    sectors: list[NamedCode]
    provinces: list[NamedCode]
    questions: list[QuestionOut]


class ScanIn(Schema):
    sector: str = Field(..., max_length=8, description="an SBI 2008 section as in the "
                        "questionnaire: sbi:C")
    region: str = Field(..., max_length=8, description="a province: PV20 … PV31")
    answers: dict[str, str] = Field(..., description="question key -> option key; every "
                                    "question answered")


class Spread(Schema):
    low: float = Field(..., description="first quartile of the peer group")
    median: float
    high: float = Field(..., description="third quartile")
    position: Literal["below", "around", "above"]


class Answer(Schema):
    question: str
    text: str
    answer: str
    answer_text: str
    score: int
    explanation: str
    why: str
    source: str


class ThemeOut(Schema):
    key: str
    name: str
    score: float
    peers: Spread | None
    answers: list[Answer]


class PeerGroupOut(Schema):
    level: Literal["sector_region", "sector", "all"]
    sector: str
    region: str
    size: int = Field(..., description="other employers in the group (at least 10)")
    name: str


class LinkItem(Schema):
    name: str
    url: str
    is_example: bool


class StepOut(Schema):
    link: str
    text: str
    items: list[LinkItem]
    total: int
    more_url: str


class WeakTheme(Schema):
    theme: str
    name: str
    score: float
    steps: list[StepOut]


class LatestOut(Schema):
    id: int
    taken_at: str
    is_example: bool
    sector: str
    sector_name: str
    region: str
    region_name: str
    themes: list[ThemeOut]
    peer_group: PeerGroupOut | None = Field(..., description="null: fewer than 10 others")
    next_steps: list[WeakTheme] = Field(..., description="themes under 60, weakest first")


class HistoryItem(Schema):
    id: int
    taken_at: str
    scores: dict[str, float]
    is_example: bool
    version: str


class EmployerRef(Schema):
    id: int
    name: str


class ReportOut(Schema):
    employer: EmployerRef
    latest: LatestOut | None
    history: list[HistoryItem]


class AggregateRow(Schema):
    period: str
    region: str
    occupation_group: str = Field(..., description="the sector (sbi:X) or all")
    population_group: str
    indicator: str
    value: float | None = Field(..., description="null: suppressed")
    unit: str
    source: str
    note: str
    base_n: int | None = Field(..., description="employers; null when suppressed")
    example: bool
    origin: str
    suppressed: bool


@router.get("/questionnaire", response={200: QuestionnaireOut, **ERRORS}, auth=EMPLOYER,
            summary="The self-scan's questions, answer options with scores, sectors, provinces")
def questionnaire(request: HttpRequest, lang: Lang = "nl"):
    q = service.questionnaire()
    return {"version": q.version,
            "themes": [{"code": t.key, "name": t.name.label(lang)} for t in q.themes],
            "sectors": [{"code": s.code, "name": s.name.label(lang)} for s in q.sectors],
            "provinces": [{"code": c, "name": n} for c, n in service.provinces().items()],
            "questions": [{"key": x.key, "theme": x.theme, "text": x.text.label(lang),
                           "why": x.why.label(lang), "source": x.source,
                           "options": [{"key": o.key, "text": o.text.label(lang),
                                        "score": o.score, "explanation": o.note.label(lang)}
                                       for o in x.options]} for x in q.questions]}


@router.get("/aggregates", response={200: list[AggregateRow], **ERRORS}, auth=ANALYST,
            summary="Mean theme scores per year, sector and province (indicator format)",
            openapi_extra={"responses": {200: {"content": {"text/csv": {
                "schema": {"type": "string"}}}}}})
def aggregates(request: HttpRequest, format: Literal["json", "csv"] = "json"):
    """The monitor's indicator long format; groups under 10 employers (or derivable from a
    total) suppressed. Never a single employer's answers."""
    result = service.aggregates()
    if format == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        csv.writer(response, lineterminator="\n").writerows(
            selfscan.aggregate_rows(result))
        return response
    return selfscan.aggregate_json(result)


@router.get("/{employer_id}", response={200: ReportOut, **ERRORS}, auth=EMPLOYER,
            summary="An employer's latest scan explained, its peers, next steps and history")
def report(request: HttpRequest, employer_id: int, lang: Lang = "nl"):
    employer = service.employer_for(request.user, employer_id)
    with translation.override(lang):
        return service.report(employer, lang)


@router.post("/{employer_id}", response={201: ReportOut, **ERRORS}, auth=EMPLOYER,
             summary="Store a new dated scan (a re-scan keeps the earlier ones)")
def new_scan(request: HttpRequest, employer_id: int, body: ScanIn, lang: Lang = "nl"):
    """422 names every problem (empty, unknown question or answer, not answered, unknown
    sector or province); nothing is stored then."""
    employer = service.employer_for(request.user, employer_id)
    service.save_scan(employer, body.sector, body.region, body.answers)
    with translation.override(lang):
        return Status(201, service.report(employer, lang))
