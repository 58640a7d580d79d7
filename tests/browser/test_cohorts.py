"""Cohorts with a job promise in a real browser, on the real data: an organiser creates a cohort
(bad input first), two job seekers apply, the organiser runs the selection, and each applicant
sees why they were or were not admitted; the public page shows no person. axe on every page;
screenshots of each step go to var/test/screenshots/cohorts/."""

from __future__ import annotations

import json
import re
import secrets
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from banenbrug.conf.paths import PROJECT_ROOT
from tests.browser.conftest import serious_violations
from tests.conftest import run_cli

SHOTS = PROJECT_ROOT / "var" / "test" / "screenshots" / "cohorts"
PASSWORD = secrets.token_urlsafe(12)
TITLE = "BT Warmtepompmonteurs voorjaar"
SETUP = f"""
import json
from django.contrib.auth.models import Group, User
from banenbrug.employers import cohort_service
from banenbrug.employers.models import Cohort
from banenbrug.people.models import Employer, JobSeeker
Cohort.objects.filter(title={TITLE!r}).delete()
example = Cohort.objects.get(is_example=True)
entry = sorted(cohort_service.entry_skills(example))
def user(name, role):
    made, _ = User.objects.get_or_create(username=name)
    made.set_password({PASSWORD!r}); made.save()
    made.groups.add(Group.objects.get(name=role))
    return made
organiser = Employer.objects.get_or_create(name="BT Opleidingshuis Drechtsteden")[0]
organiser.members.add(user("bt-cohort-organisator", "employer"))
for name, skills in (("bt-cohort-monteur", entry[:6]), ("bt-cohort-starter", [])):
    JobSeeker.objects.filter(user__username=name).delete()
    seeker = JobSeeker.objects.create(user=user(name, "job_seeker"), region="AM23",
                                      postcode="3311", hours_min=32, hours_max=40,
                                      consent_evaluation=bool(skills))
    for pk in skills:
        seeker.skills.create(skill_id=pk, source="declared")
print(json.dumps({{"initiative": example.initiative.key,
                   "modules": list(example.modules.values_list("key", flat=True)),
                   "occupation": example.occupation.label_nl}}))
"""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    for args in (("matching_demo",), ("plans_examples",), ("registry_setup",),
                 ("cohort_demo",)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    done = run_cli(real_env, "shell", "-c", SETUP)
    assert done.returncode == 0, done.stderr
    SHOTS.mkdir(parents=True, exist_ok=True)
    return live_url, json.loads(done.stdout.strip().splitlines()[-1])


def login(page, url, name):
    page.context.clear_cookies()
    page.goto(url + "/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def checked(page, name):
    assert serious_violations(page) == []
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_organiser_creates_a_cohort_seekers_apply_and_see_why(page, site):
    url, example = site
    login(page, url, "bt-cohort-organisator")
    page.goto(url + "/werkgevers/cohorten/")
    expect(page.get_by_role("link", name=re.compile("najaar 2027"))).to_be_visible()
    checked(page, "1-cohorten")
    page.get_by_role("link", name=re.compile("najaar 2027")).click()
    # ESCO's name for the job, and the one people use beside it
    expect(page.locator("dd", has_text="technicus koel-, lucht- en verwarmingstechniek")
           ).to_contain_text("(warmtepompmonteur)")
    page.goto(url + "/werkgevers/cohorten/")
    page.get_by_role("link", name="Nieuw cohort").click()

    # bad input: no modules, no places, a start in the past; every problem named
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Startdatum").fill("2020-01-06")
    page.get_by_label("Plaatsen").fill("0")
    page.get_by_role("button", name="Cohort opslaan").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Kies minstens één module")
    expect(alert).to_contain_text("minstens één plaats")
    expect(alert).to_contain_text("startdatum ligt in het verleden")
    checked(page, "2-fouten")

    page.get_by_label("Initiatief (register)").select_option(example["initiative"])
    page.get_by_label("Modules uit de catalogus").select_option(example["modules"])
    page.get_by_label("Startdatum").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_label("Plaatsen").fill("1")
    page.get_by_label("Arbeidsmarktregio").select_option("AM23")
    page.get_by_label("Drempel instapvaardigheden (procent)").fill("10")
    page.get_by_label(re.compile("Beroep waarvoor wordt opgeleid")).fill(example["occupation"])
    page.get_by_role("button", name="Cohort opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Beheer: {TITLE}")
    manage = page.url
    checked(page, "3-beheer-leeg")

    for name in ("bt-cohort-starter", "bt-cohort-monteur"):  # the starter applies first
        login(page, url, name)
        page.goto(manage.replace("beheer/", ""))
        page.get_by_role("link", name="Aanmelden voor dit cohort").click()
        expect(page.get_by_role("heading", name="Zo wordt geselecteerd")).to_be_visible()
        page.get_by_label(re.compile("Ik geef toestemming")).check()
        page.get_by_role("button", name="Aanmelden").click()
        expect(page.get_by_role("heading", level=2, name=re.compile("Jouw aanmelding"))
               ).to_contain_text("aangemeld")
    checked(page, "4-aangemeld")

    login(page, url, "bt-cohort-organisator")
    page.goto(manage)
    page.get_by_role("button", name="Selectie uitvoeren").click()
    expect(page.get_by_role("status")).to_contain_text("1 nieuwe deelnemers")
    rows = page.locator("table", has_text="Aanmeldingen").locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("niet toegelaten")  # applied first, did not pass
    expect(rows.nth(1)).to_contain_text("toegelaten")
    checked(page, "5-selectie")
    # the admitted one consented to evaluation: their outcomes can be recorded
    outcome = page.locator("form.outcome-form")
    outcome.get_by_label("Opleiding afgerond").select_option("ja")
    outcome.get_by_label("Aangenomen", exact=True).select_option("ja")
    outcome.get_by_label("Na 6 maanden nog in dienst").select_option("nee")
    outcome.get_by_role("button", name=re.compile("Opslaan")).click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    expect(page.get_by_label("Opleiding afgerond")).to_have_value("ja")
    checked(page, "5b-uitkomsten")

    login(page, url, "bt-cohort-monteur")
    page.goto(manage.replace("beheer/", ""))
    status = page.locator("section.cohort-status")
    expect(status).to_contain_text("Je bent toegelaten")
    expect(status).to_contain_text("de drempel is 10%")
    expect(status).to_contain_text("jij was nummer 2")
    checked(page, "6-toegelaten")

    login(page, url, "bt-cohort-starter")
    page.goto(manage.replace("beheer/", ""))
    status = page.locator("section.cohort-status")
    expect(status).to_contain_text("Daarom ben je niet toegelaten")
    expect(status).to_contain_text("Deze instapvaardigheden mis je nog")
    checked(page, "7-niet-toegelaten")

    page.context.clear_cookies()
    page.goto(manage.replace("beheer/", ""))
    expect(page.get_by_role("row", name=re.compile("Toegelaten"))).to_contain_text("1")
    assert "K-0" not in page.content()  # no pseudonym on the public page
    checked(page, "8-openbaar")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="How the selection works")).to_be_visible()
    checked(page, "9-openbaar-en")
