"""Which vacancies and candidates a user may see; the person-level checks are in
people/access.py. A refusal raises `Http404` where telling that the object exists would leak
(another employer's vacancy), so forbidden and absent look the same.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from banenbrug.matching.models import Vacancy
from banenbrug.people.access import VACANCIES, require
from banenbrug.people.models import JobSeeker


def own_vacancies(user) -> QuerySet[Vacancy]:
    require(user, VACANCIES)
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


def published_vacancy(vacancy_id: int) -> Vacancy:
    """Any signed-in person may read an open vacancy (they are public adverts)."""
    vacancy = Vacancy.objects.filter(pk=vacancy_id).select_related("employer",
                                                                  "occupation").first()
    if vacancy is None:
        raise Http404
    return vacancy
