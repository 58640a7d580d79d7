"""A policy analyst reads the monitor and an evaluation, in a real browser on the real data
(issue 15, "How it will be judged"): the monitor's overview with the CBS figures, the forecast,
the CBS page ("Bron: CBS" under each chart), then "Wat werkt", one initiative's report and its
PDF, whose text must say what the page says (the initiative, the effect as the page rounds
it). What the analyst sees is asserted at each step, with axe on each page; screenshots go to
var/test/screenshots/analyst/, the PDF's first page rendered as an image beside them."""

from __future__ import annotations

import io
import re
import secrets
from urllib.parse import urljoin

import pypdfium2
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import Journey, log_in, user_code
from tests.conftest import run_cli

journey = Journey("analyst")
step = journey.step
PASSWORD = secrets.token_urlsafe(12)
REPORT = "Voorbeeld: Omscholing tot warmtepompmonteur"
USER = user_code("bt-analist", "analyst", PASSWORD)


@pytest.fixture(scope="module")
def site(real_env, live_url):
    for args in (("load_monitor_data",), ("load_evaluation_examples",), ("shell", "-c", USER)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    return live_url


def one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_an_analyst_reads_the_monitor_and_an_evaluation_report_with_its_pdf(page, site):
    log_in(page, site, "bt-analist", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.get_by_text("Analist", exact=True)).to_be_visible()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Monitor").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Monitor: tekorten aan technici en ICT'ers")
    expect(page.get_by_role("table", name="Landelijke cijfers van het CBS")).to_contain_text(
        "1.319.000")
    expect(page.locator("#kop-cbs ~ p.chart-source")).to_contain_text("Bron: CBS")
    expect(page.get_by_role("table", name="Landelijke kerncijfers met bron")).to_contain_text(
        "Actieplan Groene en digitale banen (2022)")
    step(page, "01-monitor")
    page.get_by_role("link", name="Prognose en scenario's").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Prognose: vraag, aanbod en tekort van technici en ICT'ers")
    expect(page.locator("#kop-start + p")).to_contain_text("1.861.000")
    expect(page.locator("#basispad .main-svg").first).to_be_attached(timeout=60_000)
    expect(page.locator("#basispad ~ p.chart-source").first).to_contain_text("Bron: CBS")
    expect(page.locator("#tabel-hefbomen")).to_contain_text("Zij-instroomprogramma's")
    step(page, "02-prognose")
    page.go_back()
    page.get_by_role("link", name="Werkgelegenheid en vacatures (CBS)").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Echte cijfers: werkgelegenheid en vacatures volgens het CBS")
    sources = page.locator("p.chart-source")
    expect(sources).to_have_count(3)
    for i in range(3):
        expect(sources.nth(i)).to_contain_text("Bron: CBS, StatLine-tabel")
    expect(page.locator("#tabel-klassen")).to_contain_text("1.319.000")
    expect(page.locator("#tabel-vacatures")).to_contain_text("387.300")
    step(page, "03-cbs")
    menu.get_by_role("link", name="Wat werkt").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welke initiatieven werken?")
    compared = page.locator("table").first
    expect(compared.locator("caption")).to_contain_text("95%-intervallen")
    expect(compared.locator("tbody tr")).to_have_count(3)
    expect(compared).to_contain_text("voorbeeld")
    expect(page.locator("[data-figure='fig-vergelijking'] .main-svg").first).to_be_visible()
    step(page, "04-wat-werkt")
    page.get_by_role("link", name=REPORT).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(REPORT)
    expect(page.locator(".example-banner")).to_contain_text("verzonnen")
    effect = page.locator(".effect__value")
    expect(effect).to_contain_text("procentpunt")
    interval = page.locator(".effect__interval")
    expect(interval).to_contain_text("95%-interval:")
    for figure in ("fig-balans", "fig-overlap", "fig-groepen"):
        expect(page.locator(f"[data-figure='{figure}'] .main-svg").first).to_be_visible()
    expect(page.locator(".refutations .verdict")).to_have_count(4)
    expect(page.locator(".sensitivity")).to_contain_text("Een verstorende factor zou")
    expect(page.get_by_text("Wat de schatting niet laat zien")).to_be_visible()
    step(page, "05-rapport")
    shown_effect = one_line(effect.inner_text())
    shown_interval = one_line(interval.inner_text()).removeprefix("95%-interval:").strip()

    # the link's file, fetched as this browser (its cookies): chromium would show it in a viewer
    link = page.get_by_role("link", name="Rapport als PDF")
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    text = one_line(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert REPORT in text
    assert "VOORBEELD: verzonnen gegevens" in text
    number = re.search(r"[+−-]?\d+(,\d+)? procentpunt", shown_effect).group(0)
    assert number in text, (number, text[:2000])  # the same rounding as the page
    assert shown_interval in text, (shown_interval, text[:2000])
    # no axe for a PDF; its first page as an image, for people to look at
    first = pypdfium2.PdfDocument(pdf)[0]
    first.render(scale=1.5).to_pil().save(journey.folder / "06-rapport-pdf.png")
