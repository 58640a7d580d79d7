"""Places and filters (issue 15, part 4): the municipality on profiles and vacancies (validated,
fills the region), the matches page's filters in the URL, the same filters in the API and the
match command, the travel distance on each match, and explanations addressed to the reader."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from banenbrug.matching import profiles, vacancies
from banenbrug.matching.models import Vacancy
from tests.conftest import call_cli
from tests.world import SOLAR, make_vacancy

GRONINGEN, ASSEN, MAASTRICHT, UTRECHT = "GM0014", "GM0106", "GM0935", "GM0344"


@pytest.fixture
def placed(esco_world):
    """Anna (an electrician) lives in Groningen; the solar vacancy is in Assen (about 24 km),
    a second one like it in Maastricht (about 270 km)."""
    w = esco_world
    profiles.save_profile(w.seeker, municipality=GRONINGEN)
    Vacancy.objects.filter(pk=w.vacancy.pk).update(municipality=ASSEN, region="AM03")
    w.far = make_vacancy(w.other_employer, title="Zonnemonteur Zuid", region="AM30",
                         municipality=MAASTRICHT, postcode="6211")
    vacancies.save_vacancy(w.other_employer, {}, SOLAR, None, None, vacancy=w.far)
    return w


def match_ids(html: str, w) -> set[int]:
    return {v.pk for v in (w.vacancy, w.far) if reverse("matching:vacancy", args=[v.pk]) in html}


# ------------------------------------------------------------------ the municipality field

def test_a_municipality_alone_fills_the_region(client, world):
    client.force_login(world.seeker_user)
    response = client.post(reverse("matching:profile"), {
        "municipality": UTRECHT, "region": "", "postcode": "3511", "hours_min": "24",
        "hours_max": "36", "situation": "ww"})
    assert response.status_code == 302, response.content.decode()[-1500:]
    world.seeker.refresh_from_db()
    assert (world.seeker.municipality, world.seeker.region) == (UTRECHT, "AM13")
    html = client.get(reverse("matching:profile")).content.decode()
    assert f'<option value="{UTRECHT}" selected>Utrecht</option>' in html


def test_a_municipality_outside_the_region_or_none_at_all_is_refused(client, world):
    client.force_login(world.seeker_user)
    base = {"postcode": "3511", "hours_min": "24", "hours_max": "36", "situation": "ww"}
    html = client.post(reverse("matching:profile"), {
        **base, "municipality": UTRECHT, "region": "AM01"}).content.decode()
    assert "Utrecht ligt niet in de arbeidsmarktregio Groningen, maar in Midden-Utrecht" in html
    html = client.post(reverse("matching:profile"), {
        **base, "municipality": "", "region": ""}).content.decode()
    assert "Kies een gemeente of een arbeidsmarktregio." in html
    world.seeker.refresh_from_db()
    assert (world.seeker.municipality, world.seeker.region) == ("", "AM01")  # unchanged


def test_the_api_names_an_unknown_municipality(client, world):
    client.force_login(world.seeker_user)
    body = {"municipality": "GM9999", "postcode": "3511", "hours_min": 24, "hours_max": 36}
    response = client.put("/api/matching/profile", json.dumps(body),
                          content_type="application/json")
    assert response.status_code == 422 and "Onbekende gemeente: GM9999" in response.json()[
        "detail"]
    body["municipality"] = UTRECHT
    response = client.put("/api/matching/profile", json.dumps(body),
                          content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["municipality"], response.json()["region"]) == (UTRECHT, "AM13")


def test_rows_without_a_municipality_keep_working(client, esco_world):
    """The world's rows predate municipalities: matching falls back to the region rule."""
    client.force_login(esco_world.seeker_user)
    found = client.get("/api/matching/profile/matches").json()["matches"]
    assert [m["id"] for m in found][:1] == [esco_world.vacancy.pk]
    assert found[0]["distance_km"] is None and found[0]["place_fit"] == 1.0


# ------------------------------------------------------------------ filters and distance

