"""The plumber's path, in a real browser on the real ESCO data (issue 15, part 2): a plumber in
Utrecht who wants a green job goes from his occupation page to the Overstap-verkenner, compares
four green destinations side by side, picks the heat-pump job (shown with its everyday name),
registers from "Maak een overstapplan", confirms his e-mail, fills in his profile, lands on his
plan and joins the Open Hiring queue of a vacancy on it. What he sees is asserted at each step,
with axe; a screenshot of each step goes to var/test/screenshots/plumber/ for people to look at.
A second test checks the Overstap chart on a phone: Dutch numbers, legend clear of the axis."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey, fill_profile, register_and_confirm
from tests.conftest import run_cli

step = Journey("plumber").step
ESCO = "http://data.europa.eu/esco/occupation/"
PLUMBER = f"{ESCO}ed3cf43d-c2c1-4c46-82fc-1375e27e0290"
HEAT_PUMP = f"{ESCO}8234eee9-1647-460d-8d62-7fe02cb884b0"
HEAT_PUMP_NL = "technicus koel-, lucht- en verwarmingstechniek"
# the plumber's other picks among the green top 20: heating and air-conditioning trades
ALSO = ["monteur verwarmings- en ventilatietechniek", "verwarmingsmonteur",
        "technicus verwarmings- en airconditioningsinstallaties"]
VACANCY = "Warmtepompmonteur Utrecht (voorbeeld)"
PASSWORD = "Warmtepomp-Dak-2027"

SETUP = f"""
from banenbrug.matching import vacancies
from banenbrug.matching.models import Vacancy
from banenbrug.people.models import Employer
employer, _ = Employer.objects.get_or_create(name="Warmte Utrecht BV (voorbeeld)")
Vacancy.objects.filter(title={VACANCY!r}).delete()
vacancies.save_vacancy(employer, dict(title={VACANCY!r}, region="AM13", postcode="3511",
    hours_min=24, hours_max=40, part_time_possible=True, hiring_mode="open_hiring",
    openings=2), {HEAT_PUMP!r}, None, None)
