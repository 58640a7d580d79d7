"""Employers over HTTP: jobcarving of an own vacancy, publishing a carved role, and the
vacancy-text check. The same access checks and services as the pages; an unknown or another
employer's vacancy answers 404, a missing role 403, bad input 422."""

from __future__ import annotations

from functools import wraps
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from banenbrug.employers import inclusive_text, service
from banenbrug.matching import access
from banenbrug.matching.profiles import ProfileInputError
from banenbrug.people import access as people_access

router = Router(tags=["employers"], auth=django_auth)
Lang = Literal["nl", "en"]
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


class Problem(Schema):
    detail: str


ERRORS = {403: Problem, 404: Problem, 422: Problem}


def guarded(view):
    """Refusals as HTTP answers with a `detail`, in English like the rest of the API."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            with translation.override("en"):
                return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            raise HttpError(403, "not allowed for your role") from exc
        except Http404 as exc:
            raise HttpError(404, "not found") from exc
        except (service.EmployerInputError, ProfileInputError) as exc:
            raise HttpError(422, str(exc)) from exc

    return wrapped


class Module(Schema):
    key: str
    title: str
    hours: float
    is_example: bool
    skills: list[str] = Field(..., description="the role's skills this module teaches (URIs)")


class SkillRef(Schema):
    uri: str
    label: str
    label_lang: Lang
    holders: int = Field(..., description="local job seekers who hold this skill")


class Role(Schema):
    skills: list[str]
    candidates: int = Field(..., description="local job seekers within reach (a skill a short "
                            "module teaches counts for a quarter)")
    ready_now: int = Field(..., description="of them, within reach without any module")


class SharedBy(Schema):
    uri: str
    label: str
    shared: int = Field(..., description="how many of the role's skills it needs (essential)")
    of: int


class CarvedRole(Role):
    number: int
    title: str
    gain: float = Field(..., description="candidates / the whole vacancy's (at least 1)")
    skill_refs: list[SkillRef]
    modules: list[Module]
    shared_by: list[SharedBy] = Field(..., description="other occupations that need most of "
                                      "these skills: why they belong together")


class Remaining(Role):
    skill_refs: list[SkillRef]
    rare: list[str] = Field(..., description="skills no local job seeker holds")


class CarvingOut(Schema):
    vacancy: int
    title: str
    region_name: str
    local: int = Field(..., description="job seekers in the vacancy's region or province")
    original: Role
    carved: list[CarvedRole]
    remaining: Remaining
    is_synthetic: bool
    attribution: str = ATTRIBUTION


class PublishIn(Schema):
    title: str = Field(..., max_length=200)
    skills: list[str] = Field(..., max_length=100, description="URIs: some of the vacancy's "
                              "essential skills")
    hiring_mode: Literal["skills", "open_hiring", "learn_work"] = "open_hiring"
    narrow_original: bool = Field(False, description="remove these skills from the original")


class PublishedOut(Schema):
    id: int
    title: str
    hiring_mode: str
    essential_skills: list[str]


class TextIn(Schema):
    description: str = Field("", description=f"at most {inclusive_text.MAX_TEXT} characters "
                             "(with title and requirements)")
    title: str = Field("", max_length=200)
    requirements: str = Field("", max_length=300)
    part_time_possible: bool | None = Field(None, description="null: say from the text alone")
    lang: Lang = Field("nl", description="language of the messages")


class Finding(Schema):
    category: str = Field(..., description="masculine, age, origin, appearance, health, "
                          "binary, diploma, experience or part_time")
    field: str
    start: int
    end: int
    words: str
    alternatives: list[str]
    source: str
    message: str


class TextOut(Schema):
    text_lang: Lang
    balance: Literal["masculine", "feminine", "neutral"]
    balance_label: str
    masculine_words: list[str]
    feminine_words: list[str]
    findings: list[Finding]


@router.get("/vacancies/{vacancy_id}/jobcarving", response={200: CarvingOut, **ERRORS},
            summary="Carved roles of my vacancy that more local job seekers can do")
@guarded
def jobcarving(request: HttpRequest, vacancy_id: int,
               max_carved: int = Query(1, ge=1, le=service.MAX_CARVED), lang: Lang = "nl"):
    """The carved and remaining skills together are exactly the vacancy's essential skills.
    422 for a vacancy without essential skills."""
    item = access.own_vacancy(request.user, vacancy_id)
    return service.jobcarving(item, max_carved, lang)


@router.post("/vacancies/{vacancy_id}/jobcarving/publish",
             response={201: PublishedOut, **ERRORS},
             summary="Publish a carved role as a new vacancy (same place, hours and pay)")
@guarded
def publish(request: HttpRequest, vacancy_id: int, body: PublishIn):
    item = access.own_vacancy(request.user, vacancy_id)
    made = service.publish_carved(item, body.skills, body.title, body.hiring_mode,
                                  body.narrow_original)
    return Status(201, {"id": made.pk, "title": made.title, "hiring_mode": made.hiring_mode,
                        "essential_skills": list(made.skills.filter(essential=True)
                                                 .values_list("skill__uri", flat=True))})


@router.post("/vacancy-text/check", response={200: TextOut, **ERRORS},
             summary="Gender-coded and exclusionary wording, diploma demands, part-time")
@guarded
def check_text(request: HttpRequest, body: TextIn):
    """Advice, never a refusal: each finding says why and suggests alternatives. The text is
    not stored."""
    people_access.own_employers(request.user)  # employers only
    return service.check_text(body.description, title=body.title,
                              requirements=body.requirements,
                              part_time_possible=body.part_time_possible, lang=body.lang)
