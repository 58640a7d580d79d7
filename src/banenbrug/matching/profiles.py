"""Changes to a job seeker's profile, shared by pages, API and the demo data.

Each function validates everything first and then writes inside one transaction, so bad input
(an unknown skill, impossible hours) changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from banenbrug.matching import queue
from banenbrug.people.models import (
    Circumstances,
    FollowUp,
    GroupStatistics,
    JobSeeker,
    SeekerSkill,
    SkillSource,
    WorkExperience,
)
from banenbrug.taxonomy.models import Occupation, OccupationSkill, Skill

PROFILE_FIELDS = ("region", "postcode", "hours_min", "hours_max", "available_from",
                  "situation", "consent_employers", "consent_evaluation")


class ProfileInputError(ValueError):
    status_code = 422  # the API's answer (api/problems.py)

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


def validation_text(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def save_profile(seeker: JobSeeker, **values: Any) -> JobSeeker:
    """Set profile fields after validating them all (model validators + hours order)."""
    for name, value in values.items():
        if name not in PROFILE_FIELDS:
            raise ProfileInputError(f"unknown field {name}", name)
        setattr(seeker, name, value)
    try:
        seeker.full_clean(exclude=["user", "coach"])
    except ValidationError as exc:
        raise ProfileInputError(validation_text(exc)) from exc
    with transaction.atomic():
        seeker.save()
        if not seeker.consent_evaluation:  # kept only with consent (people.FollowUp)
            FollowUp.objects.filter(seeker=seeker).delete()
    return seeker


def resolve_skills(uris: list[str]) -> list[Skill]:
    found = {s.uri: s for s in Skill.objects.filter(uri__in=uris)}
    unknown = [u for u in uris if u not in found]
    if unknown:
        raise ProfileInputError(_("Onbekende vaardigheid: %(uri)s") % {"uri": unknown[0]},
                                "skills")
    return [found[u] for u in dict.fromkeys(uris)]


def add_skills(seeker: JobSeeker, uris: list[str], source: str,
               evidence: dict[str, str] | None = None) -> int:
    """Add skills with their source; a skill already held keeps its first source."""
    if source not in SkillSource.values:
        raise ProfileInputError(f"unknown source {source}", "source")
    skills = resolve_skills(uris)
    evidence = evidence or {}
    held = set(seeker.skills.values_list("skill_id", flat=True))
    new = [SeekerSkill(seeker=seeker, skill=s, source=source,
                       evidence=evidence.get(s.uri, "")[:300]) for s in skills if s.pk not in held]
    SeekerSkill.objects.bulk_create(new)
    return len(new)


def remove_skill(seeker: JobSeeker, uri: str) -> bool:
    return seeker.skills.filter(skill__uri=uri).delete()[0] > 0


def add_experience(seeker: JobSeeker, occupation_uri: str, years: int) -> WorkExperience:
    """Work history; the occupation's essential skills join the profile as 'from an occupation'."""
    occupation = Occupation.objects.filter(uri=occupation_uri).first()
    if occupation is None:
        raise ProfileInputError(_("Onbekend beroep: %(uri)s") % {"uri": occupation_uri},
                                "occupation")
    if not 0 <= int(years) <= 60:
        raise ProfileInputError(_("Het aantal jaren ligt tussen 0 en 60."), "years")
    with transaction.atomic():
        experience, _created = WorkExperience.objects.update_or_create(
            seeker=seeker, occupation=occupation, defaults={"years": int(years)})
        uris = list(OccupationSkill.objects.filter(
            occupation=occupation, relation=OccupationSkill.Relation.ESSENTIAL).values_list(
            "skill__uri", flat=True))
        add_skills(seeker, uris, SkillSource.OCCUPATION)
    return experience


def remove_experience(seeker: JobSeeker, occupation_uri: str) -> bool:
    return seeker.experience.filter(occupation__uri=occupation_uri).delete()[0] > 0


def save_group_statistics(seeker: JobSeeker, **values: str) -> GroupStatistics | None:
    """Optional self-reported group data; all empty removes the record."""
    values = {k: v for k, v in values.items() if k in GroupStatistics.DIMENSIONS}
    if not any(values.values()):
        GroupStatistics.objects.filter(seeker=seeker).delete()
        return None
    record = GroupStatistics.objects.filter(seeker=seeker).first() or GroupStatistics(
        seeker=seeker)
    for name, value in values.items():
        setattr(record, name, value or "")
    try:
        record.full_clean()
    except ValidationError as exc:
        raise ProfileInputError(validation_text(exc)) from exc
    record.save()
    return record


def export(seeker: JobSeeker) -> dict[str, Any]:
    """Everything stored about the person, as JSON-ready data (the right of access)."""
    group = GroupStatistics.objects.filter(seeker=seeker).first()
    held = Circumstances.objects.filter(seeker=seeker).first()
    answers = FollowUp.objects.filter(seeker=seeker).first()
    return {
        "id": seeker.pk,
        "profile": {f: (str(getattr(seeker, f)) if f == "available_from"
                        and seeker.available_from else getattr(seeker, f))
                    for f in PROFILE_FIELDS},
        "created_at": seeker.created_at.isoformat(),
        "updated_at": seeker.updated_at.isoformat(),
        "work_history": [{"occupation": e.occupation.uri, "label": e.occupation.label_en,
                          "years": e.years}
                         for e in seeker.experience.select_related("occupation")],
        "skills": [{"uri": s.skill.uri, "label": s.skill.label_en, "source": s.source,
                    "evidence": s.evidence} for s in seeker.skills.select_related("skill")],
        "open_hiring": [{"vacancy": q.vacancy_id, "position": q.position, "status": q.status,
                         "signed_up_at": q.signed_up_at.isoformat()}
                        for q in seeker.queue_places.all()],
        "group_statistics": ({d: getattr(group, d) for d in GroupStatistics.DIMENSIONS}
                             if group else None),
        "circumstances": model_to_dict(held, exclude=["id", "seeker"]) if held else None,
        "follow_up": model_to_dict(answers, exclude=["id", "seeker"]) if answers else None,
        "coach": seeker.coach.get_username() if seeker.coach else None,
        "is_synthetic": seeker.is_synthetic,
    }


def delete(seeker: JobSeeker) -> None:
    """The right to erasure: give up queue places (offers pass on), then delete everything.
    The queue's event log keeps only anonymous positions."""
    queue.leave_all(seeker)
    with transaction.atomic():
        seeker.delete()
