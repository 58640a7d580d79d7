"""Jobcarving on the database: the service, the command, the page and the API."""

from __future__ import annotations

import json

import pytest

from banenbrug.employers import service
from banenbrug.matching.models import LearnWorkRoute, Vacancy, VacancySkill
from tests.conftest import call_cli
from tests.employers.conftest import SKILL

# By hand, from the fixture (IDF over its 6 occupations; safety is needed by all: weight 0):
# the whole vacancy reaches only the electrician (0.66 with near misses); the cable layers hold
# tools, cables, safety and roof: 0.25 of the whole, all of a role of those skills. Adding
# measure (or wiring) keeps all seven at 0.69; adding both drops the cable layers to 0.47.
COMMON = {SKILL[n] for n in ("tools", "cables", "safety", "roof")}


def test_the_carved_role_reaches_the_cable_layers_and_the_core_keeps_the_rare(carving_world):
    result = service.jobcarving(carving_world.vacancy)
    assert result["local"] == 7  # six cable layers and the electrician; not the three elsewhere
    assert result["original"]["candidates"] == 1
    [carved] = result["carved"]
    assert set(carved["skills"]) > COMMON
    assert len(carved["skills"]) == 5
    assert set(carved["skills"]) - COMMON <= {SKILL["measure"], SKILL["wiring"]}
    assert carved["candidates"] == 7
    assert {SKILL["solar"], SKILL["inverter"]} <= set(result["remaining"]["skills"])
    assert set(result["remaining"]["rare"]) == {SKILL["solar"], SKILL["inverter"]}
    assert result["remaining"]["candidates"] == 1  # the electrician
    everything = set(carved["skills"]) | set(result["remaining"]["skills"])
    assert everything == set(SKILL.values())
    assert not set(carved["skills"]) & set(result["remaining"]["skills"])


def test_a_vacancy_without_essential_skills_cannot_be_carved(carving_world):
    with pytest.raises(service.EmployerInputError, match="geen essentiële vaardigheden"):
        service.jobcarving(carving_world.empty_vacancy)


def test_the_command_prints_exactly_the_contract(carving_world):
    done = call_cli("jobcarve", "--vacancy", str(carving_world.vacancy.pk), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"vacancy", "original", "carved", "remaining"}
    assert data["vacancy"] == carving_world.vacancy.pk
    assert set(data["original"]) == {"skills", "candidates"}
    assert set(data["remaining"]) == {"skills", "candidates"}
    assert [set(role) for role in data["carved"]] == [{"title", "skills", "candidates",
                                                       "modules"}]
    parts = [u for role in data["carved"] for u in role["skills"]] + data["remaining"]["skills"]
    assert sorted(parts) == sorted(data["original"]["skills"]) == sorted(SKILL.values())
    assert data["carved"][0]["candidates"] == 7 and data["original"]["candidates"] == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--vacancy", "999999"), "no vacancy with this id"),
    (("--vacancy", "EMPTY"), "no essential skills"),
    (("--vacancy", "VACANCY", "--max-carved", "9"), "carved roles is between 1 and 3"),
])
def test_the_command_refuses_bad_input_with_exit_code_2(carving_world, args, message):
    ids = {"EMPTY": str(carving_world.empty_vacancy.pk),
           "VACANCY": str(carving_world.vacancy.pk)}
    done = call_cli("jobcarve", *[ids.get(a, a) for a in args], "--format", "json")
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_publishing_a_carved_role_makes_a_vacancy_and_can_narrow_the_original(carving_world):
    original = carving_world.vacancy
    made = service.publish_carved(original, sorted(COMMON), "Kabelmonteur zon",
                                  "open_hiring", narrow_original=True)
    assert made.employer == original.employer and made.region == "AM01"
    assert made.hiring_mode == "open_hiring" and made.title == "Kabelmonteur zon"
    assert set(made.skills.filter(essential=True).values_list("skill__uri", flat=True)) == COMMON
    left = set(original.skills.filter(essential=True).values_list("skill__uri", flat=True))
    assert left == set(SKILL.values()) - COMMON


@pytest.mark.parametrize(("skills", "title", "narrow", "message"), [
    ([SKILL["tools"], "http://data.europa.eu/esco/skill/s-dough"], "Deel", False,
     "hoort niet bij de essentiële vaardigheden"),
    ([], "Deel", False, "minstens één vaardigheid"),
    ([SKILL["tools"]], "  ", False, "titel"),
    (list(SKILL.values()), "Alles", True, "minstens één vaardigheid houden"),
])
def test_a_wrong_carved_role_is_refused_and_stores_nothing(carving_world, skills, title, narrow,
                                                           message):
    before = (Vacancy.objects.count(), VacancySkill.objects.count())
    with pytest.raises(service.EmployerInputError, match=message):
        service.publish_carved(carving_world.vacancy, skills, title, "skills", narrow)
    assert (Vacancy.objects.count(), VacancySkill.objects.count()) == before


