"""The coach's journey on the real ESCO data and the example catalogue: a coach makes a
person's plan and saves it as version 1, swaps a module, sees the change explained line by
line, writes why and saves version 2; the caseload links to it; the person logs in, is told
that there is a new version, and reads it with what changed and why. axe on every page; a
screenshot of each step goes to var/test/screenshots/coach/ for people to look at."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations
from tests.browser.test_plans import DESTINATION, example_site, module_keys, settled
from tests.conftest import PROJECT_ROOT

PASSWORD = secrets.token_urlsafe(12)
SHOTS = PROJECT_ROOT / "var" / "test" / "screenshots" / "coach"
WHY = "Eén module minder: Sanne kan zo in mei beginnen."

SETUP = f"""
from django.contrib.auth.models import Group, User
from banenbrug.people.models import JobSeeker
coach, _ = User.objects.get_or_create(username="bt-versioncoach")
coach.first_name = "Karin"; coach.last_name = "de Coach"
coach.set_password({PASSWORD!r}); coach.save()
coach.groups.add(Group.objects.get(name="coach"))
person, _ = User.objects.get_or_create(username="bt-sanne")
person.first_name = "Sanne"; person.set_password({PASSWORD!r}); person.save()
person.groups.add(Group.objects.get(name="job_seeker"))
JobSeeker.objects.filter(user=person).delete()
seeker = JobSeeker.objects.create(user=person, region="AM01", postcode="9711", hours_min=24,
                                  hours_max=36, situation="ww", coach=coach)
print("PERSON", seeker.pk)
"""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    return example_site(real_env, live_url, SETUP)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def login(page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(url + "/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_a_coach_saves_a_plan_version_that_the_person_then_sees(page, site):
    url, _person = site
    login(page, url, "bt-versioncoach")
    page.goto(f"{url}/overstapplan/")
    row = page.locator("tr", has=page.get_by_role("link", name="Sanne"))
    expect(row).to_contain_text("Nog geen plan")
    row.get_by_role("link", name="Sanne").click()
    page.get_by_label("Naar welk beroep of welke vacature?").fill(DESTINATION)
    page.get_by_role("button", name="Maak het plan").click()
    expect(page.get_by_role("heading", name=f"Naar {DESTINATION}")).to_be_visible(
        timeout=60_000)
    # a coach reads about the person, not about themselves
    expect(page.locator("#kop-gat")).to_have_text("Wat nog geleerd moet worden")
    page.get_by_role("button", name="Opslaan als versie 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("Versies van het plan van K-"))
    expect(page.locator(".messages")).to_contain_text(
        "Versie 1 is opgeslagen")
    assert serious_violations(page) == []
    shot(page, "1-versie-1-opgeslagen")

    page.get_by_role("link", name="Open versie 1").click()
    expect(page.get_by_role("heading", name="Versie 1: het plan dat jullie afspraken")
           ).to_be_visible()
    before = module_keys(page)
    module = page.locator("li.module", has=page.locator("details.swap")).first
    module.locator("summary").click()
    choice = module.locator("details.swap a").first
    chosen = choice.get_attribute("data-key")
    choice.click()
    page.wait_for_url(re.compile(rf"met={chosen}"))
    settled(page)
    changed = page.locator("#kop-veranderd")
    expect(changed).to_have_text("Wat dit plan verandert ten opzichte van versie 1")
    lines = page.locator("ul.changes li")
    expect(lines.first).to_contain_text("vervangen door")
    expect(page.locator(".change-totals")).to_contain_text("Kosten van de modules")
    assert chosen in module_keys(page) and module_keys(page) != before
    assert serious_violations(page) == []
    shot(page, "2-aanpassing-uitgelegd")
    explained = lines.first.inner_text()

    page.get_by_label(re.compile("Waarom dit plan?")).fill(WHY)
    page.get_by_role("button", name="Opslaan als versie 2").click()
    expect(page.locator("article.version").first).to_contain_text(WHY)
    page.goto(f"{url}/werk/coach/")
    row = page.locator("tr", has=page.get_by_role("link", name="Sanne"))
    expect(row).to_contain_text("Versie 2:")
    expect(row).to_contain_text("nog niet gezien")
    assert serious_violations(page) == []
    shot(page, "3-caseload")

    login(page, url, "bt-sanne")
    page.goto(f"{url}/overstapplan/")
    expect(page.locator(".version-notice")).to_contain_text(
        "Je coach heeft versie 2 van je plan opgeslagen.")
    assert serious_violations(page) == []
    shot(page, "4-melding-voor-de-werkzoekende")
    page.get_by_role("link", name="Bekijk het plan en wat er veranderde").click()
    expect(page.get_by_role("heading", name="Versie 2: het plan dat jullie afspraken")
           ).to_be_visible()
    expect(page.locator(".version-note")).to_contain_text(WHY)
    expect(page.locator(".version ul.changes li").first).to_have_text(explained)
    expect(page.get_by_role("button", name=re.compile("Opslaan als versie"))).to_have_count(0)
    expect(page.locator("#kop-gat")).to_have_text("Wat je nog moet leren")
    assert serious_violations(page) == []
    shot(page, "5-de-werkzoekende-ziet-versie-2")

    login(page, url, "bt-versioncoach")
    page.goto(f"{url}/werk/coach/")
    expect(page.locator("tr", has=page.get_by_role("link", name="Sanne"))).not_to_contain_text(
        "nog niet gezien")
