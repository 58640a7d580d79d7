"""Switch plans in a real browser on the real ESCO data and the example catalogue: a coach opens a
person's plan, swaps a module with the keyboard and leaves out a scheme; the plan part changes
without a page load and the URL keeps the state. axe on the plan and the catalogue."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey, log_in
from tests.conftest import run_cli

step = Journey("plans").step

PASSWORD = secrets.token_urlsafe(12)
DESTINATION = "monteur zonnepanelen"

SETUP = f"""
from django.contrib.auth.models import Group, User
from banenbrug.people.models import JobSeeker
coach, _ = User.objects.get_or_create(username="bt-plancoach")
coach.set_password({PASSWORD!r}); coach.save()
coach.groups.add(Group.objects.get(name="coach"))
JobSeeker.objects.filter(coach=coach).delete()
person = JobSeeker.objects.create(region="AM01", postcode="9711", hours_min=24, hours_max=36,
                                  situation="ww", coach=coach)
print("PERSON", person.pk)
"""


def example_site(real_env, live_url, setup: str) -> tuple[str, int]:
    """The example catalogue and schemes, and the people `setup` makes (it prints PERSON id)."""
    done = run_cli(real_env, "plans_examples")
    assert done.returncode == 0, done.stderr
    done = run_cli(real_env, "shell", "-c", setup)
    assert done.returncode == 0, done.stderr
    return live_url, int(re.search(r"PERSON (\d+)", done.stdout).group(1))


@pytest.fixture(scope="module")
def site(real_env, live_url):
    return example_site(real_env, live_url, SETUP)


def login(page, url, username):
    log_in(page, url, username, PASSWORD)


def settled(page) -> None:
    """Wait until htmx has finished swapping and settling, so axe sees the final page."""
    # a locator, not wait_for_function: that evaluates a string, which the site's
    # Content-Security-Policy (no 'unsafe-eval') refuses whenever it has to poll
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")
           ).to_have_count(0)


def module_keys(page) -> list[str]:
    return page.locator("ol.modules > li.module").evaluate_all(
        "items => items.map(li => li.dataset.key)")


def test_a_coach_adjusts_a_plan_in_place(page, site):
    url, person = site
    login(page, url, "bt-plancoach")
    page.goto(f"{url}/overstapplan/")
    page.get_by_role("link", name=f"K-{person:05d}", exact=True).click()
    page.get_by_label("Naar welk beroep of welke vacature?").fill(DESTINATION)
    page.get_by_role("button", name="Maak het plan").click()
    expect(page.get_by_role("heading", name=f"Naar {DESTINATION}")).to_be_visible(
        timeout=60_000)
    expect(page.get_by_role("note").first).to_contain_text("Voorbeeldgegevens")
    # the page's first chart waits for plotly.js (3.5 MB) to be parsed: seconds on a busy machine
    expect(page.locator("[data-figure=fig-tijdlijn] .main-svg").first).to_be_attached(
        timeout=30_000)
    step(page, "01-plan-van-de-persoon")

    page.evaluate("window.notReloaded = true")
    before = module_keys(page)
    module = page.locator("li.module", has=page.locator("details.swap")).first
    current = module.get_attribute("data-key")
    module.locator("summary").focus()
    page.keyboard.press("Enter")
    choice = module.locator("details.swap a").first
    expect(choice).to_be_visible()
    chosen = choice.get_attribute("data-key")
    choice.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"met={chosen}.*zonder={current}"))
    expect(page.locator(f"li.module[data-key='{chosen}']")).to_be_visible()
    after = module_keys(page)
    assert chosen in after and current not in after and current in before
    assert page.evaluate("window.notReloaded") is True  # htmx: no page load
    expect(page.locator("#plan-status")).to_have_text("Het plan is opnieuw berekend.")
    assert page.evaluate("document.activeElement.id") == "plan-kop"
    settled(page)
    step(page, "02-module-vervangen")

    row = page.locator("table.schemes tbody tr",
                       has=page.get_by_role("link", name="Sluit uit")).first
    scheme = row.get_attribute("data-key")
    assert row.locator("td").nth(1).inner_text().startswith("€")
    row.get_by_role("link", name="Sluit uit").click()
    page.wait_for_url(re.compile(rf"zonder_regeling={scheme}"))
    excluded = page.locator(f"table.schemes tr[data-key='{scheme}']")
    expect(excluded.locator("td").first).to_have_text("uitgesloten")
    expect(excluded.locator("td").nth(1)).to_have_text("—")
    expect(excluded.get_by_role("link", name="Weer meenemen")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True

    # the URL is the plan: opened afresh it shows the same adjusted plan
    page.goto(page.url)
    assert module_keys(page) == after
    expect(page.locator(f"table.schemes tr[data-key='{scheme}'] td").first).to_have_text(
        "uitgesloten")


def test_the_catalogue_is_accessible(page, site):
    url, _person = site
    page.goto(f"{url}/overstapplan/opleidingen/?q=zonne")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opleidingen en modules")
    expect(page.locator("ol.catalogue > li").first).to_contain_text("Voorbeeld")
    step(page, "03-opleidingen")
    page.goto(f"{url}/overstapplan/regelingen/")
    step(page, "04-regelingen")
