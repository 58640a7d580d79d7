"""Who may see and run which cohort: the organiser's members their own cohorts, a job seeker
their own applications. A refusal is a 404 where telling that the object exists would leak."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.people import access as people


def own_cohorts(user) -> QuerySet[Cohort]:
    """The cohorts the user's employer accounts organise (employer role required)."""
    return Cohort.objects.filter(organiser__in=people.own_employers(user))


def own_cohort(user, cohort_id: int) -> Cohort:
    cohort = own_cohorts(user).filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    return cohort


def cohort_application(cohort: Cohort, application_id: int) -> CohortApplication:
    """An application to a cohort the caller already may run (see own_cohort)."""
    found = cohort.applications.select_related("seeker").filter(pk=application_id).first()
    if found is None:
        raise Http404
    return found


def own_applications(user) -> QuerySet[CohortApplication]:
    """The job seeker's own applications (none without a profile)."""
    seeker = people.own_profile(user)
    return CohortApplication.objects.filter(seeker=seeker).select_related("cohort") \
        if seeker else CohortApplication.objects.none()
