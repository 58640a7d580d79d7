"""Creating and editing vacancies: skills prefilled from the ESCO occupation, then edited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy, VacancySkill
from banenbrug.matching.profiles import ProfileInputError, resolve_skills, validation_text
from banenbrug.people.models import Employer
from banenbrug.taxonomy.models import Occupation, OccupationSkill

VacancyInputError = ProfileInputError
VACANCY_FIELDS = ("title", "description", "municipality", "region", "postcode", "hours_min",
                  "hours_max", "part_time_possible", "salary_min", "salary_max", "hiring_mode",
                  "openings", "min_age", "work_permit_required", "other_requirements", "is_open")


def occupation_skills(occupation: Occupation) -> tuple[list[str], list[str]]:
    """ESCO's essential and optional skill URIs of an occupation: the vacancy's starting point."""
    links = OccupationSkill.objects.filter(occupation=occupation).values_list(
        "skill__uri", "relation")
    essential = [u for u, r in links if r == OccupationSkill.Relation.ESSENTIAL]
    optional = [u for u, r in links if r == OccupationSkill.Relation.OPTIONAL]
    return essential, optional


@dataclass
class LearnWork:
    """A learn-work vacancy's route as entered: modules by catalogue key, a BBL route (level,
    name, the vacancy's skills it teaches), wage, hours and diploma."""

    wage_eur: int | None = None
    work_hours: int | None = None
    school_hours: int | None = None
    diploma: str = ""
    module_keys: list[str] = field(default_factory=list)
    bbl_level: int | None = None
    bbl_name: str = ""
    bbl_skills: list[str] = field(default_factory=list)  # skill URIs


ROUTE_FIELDS = ("wage_eur", "work_hours", "school_hours", "diploma", "bbl_level", "bbl_name")


def _route(vacancy: Vacancy, route: LearnWork | None,
           skill_uris: set[str]) -> tuple[LearnWorkRoute, list[Any], list[Any]]:
    """The unsaved route, its modules and BBL skills, validated; VacancyInputError otherwise."""
    if route is None:
        raise VacancyInputError(_("Een leerwerkbaan noemt zijn opleiding, het loon tijdens het "
                                  "leren, de uren en het diploma."), "learn_work")
    keys = list(dict.fromkeys(route.module_keys))
    # the catalogue (plans) builds on this app: reached through the route's own relation
    catalogue = LearnWorkRoute._meta.get_field("modules").related_model._default_manager
    modules = list(catalogue.filter(key__in=keys))
    unknown = sorted(set(keys) - set(catalogue.filter(key__in=keys).values_list("key", flat=True)))
    if unknown:
        raise VacancyInputError(_("Onbekende module: %(key)s") % {"key": unknown[0]},
                                "learn_work.module_keys")
    if not modules and not route.bbl_name.strip():
        raise VacancyInputError(_("Een leerwerkbaan noemt minstens één opleiding: modules uit de "
                                  "catalogus of een BBL-opleiding."), "learn_work")
    outside = [u for u in route.bbl_skills if u not in skill_uris]
    if outside:
        raise VacancyInputError(_("De BBL-opleiding kan alleen vaardigheden van de vacature "
                                  "leren; %(uri)s is er geen.") % {"uri": outside[0]},
                                "learn_work.bbl_skills")
    row = LearnWorkRoute.objects.filter(vacancy=vacancy).first() if vacancy.pk else None
    row = row or LearnWorkRoute(vacancy=vacancy)
    for name in ROUTE_FIELDS:
        setattr(row, name, getattr(route, name))
    row.bbl_name = row.bbl_name.strip()
    try:
        row.full_clean(exclude=["vacancy"])
    except ValidationError as exc:
        raise VacancyInputError(validation_text(exc), "learn_work") from exc
    return row, modules, resolve_skills(route.bbl_skills) if row.bbl_name else []


def save_vacancy(employer: Employer, values: dict[str, Any], occupation_uri: str | None,
                 essential: list[str] | None, optional: list[str] | None,
                 vacancy: Vacancy | None = None, is_synthetic: bool = False,
                 learn_work: LearnWork | None = None) -> Vacancy:
    """Create or update a vacancy. Skills left as None are taken from the occupation. A
    learn-work vacancy needs its route (``learn_work``); other modes drop a stored one."""
    vacancy = vacancy or Vacancy(employer=employer, is_synthetic=is_synthetic)
    for name, value in values.items():
        if name not in VACANCY_FIELDS:
            raise VacancyInputError(f"unknown field {name}", name)
        setattr(vacancy, name, value)
    occupation = None
    if occupation_uri:
        occupation = Occupation.objects.filter(uri=occupation_uri).first()
        if occupation is None:
            raise VacancyInputError(_("Onbekend beroep: %(uri)s") % {"uri": occupation_uri},
                                    "occupation")
    vacancy.occupation = occupation
    if occupation is not None and essential is None and optional is None:
        essential, optional = occupation_skills(occupation)
    essential_skills = resolve_skills(essential or [])
    optional_skills = [s for s in resolve_skills(optional or [])
                       if s.uri not in {e.uri for e in essential_skills}]
    try:
        vacancy.full_clean(exclude=["employer"])
    except ValidationError as exc:
        raise VacancyInputError(validation_text(exc)) from exc
    route = None
    if vacancy.hiring_mode == HiringMode.LEARN_WORK:
        route = _route(vacancy, learn_work,
                       {s.uri for s in (*essential_skills, *optional_skills)})
    with transaction.atomic():
        vacancy.save()
        vacancy.skills.all().delete()
        VacancySkill.objects.bulk_create(
            [VacancySkill(vacancy=vacancy, skill=s, essential=True) for s in essential_skills]
            + [VacancySkill(vacancy=vacancy, skill=s, essential=False) for s in optional_skills])
        if route is None:
            LearnWorkRoute.objects.filter(vacancy=vacancy).delete()
        else:
            row, modules, bbl_skills = route
            row.vacancy = vacancy
            row.save()
            row.modules.set(modules)
            row.bbl_skills.set(bbl_skills)
    return vacancy


def taught_skill_ids(route: LearnWorkRoute) -> set[int]:
    """The skills a route teaches: its modules' skills and the BBL route's."""
    ids = set(route.modules.values_list("skills", flat=True))
    return (ids | set(route.bbl_skills.values_list("id", flat=True))) - {None}


def route_summary(vacancy: Vacancy, lang: str = "nl") -> dict[str, Any] | None:
    """The route of a learn-work vacancy for pages and API; None for other vacancies."""
    route = LearnWorkRoute.objects.filter(vacancy=vacancy).first()
    if not vacancy.is_learn_work or route is None:
        return None
    return {
        "wage_eur": route.wage_eur, "work_hours": route.work_hours,
        "school_hours": route.school_hours, "diploma": route.diploma,
        "bbl": {"level": route.bbl_level, "name": route.bbl_name} if route.bbl_name else None,
        "modules": [{"key": m.key, "title": m.title, "provider": m.provider, "hours": m.hours,
                     "is_example": m.is_example} for m in route.modules.order_by("title")],
        "bbl_skills": [s.uri for s in route.bbl_skills.order_by("uri")],
    }
