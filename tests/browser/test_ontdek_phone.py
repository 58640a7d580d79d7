"""A 15-year-old completes Ontdek on a phone (390 x 844): the menu button, the questionnaire by
touch, her result and an occupation story. What she sees is asserted at each step, axe runs on
each step, and screenshots go to var/test/screenshots/ontdek/ for people to look at."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.conftest import run_cli

step = Journey("ontdek").step
PHONE = {"width": 390, "height": 844}
# Investigative first, then Artistic, then Social: the girl from issue 15.
LIKES = {**{f"i{k}": 2 for k in range(1, 6)}, **{f"a{k}": 2 for k in range(1, 5)}, "a5": 1,
         **{f"s{k}": 2 for k in range(1, 4)}, "s4": 1, "s5": 1}


@pytest.fixture(scope="module")
def site(real_env, live_url):
    assert run_cli(real_env, "orientation_examples").returncode == 0
    return live_url


def test_a_fifteen_year_old_completes_ontdek_on_a_phone(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site + "/ontdek/")
    header = page.locator(".page-header")
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    assert header.bounding_box()["height"] <= 80  # was 190 px of wrapped links
    step(page, "01-start")

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Ontdek")).to_be_visible()
    expect(nav.get_by_role("link", name="Ontdek")).to_have_attribute("aria-current", "page")
    step(page, "02-menu-open")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    menu.press("Enter")  # the keyboard opens it too
    expect(menu).to_have_attribute("aria-expanded", "true")
    menu.press("Enter")
    expect(nav).to_be_hidden()

    page.get_by_role("link", name="Start de vragenlijst").click()
    page.wait_for_url("**/ontdek/vragenlijst/")
    expect(page.locator("h1")).to_have_text("Wat vind je leuk om te doen?")
    step(page, "03-vragenlijst")
    for item in ("r", "e", "c", "i", "a", "s"):
        for k in range(1, 6):
            value = LIKES.get(f"{item}{k}", 0)
            page.locator(f"label[for='{item}{k}-{value}']").click()
    assert page.locator("#i1-2").is_checked() and page.locator("#r1-0").is_checked()
    step(page, "04-vragenlijst-ingevuld")
    page.locator("form.questionnaire [type=submit]").click()

    page.wait_for_url("**/ontdek/resultaat/?a=*")
    expect(page.locator("h1")).to_have_text("Beroepen die bij je passen")
    cards = page.locator(".suggestions > li")
    expect(cards).to_have_count(10)
    assert cards.locator(".badge--technical").count() >= 6  # technical options for her too
    expect(cards.locator(".framing").first).not_to_be_empty()  # what the work contributes
    texts = " ".join(cards.all_inner_texts()).lower()
    assert "vlogger" not in texts and "blogger" not in texts
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    step(page, "05-resultaat")

    cards.first.locator("h3 a").click()
    page.wait_for_url("**/ontdek/beroep/*/")
    expect(page.get_by_role("heading", name="Wat doe je op een werkdag?")).to_be_visible()
    day = page.locator("section[aria-labelledby=kop-dag]")
    expect(day).to_contain_text("Voorbeeldtekst")
    expect(day).not_to_contain_text("Automatisch samengesteld")
    routes = page.locator("section[aria-labelledby=kop-opleiding] dt")
    assert routes.count() >= 2 and set(routes.all_inner_texts()) & {"vmbo", "mbo", "hbo", "wo"}
    body = page.locator("main").inner_text()
    assert body.count("Nog geen gegevens") <= 1
    counts = set(re.findall(r"van de (\d+) essentiële", body))
    counts |= set(re.findall(r"Bekijk alle (\d+) essentiële", body))
    assert len(counts) <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    step(page, "06-beroepsverhaal")

    page.go_back()
    page.wait_for_url("**/ontdek/resultaat/?a=*")
    expect(cards).to_have_count(10)
    page.get_by_role("link", name="Uitleg voor ouders en leraren").click()  # she shares it
    expect(page.locator("h1")).to_have_text("Voor ouders en leraren")
    expect(page.get_by_role("heading", name="Privacy")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Printbare pagina's per beroepsgroep"))
           ).to_be_visible()
    step(page, "07-ouders-en-leraren")
