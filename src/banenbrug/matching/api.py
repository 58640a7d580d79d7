"""Matching over HTTP: the same access checks and services as the pages.

Session authentication (with CSRF on unsafe methods); forbidden objects answer 404 like absent
ones, a missing role 403, bad input 422 and a refused queue step 409, each with a `detail`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.security import django_auth

from banenbrug.api.permissions import Permission
from banenbrug.api.problems import Problem
from banenbrug.matching import access, cv_files, profiles, queue, reports, service, vacancies
from banenbrug.people import access as people_access
from banenbrug.people.models import JobSeeker

router = Router(tags=["matching"], auth=django_auth)
SEEKER = Permission(people_access.PROFILE)
EMPLOYER = Permission(people_access.VACANCIES)
EXTRACTS = Permission(people_access.PROFILE, people_access.VACANCIES)
COACH = Permission(people_access.CASELOAD)
Lang = Literal["nl", "en"]


class DocumentProblem(Problem):
    """A text or file that cannot be read has a `code` and a Dutch message; a request of the
    wrong shape has neither (its `invalid_params` say what is wrong)."""

    code: str | None = Field(None, description="empty, too_large, too_long, encrypted, "
                             "no_text, damaged, wrong_type or binary")
    detail_nl: str | None = Field(None, description="the same message in Dutch, for the person")


ERRORS = {403: Problem, 404: Problem, 409: Problem, 422: Problem}


class Ref(Schema):
    uri: str
    label: str


class ProfileIn(Schema):
    municipality: str = Field("", description="municipality code, GM0014…; fills the region "
                              "when that is empty, and gives matching the distance")
    region: str = Field("", description="labour-market region code, AM01…AM38 (or empty "
                        "with a municipality)")
    postcode: str = Field(..., description="4 digits, 1000-9999")
    hours_min: int
    hours_max: int
    available_from: dt.date | None = None
    situation: Literal["employed", "ww", "bijstand", "selfemployed", "student", "other"] = "other"
    consent_employers: bool = False
    consent_evaluation: bool = False


class ProfileOut(ProfileIn):
    id: int
    work_history: list[dict[str, Any]]
    skills: list[dict[str, Any]]


class SkillsIn(Schema):
    uris: list[str] = Field(..., max_length=100)
    source: Literal["declared", "extracted"] = "declared"
    evidence: dict[str, str] = {}


class ExperienceIn(Schema):
    occupation: str = Field(..., description="ESCO occupation URI")
    years: int = Field(..., ge=0, le=60)


class TextIn(Schema):
    text: str = Field(..., description=f"at most {service.MAX_TEXT} characters, plain text")
    lang: Lang = "nl"
    occupation: str | None = Field(
        None, max_length=200,
        description="ESCO URI of the person's (or vacancy's) occupation: its skills rank higher")


class Suggestion(Ref):
    score: float = Field(..., description="probability that the text states this skill (0..1)")
    evidence: list[str] = Field(..., description="the words of the text that show it")


class SkillRef(Ref):
    lang: str


class MatchOut(Schema):
    id: int
    score: float
    distance_km: int | None = Field(
        None, description="whole km, straight line between the municipalities' centroids; "
        "null where either side has no municipality")
    essential_coverage: float
    hours_fit: float
    place_fit: float
    matched_skills: list[SkillRef]
    missing_skills: list[SkillRef]
    near_miss_skills: list[SkillRef]
    to_learn_skills: list[SkillRef] = Field(
        [], description="skills not held that the learn-work vacancy's training teaches")
    title: str | None = None
    employer: str | None = None
    region: str | None = None
    municipality: str | None = None
    hiring_mode: str | None = None
    is_synthetic: bool | None = None
    pseudonym: str | None = None


class MatchFiltersIn(Schema):
    max_km: int | None = Field(None, description="at most this many km (straight line); needs "
                               "the person's municipality, ignored without one")
    hours: int | None = Field(None, description="hours per week the vacancy accepts")
    hiring_mode: Literal["skills", "open_hiring", "learn_work"] | None = None
    region: str | None = Field(None, description="the vacancy's labour-market region, AM01…")

    def filters(self) -> service.MatchFilters:
        return service.MatchFilters(max_km=self.max_km, hours=self.hours,
                                    hiring_mode=self.hiring_mode or "",
                                    region=self.region or "")


class MatchesOut(Schema):
    matches: list[MatchOut]


class PlaceOut(Schema):
    id: int
    vacancy: int
    position: int
    status: str


class DeclarationIn(Schema):
    meets_min_age: bool
    may_work_in_nl: bool
    meets_other: bool = False


class LearnWorkIn(Schema):
    """A learn-work vacancy's route: at least one module from the catalogue or a BBL route."""

    wage_eur: int = Field(..., description="wage while learning, gross per month, whole euros")
    work_hours: int = Field(..., description="hours of work per week")
    school_hours: int = Field(..., description="hours of school per week; work + school <= 48")
    diploma: str = Field(..., max_length=200, description="diploma or certificate at the end")
    module_keys: list[str] = Field([], description="keys of training modules (plans catalogue)")
    bbl_level: int | None = Field(None, description="mbo level 1-4 of the BBL route")
    bbl_name: str = Field("", max_length=200)
    bbl_skills: list[str] = Field([], description="URIs of the vacancy's skills the BBL route "
                                                  "teaches")


