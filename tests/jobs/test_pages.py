"""The job page and its htmx-polled partial; pages that now start jobs instead of computing."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from banenbrug.jobs import service
from banenbrug.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client):
    user = User.objects.create_user("alice", password="x")
    client.force_login(user)
    return user


def _partial(client, job):
    return client.get(f"/taken/{job.pk}/", headers={"HX-Request": "true"}).content.decode()


def test_the_partial_polls_while_running_then_shows_the_result(client, alice):
    job = Job.objects.create(kind="forecast", owner=alice, status="running", attempts=1,
                             progress=0.4, message="Simuleren", heartbeat_at=timezone.now())
    html = _partial(client, job)
    assert "<html" not in html  # the partial alone, for htmx to swap in
    assert 'hx-trigger="every 1s"' in html and f'hx-get="/taken/{job.pk}/"' in html
    assert 'value="40"' in html and "40% klaar" in html
    assert "Bezig" in html and "Simuleren" in html
    assert "Bekijk het resultaat" not in html

    Job.objects.filter(pk=job.pk).update(status="done", progress=1.0,
                                         result_url="/monitor/prognose/?taak=1")
    html = _partial(client, job)
    assert "hx-get" not in html  # polling stops
    assert "Klaar" in html and "100% klaar" in html
    assert 'href="/monitor/prognose/?taak=1"' in html


def test_a_job_that_reports_no_steps_shows_a_moving_bar_and_english_works(client, alice):
    job = Job.objects.create(kind="forecast", owner=alice, status="running", attempts=1,
                             heartbeat_at=timezone.now())
    html = _partial(client, job)
    assert '<progress class="job__bar" aria-label="Voortgang"></progress>' in html
    assert "% klaar" not in html  # no figure for a bar that does not know
    client.cookies["django_language"] = "en"
    Job.objects.filter(pk=job.pk).update(status="queued")
    english = _partial(client, job)
    assert "Queued" in english and "0% done" in english


def test_the_full_page_has_the_layout_and_a_failed_job_its_message(client, alice):
    job = Job.objects.create(kind="evaluation_import", owner=alice, status="failed",
                             error="rij 2, kolom 'region': de cel is leeg")
    html = client.get(f"/taken/{job.pk}/").content.decode()
    assert "<h1>Uitkomsten inlezen en rapporten berekenen</h1>" in html
    assert "Mislukt" in html and "er is niets half opgeslagen" in html
    assert "rij 2, kolom &#x27;region&#x27;: de cel is leeg" in html


def test_someone_elses_job_is_not_found(client, alice):
    bob = User.objects.create_user("bob", password="x")
    job = Job.objects.create(kind="forecast", owner=bob)
    assert client.get(f"/taken/{job.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/taken/{job.pk}/").status_code == 404


def test_a_pdf_result_is_downloadable_other_files_are_not(client, alice):
    pdf = Job.objects.create(kind="forecast", owner=alice, status="done",
                             output=b"%PDF-1.4 x", output_name="plan.pdf")
    response = client.get(f"/taken/{pdf.pk}/bestand")
    assert response["Content-Type"] == "application/pdf" and response.content == b"%PDF-1.4 x"
    assert "Download plan.pdf" in _partial(client, pdf)
    internal = Job.objects.create(kind="forecast", owner=alice, status="done",
                                  output=b"\x80\x05", output_name="prognose.pickle")
    assert client.get(f"/taken/{internal.pk}/bestand").status_code == 404
    assert "Download" not in _partial(client, internal)


FORECAST = "/monitor/prognose/?scenario=zij-instroom&to=2050&runs=2000"


def test_a_large_forecast_is_a_job_of_the_anonymous_visitor(client):
    response = client.get(FORECAST)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/taken/{job.pk}/"
    assert job.params == {"scenarios": ["zij-instroom"], "to": 2050, "runs": 2000}
    assert job.owner is None and job.session_key == client.session.session_key
    assert "In de wachtrij" in client.get(f"/taken/{job.pk}/").content.decode()
    assert service.execute(job.pk) == "done"
    job.refresh_from_db()
    link = re.search(r'href="([^"]+)">Bekijk het resultaat', _partial(client, job)).group(1)
    page = client.get(link.replace("&amp;", "&"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2050" in html and "Zij-instroom" in html
    assert page.context["runs"] == 2000 and page.context["result"].to_year == 2050
    # the same link in another visitor's browser starts that visitor's own job instead
    assert Client().get(link.replace("&amp;", "&")).status_code == 302
    assert Job.objects.count() == 2


def test_a_small_forecast_is_still_computed_in_the_request(client):
    response = client.get("/monitor/prognose/?scenario=zij-instroom&to=2030&runs=1000")
    assert response.status_code == 200 and response.context["result"].runs == 1000
    assert not Job.objects.exists()


def test_admins_see_jobs_in_the_admin_but_cannot_change_them(client):
    admin = User.objects.create_superuser("beheer", password="x")
    client.force_login(admin)
    job = Job.objects.create(kind="evaluation_import", status="failed", error="kapot",
                             params={"text": "persoonlijke rijen"})
    listing = client.get("/admin/jobs/job/").content.decode()
    assert "evaluation_import" in listing
    page = client.get(f"/admin/jobs/job/{job.pk}/change/").content.decode()
    assert "kapot" in page and "persoonlijke rijen" not in page
    assert client.post(f"/admin/jobs/job/{job.pk}/change/", {"error": "x"}).status_code == 403
