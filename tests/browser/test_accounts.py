"""A new job seeker registers in a real browser: the login page's link, a weak password refused,
the confirmation e-mail's link, the first profile (availability date and an occupation chosen
from suggestions survive), then logging out and in again. axe on every page; screenshots of
each step go to var/test/screenshots/accounts/ for people to look at.

Runs on pytest-django's live server (this process), so the e-mail lands in mail.outbox."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from banenbrug.taxonomy.models import Occupation
from tests.browser.conftest import (
    Journey,
    fill_profile,
    fill_registration,
    log_in,
    log_out,
    new_page,
)

step = Journey("accounts").step
EMAIL, PASSWORD = "nieuw@voorbeeld.nl", "Zonnedak-Monteur-2027"
ESCO = "http://data.europa.eu/esco/occupation/"


@pytest.fixture
def site(live_server):
    for name in ("gebouwen", "industrie"):
        Occupation.objects.create(uri=f"{ESCO}o-{name}", label_en=f"electrician {name}",
                                  label_nl=f"monteur elektrische installaties {name}",
                                  alt_labels_nl="elektricien", isco_code="7411")
    return live_server.url


@pytest.fixture
def page(site):
    """A browser opened after the database work: playwright's sync API runs an event loop in
    this thread, and Django refuses ORM calls while one runs."""
    with new_page() as opened:
        yield opened


def test_a_job_seeker_registers_confirms_fills_the_profile_and_logs_in_again(page, site):
    page.goto(site + "/account/inloggen/")
    step(page, "01-inloggen")
    page.get_by_role("link", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registreren")
    expect(page.get_by_label("werkzoekende (of iemand die wil overstappen)")).to_be_checked()

    fill_registration(page, EMAIL, "12345678")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_text("Dit wachtwoord is te algemeen.")).to_be_visible()
    step(page, "02-zwak-wachtwoord")

    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_label("Ik ga akkoord met de privacyvoorwaarden").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    step(page, "03-kijk-in-je-mail")

    (message,) = mail.outbox
    page.goto(re.search(r"https?://\S+", message.body).group(0))
    step(page, "04-bevestigen")
    page.get_by_role("button", name="Account bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    expect(page.get_by_role("status")).to_contain_text("Welkom bij Banenbrug")

    fill_profile(page, "AM14", "3511", (24, 32), available="2027-01-01")
    expect(page.get_by_label("beschikbaar vanaf")).to_have_value("2027-01-01")
    step(page, "05-profiel-opgeslagen")

    page.get_by_label("Beroep", exact=True).fill("elektricien")
    page.get_by_label("Jaren").fill("6")
    page.get_by_role("button", name="Werkervaring toevoegen").click()
    choices = page.locator(".occupation-choices button")
    expect(choices).to_have_count(2)
    expect(page.get_by_label("Beroep", exact=True)).to_have_value("elektricien")
    expect(page.get_by_label("Jaren")).to_have_value("6")
    step(page, "06-kies-een-beroep")
    page.get_by_role("button", name="monteur elektrische installaties industrie").click()
    expect(page.get_by_label("Beroep", exact=True)).to_have_value(
        "monteur elektrische installaties industrie")
    expect(page.get_by_label("Jaren")).to_have_value("6")
    page.get_by_role("button", name="Werkervaring toevoegen").click()
    row = page.get_by_role("row", name=re.compile("monteur elektrische installaties industrie"))
    expect(row).to_contain_text("6")
    step(page, "07-werkervaring-toegevoegd")

    log_out(page)
    log_in(page, site, EMAIL, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(page.get_by_text("Werkzoekende")).to_be_visible()
    step(page, "08-weer-ingelogd")


@pytest.fixture
def staff(site):
    """A coach, an administrator and an employer request waiting for a decision."""
    from django.contrib.auth.models import Group, User

    from banenbrug.accounts.models import EmployerRequest

    for name, role in (("coach@voorbeeld.nl", "coach"), ("beheer@voorbeeld.nl",
                                                          "administrator")):
        User.objects.create_user(name, email=name, password=PASSWORD).groups.add(
            Group.objects.get(name=role))
    applicant = User.objects.create_user("baas@bouw.nl", email="baas@bouw.nl",
                                         password=PASSWORD)
    EmployerRequest.objects.create(user=applicant, organisation="Bouw BV (voorbeeld)")
    return site


@pytest.fixture
def staff_page(staff):
    with new_page() as opened:
        yield opened


def test_a_coach_invites_and_an_administrator_grants_an_employer(staff_page, staff):
    page, site = staff_page, staff
    log_in(page, site, "coach@voorbeeld.nl", PASSWORD)
    page.get_by_role("link", name="Een werkzoekende uitnodigen").click()
    page.get_by_label("E-mailadres van de werkzoekende").fill("gast@voorbeeld.nl")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text("gast@voorbeeld.nl")
    expect(page.get_by_role("table")).to_contain_text("open tot")
    step(page, "09-coach-nodigt-uit")
    log_out(page)

    (message,) = mail.outbox
    page.goto(re.search(r"https?://\S+", message.body).group(0))
    expect(page.get_by_text("gast@voorbeeld.nl")).to_be_visible()
    step(page, "10-uitnodiging-aannemen")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_label("Ik ga akkoord met de privacyvoorwaarden").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    log_out(page)

    log_in(page, site, "beheer@voorbeeld.nl", PASSWORD)
    page.get_by_role("link", name="Aanvragen voor werkgeversaccounts").click()
    expect(page.get_by_role("table")).to_contain_text("Bouw BV (voorbeeld)")
    step(page, "11-werkgeversaanvragen")
    page.get_by_role("button", name="Bevestigen baas@bouw.nl").click()
    expect(page.get_by_role("status")).to_contain_text("is nu werkgever voor Bouw BV")
    expect(page.get_by_role("table")).to_contain_text("Geen aanvragen die wachten.")

    page.goto(site + "/account/privacy/")
    step(page, "12-privacyvoorwaarden")
    log_out(page)
    page.goto(site + "/account/wachtwoord-vergeten/")
    step(page, "13-wachtwoord-vergeten")
