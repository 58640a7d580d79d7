"""Career transitions over HTTP: the same service as the page and the command line."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Status
from pydantic import BaseModel

from banenbrug.api.problems import Problem
from banenbrug.taxonomy.models import Occupation
from banenbrug.transitions import service

router = Router(tags=["transitions"])
Lang = Literal["nl", "en"]


# The answers are plain pydantic models, not ninja's Schema: they are validated from the
# service's dicts, and Schema's wrapper (made to read Django model attributes) cost ~40% of a
# transitions answer's CPU for a few hundred nested dicts. Same fields, same OpenAPI schema.
class Ref(BaseModel):
    uri: str
    label: str


class Gap(Ref):
    type: str
    weight: float
    near_miss: bool


class Origin(BaseModel):
    uri: str | None
    label: str | None
    occupations: list[Ref]
    extra_skills: list[Ref]


class TransitionOut(BaseModel):
    uri: str
    label: str
    everyday_name: str | None = Field(
        None, description="the name people use, where ESCO's Dutch label is not it (nl only)")
    score: float
    band: str
    band_label: str
    green: bool
    digital: bool
    coverage: float
    effort_weeks: float
    missing_essential_skills: list[Gap]
    missing_skills: list[Gap]
    missing_knowledge: list[Gap]
    carried_over: list[Ref]


class TransitionsOut(BaseModel):
    origin: Origin = Field(..., alias="from")
    transitions: list[TransitionOut]


class ComparisonOut(TransitionOut):
    origin: Origin = Field(..., alias="from")


class CandidatesProblem(Problem):
    candidates: list[Ref] = []


def _profile(origin: str, also: list[str], with_skill: list[str], lang: str) -> service.Profile:
    occupations = [service.resolve_occupation(t, lang) for t in [origin, *also]]
    return service.Profile(occupations, service.resolve_skills(with_skill, lang))


def _problem(exc: service.TransitionInputError) -> tuple[int, dict]:
    return Status(422, {"detail": str(exc), "candidates": exc.candidates})


@router.get("", response={200: TransitionsOut, 422: CandidatesProblem}, by_alias=True,
            summary="Green and digital occupations within reach of a profile")
def transitions(
    request: HttpRequest,
    origin: str = Query(..., alias="from", max_length=200,
                        description="ESCO occupation URI, exact label or search text"),
    also: list[str] = Query([], max_length=5, description="more occupations of the person"),
    with_skill: list[str] = Query([], max_length=30, description="extra ESCO skill URIs"),
    top: int = Query(20, ge=1, le=100),
    green: bool = False,
    digital: bool = False,
    lang: Lang = "nl",
):
    try:
        profile = _profile(origin, also, with_skill, lang)
    except service.TransitionInputError as exc:
        return _problem(exc)
    return service.transitions(profile, top=top, green=green, digital=digital, lang=lang)


@router.get("/compare",
            response={200: ComparisonOut, 404: CandidatesProblem, 422: CandidatesProblem},
            by_alias=True, summary="One transition in full")
def compare(
    request: HttpRequest,
    origin: str = Query(..., alias="from", max_length=200),
    to: str = Query(..., max_length=200, description="destination ESCO occupation URI"),
    also: list[str] = Query([], max_length=5),
    with_skill: list[str] = Query([], max_length=30),
    lang: Lang = "nl",
):
    try:
        profile = _profile(origin, also, with_skill, lang)
    except service.TransitionInputError as exc:
        return _problem(exc)
    destination = Occupation.objects.filter(uri=to).first()
    if destination is None:
        return Status(404, {"detail": f"unknown occupation URI {to}", "candidates": []})
    return service.compare(profile, destination, lang)