def test_the_page_shows_before_and_after_and_publishes(carving_world, client):
    client.force_login(carving_world.employer_user)
    url = f"/werkgevers/vacatures/{carving_world.vacancy.pk}/jobcarving/"
    page = client.get(url).content.decode()
    assert "Hele vacature (voor)" in page and "Deelfunctie 1" in page
    assert "<td><strong>7</strong></td>" in page
    form = {"vaardigheid": sorted(COMMON), "titel": "Kabelmonteur", "werven": "learn_work"}
    # a learn-work role needs a training: the original has none yet, so it is refused
    refused = client.post(url + "publiceren/", form, follow=True)
    assert "oorspronkelijke vacature heeft er geen" in refused.content.decode()
    assert not Vacancy.objects.filter(title="Kabelmonteur").exists()
    LearnWorkRoute.objects.create(vacancy=carving_world.vacancy, wage_eur=2000, work_hours=32,
                                  school_hours=8, diploma="mbo-2", bbl_level=2,
                                  bbl_name="Monteur")
    response = client.post(url + "publiceren/", form)
    made = Vacancy.objects.get(title="Kabelmonteur")
    assert response.status_code == 302 and response["Location"] == f"/werk/werkgever/{made.pk}/"
    assert made.hiring_mode == "learn_work"
    assert (made.learn_work.wage_eur, made.learn_work.bbl_name) == (2000, "Monteur")
    assert carving_world.vacancy.skills.filter(essential=True).count() == 8  # not narrowed


def test_the_page_explains_a_vacancy_without_essential_skills(carving_world, client):
    client.force_login(carving_world.employer_user)
    response = client.get(f"/werkgevers/vacatures/{carving_world.empty_vacancy.pk}/jobcarving/")
    assert response.status_code == 422
    assert "Voeg essentiële vaardigheden toe" in response.content.decode()


def test_another_employer_s_vacancy_is_not_found_and_a_job_seeker_is_refused(carving_world,
                                                                            client):
    client.force_login(carving_world.employer_user)
    other = carving_world.other_vacancy.pk
    assert client.get(f"/werkgevers/vacatures/{other}/jobcarving/").status_code == 404
    assert client.get(f"/api/employers/vacancies/{other}/jobcarving").status_code == 404
    before = Vacancy.objects.count()
    assert client.post(f"/werkgevers/vacatures/{other}/jobcarving/publiceren/", {
        "vaardigheid": [SKILL["tools"]], "titel": "x"}).status_code == 404
    assert Vacancy.objects.count() == before
    client.force_login(carving_world.seeker_user)
    own = carving_world.vacancy.pk
    assert client.get(f"/werkgevers/vacatures/{own}/jobcarving/").status_code == 403
    assert client.get(f"/api/employers/vacancies/{own}/jobcarving").status_code == 403


def test_the_api_carves_and_publishes(carving_world, client):
    client.force_login(carving_world.employer_user)
    pk = carving_world.vacancy.pk
    data = client.get(f"/api/employers/vacancies/{pk}/jobcarving?lang=en").json()
    assert data["original"]["candidates"] == 1 and data["carved"][0]["candidates"] == 7
    holders = {s["uri"]: s["holders"] for s in data["carved"][0]["skill_refs"]}
    assert holders[SKILL["roof"]] == 6 and holders[SKILL["tools"]] == 7
    assert client.get(f"/api/employers/vacancies/{carving_world.empty_vacancy.pk}/jobcarving"
                      ).status_code == 422
    assert client.get(f"/api/employers/vacancies/{pk}/jobcarving?max_carved=0"
                      ).status_code == 422
    response = client.post(f"/api/employers/vacancies/{pk}/jobcarving/publish",
                           {"title": "Kabelmonteur", "skills": sorted(COMMON)},
                           content_type="application/json")
    assert response.status_code == 201
    assert set(response.json()["essential_skills"]) == COMMON
    assert response.json()["hiring_mode"] == "open_hiring"
    bad = client.post(f"/api/employers/vacancies/{pk}/jobcarving/publish",
                      {"title": "x", "skills": ["http://example.org/nope"]},
                      content_type="application/json")
    assert bad.status_code == 422 and "nope" in bad.json()["detail"]


def test_the_page_speaks_english_after_the_switch(carving_world, client):
    client.force_login(carving_world.employer_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/werkgevers/vacatures/{carving_world.vacancy.pk}/jobcarving/")
    html = page.content.decode()
    assert "Whole vacancy (before)" in html and "Carved role 1" in html
    assert "Hele vacature" not in html


def test_the_carved_role_names_the_occupations_that_need_its_skills_together(carving_world):
    [carved] = service.jobcarving(carving_world.vacancy, lang="en")["carved"]
    shared = {o["label"]: (o["shared"], o["of"]) for o in carved["shared_by"]}
    # the cable layer needs all four common skills; the vacancy's own occupation is left out
    assert shared["cable layer"] == (4, 5)
    assert "solar panel installer" not in shared
    assert all(n >= 2 for n, _of in shared.values())


def test_the_command_s_text_output_names_before_and_after(carving_world):
    done = call_cli("jobcarve", "--vacancy", str(carving_world.vacancy.pk), "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith("8 essential skills, 1 of 7 local job seekers within reach")
    assert "5 skills, 7 within reach (7 without a module)" in lines[1]
    assert lines[-1] == "  core: 3 skills, 1 within reach"
