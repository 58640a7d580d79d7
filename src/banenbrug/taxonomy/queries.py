"""Read-side queries shared by the pages and the API, so both show the same facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from banenbrug.taxonomy import green_digital
from banenbrug.taxonomy.models import (
    CollectionMembership,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Skill,
)

OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
SKILL_SHOWN = ("uri", "label_en", "label_nl", "skill_type")


@dataclass
class OccupationView:
    occupation: Occupation
    isco_group: IscoGroup | None
    essential: dict[str, list[Skill]] = field(default_factory=dict)  # skill type -> skills
    optional: dict[str, list[Skill]] = field(default_factory=dict)
    green_essential: int = 0
    digital_essential: int = 0
    essential_total: int = 0

    @property
    def is_green(self) -> bool:
        return green_digital.is_green(self.occupation.uri, self.occupation.green_share)

    @property
    def is_digital(self) -> bool:
        return green_digital.is_digital(self.digital_essential, self.essential_total)


def occupation_by_uuid(uuid: str) -> Occupation:
    try:
        return Occupation.objects.get(uri=OCCUPATION_PREFIX + uuid)
    except Occupation.DoesNotExist:
        raise Http404("occupation not found") from None


def skill_by_uuid(uuid: str) -> Skill:
    try:
        return Skill.objects.get(uri=SKILL_PREFIX + uuid)
    except Skill.DoesNotExist:
        raise Http404("skill not found") from None


def occupation_view(occupation: Occupation, lang: str) -> OccupationView:
    # only what the page and the API show of each skill: the full rows (descriptions, every
    # alternative label) were most of the page's time in the database and in building models
    links = (OccupationSkill.objects.filter(occupation=occupation).select_related("skill")
             .only("relation", "skill_id", *(f"skill__{f}" for f in SKILL_SHOWN)))
    view = OccupationView(occupation, IscoGroup.objects.filter(code=occupation.isco_code).first())
    collections = _collections([link.skill_id for link in links])
    for link in sorted(links, key=lambda lk: lk.skill.label(lang).casefold()):
        target = view.essential if link.relation == "essential" else view.optional
        target.setdefault(link.skill.skill_type or "skill/competence", []).append(link.skill)
        if link.relation == "essential":
            view.essential_total += 1
            view.green_essential += "green" in collections.get(link.skill_id, ())
            view.digital_essential += "digital" in collections.get(link.skill_id, ())
    return view


def _collections(skill_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for skill_id, collection in CollectionMembership.objects.filter(
        skill_id__in=skill_ids
    ).values_list("skill_id", "collection"):
        found.setdefault(skill_id, set()).add(collection)
    return found


def skill_collections(skill: Skill) -> list[str]:
    return sorted(skill.memberships.values_list("collection", flat=True))


def occupations_needing(skill: Skill) -> dict[str, list[Occupation]]:
    result: dict[str, list[Occupation]] = {"essential": [], "optional": []}
    for link in OccupationSkill.objects.filter(skill=skill).select_related("occupation"):
        result[link.relation].append(link.occupation)
    for occupations in result.values():
        occupations.sort(key=lambda o: o.label_en.casefold())
    return result
