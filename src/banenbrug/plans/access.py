"""Whose plan a user may see: their own, or (as a coach) a person in their caseload.

Built on matching's access module, so a plan is exactly as private as the profile it is made
from; a person outside one's reach answers 404 like an absent one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from banenbrug.people import access
from banenbrug.people.models import JobSeeker


def plan_subject(user, seeker_id: int) -> JobSeeker:
    if not user.is_authenticated:
        raise PermissionDenied
    may_own = user.has_perm(access.PROFILE)
    may_coach = user.has_perm(access.CASELOAD)
    if not (may_own or may_coach):
        raise PermissionDenied
    if may_coach:
        seeker = access.caseload(user).filter(pk=seeker_id).first()
        if seeker is not None:
            return seeker
    if may_own:
        own = access.own_profile(user)
        if own is not None and own.pk == seeker_id:
            return own
    raise Http404
