"""The registry in a real browser: the finder, the faceted search and the fragmentation view.
axe on every page; screenshots in var/test/screenshots/registry/ (the regional partner's part
of the user guide)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.conftest import run_cli

step = Journey("registry").step


@pytest.fixture(scope="module")
def site(real_env, live_url):
    done = run_cli(real_env, "registry_setup")
    assert done.returncode == 0, done.stderr
    return live_url


def test_finder_shows_the_table_to_join(page, site):
    page.goto(site + "/initiatieven/welke-tafel/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    step(page, "01-welke-tafel")
    page.get_by_label("Gemeente of regio").fill("Dordrecht")
    page.get_by_label("Thema").select_option(label="warmtepompen")
    page.get_by_label("Doelgroep").select_option(label="zij-instromers")
    page.get_by_role("button", name="Zoek mijn tafel").click()
    page.wait_for_url("**/welke-tafel/?plaats=Dordrecht*")
    tables = page.locator("#kop-uw-tafels ~ ol li")
    expect(tables.first).to_contain_text("Warmtetafel Drechtsteden")
    expect(tables.first).to_contain_text("in uw regio, uw thema, uw doelgroep")
    expect(page.locator("#kop-versterken ~ ol li").first).to_contain_text(
        "Warmtepompacademie Drechtsteden")
    step(page, "02-tafels-gevonden")
    tables.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Warmtetafel Drechtsteden")
    expect(page.get_by_role("table").first).to_contain_text("Da Vinci College")


def test_finder_explains_an_unknown_place(page, site):
    page.goto(site + "/initiatieven/welke-tafel/?plaats=Atlantis")
    expect(page.get_by_role("alert")).to_contain_text("Atlantis")


def test_search_understands_place_names_and_facets_narrow_live(page, site):
    page.goto(site + "/initiatieven/")
    box = page.get_by_label("Zoek initiatieven en tafels")
    box.fill("vrouwen in ICT in Groningen")
    box.press("Enter")
    results = page.locator("#kop-initiatieven ~ ol li")
    expect(results.first).to_contain_text("Groningen")
    expect(page.locator("#begrepen")).to_contain_text("RES-regio Groningen")
    expect(page.locator("#begrepen")).to_contain_text("ICT en digitaal")
    assert results.count() == 2
    step(page, "03-zoeken")
    # a facet narrows without reloading the page (htmx), and the URL keeps the state
    page.get_by_label("werkcultuur en inclusie").check()
    expect(page.locator("#registerresultaten")).to_contain_text("Geen initiatieven gevonden.")
    expect(page).to_have_url(re.compile(r"kind=inclusion"))
    page.get_by_label("werkcultuur en inclusie").uncheck()
    expect(results).to_have_count(2)


def test_tables_on_heat_pumps_in_a_res_region(page, site):
    page.goto(site + "/initiatieven/")
    page.get_by_label("Zoek initiatieven en tafels").fill(
        "tafels over warmtepompen in de RES-regio Drechtsteden")
    page.keyboard.press("Enter")
    expect(page.locator("#kop-tafels ~ ol li").first).to_contain_text("Warmtetafel Drechtsteden")
    expect(page.locator("#kop-initiatieven ~ p")).to_have_text("Geen initiatieven gevonden.")


def test_fragmentation_view_has_chart_and_table(page, site):
    page.goto(site + "/initiatieven/versnippering/")
    expect(page.locator("#versnippering-grafiek .main-svg").first).to_be_visible()
    rows = page.locator("#kop-indicatoren ~ div table tbody tr")
    expect(rows).to_have_count(35)
    step(page, "04-versnippering")
    page.get_by_label("RES-regio's (30)").check()
    page.get_by_role("button", name="Toon").click()
    expect(rows).to_have_count(30)
    expect(page.locator("#kop-res-gat ~ table")).to_contain_text("Alblasserwaard")
