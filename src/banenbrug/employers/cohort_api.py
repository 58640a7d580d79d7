"""Cohorts with a job promise over HTTP: the public list and cohort (numbers only), the job
seeker's application and its reason, and the organiser's operations (create, pledges,
selection, applicants by pseudonym, outcomes). Roles are checked before the body is read; a
cohort of another organiser answers 404, bad input 422 with what is wrong."""

from datetime import date
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from banenbrug.api.permissions import Permission
from banenbrug.api.problems import Problem
from banenbrug.employers import access, cohort_service
from banenbrug.employers.api import guarded
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.employers.service import EmployerInputError
from banenbrug.people import access as people_access

router = Router(tags=["employers"])
ORGANISER = Permission(people_access.VACANCIES)
SEEKER = Permission(people_access.PROFILE)
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
Lang = Literal["nl", "en"]
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


class PledgeOut(Schema):
    key: str
    employer: str
    jobs_pledged: int
    jobs_delivered: int
    is_example: bool


class Outcomes(Schema):
    """Counts of participants who consent to evaluation; null: fewer than 10 (not shown)."""

    participants: int | None
    completed: int | None
    hired: int | None
    hired_by_pledger: int | None
    employed_6m: int | None
    employed_12m: int | None


class CohortOut(Schema):
    id: int
    title: str
    initiative: str = Field(..., description="the registry initiative's key")
    start_date: date
    places: int
    region: str
    region_name: str
    threshold: int = Field(..., description="percent of the entry skills needed to pass")
    modules: list[str] = Field(..., description="catalogue module keys")
    occupation: str | None = Field(..., description="ESCO URI of the target occupation")
    is_open: bool
    is_example: bool


class CohortDetailOut(CohortOut):
    entry_skills: list[str] = Field(..., description="labels: the occupation's essential "
                                    "skills the modules do not teach")
    applications: int
    admitted: int
    jobs_pledged: int
    jobs_delivered: int
    pledges: list[PledgeOut]
    outcomes: Outcomes
    attribution: str = ATTRIBUTION


class CohortIn(Schema):
    title: str = Field(..., max_length=200)
    description: str = Field("", max_length=4000)
    initiative: str = Field(..., max_length=80, description="registry initiative key")
    modules: list[str] = Field(..., max_length=50, description="catalogue module keys; "
                               "at least one")
    start_date: date = Field(..., description="today or later")
    places: int = Field(..., description="1 to 500")
    region: str = Field(..., max_length=4, description="labour-market region: AM01 … AM35")
    threshold: int = Field(50, description="percent, 0 to 100")
    occupation: str = Field("", max_length=200, description="ESCO URI or name; may be empty")
    organiser: int | None = Field(None, description="your employer account's id; needed "
                                  "only if you belong to more than one")


class ApplyIn(Schema):
    consent: bool = Field(..., description="the organiser may see the application: "
                          "pseudonym, time, entry skills held")


class ApplicationOut(Schema):
    cohort: int
    position: int
    status: str
    held: int | None
    needed: int | None
    reserve_rank: int | None
    explanation: str = Field(..., description="why, in the requested language")


class ApplicantOut(Schema):
    id: int
    pseudonym: str
    position: int
    applied_at: str
    status: str
    held: int | None
    needed: int | None
    reserve_rank: int | None
    consent_evaluation: bool


class PledgeLinkIn(Schema):
    pledge: str = Field(..., max_length=80, description="registry pledge key")
    linked: bool = True


class OutcomesIn(Schema):
    completed: bool | None = None
    hired: bool | None = None
    employed_6m: bool | None = None
    employed_12m: bool | None = None
    pledge: str = Field("", max_length=80, description="the pledge of the hiring employer")


def _cohort(item: Cohort) -> dict[str, Any]:
    return {"id": item.pk, "title": item.title, "initiative": item.initiative.key,
            "start_date": item.start_date, "places": item.places, "region": item.region,
            "region_name": item.region_name, "threshold": item.threshold,
            "modules": list(item.modules.order_by("key").values_list("key", flat=True)),
            "occupation": item.occupation.uri if item.occupation else None,
            "is_open": item.is_open, "is_example": item.is_example}


def _detail(item: Cohort, lang: str) -> dict[str, Any]:
    s = cohort_service.summary(item, lang)
    return {**_cohort(item), "entry_skills": [str(t) for t in s.entry_skills],
            "applications": s.applications, "admitted": s.admitted,
            "jobs_pledged": s.jobs_pledged, "jobs_delivered": s.jobs_delivered,
            "pledges": s.pledges, "outcomes": s.outcomes}


def _application(a: CohortApplication) -> dict[str, Any]:
    return {"cohort": a.cohort_id, "position": a.position, "status": a.status, "held": a.held,
            "needed": a.needed, "reserve_rank": a.reserve_rank,
            "explanation": cohort_service.explanation(a)}