"""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    for args in (("plans_examples",), ("shell", "-c", SETUP)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    return live_url, Path(real_env["BANENBRUG_VAR_DIR"]) / "serve.log"


def test_the_plumber_goes_from_his_occupation_to_a_plan_and_a_queue(page, site):
    url, log = site
    email = f"loodgieter-{secrets.token_hex(4)}@voorbeeld.nl"

    page.goto(url + "/zoeken/?q=loodgieter")
    result = page.locator("#kop-beroepen + ol a").first
    expect(result).to_have_text("loodgieter")
    step(page, "01-zoeken")
    result.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("loodgieter")
    switch = page.get_by_role("link", name="Overstappen vanuit dit beroep")
    expect(switch).to_be_visible()
    step(page, "02-beroep")
    switch.click()

    expect(page.get_by_label("Je beroep (nu of vroeger)")).to_have_value("loodgieter")
    page.get_by_label("groene beroepen").check()
    page.get_by_role("button", name="Toon overstappen").click()
    page.wait_for_url(re.compile(r"groen=1"))
    expect(page.get_by_role("heading", level=2, name=re.compile(
        "20 overstappen vanuit loodgieter"))).to_be_visible()
    heat_pump = page.locator("li.transition", has=page.get_by_role("link", name=HEAT_PUMP_NL,
                                                                   exact=True))
    expect(heat_pump.locator(".everyday")).to_have_text("(warmtepompmonteur)")
    expect(page.locator("#overstap-grafiek .main-svg").first).to_be_attached()
    step(page, "03-verkenner")
    heat_pump.get_by_label(re.compile("^Vergelijken")).check()
    for name in ALSO:
        page.locator("li.transition", has=page.get_by_role("link", name=name, exact=True)) \
            .get_by_label(re.compile("^Vergelijken")).check()
    page.get_by_role("button", name="Vergelijk de aangevinkte beroepen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Overstappen vanuit loodgieter naast elkaar")
    headers = page.locator("table.side-by-side thead th")
    expect(headers).to_have_count(4)
    expect(headers.nth(2)).to_contain_text(HEAT_PUMP_NL)  # green rank 8, after 2 and 3
    expect(headers.nth(2)).to_contain_text("(warmtepompmonteur)")
    expect(headers.nth(0)).to_contain_text("(HVAC-monteur)")
    expect(headers.nth(3)).to_contain_text("(aircomonteur)")
    assert parse_qs(urlsplit(page.url).query)["naar"][2] == HEAT_PUMP  # the state is the URL
    expect(page.locator("td.effort").nth(2)).to_contain_text(re.compile(r"ongeveer \d+ weken"))
    expect(page.locator("td.missing").nth(2)).to_contain_text("vaardigheden")
    step(page, "04-vergelijken")
    page.locator("td.actions").nth(2).get_by_role("link", name=re.compile(
        "^Maak een overstapplan")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Maak een overstapplan naar {HEAT_PUMP_NL}")
    expect(page.get_by_role("link", name="Account aanmaken")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Inloggen", exact=True)
           ).to_be_visible()
    step(page, "05-account-nodig")
    page.go_back()  # the back button brings the comparison back as it was
    expect(page.locator("table.side-by-side thead th")).to_have_count(4)
    page.go_forward()
    page.get_by_role("link", name="Account aanmaken").click()

    register_and_confirm(page, step, log, email, PASSWORD, first=6)  # steps 06 to 08

    fill_profile(page, "AM13", "3511", (32, 40))
    page.get_by_label("Beroep", exact=True).fill("loodgieter")
    page.get_by_label("Jaren").fill("12")
    page.get_by_role("button", name="Werkervaring toevoegen").click()
    expect(page.get_by_role("row", name=re.compile("loodgieter"))).to_contain_text("12")
    step(page, "09-profiel")
    page.get_by_role("link", name="Klaar? Ga verder waar je gebleven was").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Jouw overstapplan")
    expect(page.get_by_role("heading", name=f"Naar {HEAT_PUMP_NL}")).to_be_visible(
        timeout=60_000)
    expect(page.get_by_text("In de praktijk: warmtepompmonteur")).to_be_visible()
    costs = page.locator("dl.figures dd")
    expect(costs.first).to_have_text(re.compile(r"^€\u00a0[\d.]+$"))  # whole euros
    vacancy = page.locator("table.vacancies").get_by_role("link", name=VACANCY)
    expect(vacancy).to_be_visible()
    step(page, "10-plan")
    vacancy.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(VACANCY)
    expect(page.get_by_role("heading", name="Aanmelden met Open Hiring")).to_be_visible()
    page.get_by_label("Ik ben 18 jaar of ouder").check()
    page.get_by_label("Ik mag wettelijk in Nederland werken").check()
    step(page, "11-vacature")
    page.get_by_role("button", name="Aanmelden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Open Hiring-plaatsen")
    expect(page.get_by_role("status").first).to_contain_text("Je staat op plaats 1 in de rij.")
    expect(page.get_by_role("row", name=re.compile(re.escape(VACANCY)))).to_be_visible()
    step(page, "12-in-de-rij")


def test_the_overstap_chart_on_a_phone(page, site):
    url, _log = site
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{url}/overstap/?van={PLUMBER}&groen=1")
    chart = page.locator("#overstap-grafiek")
    expect(chart.locator(".legend")).to_be_attached()
    ticks = chart.locator(".ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert "0,2" in ticks and "0.2" not in ticks  # Dutch decimal comma
    legend = chart.locator(".legend").bounding_box()
    for part in (".g-xtitle", ".xaxislayer-above"):
        box = chart.locator(part).first.bounding_box()
        assert legend["y"] + legend["height"] <= box["y"] or box["y"] + box["height"] <= \
            legend["y"], f"legend overlaps {part}"
    assert legend["x"] + legend["width"] <= 375  # not cut off either
    step(page, "13-grafiek-telefoon")
    page.set_viewport_size({"width": 1280, "height": 800})


def test_search_shows_the_heat_pump_job_by_the_name_people_use(page, site):
    url, _log = site
    page.goto(url + "/zoeken/?q=warmtepompmonteur")
    hit = page.locator("#kop-beroepen + ol li", has=page.get_by_role(
        "link", name=HEAT_PUMP_NL, exact=True))
    expect(hit.locator(".everyday")).to_have_text("(warmtepompmonteur)")
    step(page, "14-zoeken-warmtepompmonteur")
