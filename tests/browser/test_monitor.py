"""The monitor in a real browser: map, charts, tables, keyboard, axe-core. (The overview and
a first reading of forecast and CBS page are the analyst's journey, test_analyst.py.)"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey
from tests.conftest import run_cli

step = Journey("monitor").step


@pytest.fixture(scope="module")
def monitor_url(real_env, live_url):
    done = run_cli(real_env, "load_monitor_data")
    assert done.returncode == 0, done.stderr
    return live_url + "/monitor/"


def test_tension_map_draws_the_regions_and_the_form_works_by_keyboard(page, monitor_url):
    page.goto(monitor_url + "spanning/")
    expect(page.locator("#kaart path.choroplethlocation").first).to_be_attached()
    assert page.locator("#kaart path.choroplethlocation").count() == 35
    expect(page.get_by_text("Voorbeelddata").first).to_be_visible()
    step(page, "01-spanning")
    page.get_by_label("Beroepsgroep", exact=True).select_option("ict")
    page.get_by_label("Regio (verloop)").select_option("AM13")
    page.get_by_label("Regio (verloop)").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**beroepsgroep=ict**regio=AM13**")
    expect(page.locator("#kop-verloop")).to_contain_text("Midden-Utrecht")
    expect(page.locator("#tabel-regios")).to_contain_text("onderdrukt")
    step(page, "02-spanning-utrecht-ict")


def test_forecast_compares_scenarios_and_levers(page, monitor_url):
    page.goto(monitor_url + "prognose/?to=2050&runs=1000&scenario=alle-hefbomen"
              "&scenario=zij-instroom")
    expect(page.locator("#scenarios .scatterlayer .trace").first).to_be_attached()
    expect(page.locator("#tabel-hefbomen")).to_contain_text("Zij-instroomprogramma's")
    expect(page.locator("#tabel-scenarios")).to_contain_text("2050")
    step(page, "03-prognose-scenarios")
    page.goto(monitor_url + "onderwijs-en-uitstroom/")
    expect(page.locator("#instroom .bars").first).to_be_attached()
    step(page, "04-onderwijs")


def test_cbs_page_draws_real_figures_with_the_licence_line_under_each_chart(page, monitor_url):
    page.goto(monitor_url + "cbs/")
    expect(page.locator("#klassen .bars").first).to_be_attached()
    sources = page.locator("p.chart-source")
    assert sources.count() == 3
    for i in range(3):
        expect(sources.nth(i)).to_contain_text("Bron: CBS, StatLine-tabel")
    expect(page.locator("#tabel-klassen")).to_contain_text("1.319.000")
    expect(page.locator("#tabel-vacatures")).to_contain_text("387.300")
    step(page, "05-cbs")
    page.get_by_label("Sector", exact=True).select_option("sbi:F")
    page.get_by_label("Sector", exact=True).focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**sector=sbi%3AF**")
    expect(page.locator("#tabel-vacatures")).to_contain_text("28.600")  # Nederland, bouw
    page.goto(monitor_url + "prognose/?runs=1000")
    expect(page.locator("#kop-start + p")).to_contain_text("1.861.000")
    expect(page.locator("#basispad ~ p.chart-source").first).to_contain_text("Bron: CBS")
    step(page, "06-prognose-basispad")


def test_chart_axes_speak_dutch_numbers(page, monitor_url):
    """One place (web/plotly_nl.js) gives every chart Dutch separators and numbers in full:
    "1.900.000" and "0,5", never "1.9M", "250k" or "0.5"."""
    page.goto(monitor_url + "prognose/")
    ticks = page.locator(".js-plotly-plot .ytick text, .js-plotly-plot .xtick text")
    expect(ticks.first).to_be_attached()
    numbers = [t.strip() for t in ticks.all_text_contents()
               if re.fullmatch(r"[−-]?[\d.,]+\s*[kMG%]?", t.strip())]
    assert numbers, "no numeric tick labels drawn"
    assert not [t for t in numbers if t[-1] in "kMG"], numbers  # no English SI suffixes
    big = [t for t in numbers if int(re.sub(r"\D", "", t) or 0) >= 10_000]
    assert big and all(re.fullmatch(r"[−-]?\d{1,3}(\.\d{3})+", t) for t in big), numbers
