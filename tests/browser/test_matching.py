"""Matching in a real browser: a job seeker pastes a Dutch CV, confirms skills and sees explained
matches; an employer creates an Open Hiring vacancy and sees the queue. axe on every page."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations
from tests.conftest import run_cli

PASSWORD = secrets.token_urlsafe(12)
CV = """Werkervaring
2016-2024 Elektricien bij een installatiebedrijf. Ik installeer zonnepanelen en
leg elektrische installaties aan in woningen. Ik werk veilig en adviseer klanten.
Vaardigheden: Python programmeren, databases gebruiken, software testen."""

USERS = f"""
from django.contrib.auth.models import Group, User
from banenbrug.people.models import Employer, JobSeeker
for name, role in (("bt-werkzoekende", "job_seeker"), ("bt-werkgever", "employer")):
    user, _ = User.objects.get_or_create(username=name)
    user.set_password({PASSWORD!r}); user.save()
    user.groups.add(Group.objects.get(name=role))
JobSeeker.objects.filter(user__username="bt-werkzoekende").delete()
employer, _ = Employer.objects.get_or_create(name="Browsertest Installatie (voorbeeld)",
                                             is_synthetic=True)
employer.members.add(User.objects.get(username="bt-werkgever"))
employer.vacancies.all().delete()
from banenbrug.matching import service
service.extractor()
"""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    for args in (("matching_demo",), ("shell", "-c", USERS)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    return live_url


def login(page, site, username):
    page.goto(site + "/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()


def save_profile(page, site):
    """The job seeker's profile, saved through the page (each test makes its own: xdist may run
    another module's tests in between)."""
    page.goto(site + "/werk/profiel/")
    assert serious_violations(page) == []
    page.get_by_label("Gemeente", exact=True).select_option(label="Amersfoort")
    page.get_by_label("Arbeidsmarktregio").select_option("AM14")
    page.get_by_label("postcode (4 cijfers)").fill("3811")
    page.get_by_label("minimaal uren per week").fill("20")
    page.get_by_label("maximaal uren per week").fill("32")
    page.get_by_label("werkgevers mogen mijn profiel zien").check()
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")


def test_job_seeker_pastes_a_dutch_cv_and_sees_explained_matches(page, site):
    login(page, site, "bt-werkzoekende")
    save_profile(page, site)
    expect(page.get_by_label("Gemeente", exact=True)).to_have_value("GM0307")  # kept
    page.screenshot(path="var/test/profile_municipality.png", full_page=True)

    page.get_by_role("link", name=re.compile("Plak je cv")).first.click()
    page.get_by_label("Tekst van je cv").fill(CV)
    page.get_by_role("button", name="Vaardigheden voorstellen").click()
    boxes = page.locator("input[name=skill]:not([disabled])")
    expect(boxes.first).to_be_visible(timeout=60_000)
    assert boxes.count() >= 3
    expect(page.locator(".evidence").first).to_contain_text("“")  # the triggering words
    assert serious_violations(page) == []
    for i in range(3):
        boxes.nth(i).check()
    page.get_by_role("button", name="Bevestigen en opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("bevestigd")
    expect(page.locator("table").last).to_contain_text("uit tekst, bevestigd")

    page.get_by_role("link", name="Mijn matches").first.click()
    matches = page.locator("ol.match-list > li")
    expect(matches.first).to_be_visible()
    expect(page.locator(".synthetic-notice")).to_be_visible()
    matches.first.locator("summary").click()
    expect(matches.first.locator("dl.explain")).to_contain_text("Heb je al")
    assert serious_violations(page) == []

    # Filter by distance: the state goes into the URL, every match shows its km within it.
    page.get_by_label("Hooguit zo ver (km hemelsbreed)").fill("50")
    page.get_by_role("button", name="Toon matches").click()
    expect(page).to_have_url(re.compile(r"afstand=50"))
    badges = page.locator("ol.match-list > li .badges .distance")
    expect(badges.first).to_be_visible()
    kms = [int(re.fullmatch(r"± (\d+) km", text.strip()).group(1))
           for text in badges.all_inner_texts()]
    assert kms and max(kms) <= 50 and len(kms) == matches.count()
    expect(page.get_by_label("Hooguit zo ver (km hemelsbreed)")).to_have_value("50")
    assert serious_violations(page) == []
    page.screenshot(path="var/test/matches_distance.png", full_page=True)
    page.get_by_role("link", name="Wis de filters").click()
    expect(page).not_to_have_url(re.compile(r"afstand="))
    logout(page)


def test_employer_creates_an_open_hiring_vacancy_and_sees_the_queue(page, site):
    login(page, site, "bt-werkgever")
    page.goto(site + "/werk/werkgever/nieuw/")
    assert serious_violations(page) == []
    page.get_by_label("1. Kies het beroep (ESCO)").fill("monteur zonnepanelen")
    page.get_by_role("button", name="Vaardigheden invullen").click()
    choices = page.get_by_role("alert").get_by_role("link")
    if choices.count():
        choices.first.click()
    expect(page.get_by_role("button", name="Vacature opslaan")).to_be_visible()
    assert page.locator("input[name=essentieel]:checked").count() >= 3  # prefilled
    assert serious_violations(page) == []
    page.get_by_label("Functietitel").fill("Zonnepanelenmonteur Open Hiring")
    page.get_by_label("Arbeidsmarktregio").select_option("AM14")
    page.get_by_label("postcode (4 cijfers)").fill("1012")
    page.get_by_label("minimaal uren per week").fill("16")
    page.get_by_label("maximaal uren per week").fill("32")
    page.get_by_label("Deeltijd mogelijk").check()
    page.get_by_label("Open Hiring (wie zich eerst meldt)").check()
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_role("heading", name="De rij")).to_be_visible()
    expect(page.get_by_text("Nog niemand aangemeld.")).to_be_visible()
    vacancy_url = page.url
    vacancy_id = vacancy_url.rstrip("/").rsplit("/", 1)[-1]
    logout(page)

    login(page, site, "bt-werkzoekende")
    save_profile(page, site)
    page.goto(f"{site}/werk/vacatures/{vacancy_id}/")
    assert serious_violations(page) == []
    page.get_by_label("Ik ben 18 jaar of ouder").check()
    page.get_by_label("Ik mag wettelijk in Nederland werken").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("status")).to_contain_text("plaats 1")
    logout(page)

    login(page, site, "bt-werkgever")
    page.goto(vacancy_url)
    row = page.locator("table.queue tbody tr").first
    expect(row).to_contain_text("aanbod gedaan")
    expect(row.locator("td").first).to_contain_text("K-")
    assert serious_violations(page) == []


