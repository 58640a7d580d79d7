"""Employers in a real browser: jobcarving of a hard demo vacancy, publishing the carved role,
and the vacancy-text check (its own page and live beside the vacancy form). axe on every page;
screenshots in var/test/screenshots/jobcarving/."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey, log_in, user_code
from tests.conftest import run_cli

step = Journey("jobcarving").step
PASSWORD = secrets.token_urlsafe(12)
USER = user_code("bt-werkgever-carving", "employer", PASSWORD) + """
from banenbrug.matching.models import Vacancy
from banenbrug.people.models import Employer
employer = Employer.objects.get(name="Waterstof Holland Rijnland (voorbeeld)")
employer.members.add(user)
Vacancy.objects.filter(employer=employer, title__startswith="BT ").delete()
print(Vacancy.objects.get(employer=employer, title="Scheepselektromonteur").pk)
"""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    for args in (("matching_demo",), ("plans_examples",)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    done = run_cli(real_env, "shell", "-c", USER)
    assert done.returncode == 0, done.stderr
    return live_url, done.stdout.strip().splitlines()[-1]


def login(page, url):
    log_in(page, url, "bt-werkgever-carving", PASSWORD)


def test_employer_carves_a_hard_vacancy_and_publishes_the_carved_role(page, site):
    url, vacancy = site
    login(page, url)
    page.goto(url + "/werkgevers/")
    step(page, "01-voor-werkgevers")
    page.get_by_role("link", name=re.compile("Deelfunctie zoeken.*Scheepselektromonteur")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jobcarving")
    summary = page.locator("table.carving-summary tbody tr")
    before = int(summary.nth(0).locator("td").nth(1).inner_text())
    after = int(summary.nth(1).locator("td").nth(1).inner_text())
    assert after >= 2 * before >= 2
    step(page, "02-jobcarving")
    role = page.locator("section.carved").first
    role.get_by_label("Titel").fill("BT Assistent scheepselektromonteur")
    # (learn-work needs the original vacancy's training route, which this one has not)
    role.get_by_label("Open Hiring (wie zich eerst meldt)").check()
    role.get_by_role("button", name="Deelfunctie publiceren").click()
    expect(page.get_by_role("status")).to_contain_text("nieuwe vacature")
    expect(page.get_by_role("heading", level=1)).to_have_text("BT Assistent scheepselektromonteur")
    expect(page.locator(".badges")).to_contain_text("Open Hiring")
    step(page, "03-deelfunctie-gepubliceerd")
    page.goto(f"{url}/werk/werkgever/{vacancy}/bewerken/")
    expect(page.locator("#tekstcheck .text-check")).to_be_visible(timeout=20_000)
    page.locator("#id_description").fill("Voor ons jonge team zoeken we een ambitieuze monteur.")
    expect(page.locator("#tekstcheck mark").first).to_have_text("jonge team", timeout=20_000)
    expect(page.locator("#tekstcheck")).to_contain_text("ambitieuze")
    step(page, "04-tekstcheck-naast-formulier")


def test_the_text_check_page_explains_and_suggests(page, site):
    url, _vacancy = site
    login(page, url)
    page.goto(url + "/werkgevers/tekstcheck/")
    step(page, "05-tekstcheck")
    page.get_by_label("Functietitel").fill("Field engineer")
    page.get_by_label("Tekst van de vacature").fill(
        "Join our young team as a driven engineer. A bachelor's degree is required.")
    page.get_by_role("button", name="Controleer de tekst").click()
    result = page.locator("#tekstcheck-uitslag")
    expect(result.locator("mark").first).to_have_text("young team")
    expect(result).to_contain_text("Overwegend mannelijk gecodeerd")
    expect(result).to_contain_text("Deeltijd staat niet open")
    step(page, "06-tekstcheck-uitslag")
