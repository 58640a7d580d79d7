"""The cohort API: public numbers, roles before bodies, an organiser's own cohorts only, the
applicant's own status and reason, outcomes only with consent."""

from __future__ import annotations

import json

from banenbrug.employers.models import Cohort
from tests.employers.cohort_world import cohort_data

API = "/api/v1/employers/cohorts"


def _post(client, path, body, method="post"):
    return getattr(client, method)(path, json.dumps(body), content_type="application/json")


def _body(**changes):
    data = cohort_data(**changes)
    data["occupation"] = data.pop("occupation_text")
    return data


def test_roles_are_checked_before_the_body(client, cohort_world):
    assert _post(client, API, {}).status_code == 401
    client.force_login(cohort_world.seeker_user)
    assert _post(client, API, {"nonsense": 1}).status_code == 403
    client.force_login(cohort_world.employer_user)
    assert _post(client, f"{API}/{cohort_world.cohort.pk}/application",
                 {"consent": True}).status_code == 403


def test_organiser_creates_with_clear_messages(client, cohort_world):
    client.force_login(cohort_world.employer_user)
    bad = _post(client, API, _body(modules=[], places=0, region="AM99"))
    assert bad.status_code == 422
    detail = bad.json()["detail"]
    assert "at least one module" in detail and "at least one place" in detail
    assert "Unknown labour-market region: AM99" in detail
    made = _post(client, API, _body(title="Tweede cohort"))
    assert made.status_code == 201
    body = made.json()
    assert (body["title"], body["places"], body["modules"], body["applications"]) == (
        "Tweede cohort", 2, ["zon"], 0)
    assert Cohort.objects.get(pk=body["id"]).organiser == cohort_world.employer


def test_apply_select_and_why_over_http(client, cohort_world):
    w = cohort_world
    url = f"{API}/{w.cohort.pk}"
    client.force_login(w.seeker_user)
    refused = _post(client, f"{url}/application", {"consent": False})
    assert refused.status_code == 422 and "consent" in refused.json()["detail"]
    assert _post(client, f"{url}/application", {"consent": True}).status_code == 201
    client.force_login(w.other_user)
    assert _post(client, f"{url}/application", {"consent": True}).status_code == 201

    client.force_login(w.other_employer_user)  # not their cohort
    assert _post(client, f"{url}/selection", {}).status_code == 404
    client.force_login(w.employer_user)
    rows = _post(client, f"{url}/selection", {}).json()
    assert [(r["pseudonym"], r["status"], r["held"], r["needed"]) for r in rows] == [
        (w.seeker.pseudonym, "admitted", 1, 1), (w.other.pseudonym, "not_passed", 0, 1)]
    outcome = _post(client, f"{url}/applicants/{rows[0]['id']}/outcomes",
                    {"completed": True}, method="put")
    assert outcome.status_code == 422 and "consent" in outcome.json()["detail"]

    client.force_login(w.seeker_user)
    mine = client.get(f"{url}/application").json()
    assert mine["status"] == "admitted" and "You have been admitted" in mine["explanation"]
    assert client.get(f"{API}/999999/application").status_code == 404

    client.logout()
    public = client.get(url)
    assert public.status_code == 200
    assert (public.json()["applications"], public.json()["admitted"]) == (2, 1)
    assert public.json()["outcomes"]["participants"] is None
    assert "K-0" not in public.content.decode()
    assert [c["id"] for c in client.get(API).json()] == [w.cohort.pk]
