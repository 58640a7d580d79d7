"""Who may see which person: the object-level checks, one place for pages and API alike.

Role permissions (Django groups) say what kind of thing a user may do; these functions say
which objects. A refusal raises `Http404` where telling that the object exists would leak
(another person's profile), so forbidden and absent look the same. Vacancy-level checks
(an employer's own vacancies and the candidates they may see) are in matching/access.py.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from banenbrug.people.models import Employer, JobSeeker

PROFILE = "accounts.manage_own_profile"
CASELOAD = "accounts.view_caseload"
VACANCIES = "accounts.manage_vacancies"
AGGREGATES = "accounts.view_aggregates"


def require(user, perm: str) -> None:
    if not user.is_authenticated or not user.has_perm(perm):
        raise PermissionDenied


def own_profile(user) -> JobSeeker | None:
    """The job seeker's own profile (None if not yet made)."""
    require(user, PROFILE)
    return JobSeeker.objects.filter(user=user).first()


def caseload(user) -> QuerySet[JobSeeker]:
    require(user, CASELOAD)
    return JobSeeker.objects.filter(coach=user)


def caseload_member(user, seeker_id: int) -> JobSeeker:
    seeker = caseload(user).filter(pk=seeker_id).first()
    if seeker is None:
        raise Http404
    return seeker


def own_employers(user) -> QuerySet[Employer]:
    require(user, VACANCIES)
    return Employer.objects.filter(members=user)


def require_aggregates(user) -> None:
    require(user, AGGREGATES)