class LearnWorkModuleOut(Schema):
    key: str
    title: str
    provider: str
    hours: int
    is_example: bool


class BblOut(Schema):
    level: int | None
    name: str


class LearnWorkOut(Schema):
    wage_eur: int
    work_hours: int
    school_hours: int
    diploma: str
    bbl: BblOut | None
    modules: list[LearnWorkModuleOut]
    bbl_skills: list[str]


class VacancyIn(Schema):
    title: str = Field(..., max_length=200)
    description: str = ""
    occupation: str | None = Field(None, description="ESCO occupation URI; prefills skills")
    essential_skills: list[str] | None = Field(None, description="URIs; default: occupation's")
    optional_skills: list[str] | None = None
    municipality: str = Field("", description="municipality code, GM0014…; fills the region")
    region: str = ""
    postcode: str
    hours_min: int
    hours_max: int
    part_time_possible: bool = False
    salary_min: int | None = None
    salary_max: int | None = None
    hiring_mode: Literal["skills", "open_hiring", "learn_work"] = "skills"
    openings: int = 1
    min_age: int = 18
    work_permit_required: bool = True
    other_requirements: str = ""
    is_open: bool = True
    learn_work: LearnWorkIn | None = Field(None, description="required for hiring_mode "
                                                              "learn_work, ignored otherwise")


class VacancyOut(Schema):
    id: int
    employer: str
    title: str
    occupation: str | None
    municipality: str
    region: str
    postcode: str
    hours_min: int
    hours_max: int
    part_time_possible: bool
    salary_min: int | None
    salary_max: int | None
    hiring_mode: str
    openings: int
    min_age: int
    work_permit_required: bool
    other_requirements: str
    is_open: bool
    is_synthetic: bool
    essential_skills: list[str]
    optional_skills: list[str]
    learn_work: LearnWorkOut | None = None


class QueueEntryOut(Schema):
    id: int
    position: int
    candidate: str
    status: str


class QueueEventOut(Schema):
    position: int | None
    kind: str
    at: dt.datetime


class QueueOut(Schema):
    vacancy: int
    openings: int
    is_open: bool
    entries: list[QueueEntryOut]
    events: list[QueueEventOut]


class CaseloadPerson(Schema):
    id: int
    region: str
    hours_min: int
    hours_max: int
    situation: str
    skills: int


