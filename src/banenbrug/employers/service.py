"""Jobcarving and vacancy-text checks for employers: the pure engines fed from the database.

Jobcarving counts every local job seeker (consent or not: only numbers leave this module, never
a person), in matching's own skill space, with matching's scores; the coherence graph comes from
ESCO (skill families and essential co-occurrence in occupations), the short modules from the
plans catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from banenbrug.employers import inclusive_text
from banenbrug.employers.jobcarving import Carving, CarvingInputError, belongs_together, carve
from banenbrug.matching import regions
from banenbrug.matching import service as matching
from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy, VacancySkill
from banenbrug.matching.vacancies import LearnWork, save_vacancy
from banenbrug.people.models import JobSeeker
from banenbrug.plans import service as plans
from banenbrug.plans.catalogue import Module, Reach
from banenbrug.taxonomy.models import Occupation, OccupationSkill, Skill

SHORT_MODULE_HOURS = 80  # about two working weeks; 40 % of the example catalogue is this short
MAX_CARVED = 3
MIN_COOCCUR = 2  # essential together in two occupations: more than the vacancy's own


class EmployerInputError(ValueError):
    """Bad input from an employer: a vacancy that cannot be carved, a wrong carved role."""


@dataclass(frozen=True)
class _Skills:
    pks: list[int]  # per essential position (the engine's order)
    by_pk: dict[int, Skill]


def _province_regions(vacancy: Vacancy) -> frozenset[str]:
    province = regions.by_code().get(vacancy.region)
    return frozenset(r.code for r in regions.regions()
                     if province and r.province_code == province.province_code)


def _short_modules(vacancy: Vacancy) -> list[Module]:
    """Short catalogue modules someone near the vacancy can follow within a year."""
    reach = Reach(regions=_province_regions(vacancy) or None)
    return [m for m in plans.catalogue().modules
            if m.hours <= SHORT_MODULE_HOURS and reach.admits(m)]


def _essential_in(pks: list[int]) -> dict[int, list[int]]:
    """Occupation id -> positions of the vacancy's skills that are essential to it."""
    position = {pk: i for i, pk in enumerate(pks)}
    occupations: dict[int, list[int]] = {}
    for occupation, skill in OccupationSkill.objects.filter(
            skill_id__in=pks, relation=OccupationSkill.Relation.ESSENTIAL).values_list(
            "occupation_id", "skill_id"):
        occupations.setdefault(occupation, []).append(position[skill])
    return occupations


def _together(occupations: dict[int, list[int]], family: np.ndarray) -> np.ndarray:
    n = len(family)
    cooccur = np.zeros((n, n), dtype=np.int64)
    for members in occupations.values():
        cooccur[np.ix_(members, members)] += 1
    return belongs_together(family, cooccur, MIN_COOCCUR)


def _shared_by(skills: tuple[int, ...], occupations: dict[int, list[int]], exclude: int | None,
               lang: str) -> list[dict[str, Any]]:
    """The occupations that need most of a carved role's skills: why they belong together."""
    chosen = set(skills)
    shared = sorted(((len(chosen.intersection(members)), occupation)
                     for occupation, members in occupations.items()
                     if occupation != exclude and len(chosen.intersection(members)) >= 2),
                    key=lambda t: (-t[0], t[1]))[:3]
    found = Occupation.objects.in_bulk([o for _n, o in shared])
    return [{"uri": found[o].uri, "label": found[o].label(lang), "shared": n,
             "of": len(chosen)} for n, o in shared]


