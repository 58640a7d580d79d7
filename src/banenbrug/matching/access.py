"""Who may see what: the object-level checks, one place for pages and API alike.

Role permissions (Django groups) say what kind of thing a user may do; these functions say
which objects. A refusal raises `Http404` where telling that the object exists would leak
(another person's profile, another employer's vacancy), so forbidden and absent look the same.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from banenbrug.matching.models import Employer, JobSeeker, Vacancy

PROFILE = "accounts.manage_own_profile"
CASELOAD = "accounts.view_caseload"
VACANCIES = "accounts.manage_vacancies"
AGGREGATES = "accounts.view_aggregates"


def _require(user, perm: str) -> None:
    if not user.is_authenticated or not user.has_perm(perm):
        raise PermissionDenied


def own_profile(user) -> JobSeeker | None:
    """The job seeker's own profile (None if not yet made)."""
    _require(user, PROFILE)
    return JobSeeker.objects.filter(user=user).first()


def caseload(user) -> QuerySet[JobSeeker]:
    _require(user, CASELOAD)
    return JobSeeker.objects.filter(coach=user)


def caseload_member(user, seeker_id: int) -> JobSeeker:
    seeker = caseload(user).filter(pk=seeker_id).first()
    if seeker is None:
        raise Http404
    return seeker


def own_employers(user) -> QuerySet[Employer]:
    _require(user, VACANCIES)
    return Employer.objects.filter(members=user)


def own_vacancies(user) -> QuerySet[Vacancy]:
    _require(user, VACANCIES)
    return Vacancy.objects.filter(employer__members=user).distinct()


def own_vacancy(user, vacancy_id: int) -> Vacancy:
    vacancy = own_vacancies(user).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    return vacancy


def visible_candidates(user, vacancy: Vacancy) -> QuerySet[JobSeeker]:
    """The people an employer may see for their own vacancy: only those who consented."""
    own_vacancy(user, vacancy.pk)
    return JobSeeker.objects.filter(consent_employers=True)


def candidate_for(user, vacancy: Vacancy, seeker_id: int) -> JobSeeker:
    seeker = visible_candidates(user, vacancy).filter(pk=seeker_id).first()
    if seeker is None:
        raise Http404
    return seeker


def require_aggregates(user) -> None:
    _require(user, AGGREGATES)


def published_vacancy(vacancy_id: int) -> Vacancy:
    """Any signed-in person may read an open vacancy (they are public adverts)."""
    vacancy = Vacancy.objects.filter(pk=vacancy_id).select_related("employer",
                                                                  "occupation").first()
    if vacancy is None:
        raise Http404
    return vacancy