def _profile_out(seeker: JobSeeker) -> dict[str, Any]:
    data = profiles.export(seeker)
    return {"id": seeker.pk, **data["profile"], "available_from": seeker.available_from,
            "work_history": data["work_history"], "skills": data["skills"]}


def _own(request: HttpRequest) -> JobSeeker:
    seeker = people_access.own_profile(request.user)
    if seeker is None:
        raise Http404
    return seeker


@router.get("/profile", auth=SEEKER,
            response={200: ProfileOut, **ERRORS}, summary="My job seeker profile")
def get_profile(request: HttpRequest):
    return _profile_out(_own(request))


@router.put("/profile", auth=SEEKER, response={200: ProfileOut, **ERRORS},
            summary="Create or update my profile")
def put_profile(request: HttpRequest, body: ProfileIn):
    seeker = people_access.own_profile(request.user) or JobSeeker(user=request.user)
    profiles.save_profile(seeker, **body.dict())
    return _profile_out(seeker)


@router.delete("/profile", auth=SEEKER, response={204: None, **ERRORS},
               summary="Delete my profile and everything that belongs to it")
def delete_profile(request: HttpRequest):
    profiles.delete(_own(request))
    return Status(204, None)


@router.get("/profile/export", auth=SEEKER, response={200: dict, **ERRORS},
            summary="Everything stored about me")
def export_profile(request: HttpRequest):
    return profiles.export(_own(request))


@router.post("/profile/skills", auth=SEEKER, response={200: ProfileOut, **ERRORS},
             summary="Add skills (declared, or extracted and confirmed)")
def add_skills(request: HttpRequest, body: SkillsIn):
    seeker = _own(request)
    profiles.add_skills(seeker, body.uris, body.source, body.evidence)
    return _profile_out(seeker)


@router.delete("/profile/skills", auth=SEEKER, response={200: ProfileOut, **ERRORS},
               summary="Remove a skill")
def remove_skill(request: HttpRequest, uri: str = Query(..., max_length=200)):
    seeker = _own(request)
    profiles.remove_skill(seeker, uri)
    return _profile_out(seeker)


@router.post("/profile/experience", auth=SEEKER, response={200: ProfileOut, **ERRORS},
             summary="Add work history; the occupation's essential skills join the profile")
def add_experience(request: HttpRequest, body: ExperienceIn):
    seeker = _own(request)
    profiles.add_experience(seeker, body.occupation, body.years)
    return _profile_out(seeker)


@router.post("/skills/extract", auth=EXTRACTS,
             response={200: list[Suggestion], **ERRORS, 422: DocumentProblem},
             summary="Suggested ESCO skills for a CV or vacancy text, with triggering words")
def extract(request: HttpRequest, body: TextIn):
    """422 with a `code` for empty text, binary junk (NUL or control characters) or text over
    the limit. The text is not stored."""
    try:
        text = cv_files.check_pasted(body.text)
    except cv_files.DocumentError as exc:
        return Status(422, exc.as_dict())
    return service.suggest_skills(text, body.lang, occupation=body.occupation)


@router.post("/skills/extract-file", auth=EXTRACTS,
             response={200: list[Suggestion], **ERRORS, 422: DocumentProblem},
             summary="Suggested ESCO skills for a CV file: PDF, Word (.docx) or text, ≤ 5 MB")
@decorate_view(cv_files.in_memory_operation)
def extract_file(request: HttpRequest, file: File[UploadedFile] = None, lang: Form[Lang] = "nl"):
    """`multipart/form-data` with the field `file`; the same ranked list as `/skills/extract`.
    The type is read from the bytes, not the name; 422 with a `code` (and the message in
    English and Dutch) for an empty, oversized, encrypted, scanned, damaged or wrong file.
    The file is read in memory and not stored."""
    if file is None:
        return Status(422, {"code": "empty", "detail": "no file: send the CV as the "
                            "multipart/form-data field 'file'",
                            "detail_nl": "geen bestand: stuur het cv als veld 'file'"})
    try:
        text = cv_files.read_cv_file(file.name or "", file.read())
    except cv_files.DocumentError as exc:
        return Status(422, exc.as_dict())
    return service.suggest_skills(text, lang)


