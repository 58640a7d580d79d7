"""Helpers for the cohort tests: a catalogue module and the form data of a cohort (the
`cohort_world` fixture in conftest.py builds on them)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from banenbrug.plans.models import ModuleSkill, TrainingModule
from banenbrug.taxonomy.models import Skill
from tests.world import SOLAR


def make_module(key: str, skills: list[str]) -> TrainingModule:
    made = TrainingModule.objects.create(
        key=key, provider="ROC", title=f"Module {key}", hours=80, weeks=8, cost_eur=0,
        form="modular", delivery="online", award="certificate")
    for uri in skills:
        ModuleSkill.objects.create(module=made, skill=Skill.objects.get(uri=uri))
    return made


def cohort_data(**changes):
    data = {"title": "Zonnemonteurs Groningen", "initiative": "gap", "modules": ["zon"],
            "start_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "places": 2, "region": "AM01", "threshold": 50, "occupation_text": SOLAR}
    return {**data, **changes}
