"""A small world for the tests of every pillar: the tiny ESCO fixture, people, employers, roles.

Registered for the whole suite in tests/conftest.py (`pytest_plugins`), so its fixtures need no
import; the constants and factories are imported from here.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection

from banenbrug.accounts.roles import ANALYST, COACH, EMPLOYER, JOB_SEEKER
from banenbrug.matching import profiles, vacancies
from banenbrug.matching.models import HiringMode, Vacancy
from banenbrug.people.models import Employer, JobSeeker

ESCO = "http://data.europa.eu/esco/"
ELECTRICIAN, SOLAR, BAKER = (f"{ESCO}occupation/o-{n}" for n in ("electrician", "solar", "baker"))
WIRING, SOLAR_SKILL = f"{ESCO}skill/s-wiring", f"{ESCO}skill/s-solar"


def make_user(name: str, role: str) -> User:
    user = User.objects.create_user(name, password="x-long-password-1")
    user.groups.add(Group.objects.get(name=role))
    return user


def make_seeker(user: User | None = None, *, region: str = "AM01", consent: bool = True,
                hours: tuple[int, int] = (24, 36), coach: User | None = None) -> JobSeeker:
    return JobSeeker.objects.create(user=user, region=region, postcode="9711",
                                    hours_min=hours[0], hours_max=hours[1],
                                    consent_employers=consent, coach=coach)


def make_vacancy(employer: Employer, *, mode: str = HiringMode.SKILLS, openings: int = 1,
                 **extra) -> Vacancy:
    values = {"title": "Monteur", "region": "AM01", "postcode": "9711", "hours_min": 24,
              "hours_max": 40, "part_time_possible": True, "hiring_mode": mode,
              "openings": openings, **extra}
    return Vacancy.objects.create(employer=employer, **values)


def in_threads(n: int, work) -> list[BaseException]:
    """Run work(i) in n threads released at the same moment; each closes its connection."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(i)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


@pytest.fixture
def world(db):
    """Users of every role, two employers with a vacancy each, a caseload."""
    w = type("World", (), {})()
    w.seeker_user = make_user("anna", JOB_SEEKER)
    w.other_user = make_user("bram", JOB_SEEKER)
    w.coach = make_user("coach", COACH)
    w.other_coach = make_user("coach2", COACH)
    w.employer_user = make_user("baas", EMPLOYER)
    w.other_employer_user = make_user("baas2", EMPLOYER)
    w.analyst = make_user("analist", ANALYST)
    w.seeker = make_seeker(w.seeker_user, coach=w.coach)
    w.other = make_seeker(w.other_user, consent=False)
    w.employer = Employer.objects.create(name="Zon BV")
    w.employer.members.add(w.employer_user)
    w.other_employer = Employer.objects.create(name="Wind BV")
    w.other_employer.members.add(w.other_employer_user)
    w.vacancy = make_vacancy(w.employer)
    w.other_vacancy = make_vacancy(w.other_employer)
    return w


@pytest.fixture
def esco_world(world, esco_small, tmp_path, monkeypatch):
    """The world plus the tiny ESCO data, skills on the people and the vacancies."""
    from banenbrug.matching import service
    from banenbrug.taxonomy.esco_import import import_esco
    from banenbrug.transitions import service as transitions

    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path / "var"))
    transitions.engines.clear()
    service.memo.clear()
    import_esco([esco_small])
    profiles.add_experience(world.seeker, ELECTRICIAN, 5)
    profiles.add_experience(world.other, BAKER, 3)
    vacancies.save_vacancy(world.employer, {}, SOLAR, None, None, vacancy=world.vacancy)
    vacancies.save_vacancy(world.other_employer, {}, BAKER, None, None,
                           vacancy=world.other_vacancy)
    return world
