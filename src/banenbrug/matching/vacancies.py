"""Creating and editing vacancies: skills prefilled from the ESCO occupation, then edited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from banenbrug.matching.models import Vacancy, VacancySkill
from banenbrug.matching.profiles import ProfileInputError, resolve_skills, validation_text
from banenbrug.people.models import Employer
from banenbrug.taxonomy.models import Occupation, OccupationSkill

VacancyInputError = ProfileInputError
VACANCY_FIELDS = ("title", "description", "region", "postcode", "hours_min", "hours_max",
                  "part_time_possible", "salary_min", "salary_max", "hiring_mode", "openings",
                  "min_age", "work_permit_required", "other_requirements", "is_open")


def occupation_skills(occupation: Occupation) -> tuple[list[str], list[str]]:
    """ESCO's essential and optional skill URIs of an occupation: the vacancy's starting point."""
    links = OccupationSkill.objects.filter(occupation=occupation).values_list(
        "skill__uri", "relation")
    essential = [u for u, r in links if r == OccupationSkill.Relation.ESSENTIAL]
    optional = [u for u, r in links if r == OccupationSkill.Relation.OPTIONAL]
    return essential, optional


def save_vacancy(employer: Employer, values: dict[str, Any], occupation_uri: str | None,
                 essential: list[str] | None, optional: list[str] | None,
                 vacancy: Vacancy | None = None, is_synthetic: bool = False) -> Vacancy:
    """Create or update a vacancy. Skills left as None are taken from the occupation."""
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
    with transaction.atomic():
        vacancy.save()
        vacancy.skills.all().delete()
        VacancySkill.objects.bulk_create(
            [VacancySkill(vacancy=vacancy, skill=s, essential=True) for s in essential_skills]
            + [VacancySkill(vacancy=vacancy, skill=s, essential=False) for s in optional_skills])
    return vacancy
