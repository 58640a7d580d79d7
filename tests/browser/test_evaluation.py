"""The evaluation pages in a real browser: the public example reports, charts with their
tables, keyboard use and accessibility (axe-core)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import serious_violations
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def examples_url(real_env, live_url):
    done = run_cli(real_env, "load_evaluation_examples")
    assert done.returncode == 0, done.stderr
    return live_url + "/evaluatie/"


def test_overview_compares_examples_with_intervals(page, examples_url):
    page.goto(examples_url)
    expect(page.locator("h1")).to_have_text("Welke initiatieven werken?")
    table = page.locator("table").first
    expect(table.locator("caption")).to_contain_text("95%-intervallen")
    assert table.locator("tbody tr").count() == 3
    expect(table).to_contain_text("voorbeeld")
    expect(page.locator("[data-figure='fig-vergelijking'] .main-svg").first).to_be_visible()
    assert serious_violations(page) == []


def test_report_shows_effect_charts_and_tables(page, examples_url):
    page.goto(examples_url)
    page.get_by_role("link", name="Voorbeeld: Omscholing tot warmtepompmonteur").click()
    expect(page.locator(".example-banner")).to_contain_text("verzonnen")
    expect(page.locator(".effect__value")).to_contain_text("procentpunt")
    expect(page.locator("[data-figure='fig-balans'] .main-svg").first).to_be_visible()
    expect(page.locator("[data-figure='fig-overlap'] .main-svg").first).to_be_visible()
    expect(page.locator("[data-figure='fig-groepen'] .main-svg").first).to_be_visible()
    expect(page.locator(".refutations .verdict")).to_have_count(4)
    expect(page.locator(".sensitivity")).to_contain_text("Een verstorende factor zou")
    expect(page.get_by_text("Wat de schatting niet laat zien")).to_be_visible()
    assert serious_violations(page) == []
    with page.expect_response(lambda r: r.url.endswith("rapport.pdf")) as info:
        page.get_by_role("link", name="Rapport als PDF").click()
    assert info.value.headers["content-type"] == "application/pdf"


def test_report_in_english(page, examples_url):
    page.goto(examples_url)
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Which initiatives work?")
    page.get_by_role("link", name="Voorbeeld: ICT-traineeship voor zij-instromers").click()
    expect(page.get_by_text("What the estimate cannot show")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Nederlands").click()
