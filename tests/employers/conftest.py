"""A small world for employer tests: an ESCO fixture (in ESCO's own CSV format) where a solar
panel installer's vacancy is hard to fill, six cable layers in the region who could do part of
it, one electrician, and people elsewhere who do not count."""

from __future__ import annotations

from pathlib import Path

import pytest

from banenbrug.accounts.roles import EMPLOYER, JOB_SEEKER
from banenbrug.employers import cohort_service
from banenbrug.matching import profiles, vacancies
from banenbrug.people.models import Employer
from banenbrug.registry.models import Initiative
from tests.employers.cohort_world import cohort_data, make_module
from tests.world import (
    SOLAR_SKILL,
    make_seeker,
    make_user,
    make_vacancy,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "esco_carving"
ESCO = "http://data.europa.eu/esco/"
SOLAR, CABLE, ELECTRICIAN = (f"{ESCO}occupation/o-{n}" for n in ("solar", "cable",
                                                                 "electrician"))
SKILL = {name: f"{ESCO}skill/s-{name}" for name in (
    "wiring", "safety", "solar", "tools", "cables", "roof", "measure", "inverter")}


@pytest.fixture
def carving_world(db, tmp_path, monkeypatch):
    from banenbrug.matching import service as matching
    from banenbrug.plans import service as plans
    from banenbrug.taxonomy.esco_import import import_esco
    from banenbrug.transitions import service as transitions

    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path / "var"))
    transitions.engines.clear()
    matching.memo.clear()
    plans.memo.clear()
    import_esco([FIXTURE])
    w = type("World", (), {})()
    w.employer_user = make_user("werkgever", EMPLOYER)
    w.other_employer_user = make_user("werkgever2", EMPLOYER)
    w.seeker_user = make_user("zoeker", JOB_SEEKER)
    w.employer = Employer.objects.create(name="Zon BV")
    w.employer.members.add(w.employer_user)
    w.other_employer = Employer.objects.create(name="Wind BV")
    w.other_employer.members.add(w.other_employer_user)
    w.vacancy = make_vacancy(w.employer, title="Monteur zonnepanelen")  # AM01, 24-40 h
    vacancies.save_vacancy(w.employer, {}, SOLAR, None, None, vacancy=w.vacancy)
    w.other_vacancy = make_vacancy(w.other_employer)
    vacancies.save_vacancy(w.other_employer, {}, SOLAR, None, None, vacancy=w.other_vacancy)
    w.empty_vacancy = make_vacancy(w.employer, title="Nog leeg")
    for _ in range(6):
        profiles.add_experience(make_seeker(region="AM01", consent=False), CABLE, 3)
    profiles.add_experience(make_seeker(region="AM01"), ELECTRICIAN, 8)
    for _ in range(3):  # Gelderland: another province, never within reach of Groningen
        profiles.add_experience(make_seeker(region="AM07"), CABLE, 3)
    return w


@pytest.fixture
def cohort_world(esco_world):
    """The small world with an initiative and a cohort whose entry skill is wiring (its module
    teaches solar)."""
    w = esco_world
    w.initiative = Initiative.objects.create(key="gap", name="GAP Academy Noord",
                                             organisation="GAP", kind="side_entry")
    w.other_initiative = Initiative.objects.create(key="ander", name="Ander", organisation="X",
                                                   kind="matching")
    make_module("zon", [SOLAR_SKILL])  # teaches solar: the entry skill left is wiring
    w.cohort = cohort_service.create_cohort(w.employer, cohort_data())
    return w