def test_employer_posts_a_learn_work_vacancy_and_a_job_seeker_sees_the_training(
        page, site, real_env):
    done = run_cli(real_env, "plans_examples")  # the catalogue whose modules a route names
    assert done.returncode == 0, done.stderr
    login(page, site, "bt-werkgever")
    page.goto(site + "/werk/werkgever/nieuw/")
    page.get_by_label("1. Kies het beroep (ESCO)").fill("monteur zonnepanelen")
    page.get_by_role("button", name="Vaardigheden invullen").click()
    choices = page.get_by_role("alert").get_by_role("link")
    if choices.count():
        choices.first.click()
    route = page.locator("#leerwerk")
    expect(route).to_be_hidden()  # the route counts only for a learn-work vacancy
    page.get_by_label("leerwerkbaan (opleiding op de werkvloer)").check()
    expect(route).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_label("Functietitel").fill("Leerling zonnepanelenmonteur")
    page.get_by_label("Arbeidsmarktregio").select_option("AM14")
    page.get_by_label("postcode (4 cijfers)").fill("1012")
    page.get_by_label("minimaal uren per week").fill("32")
    page.get_by_label("maximaal uren per week").fill("40")
    page.get_by_label(re.compile("^Loon tijdens het leren")).fill("2150")
    page.get_by_label("Uren werk per week").fill("40")
    page.get_by_label("Uren school per week").fill("16")
    page.get_by_label("Diploma of certificaat aan het eind").fill("mbo-3 Monteur")
    page.get_by_label("Modules uit de catalogus").select_option(index=0)
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_text("Werk en school samen zijn 56 uur")).to_be_visible()
    expect(route).to_be_visible()  # the refused form keeps the route open
    page.screenshot(path="var/test/learn_work_form.png", full_page=True)
    page.get_by_label("Uren school per week").fill("8")
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Vacature opgeslagen")
    vacancy_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    logout(page)

    login(page, site, "bt-werkzoekende")
    save_profile(page, site)
    page.goto(f"{site}/werk/vacatures/{vacancy_id}/")
    expect(page.get_by_role("heading", name="Leerwerkbaan: werken en leren met loon")
           ).to_be_visible()
    expect(page.get_by_text("€\u00a02.150 bruto per maand")).to_be_visible()
    # the first module offered teaches most of the vacancy's skills: they are marked
    expect(page.locator(".to-learn").first).to_have_text("leer je in de opleiding")
    assert serious_violations(page) == []
    page.screenshot(path="var/test/learn_work_vacancy.png", full_page=True)
