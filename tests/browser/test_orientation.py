"""Ontdek in a real browser, in Dutch, by keyboard only; axe-core on every page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.conftest import run_cli

step = Journey("orientation").step


@pytest.fixture(scope="module")
def site(real_env, live_url):
    assert run_cli(real_env, "orientation_examples").returncode == 0
    return live_url


def tab_to(page, test: str, limit: int = 120) -> None:
    """Press Tab until the focused element satisfies the JS expression `test` (el = focus)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {test}; }})()"):
            return
    raise AssertionError(f"focus never reached {test}")


def test_questionnaire_results_and_story_by_keyboard(page, site):
    page.goto(site + "/ontdek/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    step(page, "01-start")
    tab_to(page, "el.textContent.trim() === 'Start de vragenlijst'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ontdek/vragenlijst/")
    expect(page.locator("h1")).to_have_text("Wat vind je leuk om te doen?")
    step(page, "02-vragenlijst")

    tab_to(page, "el.name === 'r1'")
    for n in range(30):
        name = page.evaluate("document.activeElement.name")
        if name.startswith("r") or name in ("c4", "i4"):
            page.keyboard.press("Space")  # Leuk
        elif name.startswith("s") or name.startswith("a"):
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")  # Niet leuk
        if n < 29:
            page.keyboard.press("Tab")
    assert page.locator("#r1-2").is_checked() and page.locator("#s1-0").is_checked()
    assert page.locator("#e1-1").is_checked() is False  # skipped: counts as "weet ik niet"
    tab_to(page, "el.type === 'submit' && el.closest('form.questionnaire') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ontdek/resultaat/?a=*")
    expect(page.locator("h1")).to_have_text("Beroepen die bij je passen")
    suggestions = page.locator(".suggestions > li")
    expect(suggestions).to_have_count(10)
    expect(suggestions.first).to_contain_text("Je houdt van bouwen, repareren")
    share = page.get_by_label("Link naar deze uitslag").input_value()
    assert "/ontdek/resultaat/?a=" in share
    step(page, "03-resultaat")

    tab_to(page, "el.closest('.suggestions h3') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ontdek/beroep/*/")
    for heading in ("Wat doe je op een werkdag?", "Wat draag je bij?", "Wat moet je kunnen?",
                    "Hoe word je het?", "Mensen die dit werk doen"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    step(page, "04-beroepsverhaal")


def test_story_with_role_model_and_printable_group_page(page, site):
    page.goto(site + "/ontdek/beroep/8234eee9-1647-460d-8d62-7fe02cb884b0/")
    expect(page.get_by_text("Samira El Idrissi")).to_be_visible()
    expect(page.get_by_text("Voorbeeldprofiel: een verzonnen persoon").first).to_be_visible()
    step(page, "05-verhaal-met-rolmodel")
    page.goto(site + "/ontdek/groepen/74/")
    expect(page.get_by_role("heading", name="In de klas")).to_be_visible()
    step(page, "06-beroepsgroep")
    page.emulate_media(media="print")
    expect(page.locator(".page-header")).to_be_hidden()
    page.emulate_media(media="screen")
    page.goto(site + "/ontdek/ouders-en-leraren/")
    step(page, "07-ouders-en-leraren")
