"""Plan versions: a coach saves the plan they agreed on with a person, who then sees it with
what changed and why. The page, the API and the CLI all come through here.

Only a person's own coach saves a version (the person reads it, never writes it: the version
is the coach's account of an agreement). A version keeps the plan's query and a snapshot of
its money (changes.snapshot), so its changes stay true after the catalogue changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from banenbrug.people import access as people_access
from banenbrug.people.models import JobSeeker
from banenbrug.plans import changes, service
from banenbrug.plans.forms import PlanQuery
from banenbrug.plans.models import PlanVersion
from banenbrug.registry.models import Initiative

MAX_NOTE = 1000


class VersionInputError(ValueError):
    status_code = 422  # the API's answer (api/problems.py)


def coach_subject(user, seeker_id: int) -> JobSeeker:
    """The person whose plan this user may save: one of their own caseload (404 otherwise,
    like everywhere a person is out of reach; 403 without the coach's role)."""
    return people_access.caseload_member(user, seeker_id)


def save(seeker: JobSeeker, author, query: PlanQuery, note: str = "") -> PlanVersion:
    """Compute the plan of `query` and keep it as the person's next version."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise VersionInputError(f"note: longer than {MAX_NOTE} characters")
    if not query.to:
        raise VersionInputError("to: a plan version needs a destination")
    adjustments = service.adjustments_from(query.include, query.exclude,
                                           query.exclude_schemes, query.priority)
    plan = service.plan_for(seeker, query.to, adjustments=adjustments, lang="nl")
    with transaction.atomic():
        # the person's row is the lock: two coaches saving at once get numbers n and n+1
        JobSeeker.objects.select_for_update().filter(pk=seeker.pk).first()
        last = seeker.plan_versions.aggregate(n=Max("number"))["n"] or 0
        return PlanVersion.objects.create(
            seeker=seeker, number=last + 1, author=author, query=query.encode(),
            destination=plan["destination"]["label"], note=note,
            snapshot=changes.snapshot(plan))


def history(seeker: JobSeeker) -> list[dict[str, Any]]:
    """Every version, newest first, each with its changes against the one before."""
    found = list(seeker.plan_versions.select_related("author", "initiative").order_by("number"))
    out = []
    for before, version in zip([None, *found], found, strict=False):
        out.append(_describe(version, before))
    return out[::-1]


def describe(version: PlanVersion) -> dict[str, Any]:
    """One version with its changes against the one before."""
    before = PlanVersion.objects.filter(seeker_id=version.seeker_id,
                                        number=version.number - 1).first()
    return _describe(version, before)


def _describe(version: PlanVersion, before: PlanVersion | None) -> dict[str, Any]:
    author = version.author
    return {
        "number": version.number, "created_at": version.created_at,
        "author": (author.get_full_name() or author.username) if author else "",
        "destination": version.destination, "note": version.note, "query": version.query,
        "seen_at": version.seen_at, "started_on": version.started_on,
        "initiative": version.initiative.name if version.initiative else "",
        "total_cost": version.snapshot["total_cost"],
        "own_contribution": version.snapshot["own_contribution"],
        "changes": changes.compare(before.snapshot, version.snapshot).as_dict()
        if before is not None else None}


def mark_started(version: PlanVersion, started_on: dt.date | None,
                 initiative_key: str = "") -> PlanVersion:
    """The person started this (current) version on `started_on`, within a programme of the
    registry; None un-marks it. Only the current version can be followed."""
    if version.seeker.plan_versions.filter(number__gt=version.number).exists():
        raise VersionInputError(f"version {version.number}: only the current version can be "
                                "marked as started")
    if started_on is not None and started_on > timezone.localdate():
        raise VersionInputError(f"started_on: {started_on.isoformat()} is in the future")
    initiative = None
    if initiative_key:
        initiative = Initiative.objects.filter(key=initiative_key).first()
        if initiative is None:
            raise VersionInputError(f"initiative: no registry initiative {initiative_key!r}")
    version.started_on, version.initiative = started_on, initiative
    version.save(update_fields=["started_on", "initiative"])
    return version


def followed(seeker_id: int | None = None) -> list[tuple[int, int, dt.date]]:
    """(person, registry initiative, start) of each person's current version where it was
    started within a programme; only that person's with `seeker_id`."""
    found = PlanVersion.objects.order_by("seeker", "number")
    if seeker_id is not None:
        found = found.filter(seeker_id=seeker_id)
    current: dict[int, PlanVersion] = {}
    for version in found:
        current[version.seeker_id] = version
    return [(v.seeker_id, v.initiative_id, v.started_on) for v in current.values()
            if v.started_on is not None and v.initiative_id is not None]


def latest(seeker: JobSeeker) -> PlanVersion | None:
    return seeker.plan_versions.order_by("-number").first()


def mark_seen(version: PlanVersion) -> None:
    """The person opened it: their coach's caseload no longer shows it as new."""
    if version.seen_at is None:
        PlanVersion.objects.filter(pk=version.pk, seen_at=None).update(seen_at=timezone.now())


def against(plan: dict[str, Any], base: PlanVersion | dict[str, Any]) -> dict[str, Any]:
    """What the plan on the screen changes against a saved version or another plan."""
    before = base.snapshot if isinstance(base, PlanVersion) else changes.snapshot(base)
    return changes.compare(before, changes.snapshot(plan)).as_dict()
