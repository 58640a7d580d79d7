"""The employer self-scan in a real browser: the first scan, the result with peers and next steps,
a re-scan and the progress chart. axe on every page; screenshots of each step go to
var/test/screenshots/selfscan/ for people to look at."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from banenbrug.accounts.roles import EMPLOYER
from banenbrug.employers import selfscan_service as service
from banenbrug.people.models import Employer
from banenbrug.plans.models import FundingScheme
from banenbrug.registry.models import Initiative
from tests.browser.conftest import Journey, log_in, new_page
from tests.world import make_user

step = Journey("selfscan").step
PASSWORD = "x-long-password-1"


@pytest.fixture
def site(live_server):
    from banenbrug.registry.regions import load_regions

    load_regions()
    Initiative.objects.create(key="vrouwen-in-de-techniek", name="Vrouwen in de techniek",
                              organisation="Techniek NL", kind="inclusion", national=True)
    FundingScheme.objects.create(key="oo-fonds", name="O&O-fonds installatie",
                                 provider="Fonds", kind="sector", pays_for="training")
    questions = service.questionnaire().questions
    for i in range(12):  # peers in the same sector and province
        peer = Employer.objects.create(name=f"Peer {i}")
        service.save_scan(peer, "sbi:F", "PV20", {q.key: q.options[1 + i % 2].key
                                                  for q in questions},
                          taken_at=datetime(2026, 1, 10, tzinfo=UTC))
    user = make_user("bt-werkgever-scan", EMPLOYER)
    Employer.objects.create(name="Warmtewerk Groningen").members.add(user)
    return live_server.url


@pytest.fixture
def page(site):
    with new_page() as opened:  # after the database work (see test_accounts)
        yield opened


def answer_all(page, choice: int) -> None:
    for fieldset in page.locator("fieldset.scan-question").all():
        fieldset.locator("input[type=radio]").nth(choice).check()


def test_an_employer_scans_sees_peers_and_steps_and_then_progress(page, site):
    log_in(page, site, "bt-werkgever-scan", PASSWORD)
    page.goto(site + "/werkgevers/")
    page.get_by_role("link", name="Zelfscan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Zelfscan: Warmtewerk Groningen")
    step(page, "01-nog-geen-scan")
    page.get_by_role("link", name="Zelfscan invullen").click()
    step(page, "02-vragenlijst")
    page.get_by_label("Sector").select_option(label="Bouw en installatie")
    page.get_by_label("Provincie").select_option(label="Groningen")
    answer_all(page, 0)
    page.get_by_role("button", name="Scan opslaan").click()
    expect(page.locator(".lead")).to_contain_text("Vergeleken met 12 andere werkgevers")
    expect(page.locator("table.scan-summary tbody tr").first).to_contain_text("onder de groep")
    steps = page.locator("section.next-steps")
    expect(steps.first).to_contain_text("Inclusief werven")
    expect(page.get_by_role("link", name="Vrouwen in de techniek")).to_be_visible()
    expect(page.get_by_role("link", name="O&O-fonds installatie")).to_have_count(0)  # no url
    expect(page.get_by_text("O&O-fonds installatie")).to_be_visible()
    step(page, "03-resultaat")
    page.get_by_role("link", name="Scan opnieuw invullen").click()
    expect(page.locator("input[type=radio]:checked")).to_have_count(
        len(service.questionnaire().questions))  # prefilled with the last answers
    answer_all(page, 2)
    page.get_by_role("button", name="Scan opslaan").click()
    expect(page.locator("#scan-voortgang.chart--drawn")).to_be_visible()
    expect(page.locator("#scan-voortgang")).to_contain_text("100")
    history = page.locator("table", has=page.locator("caption", has_text="Alle scans"))
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_text("Geen thema scoort onder de 60")).to_be_visible()
    step(page, "04-voortgang")