def jobcarving(vacancy: Vacancy, max_carved: int = 1, lang: str = "nl") -> dict[str, Any]:
    """The carving of one vacancy: the CLI's contract (vacancy, original, carved, remaining)
    plus what the page and API explain with (labels, holders, ready now, the reasons)."""
    if not 1 <= max_carved <= MAX_CARVED:
        raise EmployerInputError(_("Het aantal deelfuncties ligt tussen 1 en %(max)s, niet "
                                   "%(n)s.") % {"max": MAX_CARVED, "n": max_carved})
    essential_pks = list(vacancy.skills.filter(essential=True).values_list("skill_id",
                                                                           flat=True))
    if not essential_pks:
        raise EmployerInputError(_("Vacature %(id)s heeft geen essentiële vaardigheden om op "
                                   "te splitsen.") % {"id": vacancy.pk})
    space = matching.skill_space()
    table = matching.vacancy_table(space, Vacancy.objects.filter(pk=vacancy.pk))
    # only the province can be within reach (the engine checks again): a twelfth of the rows
    people = matching.people_table(space, JobSeeker.objects.filter(
        region__in=_province_regions(vacancy) or [vacancy.region]))
    cols = np.unique(table.arrays.essential[0].indices)
    pks = [int(space.pk_of_index[c]) for c in cols]
    family = space.engine.family[cols][:, cols].toarray() > 0
    modules = _short_modules(vacancy)
    teaches: dict[int, list[Module]] = {}
    for module in modules:
        for skill in module.skills:
            teaches.setdefault(cast(int, skill), []).append(module)  # ESCO skill ids
    learnable = np.array([pk in teaches for pk in pks], dtype=bool)
    occupations = _essential_in(pks)
    try:
        result = carve(space.engine, table.arrays, 0, people.arrays,
                       _together(occupations, family), learnable, max_carved)
    except CarvingInputError as exc:
        raise EmployerInputError(str(exc)) from exc
    # skills matching's space does not know (none in a consistent database) stay in the core
    unknown = [pk for pk in essential_pks if pk not in set(pks)]
    skills = _Skills(pks, Skill.objects.in_bulk([*pks, *unknown]))
    shared = [_shared_by(role.skills, occupations, vacancy.occupation_id, lang)
              for role in result.carved]
    return _present(vacancy, result, skills, unknown, teaches, shared, lang)


def _present(vacancy: Vacancy, result: Carving, skills: _Skills, unknown: list[int],
             teaches: dict[int, list[Module]], shared: list[list[dict[str, Any]]],
             lang: str) -> dict[str, Any]:
    def ref(position: int) -> dict[str, Any]:
        skill = skills.by_pk[skills.pks[position]]
        return {"uri": skill.uri, "label": skill.label(lang), "label_lang": skill.label_lang(lang),
                "holders": result.holders[position]}

    def uris(positions: tuple[int, ...], extra: tuple[int, ...] = ()) -> list[str]:
        return [skills.by_pk[skills.pks[p]].uri for p in positions] + [
            skills.by_pk[pk].uri for pk in extra]

    rare = set(result.rare)
    carved = []
    for number, role in enumerate(result.carved, 1):
        by_holders = sorted(role.skills, key=lambda p: (-result.holders[p], p))
        names = [str(skills.by_pk[skills.pks[p]].label(lang)) for p in by_holders[:2]]
        with override(lang):
            title = _("%(title)s — %(skills)s") % {"title": vacancy.title,
                                                    "skills": _(" en ").join(names)}
        taught: dict[str, tuple[Module, list[str]]] = {}
        for p in role.skills:
            for module in teaches.get(skills.pks[p], []):
                taught.setdefault(module.key, (module, []))[1].append(
                    skills.by_pk[skills.pks[p]].uri)
        ranked = sorted(taught.values(), key=lambda t: (-len(t[1]), t[0].hours, t[0].key))[:5]
        carved.append({
            "number": number, "title": title[:200], "skills": uris(role.skills),
            "candidates": role.candidates, "ready_now": role.ready_now,
            "skill_refs": [ref(p) for p in by_holders],
            "modules": [{"key": m.key, "title": m.title, "hours": m.hours,
                         "is_example": m.is_example, "skills": taught_uris}
                        for m, taught_uris in ranked],
            "gain": round(role.candidates / max(result.original.candidates, 1), 1),
            "shared_by": shared[number - 1]})
    remaining = result.remaining.skills
    return {
        "vacancy": vacancy.pk,
        "original": {"skills": uris(tuple(range(len(skills.pks))), tuple(unknown)),
                     "candidates": result.original.candidates,
                     "ready_now": result.original.ready_now},
        "carved": carved,
        "remaining": {"skills": uris(remaining, tuple(unknown)),
                      "candidates": result.remaining.candidates,
                      "ready_now": result.remaining.ready_now,
                      "skill_refs": [ref(p) for p in remaining],
                      "rare": [ref(p)["uri"] for p in remaining if p in rare]},
        "local": result.local,
        "title": vacancy.title,
        "region_name": vacancy.region_name,
        "is_synthetic": vacancy.is_synthetic,
    }


def contract(carving: dict[str, Any]) -> dict[str, Any]:
    """Exactly the command's JSON: vacancy, original, carved, remaining."""
    return {"vacancy": carving["vacancy"],
            "original": {k: carving["original"][k] for k in ("skills", "candidates")},
            "carved": [{k: role[k] for k in ("title", "skills", "candidates", "modules")}
                       for role in carving["carved"]],
            "remaining": {k: carving["remaining"][k] for k in ("skills", "candidates")}}


