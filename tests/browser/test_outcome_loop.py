"""The outcome loop in a real browser: an analyst runs it as a background job and reads the
counts per initiative; a placed job seeker answers the follow-up questions from their
profile. axe on every page; screenshots go to var/test/screenshots/outcome_loop/."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from banenbrug.accounts.roles import ANALYST, JOB_SEEKER
from banenbrug.conf.paths import PROJECT_ROOT
from banenbrug.matching.models import QueueEntry
from banenbrug.people.models import Circumstances, Employer, JobSeeker
from banenbrug.registry.models import Initiative as RegistryInitiative
from tests.browser.conftest import new_page, serious_violations
from tests.world import make_vacancy

SHOTS = PROJECT_ROOT / "var" / "test" / "screenshots" / "outcome_loop"
PASSWORD = "Warmtepomp-Monteur-2027"
INTAKE = {"birth_year": 1984, "education_level": "middelbaar", "annual_income_eur": 26000,
          "benefit_months": 10}


def _user(name: str, role: str) -> User:
    user = User.objects.create_user(name, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


def _person(user=None) -> JobSeeker:
    seeker = JobSeeker.objects.create(user=user, region="AM01", postcode="9711", hours_min=24,
                                      hours_max=36, situation="ww", consent_evaluation=True)
    Circumstances.objects.create(seeker=seeker, **INTAKE)
    return seeker


@pytest.fixture
def site(live_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pilot = RegistryInitiative.objects.create(key="warmtepomp-open-hiring", kind="matching",
                                              name="Warmtepompen via Open Hiring",
                                              organisation="Installatiewerk Noord")
    vacancy = make_vacancy(Employer.objects.create(name="Warmte BV"), mode="open_hiring",
                           openings=50, initiative=pilot)
    placed = [_person() for _ in range(11)] + [_person(_user("sanne", JOB_SEEKER))]
    for position, seeker in enumerate(placed, start=1):
        QueueEntry.objects.create(vacancy=vacancy, seeker=seeker, position=position,
                                  status="accepted")
    QueueEntry.objects.filter(seeker=placed[-1]).update(
        signed_up_at=timezone.now() - dt.timedelta(days=200))  # her first question is due
    for _ in range(20):
        _person()
    _user("analist", ANALYST)
    live_server.sanne = placed[-1].pk
    return live_server


@pytest.fixture
def page(site):
    """Opened after the database work: Django refuses ORM calls while playwright's loop runs."""
    with new_page() as opened:
        yield opened


def step(page, name: str) -> None:
    assert serious_violations(page) == [], name
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def login(page, site: str, username: str) -> None:
    page.goto(site + "/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


@pytest.mark.django_db(transaction=True)
def test_analyst_runs_the_loop_and_a_placed_person_answers(page, site):
    sanne, site = site.sanne, site.url
    login(page, site, "analist")
    page.goto(site + "/evaluatie/")
    page.get_by_role("link", name="Uitkomstenlus: hoeveel gegevens").click()
    expect(page.locator("h1")).to_have_text("Uitkomstenlus: wanneer is een initiatief te "
                                            "evalueren?")
    expect(page.get_by_text("Nog geen initiatieven met uitkomstgegevens.")).to_be_visible()
    step(page, "01-uitkomstenlus-leeg")
    page.get_by_role("button", name="Uitkomstenlus nu draaien").click()
    page.wait_for_url("**/taken/*/")  # a background job, with its progress
    page.get_by_role("link", name="Bekijk het resultaat").click(timeout=60_000)
    page.wait_for_url("**/evaluatie/uitkomstenlus/")
    row = page.locator("tbody tr").first
    expect(row.locator("th")).to_contain_text("Warmtepompen via Open Hiring")
    expect(row.locator("td").nth(0)).to_have_text("12")
    expect(row.locator("td").nth(1)).to_have_text("20")
    expect(row.locator("td").nth(2)).to_have_text("0 / 0")  # nobody answered yet
    expect(row).to_contain_text("1.570 deelnemers en 1.570 in de vergelijkingsgroep")
    step(page, "02-uitkomstenlus-geteld")

    page.context.clear_cookies()
    login(page, site, "sanne")
    # what the evaluation needs at the start, asked in "Mijn situatie"
    page.goto(f"{site}/overstapplan/{sanne}/situatie/")
    expect(page.get_by_label("Hoogste afgeronde opleiding")).to_have_value("middelbaar")
    expect(page.get_by_label("Maanden met een uitkering in de afgelopen twee jaar")
           ).to_have_value("10")
    step(page, "03-mijn-situatie")
    page.goto(site + "/werk/profiel/")
    page.get_by_role("link", name="Hoe gaat het nu? Vervolgvragen").click()
    expect(page.locator("h1")).to_have_text("Hoe gaat het nu?")
    expect(page.get_by_text("Had je 12 maanden na de start")).to_have_count(0)  # not yet due
    step(page, "04-vervolgvragen")
    page.get_by_role("group", name="Had je 6 maanden na de start betaald werk?") \
        .get_by_label("ja").check()
    page.get_by_label("Bruto maandloon 6 maanden").fill("2750")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("je antwoorden zijn opgeslagen")).to_be_visible()
    # the form comes back with what is now stored
    expect(page.get_by_label("Bruto maandloon 6 maanden")).to_have_value("2750")
    expect(page.get_by_role("group", name="Had je 6 maanden na de start betaald werk?")
           .get_by_label("ja")).to_be_checked()
    step(page, "05-vervolgvragen-opgeslagen")
