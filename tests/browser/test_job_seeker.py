"""A new job seeker, in a real browser on the real ESCO data (issue 15, "How it will be
judged"): she registers from the login page, confirms her e-mail address with the link the
server mailed, fills in her first profile (her availability date survives the save), pastes
her Dutch CV, confirms the skills it suggests, and reads her explained matches. What she sees
is asserted at each step, with axe; screenshots go to var/test/screenshots/job-seeker/.
The field-level regressions (date round trip, choosing an occupation for work experience)
are in test_accounts.py on the small fixture."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey, fill_profile, register_and_confirm
from tests.conftest import run_cli

step = Journey("job-seeker").step
PASSWORD = "Zonnepaneel-Dak-2027"
CV = """Werkervaring
2016-2024 Elektricien bij een installatiebedrijf. Ik installeer zonnepanelen en
leg elektrische installaties aan in woningen. Ik werk veilig en adviseer klanten.
Vaardigheden: Python programmeren, databases gebruiken, software testen."""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    done = run_cli(real_env, "matching_demo")  # the (synthetic) vacancies she is matched with
    assert done.returncode == 0, done.stderr
    return live_url, Path(real_env["BANENBRUG_VAR_DIR"]) / "serve.log"


def test_a_new_job_seeker_registers_pastes_her_cv_and_reads_her_matches(page, site):
    url, log = site
    email = f"werkzoekende-{secrets.token_hex(4)}@voorbeeld.nl"

    page.goto(url + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    register = page.get_by_role("link", name="Registreren")
    expect(register).to_be_visible()
    step(page, "01-inloggen")
    register.click()

    register_and_confirm(page, step, log, email, PASSWORD, first=2)  # steps 02 to 04

    expect(page.get_by_role("status")).to_contain_text("Welkom bij Banenbrug")
    page.get_by_label("Gemeente", exact=True).select_option(label="Amersfoort")
    fill_profile(page, "AM14", "3811", (20, 32), available="2027-01-01", consent=True)
    expect(page.get_by_label("beschikbaar vanaf")).to_have_value("2027-01-01")
    expect(page.get_by_label("werkgevers mogen mijn profiel zien")).to_be_checked()
    step(page, "05-profiel")
    page.get_by_role("link", name=re.compile("Plak je cv")).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vaardigheden uit je cv")
    page.get_by_label("Tekst van je cv").fill(CV)
    step(page, "06-cv-plakken")
    page.get_by_role("button", name="Vaardigheden voorstellen").click()

    boxes = page.locator("input[name=skill]:not([disabled])")
    expect(boxes.first).to_be_visible(timeout=60_000)
    assert boxes.count() >= 3
    expect(page.locator("legend")).to_contain_text("vink aan wat klopt")
    # each suggestion names the words of her CV that led to it
    quoted = re.findall(r"“([^”]+)”", " ".join(page.locator(".evidence").all_inner_texts()))
    assert quoted and all(words.lower() in CV.lower() for words in quoted), quoted
    step(page, "07-cv-voorstellen")
    # she ticks what her electrical and solar work taught her, not the rest
    work = page.locator(".suggestion-list > li").filter(has=page.locator(
        ".evidence", has_text=re.compile("zonnepanelen|elektrische installaties")))
    assert 2 <= work.count() < boxes.count()
    chosen = [work.nth(i).locator("label").inner_text() for i in range(work.count())]
    for i in range(work.count()):
        work.nth(i).locator("input[name=skill]").check()
    page.get_by_role("button", name="Bevestigen en opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("bevestigd")
    skills = page.locator("table").last
    for label in chosen:  # what she ticked, and only that, is kept
        expect(skills.get_by_role("row", name=re.compile(re.escape(label)))).to_contain_text(
            "uit tekst, bevestigd")
    assert skills.locator("tbody tr").count() == len(chosen)
    step(page, "08-vaardigheden-bevestigd")
    page.get_by_role("link", name="Mijn matches").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn matches")
    matches = page.locator("ol.match-list > li")
    expect(matches.first).to_be_visible()
    expect(page.locator(".synthetic-notice")).to_be_visible()
    expect(matches.first).to_contain_text(re.compile(r"\d+ gevraagde vaardighe(id|den) heb je al"))
    matches.first.locator("summary").click()
    expect(matches.first.locator("dl.explain")).to_contain_text("Heb je al")
    # what she confirmed from her CV counts: a match names it among what she has
    held = " ".join(matches.locator("dl.explain dt:text-is('Heb je al') + dd").all_text_contents())
    assert any(label in held for label in chosen), (chosen, held[:500])
    step(page, "09-matches")

    # only what is near: the state goes into the URL, every match shows its km within it
    page.get_by_label("Hooguit zo ver (km hemelsbreed)").fill("50")
    page.get_by_role("button", name="Toon matches").click()
    expect(page).to_have_url(re.compile(r"afstand=50"))
    badges = page.locator("ol.match-list > li .badges .distance")
    expect(badges.first).to_be_visible()
    kms = [int(re.fullmatch(r"± (\d+) km", text.strip()).group(1))
           for text in badges.all_inner_texts()]
    assert kms and max(kms) <= 50 and len(kms) == matches.count()
    expect(page.get_by_label("Hooguit zo ver (km hemelsbreed)")).to_have_value("50")
    step(page, "10-matches-dichtbij")
    page.get_by_role("link", name="Wis de filters").click()
    expect(page).not_to_have_url(re.compile(r"afstand="))