def publish_carved(vacancy: Vacancy, skill_uris: list[str], title: str,
                   hiring_mode: str = HiringMode.SKILLS,
                   narrow_original: bool = False) -> Vacancy:
    """A carved role as a new vacancy of the same employer, place, hours and pay; optionally
    the original keeps only the rest. One transaction: a refusal stores nothing."""
    title = title.strip()
    essential = list(vacancy.skills.filter(essential=True).values_list("skill__uri", flat=True))
    chosen = list(dict.fromkeys(skill_uris))
    if not title:
        raise EmployerInputError(_("Geef de deelfunctie een titel."))
    if not chosen:
        raise EmployerInputError(_("Kies minstens één vaardigheid voor de deelfunctie."))
    outside = [u for u in chosen if u not in essential]
    if outside:
        raise EmployerInputError(_("Deze vaardigheid hoort niet bij de essentiële "
                                   "vaardigheden van de vacature: %(uri)s") % {"uri": outside[0]})
    if narrow_original and len(chosen) >= len(essential):
        raise EmployerInputError(_("De oorspronkelijke vacature moet minstens één vaardigheid "
                                   "houden."))
    if hiring_mode not in HiringMode.values:
        raise EmployerInputError(_("Onbekende manier van werven: %(m)s") % {"m": hiring_mode})
    route = None
    if hiring_mode == HiringMode.LEARN_WORK:
        route = _same_route(vacancy, chosen)
    values = {name: getattr(vacancy, name) for name in (
        "region", "municipality", "postcode", "hours_min", "hours_max", "part_time_possible",
        "salary_min", "salary_max", "min_age", "work_permit_required", "other_requirements")}
    values.update(title=title[:200], hiring_mode=hiring_mode, openings=1, is_open=True,
                  description=_("Deelfunctie, afgesplitst van de vacature '%(t)s'.")
                  % {"t": vacancy.title})
    with transaction.atomic():
        made = save_vacancy(vacancy.employer, values, None, chosen, [],
                            is_synthetic=vacancy.is_synthetic, learn_work=route)
        if narrow_original:
            VacancySkill.objects.filter(vacancy=vacancy, essential=True,
                                        skill__uri__in=chosen).delete()
    return made


def _same_route(vacancy: Vacancy, skills: list[str]) -> LearnWork:
    """A carved learn-work role takes the original's route (as it takes place, hours and pay);
    without one there is no training to name, and a learn-work vacancy must name one."""
    route = LearnWorkRoute.objects.filter(vacancy=vacancy).first()
    if route is None:
        raise EmployerInputError(_(
            "Een leerwerkbaan noemt zijn opleiding, en de oorspronkelijke vacature heeft er geen. "
            "Publiceer de deelfunctie op vaardigheden of met Open Hiring en maak er via "
            "Bewerken een leerwerkbaan van."))
    return LearnWork(wage_eur=route.wage_eur, work_hours=route.work_hours,
                     school_hours=route.school_hours, diploma=route.diploma,
                     module_keys=list(route.modules.values_list("key", flat=True)),
                     bbl_level=route.bbl_level, bbl_name=route.bbl_name,
                     bbl_skills=[u for u in route.bbl_skills.values_list("uri", flat=True)
                                 if u in skills])


# ------------------------------------------------------------------ vacancy texts

def check_text(text: str, *, title: str = "", requirements: str = "",
               part_time_possible: bool | None = None, lang: str = "nl") -> dict[str, Any]:
    """Findings on a vacancy's wording (never a refusal): as JSON-ready data."""
    if len(text) + len(title) + len(requirements) > inclusive_text.MAX_TEXT:
        raise EmployerInputError(_("De tekst is langer dan %(n)s tekens.")
                                 % {"n": inclusive_text.MAX_TEXT})
    report = inclusive_text.check(
        inclusive_text.VacancyText(title=title, description=text, requirements=requirements,
                                   part_time_possible=part_time_possible),
        inclusive_text.word_list())
    return inclusive_text.as_dict(report, lang)


def check_vacancy(vacancy: Vacancy, lang: str = "nl") -> dict[str, Any]:
    return check_text(vacancy.description, title=vacancy.title,
                      requirements=vacancy.other_requirements,
                      part_time_possible=vacancy.part_time_possible, lang=lang)
