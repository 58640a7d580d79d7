"""Privacy by role: every forbidden path, through the pages and through the API, is refused."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from banenbrug.matching.models import QueueEntry
from banenbrug.people.models import GroupStatistics, JobSeeker
from tests.world import make_seeker

API = "/api/matching"


def page(client, user, name, *args, method="get", data=None):
    client.force_login(user)
    return getattr(client, method)(reverse(f"matching:{name}", args=args), data or {})


def api(client, user, method, path, body=None):
    client.force_login(user)
    kwargs = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    return getattr(client, method)(f"{API}{path}", **kwargs)


# -------------------------------------------------------------- job seekers

def test_a_job_seeker_sees_and_exports_only_their_own_profile(client, world):
    response = api(client, world.seeker_user, "get", "/profile")
    assert response.status_code == 200 and response.json()["id"] == world.seeker.pk
    exported = api(client, world.seeker_user, "get", "/profile/export").json()
    assert exported["id"] == world.seeker.pk
    response = page(client, world.seeker_user, "export")
    assert json.loads(response.content)["id"] == world.seeker.pk
    # There is no way to name another person: the profile endpoints take no id.
    for forbidden in (f"/caseload/{world.other.pk}", f"/caseload/{world.other.pk}/matches",
                      "/caseload", f"/employer/vacancies/{world.vacancy.pk}/candidates",
                      "/fairness"):
        assert api(client, world.seeker_user, "get", forbidden).status_code == 403, forbidden
    for name, args in (("caseload_person", (world.other.pk,)), ("caseload", ()),
                       ("employer_vacancy", (world.vacancy.pk,)), ("fairness", ())):
        assert page(client, world.seeker_user, name, *args).status_code == 403, name


def test_deleting_removes_only_my_profile(client, world):
    GroupStatistics.objects.create(seeker=world.seeker, gender="woman")
    assert api(client, world.seeker_user, "delete", "/profile").status_code == 204
    assert not JobSeeker.objects.filter(pk=world.seeker.pk).exists()
    assert not GroupStatistics.objects.exists()
    assert JobSeeker.objects.filter(pk=world.other.pk).exists()
    assert api(client, world.seeker_user, "get", "/profile").status_code == 404
    response = page(client, world.other_user, "delete", method="post")
    assert response.status_code == 302 and not JobSeeker.objects.filter(pk=world.other.pk)


def test_someone_elses_queue_place_cannot_be_touched(client, world):
    from banenbrug.matching import queue
    from banenbrug.matching.models import HiringMode

    world.vacancy.hiring_mode = HiringMode.OPEN_HIRING
    world.vacancy.save()
    entry = queue.sign_up(world.vacancy.pk, world.other, queue.Declaration(True, True, True))
    assert api(client, world.seeker_user, "post",
               f"/profile/places/{entry.pk}/decline").status_code == 404
    assert page(client, world.seeker_user, "place_action", entry.pk, "afslaan",
                method="post").status_code == 404
    assert QueueEntry.objects.get(pk=entry.pk).status == "offered"


def test_anonymous_visitors_get_nothing(client, world):
    assert client.get(f"{API}/profile").status_code == 401
    assert client.get(reverse("matching:profile")).status_code == 302
    assert client.get(reverse("matching:export")).status_code == 302


def test_unsafe_api_calls_need_the_csrf_token(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.seeker_user)
    response = strict.delete(f"{API}/profile")
    assert response.status_code == 403
    assert JobSeeker.objects.filter(pk=world.seeker.pk).exists()


# -------------------------------------------------------------- employers

def test_an_employer_sees_only_their_own_vacancies(client, world):
    own = api(client, world.employer_user, "get", "/employer/vacancies").json()
    assert [v["id"] for v in own] == [world.vacancy.pk]
    other = world.other_vacancy.pk
    for path in (f"/employer/vacancies/{other}/candidates", f"/employer/vacancies/{other}/queue"):
        assert api(client, world.employer_user, "get", path).status_code == 404, path
    body = {"title": "x", "region": "AM01", "postcode": "1234", "hours_min": 8, "hours_max": 16}
    assert api(client, world.employer_user, "put", f"/employer/vacancies/{other}",
               body).status_code == 404
    for name in ("employer_vacancy", "vacancy_edit"):
        assert page(client, world.employer_user, name, other).status_code == 404, name
    world.other_vacancy.refresh_from_db()
    assert world.other_vacancy.title == "Monteur"


def test_an_employer_never_sees_profiles_directly(client, world):
    for path in ("/profile", "/profile/export", f"/caseload/{world.seeker.pk}", "/caseload",
                 "/fairness"):
        assert api(client, world.employer_user, "get", path).status_code in (403, 404), path
    assert page(client, world.employer_user, "caseload_person",
                world.seeker.pk).status_code == 403


def test_candidates_are_only_people_who_consented(client, esco_world):
    w = esco_world
    make_seeker(consent=False)
    response = api(client, w.employer_user, "get",
                   f"/employer/vacancies/{w.vacancy.pk}/candidates")
    assert response.status_code == 200
    shown = {m["id"] for m in response.json()["matches"]}
    consenting = set(JobSeeker.objects.filter(consent_employers=True).values_list("pk",
                                                                                   flat=True))
    assert shown and shown <= consenting and w.other.pk not in shown
    html = page(client, w.employer_user, "employer_vacancy", w.vacancy.pk).content.decode()
    assert w.seeker.pseudonym in html and w.other.pseudonym not in html
    assert "anna" not in html  # never a name


# -------------------------------------------------------------- coaches and analysts

def test_a_coach_sees_only_their_caseload(client, world):
    listed = api(client, world.coach, "get", "/caseload").json()
    assert [p["id"] for p in listed] == [world.seeker.pk]
    assert api(client, world.coach, "get", f"/caseload/{world.seeker.pk}").status_code == 200
    assert api(client, world.coach, "get", f"/caseload/{world.other.pk}").status_code == 404
    assert api(client, world.other_coach, "get",
               f"/caseload/{world.seeker.pk}").status_code == 404
    assert page(client, world.other_coach, "caseload_person",
                world.seeker.pk).status_code == 404
    assert api(client, world.coach, "get",
               f"/employer/vacancies/{world.vacancy.pk}/candidates").status_code == 403


def test_an_analyst_sees_aggregates_only(client, world):
    for path in (f"/caseload/{world.seeker.pk}", "/caseload", "/profile",
                 f"/employer/vacancies/{world.vacancy.pk}/candidates",
                 f"/employer/vacancies/{world.vacancy.pk}/queue"):
        assert api(client, world.analyst, "get", path).status_code == 403, path
    for name, args in (("caseload_person", (world.seeker.pk,)), ("caseload", ()),
                       ("profile", ()), ("employer_vacancy", (world.vacancy.pk,))):
        assert page(client, world.analyst, name, *args).status_code == 403, name


SECTIONS = {"seeker_user": "Voor jou als werkzoekende", "employer_user": "Voor werkgevers",
            "coach": "Voor coaches", "analyst": "Voor analisten"}


@pytest.mark.parametrize("role", list(SECTIONS))
def test_the_landing_page_shows_each_role_its_own_part_only(client, world, role):
    html = page(client, getattr(world, role), "index").content.decode()
    assert SECTIONS[role] in html
    # a coach may also read the aggregates (accounts/roles.py), so sees the analysts' part
    allowed = {role, "analyst"} if role == "coach" else {role}
    assert [s for other, s in SECTIONS.items() if other not in allowed and s in html] == []