def _applicant(a: CohortApplication) -> dict[str, Any]:
    return {"id": a.pk, "pseudonym": a.seeker.pseudonym, "position": a.position,
            "applied_at": a.applied_at.isoformat(), "status": a.status, "held": a.held,
            "needed": a.needed, "reserve_rank": a.reserve_rank,
            "consent_evaluation": a.seeker.consent_evaluation}


def _mine(request: HttpRequest, cohort_id: int) -> CohortApplication:
    found = access.own_applications(request.user).filter(cohort_id=cohort_id).first()
    if found is None:
        raise Http404
    return found


@router.get("", response=list[CohortOut], auth=None, summary="Cohorts with a job promise")
def cohorts(request: HttpRequest):
    return [_cohort(c) for c in Cohort.objects.select_related("initiative", "occupation")]


@router.get("/{cohort_id}", response={200: CohortDetailOut, **ERRORS}, auth=None,
            summary="A cohort: places, pledged and delivered jobs, outcome counts")
@guarded
def cohort(request: HttpRequest, cohort_id: int, lang: Lang = "nl"):
    return _detail(get_object_or_404(Cohort, pk=cohort_id), lang)


@router.post("", response={201: CohortDetailOut, **ERRORS}, auth=ORGANISER,
             summary="Create a cohort (organiser)")
@guarded
def create(request: HttpRequest, body: CohortIn):
    employers = list(people_access.own_employers(request.user))
    organiser = next((e for e in employers if e.pk == body.organiser), None) \
        if body.organiser is not None else (employers[0] if len(employers) == 1 else None)
    if organiser is None:
        raise EmployerInputError("name your employer account (organiser): you belong to "
                                 f"{len(employers)}")
    data = body.dict(exclude={"organiser", "occupation"})
    data["occupation_text"] = body.occupation
    return Status(201, _detail(cohort_service.create_cohort(organiser, data), "en"))


@router.post("/{cohort_id}/application", response={201: ApplicationOut, **ERRORS},
             auth=SEEKER, summary="Apply to a cohort (job seeker, with consent)")
@guarded
def apply(request: HttpRequest, cohort_id: int, body: ApplyIn):
    seeker = people_access.own_profile(request.user)
    if seeker is None:
        raise EmployerInputError("make your profile first: the cohort assesses its skills")
    return Status(201, _application(cohort_service.apply(cohort_id, seeker,
                                                         consent=body.consent)))


@router.get("/{cohort_id}/application", response={200: ApplicationOut, **ERRORS},
            auth=SEEKER, summary="My application and why I was or was not admitted")
@guarded
def my_application(request: HttpRequest, cohort_id: int):
    return _application(_mine(request, cohort_id))


@router.delete("/{cohort_id}/application", response={204: None, **ERRORS}, auth=SEEKER,
               summary="Withdraw my application")
@guarded
def withdraw(request: HttpRequest, cohort_id: int):
    cohort_service.withdraw(_mine(request, cohort_id))
    return Status(204, None)


@router.get("/{cohort_id}/applicants", response={200: list[ApplicantOut], **ERRORS},
            auth=ORGANISER, summary="The applicants by pseudonym (organiser)")
@guarded
def applicants(request: HttpRequest, cohort_id: int):
    item = access.own_cohort(request.user, cohort_id)
    return [_applicant(a) for a in item.applications.select_related("seeker")]


@router.post("/{cohort_id}/selection", response={200: list[ApplicantOut], **ERRORS},
             auth=ORGANISER, summary="Run the selection: threshold, then order of application")
@guarded
def selection(request: HttpRequest, cohort_id: int):
    """Who already has a place keeps it; free places go to the first who pass, in order of
    application. Safe to run twice at once: the cohort row is locked."""
    item = access.own_cohort(request.user, cohort_id)
    cohort_service.run_selection(item.pk)
    return applicants(request, cohort_id)


@router.post("/{cohort_id}/pledges", response={200: CohortDetailOut, **ERRORS},
             auth=ORGANISER, summary="Link (or unlink) a registry pledge of the initiative")
@guarded
def pledges(request: HttpRequest, cohort_id: int, body: PledgeLinkIn):
    item = access.own_cohort(request.user, cohort_id)
    cohort_service.link_pledge(item, body.pledge, linked=body.linked)
    return _detail(item, "en")


@router.put("/{cohort_id}/applicants/{application_id}/outcomes",
            response={200: ApplicantOut, **ERRORS}, auth=ORGANISER,
            summary="Record a participant's outcomes (only with their consent to evaluation)")
@guarded
def outcomes(request: HttpRequest, cohort_id: int, application_id: int, body: OutcomesIn):
    item = access.own_cohort(request.user, cohort_id)
    a = access.cohort_application(item, application_id)
    cohort_service.record_outcomes(a, body.dict(exclude={"pledge"}), body.pledge)
    return _applicant(a)
