"""Matching in a real browser: an employer creates an Open Hiring vacancy and sees the queue,
and posts a learn-work vacancy whose training a job seeker then sees. axe on every page;
screenshots in var/test/screenshots/matching/. (Pasting a CV is part of the job seeker's
journey, test_job_seeker.py; reading candidates the employer's, test_employer_candidates.py.)"""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    Journey,
    fill_profile,
    fill_vacancy,
    log_in,
    log_out,
    start_vacancy,
    user_code,
)
from tests.conftest import run_cli

PASSWORD = secrets.token_urlsafe(12)
USERS = user_code("bt-werkzoekende", "job_seeker", PASSWORD) + user_code(
    "bt-werkgever", "employer", PASSWORD) + """
from banenbrug.people.models import Employer, JobSeeker
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


step = Journey("matching").step


def login(page, site, username):
    log_in(page, site, username, PASSWORD)


def save_profile(page, site):
    """The job seeker's profile, saved through the page (each test makes its own: xdist may run
    another module's tests in between)."""
    page.goto(site + "/werk/profiel/")
    page.get_by_label("Gemeente", exact=True).select_option(label="Amersfoort")
    fill_profile(page, "AM14", "3811", (20, 32), consent=True)


def test_employer_creates_an_open_hiring_vacancy_and_sees_the_queue(page, site):
    login(page, site, "bt-werkgever")
    start_vacancy(page, site, "monteur zonnepanelen")
    expect(page.get_by_role("button", name="Vacature opslaan")).to_be_visible()
    assert page.locator("input[name=essentieel]:checked").count() >= 3  # prefilled
    step(page, "01-open-hiring-vacature")
    fill_vacancy(page, "Zonnepanelenmonteur Open Hiring", "AM14", "1012", (16, 32),
                 mode="Open Hiring (wie zich eerst meldt)")
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_role("heading", name="De rij")).to_be_visible()
    expect(page.get_by_text("Nog niemand aangemeld.")).to_be_visible()
    vacancy_url = page.url
    vacancy_id = vacancy_url.rstrip("/").rsplit("/", 1)[-1]
    log_out(page)

    login(page, site, "bt-werkzoekende")
    save_profile(page, site)
    page.goto(f"{site}/werk/vacatures/{vacancy_id}/")
    step(page, "02-open-hiring-aanmelden")
    page.get_by_label("Ik ben 18 jaar of ouder").check()
    page.get_by_label("Ik mag wettelijk in Nederland werken").check()
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("status")).to_contain_text("plaats 1")
    log_out(page)

    login(page, site, "bt-werkgever")
    page.goto(vacancy_url)
    row = page.locator("table.queue tbody tr").first
    expect(row).to_contain_text("aanbod gedaan")
    expect(row.locator("td").first).to_contain_text("K-")
    step(page, "03-open-hiring-rij")


def test_employer_posts_a_learn_work_vacancy_and_a_job_seeker_sees_the_training(
        page, site, real_env):
    done = run_cli(real_env, "plans_examples")  # the catalogue whose modules a route names
    assert done.returncode == 0, done.stderr
    login(page, site, "bt-werkgever")
    start_vacancy(page, site, "monteur zonnepanelen")
    route = page.locator("#leerwerk")
    expect(route).to_be_hidden()  # the route counts only for a learn-work vacancy
    page.get_by_label("leerwerkbaan (opleiding op de werkvloer)").check()
    expect(route).to_be_visible()
    step(page, "04-leerwerkbaan")
    fill_vacancy(page, "Leerling zonnepanelenmonteur", "AM14", "1012", (32, 40),
                 part_time=False)
    page.get_by_label(re.compile("^Loon tijdens het leren")).fill("2150")
    page.get_by_label("Uren werk per week").fill("40")
    page.get_by_label("Uren school per week").fill("16")
    page.get_by_label("Diploma of certificaat aan het eind").fill("mbo-3 Monteur")
    page.get_by_label("Modules uit de catalogus").select_option(index=0)
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_text("Werk en school samen zijn 56 uur")).to_be_visible()
    expect(route).to_be_visible()  # the refused form keeps the route open
    step(page, "05-leerwerkbaan-geweigerd")
    page.get_by_label("Uren school per week").fill("8")
    page.get_by_role("button", name="Vacature opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Vacature opgeslagen")
    vacancy_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    log_out(page)

    login(page, site, "bt-werkzoekende")
    save_profile(page, site)
    page.goto(f"{site}/werk/vacatures/{vacancy_id}/")
    expect(page.get_by_role("heading", name="Leerwerkbaan: werken en leren met loon")
           ).to_be_visible()
    expect(page.get_by_text("€\u00a02.150 bruto per maand")).to_be_visible()
    # the first module offered teaches most of the vacancy's skills: they are marked
    expect(page.locator(".to-learn").first).to_have_text("leer je in de opleiding")
    step(page, "06-leerwerkbaan-werkzoekende")