@router.get("/profile/matches", auth=SEEKER, response={200: MatchesOut, **ERRORS},
            summary="The best vacancies for me, explained")
def my_matches(request: HttpRequest, filters: Query[MatchFiltersIn],
               top: int = Query(20, ge=1, le=100), lang: Lang = "nl"):
    return {"matches": service.vacancies_for(_own(request), top=top, lang=lang,
                                             filters=filters.filters())}


@router.get("/profile/places", auth=SEEKER, response={200: list[PlaceOut], **ERRORS},
            summary="My Open Hiring places")
def my_places(request: HttpRequest):
    return [{"id": e.pk, "vacancy": e.vacancy_id, "position": e.position, "status": e.status}
            for e in _own(request).queue_places.all()]


@router.post("/profile/places/{entry_id}/{action}", auth=SEEKER, response={200: PlaceOut, **ERRORS},
             summary="Accept or decline an offer, or withdraw from a queue")
def place_action(request: HttpRequest, entry_id: int,
                 action: Literal["accept", "decline", "withdraw"]):
    entry = _own(request).queue_places.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    step = {"accept": queue.accept, "decline": queue.decline, "withdraw": queue.withdraw}
    e = step[action](entry.pk)
    return {"id": e.pk, "vacancy": e.vacancy_id, "position": e.position, "status": e.status}


@router.post("/vacancies/{vacancy_id}/queue", auth=SEEKER, response={201: PlaceOut, **ERRORS},
             summary="Sign up for an Open Hiring vacancy")
def sign_up(request: HttpRequest, vacancy_id: int, body: DeclarationIn):
    seeker = _own(request)
    access.published_vacancy(vacancy_id)
    e = queue.sign_up(vacancy_id, seeker, queue.Declaration(**body.dict()))
    return Status(201, {"id": e.pk, "vacancy": e.vacancy_id, "position": e.position,
                        "status": e.status})


def _vacancy_out(v) -> dict[str, Any]:
    links = list(v.skills.values_list("skill__uri", "essential"))
    return {"id": v.pk, "employer": v.employer.name,
            "occupation": v.occupation.uri if v.occupation else None,
            **{f: getattr(v, f) for f in vacancies.VACANCY_FIELDS if f not in ("description",)},
            "is_synthetic": v.is_synthetic,
            "essential_skills": [u for u, e in links if e],
            "optional_skills": [u for u, e in links if not e],
            "learn_work": vacancies.route_summary(v)}


@router.get("/vacancies/{vacancy_id}", response={200: VacancyOut, **ERRORS},
            summary="One vacancy, as job seekers see it")
def get_vacancy(request: HttpRequest, vacancy_id: int):
    return _vacancy_out(access.published_vacancy(vacancy_id))


@router.get("/employer/vacancies", auth=EMPLOYER, response={200: list[VacancyOut], **ERRORS},
            summary="My organisation's vacancies")
def my_vacancies(request: HttpRequest):
    return [_vacancy_out(v) for v in access.own_vacancies(request.user)
            .select_related("employer", "occupation")]


def _save(request: HttpRequest, body: VacancyIn, item=None):
    employer = item.employer if item else people_access.own_employers(request.user).first()
    if employer is None:
        raise PermissionDenied
    data = body.dict()
    occupation = data.pop("occupation")
    essential, optional = data.pop("essential_skills"), data.pop("optional_skills")
    route = data.pop("learn_work")
    return vacancies.save_vacancy(employer, data, occupation, essential, optional, vacancy=item,
                                  learn_work=vacancies.LearnWork(**route) if route else None)


@router.post("/employer/vacancies", auth=EMPLOYER, response={201: VacancyOut, **ERRORS},
             summary="Create a vacancy (skills prefilled from the ESCO occupation)")
