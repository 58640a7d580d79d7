"""The plan pillar's small world: two cheap modules and one dear one on the tiny ESCO fixture,
three schemes, and the baker in the coach's caseload (fixture `plans_world` in conftest.py)."""

from __future__ import annotations

from banenbrug.plans.models import FundingScheme, ModuleSkill, TrainingModule
from banenbrug.taxonomy.models import Skill
from tests.world import ESCO

WIRING, SAFETY, SOLAR_SKILL = (f"{ESCO}skill/s-{n}" for n in ("wiring", "safety", "solar"))
SOLAR_TITLE, WIRING_TITLE, BOTH_TITLE = ("Zonnepanelen leggen", "Bedrading aanleggen",
                                         "Installatietechniek compleet")


def module(key: str, title: str, skills: list[str], cost: int, **extra) -> TrainingModule:
    values = {"provider": "Testschool", "title": title, "hours": 10, "weeks": 4,
              "cost_eur": cost, "form": "modular", "delivery": "online",
              "award": "certificate", **extra}
    made = TrainingModule.objects.create(key=key, **values)
    for uri in skills:
        ModuleSkill.objects.create(module=made, skill=Skill.objects.get(uri=uri))
    return made


def scheme(key: str, name: str, rule: str = "", **extra) -> FundingScheme:
    values = {"provider": "Testfonds", "kind": "national", "eligibility": rule, **extra}
    return FundingScheme.objects.create(key=key, name=name, **values)


def make_plans_world(esco_world):
    """The baker (world.other, bram) lacks both skills of a solar-panel installer; he is in the
    coach's caseload. Two modules together are cheaper than the one that teaches both."""
    w = esco_world
    w.other.coach = w.coach
    w.other.save()
    module("solar", SOLAR_TITLE, [SOLAR_SKILL], 300)
    module("wiring", WIRING_TITLE, [WIRING], 400)
    module("both", BOTH_TITLE, [WIRING, SOLAR_SKILL], 900)
    scheme("budget", "Leerbudget voor iedereen", max_eur=250)
    scheme("ww-voucher", "Voucher bij WW", "situation = ww")
    scheme("plus45", "Budget voor 45-plussers", "age >= 45")
    return w


