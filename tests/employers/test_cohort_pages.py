"""Cohort pages: the public page shows numbers and no person, the organiser creates and runs
their own cohort only, the job seeker applies and sees why."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from banenbrug.employers import cohort_service
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.registry.models import Initiative, Pledge
from tests.employers.cohort_world import cohort_data, make_module
from tests.world import SOLAR, SOLAR_SKILL

Status = CohortApplication.Status


@pytest.fixture
def pages_world(esco_world):
    w = esco_world
    w.initiative = Initiative.objects.create(key="gap", name="GAP Academy Noord",
                                             organisation="GAP", kind="side_entry")
    Pledge.objects.create(key="zon-bv", employer="Zon BV", initiative=w.initiative,
                          jobs_pledged=6, jobs_delivered=2)
    make_module("zon", [SOLAR_SKILL])
    return w


def test_organiser_creates_links_a_pledge_and_selects(client, pages_world):
    w = pages_world
    client.force_login(w.employer_user)
    bad = client.post("/werkgevers/cohorten/nieuw/", cohort_data(modules=[], places=0,
                                                                  region="AM99"))
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "Kies minstens één module" in text and "minstens één plaats" in text
    assert "Onbekende arbeidsmarktregio" in text and not Cohort.objects.exists()

    made = client.post("/werkgevers/cohorten/nieuw/", cohort_data())
    cohort = Cohort.objects.get()
    assert made.url == f"/werkgevers/cohorten/{cohort.pk}/beheer/"
    client.post(f"/werkgevers/cohorten/{cohort.pk}/banengaranties/", {"banengarantie": "zon-bv"})
    assert Pledge.objects.get().cohort == cohort

    cohort_service.apply(cohort.pk, w.seeker, consent=True)
    client.post(f"/werkgevers/cohorten/{cohort.pk}/selectie/")
    assert cohort.applications.get().status == Status.ADMITTED
    page = client.get(f"/werkgevers/cohorten/{cohort.pk}/beheer/").content.decode()
    assert w.seeker.pseudonym in page and "1 / 1" in page

    # another employer's members cannot run it
    client.force_login(w.other_employer_user)
    assert client.get(f"/werkgevers/cohorten/{cohort.pk}/beheer/").status_code == 404
    assert client.post(f"/werkgevers/cohorten/{cohort.pk}/selectie/").status_code == 404


def test_seeker_applies_and_sees_why_and_the_public_page_shows_no_person(client, pages_world):
    w = pages_world
    cohort = cohort_service.create_cohort(w.employer, cohort_data(occupation_text=SOLAR))
    client.force_login(w.seeker_user)
    refused = client.post(f"/werkgevers/cohorten/{cohort.pk}/aanmelden/", {})
    assert "Zonder je toestemming" in refused.content.decode()
    assert not CohortApplication.objects.exists()
    client.post(f"/werkgevers/cohorten/{cohort.pk}/aanmelden/", {"toestemming": "1"})
    cohort_service.apply(cohort.pk, w.other, consent=True)
    cohort_service.run_selection(cohort.pk)

    mine = client.get(f"/werkgevers/cohorten/{cohort.pk}/").content.decode()
    assert "Jouw aanmelding" in mine and "Je bent toegelaten" in mine
    assert w.other.pseudonym not in mine and w.seeker.pseudonym not in mine

    client.force_login(w.other_user)
    theirs = client.get(f"/werkgevers/cohorten/{cohort.pk}/").content.decode()
    assert "niet toegelaten" in theirs and "Deze instapvaardigheden mis je nog" in theirs

    client.logout()
    public = client.get(f"/werkgevers/cohorten/{cohort.pk}/").content.decode()
    assert "Jouw aanmelding" not in public and "K-0" not in public
    assert "Banen toegezegd door werkgevers" in public and "minder dan 10" in public
    listing = client.get("/werkgevers/cohorten/").content.decode()
    assert cohort.title in listing


def test_outcomes_form_records_with_consent_only(client, pages_world):
    w = pages_world
    cohort = cohort_service.create_cohort(w.employer, cohort_data(
        start_date=(timezone.localdate() + timedelta(days=3)).isoformat()))
    application = cohort_service.apply(cohort.pk, w.seeker, consent=True)
    cohort_service.run_selection(cohort.pk)
    client.force_login(w.employer_user)
    url = f"/werkgevers/cohorten/{cohort.pk}/uitkomsten/{application.pk}/"
    page = client.post(url, {"completed": "ja"}, follow=True).content.decode()
    assert "geen toestemming gegeven" in page
    w.seeker.consent_evaluation = True
    w.seeker.save()
    client.post(url, {"completed": "ja", "hired": "nee"})
    application.refresh_from_db()
    assert (application.completed, application.hired) == (True, False)


def test_the_organiser_closes_and_reopens_applications(client, pages_world):
    w = pages_world
    cohort = cohort_service.create_cohort(w.employer, cohort_data())
    client.force_login(w.seeker_user)
    assert "Aanmelden voor dit cohort" in client.get(
        f"/werkgevers/cohorten/{cohort.pk}/").content.decode()
    client.force_login(w.other_employer_user)  # not the organiser: out of reach
    assert client.post(f"/werkgevers/cohorten/{cohort.pk}/aanmelden-open/").status_code == 404
    client.force_login(w.employer_user)
    page = client.post(f"/werkgevers/cohorten/{cohort.pk}/aanmelden-open/", follow=True)
    assert "Aanmelden is gesloten." in page.content.decode()
    cohort.refresh_from_db()
    assert not cohort.is_open
    client.force_login(w.seeker_user)
    assert "Aanmelden voor dit cohort" not in client.get(
        f"/werkgevers/cohorten/{cohort.pk}/").content.decode()
    client.force_login(w.employer_user)
    client.post(f"/werkgevers/cohorten/{cohort.pk}/aanmelden-open/", {"open": "1"})
    cohort.refresh_from_db()
    assert cohort.is_open


def test_the_registry_shows_which_cohort_a_pledge_is_for(client, pages_world):
    w = pages_world
    cohort = cohort_service.create_cohort(w.employer, cohort_data())
    page = client.get("/initiatieven/banengaranties/").content.decode()
    assert f"/werkgevers/cohorten/{cohort.pk}/" not in page  # not linked yet
    cohort_service.link_pledge(cohort, "zon-bv")
    page = client.get("/initiatieven/banengaranties/").content.decode()
    assert f'href="/werkgevers/cohorten/{cohort.pk}/">{cohort.title}</a>' in page
    listed = client.get("/api/registry/pledges").json()["pledges"]
    assert [(p["key"], p["cohort"], p["cohort_id"]) for p in listed] == [
        ("zon-bv", cohort.title, cohort.pk)]