def create_vacancy(request: HttpRequest, body: VacancyIn):
    return Status(201, _vacancy_out(_save(request, body)))


@router.put("/employer/vacancies/{vacancy_id}", auth=EMPLOYER, response={200: VacancyOut, **ERRORS},
            summary="Update one of my vacancies")
def update_vacancy(request: HttpRequest, vacancy_id: int, body: VacancyIn):
    return _vacancy_out(_save(request, body, access.own_vacancy(request.user, vacancy_id)))


@router.get("/employer/vacancies/{vacancy_id}/candidates", auth=EMPLOYER,
            response={200: MatchesOut, **ERRORS},
            summary="The best consenting candidates for my vacancy, explained")
def candidates(request: HttpRequest, vacancy_id: int, top: int = Query(20, ge=1, le=100),
               lang: Lang = "nl"):
    item = access.own_vacancy(request.user, vacancy_id)
    access.visible_candidates(request.user, item)
    return {"matches": service.candidates_for(item, top=top, lang=lang)}


@router.get("/employer/vacancies/{vacancy_id}/queue", auth=EMPLOYER,
            response={200: QueueOut, **ERRORS},
            summary="The Open Hiring queue of my vacancy, with every step")
def vacancy_queue(request: HttpRequest, vacancy_id: int):
    item = access.own_vacancy(request.user, vacancy_id)
    return {"vacancy": item.pk, "openings": item.openings, "is_open": item.is_open,
            "entries": [{"id": e.pk, "position": e.position, "candidate": e.seeker.pseudonym,
                         "status": e.status}
                        for e in item.queue.select_related("seeker").order_by("position")],
            "events": list(item.queue_events.values("position", "kind", "at"))}


@router.post("/employer/vacancies/{vacancy_id}/queue/{entry_id}/not-eligible", auth=EMPLOYER,
             response={200: QueueEntryOut, **ERRORS},
             summary="The offered person does not meet the legal minimum: offer passes on")
def not_eligible(request: HttpRequest, vacancy_id: int, entry_id: int):
    item = access.own_vacancy(request.user, vacancy_id)
    entry = item.queue.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    e = queue.mark_not_eligible(entry.pk)
    return {"id": e.pk, "position": e.position, "candidate": entry.seeker.pseudonym,
            "status": e.status}


def _case(s: JobSeeker) -> dict[str, Any]:
    return {"id": s.pk, "region": s.region, "hours_min": s.hours_min, "hours_max": s.hours_max,
            "situation": s.situation, "skills": s.skills.count()}


@router.get("/caseload", auth=COACH, response={200: list[CaseloadPerson], **ERRORS},
            summary="My caseload (coaches)")
def caseload(request: HttpRequest):
    return [_case(s) for s in people_access.caseload(request.user)]


@router.get("/caseload/{seeker_id}", auth=COACH, response={200: ProfileOut, **ERRORS},
            summary="One person of my caseload")
def caseload_person(request: HttpRequest, seeker_id: int):
    return _profile_out(people_access.caseload_member(request.user, seeker_id))


@router.get("/caseload/{seeker_id}/matches", auth=COACH, response={200: MatchesOut, **ERRORS},
            summary="The best vacancies for one person of my caseload")
def caseload_matches(request: HttpRequest, seeker_id: int, top: int = Query(20, ge=1, le=100),
                     lang: Lang = "nl"):
    seeker = people_access.caseload_member(request.user, seeker_id)
    return {"matches": service.vacancies_for(seeker, top=top, lang=lang)}


@router.get("/fairness", response={200: dict, **ERRORS},
            summary="Fairness audit: recommendation rates per self-reported group (aggregates)")
def fairness(request: HttpRequest, top: int = Query(10, ge=1, le=50)):
    people_access.require_aggregates(request.user)
    return reports.fairness_report(top=top)
