"""The Overstap-verkenner in a real browser, driven by keyboard only."""

from playwright.sync_api import expect

from tests.browser.conftest import Journey

step = Journey("transitions").step


def test_keyboard_only_search_filter_and_compare(page, live_url):
    page.goto(live_url + "/overstap/")
    step(page, "01-verkenner")
    field = page.get_by_label("Je beroep (nu of vroeger)")
    field.focus()
    page.keyboard.type("loodgieter")
    page.get_by_label("groene beroepen").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Toon overstappen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/overstap/?*van=loodgieter*")
    assert "groen=1" in page.url  # the query lives in the URL, so it can be shared
    results = page.locator("ol.transitions > li")
    expect(results.first).to_be_visible()
    assert results.count() == 20
    expect(page.locator("#overstap-grafiek .main-svg").first).to_be_attached()
    step(page, "02-gefilterd")
    first_link = page.locator("ol.transitions h3 a").first
    name = first_link.inner_text()
    first_link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator("table.compare tbody tr").first).to_be_visible()
    step(page, "03-vergelijken")


def test_ambiguous_occupation_offers_choices(page, live_url):
    page.goto(live_url + "/overstap/?van=elektricien")
    choices = page.get_by_role("alert").get_by_role("link")
    assert choices.count() >= 2
    choices.first.click()
    expect(page.locator("ol.transitions > li").first).to_be_visible()
