"""Example routes for the demo's learn-work vacancies, with trainings from the catalogue.

Runs after the plans catalogue is loaded (plans' setup commands). Deterministic (vacancies in id
order, modules by how many of the vacancy's essential skills they teach, then key) and
idempotent: only synthetic learn-work vacancies without a route get one. Each route is marked
as an example in its diploma text; the vacancies are synthetic already.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import transaction

from banenbrug.cli_support import stderr
from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy, VacancySkill
from banenbrug.plans.models import ModuleSkill, TrainingModule

MAX_MODULES = 2


class Command(BaseCommand):
    help = "Give the demo's learn-work vacancies an example route (idempotent)."

    def handle(self, *args, **options):
        todo = list(Vacancy.objects.filter(is_synthetic=True, hiring_mode=HiringMode.LEARN_WORK,
                                           learn_work__isnull=True).order_by("id"))
        if not todo:
            stderr.print("Learn-work demo routes already present (or no demo); nothing changed.")
            return
        teaches: dict[int, set[int]] = defaultdict(set)
        for module_id, skill_id in ModuleSkill.objects.values_list("module_id", "skill_id"):
            teaches[module_id].add(skill_id)
        modules = {m.pk: m for m in TrainingModule.objects.order_by("key")}
        essential: dict[int, list[int]] = defaultdict(list)
        for vacancy_id, skill_id in VacancySkill.objects.filter(
                vacancy__in=todo, essential=True).order_by("skill_id").values_list(
                "vacancy_id", "skill_id"):
            essential[vacancy_id].append(skill_id)
        counts = {"modules": 0, "bbl": 0}
        with transaction.atomic():
            for vacancy in todo:
                self._route(vacancy, essential[vacancy.pk], modules, teaches, counts)
        stderr.print(f"[green]Learn-work demo routes[/]: {counts['modules']} with catalogue "
                     f"modules, {counts['bbl']} BBL routes (examples).")

    @staticmethod
    def _route(vacancy: Vacancy, essential: list[int], modules: dict[int, TrainingModule],
               teaches: dict[int, set[int]], counts: dict[str, int]) -> None:
        wanted = set(essential)
        ranked = sorted((m for m in modules.values() if teaches[m.pk] & wanted),
                        key=lambda m: (-len(teaches[m.pk] & wanted), m.key))
        chosen: list[TrainingModule] = []
        covered: set[int] = set()
        for m in ranked:
            if len(chosen) == MAX_MODULES:
                break
            if teaches[m.pk] & wanted - covered:
                chosen.append(m)
                covered |= teaches[m.pk] & wanted
        # The wage while learning: three quarters of the vacancy's starting salary, whole euros.
        wage = round((vacancy.salary_min or 2600) * 0.75 / 50) * 50
        route = LearnWorkRoute(vacancy=vacancy, wage_eur=wage, work_hours=32, school_hours=8)
        if chosen:
            route.diploma = "certificaten van de modules (voorbeeld)"
            route.save()
            route.modules.set(chosen)
            counts["modules"] += 1
        else:
            route.bbl_level, route.bbl_name = 3, f"BBL {vacancy.title} (voorbeeld)"[:200]
            route.diploma = "mbo-diploma niveau 3 (voorbeeld)"
            route.save()
            route.bbl_skills.set(essential[: max(1, len(essential) // 2)])
            counts["bbl"] += 1
