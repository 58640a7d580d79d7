"""The web app in a real browser (Debian's chromium driven by playwright) on the real data."""

from playwright.sync_api import expect

from tests.browser.conftest import Journey

step = Journey("pages").step


def test_search_in_dutch_and_open_an_occupation_with_its_skills(page, live_url):
    page.goto(live_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    step(page, "01-start")
    page.get_by_label("Zoek een beroep of vaardigheid").fill("elektricien")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=elektricien")
    first = page.locator("#kop-beroepen + ol a").first
    expect(first).to_be_visible()
    step(page, "02-zoekresultaten")
    first.click()
    expect(page.locator("#kop-essentieel")).to_have_text("Essentiële vaardigheden en kennis")
    assert page.locator("#kop-essentieel ~ ul li").count() > 3
    expect(page.get_by_text("This service uses the ESCO classification of the European "
                            "Commission.")).to_be_visible()
    step(page, "03-beroep")


def test_live_results_appear_while_typing(page, live_url):
    page.goto(live_url + "/")
    page.get_by_label("Zoek een beroep of vaardigheid").press_sequentially("zonnepanelen")
    expect(page.locator("#zoekresultaten a").first).to_contain_text("zonnepanelen")


def test_keyboard_user_reaches_skip_link_and_search(page, live_url):
    page.goto(live_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Naar de inhoud"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "zoekterm"


def test_language_switch_to_english(page, live_url):
    page.goto(live_url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_a_slow_answer_shows_that_the_work_is_under_way(page, live_url):
    """web/busy.js: half a second after sending, the button says so and cannot be pressed
    twice. To make the wait certain the test keeps the browser from leaving the page: its own
    submit listener, registered after busy.js's, cancels the navigation."""
    page.goto(live_url + "/overstap/")
    page.evaluate("""() => document.addEventListener("submit", (e) => {
        window.sent = (window.sent || 0) + 1; e.preventDefault(); })""")
    page.locator("#van").fill("loodgieter")
    button = page.locator("form.explorer-form button[type=submit]")  # its name will change
    button.click()
    expect(button).to_have_text("Bezig…", timeout=3000)
    expect(button).to_be_disabled()
    expect(button).to_have_attribute("aria-busy", "true")
    button.click(force=True)  # pressed again: nothing is sent twice
    assert page.evaluate("window.sent") == 1
    step(page, "04-bezig")