def test_the_matches_page_filters_by_distance_and_shows_the_km(client, placed):
    w = placed
    client.force_login(w.seeker_user)
    html = client.get(reverse("matching:matches")).content.decode()
    assert match_ids(html, w) == {w.vacancy.pk, w.far.pk}
    assert "± 24 km" in html and "± 270 km" in html  # Groningen-Assen, Groningen-Maastricht
    assert html.index("Assen") < html.index("Maastricht")  # nearer first, same skills
    html = client.get(reverse("matching:matches"), {"afstand": "50"}).content.decode()
    assert match_ids(html, w) == {w.vacancy.pk}
    assert 'name="afstand" value="50"' in html  # the state is in the URL and the form
    assert "Wis de filters" in html


@pytest.mark.parametrize(("query", "expected"), [
    ({"regio": "AM30"}, {"far"}),
    ({"uren": "20"}, {"near", "far"}),  # part time possible down to 16 hours
    ({"uren": "12"}, set()),
    ({"werving": "skills"}, {"near", "far"}),
    ({"werving": "open_hiring"}, set()),
])
def test_the_other_filters(client, placed, query, expected):
    w = placed
    client.force_login(w.seeker_user)
    html = client.get(reverse("matching:matches"), query).content.decode()
    names = {w.vacancy.pk: "near", w.far.pk: "far"}
    assert {names[i] for i in match_ids(html, w)} == expected
    if not expected:
        assert "Geen passende vacatures met deze filters." in html


def test_a_bad_filter_says_so_and_filters_nothing(client, placed):
    client.force_login(placed.seeker_user)
    html = client.get(reverse("matching:matches"), {"afstand": "-3"}).content.decode()
    assert "Een filter klopt niet" in html and match_ids(html, placed) == {
        placed.vacancy.pk, placed.far.pk}


def test_without_a_municipality_the_distance_filter_is_explained_not_applied(client, placed):
    profiles.save_profile(placed.seeker, municipality="")
    client.force_login(placed.seeker_user)
    html = client.get(reverse("matching:matches"), {"afstand": "10"}).content.decode()
    assert "Op afstand filteren kan pas als je gemeente in je profiel staat" in html
    assert match_ids(html, placed) == {placed.vacancy.pk, placed.far.pk}


def test_the_api_filters_and_names_bad_filters(client, placed):
    client.force_login(placed.seeker_user)
    found = client.get("/api/matching/profile/matches", {"max_km": 50}).json()["matches"]
    assert [m["id"] for m in found] == [placed.vacancy.pk]
    assert found[0]["distance_km"] == pytest.approx(25, abs=3)
    assert found[0]["municipality"] == ASSEN
    bad = client.get("/api/matching/profile/matches", {"region": "AM99"})
    assert bad.status_code == 422 and "AM99" in bad.json()["detail"]
    bad = client.get("/api/matching/profile/matches", {"max_km": 0})
    assert bad.status_code == 422 and "max_km must be between 1 and 400" in bad.json()["detail"]


# One command per test: the command closes the database connection when it ends.
def test_the_match_command_filters(placed):
    done = call_cli("match", "--person", str(placed.seeker.pk), "--max-km", "50",
                    "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [m["id"] for m in json.loads(done.stdout)["matches"]] == [placed.vacancy.pk]


def test_the_match_command_prints_the_km(placed):
    text = call_cli("match", "--person", str(placed.seeker.pk))
    assert "± 24 km" in text.stdout and "± 270 km" in text.stdout


def test_the_match_command_names_a_bad_filter(placed):
    bad = call_cli("match", "--person", str(placed.seeker.pk), "--region", "XX")
    assert bad.returncode != 0 and "unknown labour-market region 'XX'" in bad.stderr


# ------------------------------------------------------------------ texts for the reader

def test_each_reader_is_addressed_as_who_they_are(client, placed):
    w = placed
    w.seeker.consent_employers = True
    w.seeker.save()
    client.force_login(w.seeker_user)
    own = client.get(reverse("matching:matches")).content.decode()
    assert "gevraagde vaardigheid heb je al" in own or "vaardigheden heb je al" in own
    client.force_login(w.coach)
    coach = client.get(reverse("matching:caseload_person", args=[w.seeker.pk])).content.decode()
    assert "heeft anna al" in coach and "heb je al" not in coach and "Heb je al" not in coach
    client.force_login(w.employer_user)
    employer = client.get(reverse("matching:employer_vacancy", args=[w.vacancy.pk])
                          ).content.decode()
    assert f"heeft {w.seeker.pseudonym} al" in employer
    assert "heb je al" not in employer and "Heb je al" not in employer
