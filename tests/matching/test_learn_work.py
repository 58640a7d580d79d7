"""Learn-work vacancies as their own flow: the route on the form and API, validation that
writes nothing, and what a job seeker sees (to be learned in the training)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from banenbrug.matching import service, vacancies
from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy
from banenbrug.plans.models import ModuleSkill, TrainingModule
from banenbrug.taxonomy.models import Skill
from tests.world import SOLAR, SOLAR_SKILL, WIRING, make_vacancy

API = "/api/matching/employer/vacancies"


@pytest.fixture
def solar_module(esco_world):
    module = TrainingModule.objects.create(
        key="zonnestroom", provider="Test", title="Zonnestroom basis", hours=40, weeks=5,
        cost_eur=500, form="learn_work", delivery="online", award="certificate",
        is_example=True)
    ModuleSkill.objects.create(module=module, skill=Skill.objects.get(uri=SOLAR_SKILL))
    return module


def post_data(**extra) -> dict:
    """The vacancy form for a learn-work solar installer; the electrician holds wiring only."""
    return {"beroep": SOLAR, "opslaan": "1", "title": "Leerling zonnepanelenmonteur",
            "region": "AM01", "postcode": "9711", "hours_min": "24", "hours_max": "40",
            "part_time_possible": "on", "hiring_mode": "learn_work", "openings": "1",
            "min_age": "18", "work_permit_required": "on", "is_open": "on",
            "essentieel": [SOLAR_SKILL, WIRING],
            "leerwerk-wage_eur": "2150", "leerwerk-work_hours": "32",
            "leerwerk-school_hours": "8", "leerwerk-diploma": "certificaat zonnestroom",
            "leerwerk-modules": ["zonnestroom"], **extra}


def test_employer_posts_a_learn_work_vacancy_and_the_job_seeker_sees_what_they_learn(
        client, esco_world, solar_module):
    w = esco_world
    client.force_login(w.employer_user)
    form = client.get(reverse("matching:vacancy_new"), {"beroep": SOLAR}).content.decode()
    assert 'id="leerwerk"' in form and "Zonnestroom basis" in form  # the catalogue to pick from
    response = client.post(reverse("matching:vacancy_new"), post_data())
    assert response.status_code == 302, response.content.decode()[-3000:]
    vacancy = Vacancy.objects.get(title="Leerling zonnepanelenmonteur")
    route = vacancy.learn_work
    assert (route.wage_eur, route.work_hours, route.school_hours) == (2150, 32, 8)
    assert list(route.modules.values_list("key", flat=True)) == ["zonnestroom"]
    # The electrician (wiring, safety) sees the vacancy: solar energy is learned in the training.
    client.force_login(w.seeker_user)
    page = client.get(reverse("matching:vacancy", args=[vacancy.pk])).content.decode()
    assert "leer je in de opleiding" in page and "€\xa02.150" in page and "32 uur werk" in page
    matches = client.get(reverse("matching:matches")).content.decode()
    assert "Leer je in de opleiding" in matches
    found = service.vacancies_for(w.seeker)
    mine = next(m for m in found if m["id"] == vacancy.pk)
    assert [s["uri"] for s in mine["to_learn_skills"]] == [SOLAR_SKILL]
    assert mine["missing_skills"] == []


def test_the_training_lifts_the_learn_work_vacancy_above_the_same_job_without_it(
        esco_world, solar_module):
    w = esco_world
    same = {"title": "Monteur", "hiring_mode": HiringMode.SKILLS}
    plain = vacancies.save_vacancy(w.employer, same, SOLAR, None, None,
                                   vacancy=make_vacancy(w.employer))
    learn = vacancies.save_vacancy(
        w.employer, {**same, "hiring_mode": HiringMode.LEARN_WORK}, SOLAR, None, None,
        vacancy=make_vacancy(w.employer),
        learn_work=vacancies.LearnWork(2000, 32, 8, "certificaat", module_keys=["zonnestroom"]))
    scores = {m["id"]: m["score"] for m in service.vacancies_for(w.seeker)}
    assert scores[learn.pk] > scores[plain.pk]


@pytest.mark.parametrize(("extra", "message"), [
    ({"leerwerk-work_hours": "40", "leerwerk-school_hours": "16"}, "samen zijn 56 uur"),
    ({"leerwerk-modules": []}, "minstens één opleiding"),
    ({"leerwerk-wage_eur": "-5"}, "waarde minstens 0 is"),
    ({"leerwerk-bbl_name": "Monteur", "leerwerk-modules": []}, "niveau van de BBL-opleiding"),
])
def test_bad_learn_work_input_is_named_and_nothing_is_stored(client, esco_world, solar_module,
                                                           extra, message):
    client.force_login(esco_world.employer_user)
    before = Vacancy.objects.count()
    response = client.post(reverse("matching:vacancy_new"), post_data(**extra))
    html = response.content.decode()
    assert response.status_code == 200 and message in html, html[-3000:]
    assert Vacancy.objects.count() == before and not LearnWorkRoute.objects.exists()


def test_the_route_fields_are_ignored_for_other_hiring_modes(client, esco_world, solar_module):
    client.force_login(esco_world.employer_user)
    response = client.post(reverse("matching:vacancy_new"), post_data(
        hiring_mode="skills", **{"leerwerk-work_hours": "48", "leerwerk-school_hours": "48"}))
    assert response.status_code == 302
    assert not LearnWorkRoute.objects.exists()


def test_a_bbl_route_teaches_only_the_skills_the_employer_ticks(client, esco_world):
    client.force_login(esco_world.employer_user)
    response = client.post(reverse("matching:vacancy_new"), post_data(**{
        "leerwerk-modules": [], "leerwerk-bbl_level": "3",
        "leerwerk-bbl_name": "Monteur Elektrotechnische Installaties",
        "leerwerk-diploma": "mbo-3 diploma", "bbl": [SOLAR_SKILL]}))
    assert response.status_code == 302, response.content.decode()[-3000:]
    route = LearnWorkRoute.objects.get()
    assert list(route.bbl_skills.values_list("uri", flat=True)) == [SOLAR_SKILL]
    assert vacancies.taught_skill_ids(route) == {Skill.objects.get(uri=SOLAR_SKILL).pk}


def test_api_creates_a_learn_work_vacancy_and_refuses_one_without_training(
        client, esco_world, solar_module):
    w = esco_world
    client.force_login(w.employer_user)
    body = {"title": "Leerwerk zon", "occupation": SOLAR, "region": "AM01", "postcode": "9711",
            "hours_min": 24, "hours_max": 40, "hiring_mode": "learn_work",
            "learn_work": {"wage_eur": 1900, "work_hours": 24, "school_hours": 16,
                           "diploma": "certificaat", "module_keys": ["zonnestroom"]}}
    response = client.post(API, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["learn_work"]["wage_eur"] == 1900
    assert [m["key"] for m in out["learn_work"]["modules"]] == ["zonnestroom"]
    # the job seeker's matches name what the training teaches
    client.force_login(w.seeker_user)
    matches = client.get("/api/matching/profile/matches").json()["matches"]
    mine = next(m for m in matches if m["id"] == out["id"])
    assert [s["uri"] for s in mine["to_learn_skills"]] == [SOLAR_SKILL]
    # bad routes: a clear 422, nothing stored
    client.force_login(w.employer_user)
    before = Vacancy.objects.count()
    for route, words in [(None, "noemt zijn opleiding"),
                         ({**body["learn_work"], "module_keys": []}, "minstens één opleiding"),
                         ({**body["learn_work"], "module_keys": ["nope"]}, "Onbekende module"),
                         ({**body["learn_work"], "work_hours": 40}, "56 uur")]:
        response = client.post(API, json.dumps({**body, "learn_work": route}),
                               content_type="application/json")
        assert response.status_code == 422 and words in response.json()["detail"], (
            route, response.content)
    assert Vacancy.objects.count() == before


def test_the_demo_gives_synthetic_learn_work_vacancies_an_example_route(esco_world, solar_module):
    from django.core.management import call_command

    w = esco_world
    taught = make_vacancy(w.employer, mode=HiringMode.LEARN_WORK, is_synthetic=True,
                          salary_min=3000)
    taught.skills.create(skill=Skill.objects.get(uri=SOLAR_SKILL), essential=True)
    untaught = make_vacancy(w.employer, mode=HiringMode.LEARN_WORK, is_synthetic=True)
    untaught.skills.create(skill=Skill.objects.get(uri=WIRING), essential=True)
    real = make_vacancy(w.employer, mode=HiringMode.LEARN_WORK)  # not synthetic: left alone
    call_command("learn_work_demo")
    route = LearnWorkRoute.objects.get(vacancy=taught)
    assert list(route.modules.values_list("key", flat=True)) == ["zonnestroom"]
    assert route.wage_eur == 2250 and "voorbeeld" in route.diploma
    bbl = LearnWorkRoute.objects.get(vacancy=untaught)  # no module teaches wiring: a BBL route
    assert bbl.bbl_level == 3 and list(bbl.bbl_skills.values_list("uri", flat=True)) == [WIRING]
    assert not LearnWorkRoute.objects.filter(vacancy=real).exists()
    call_command("learn_work_demo")  # idempotent
    assert LearnWorkRoute.objects.count() == 2


def test_the_match_command_shows_the_route_and_what_is_learned(esco_world, solar_module):
    from tests.conftest import call_cli

    w = esco_world
    learn = vacancies.save_vacancy(
        w.employer, {"hiring_mode": HiringMode.LEARN_WORK}, SOLAR, None, None,
        vacancy=make_vacancy(w.employer),
        learn_work=vacancies.LearnWork(1800, 24, 16, "certificaat", module_keys=["zonnestroom"]))
    done = call_cli("match", "--vacancy", str(learn.pk), "--format", "json")
    out = json.loads(done.stdout)
    assert out["vacancy"]["learn_work"]["wage_eur"] == 1800
    electrician = next(m for m in out["matches"] if m["id"] == w.seeker.pk)
    assert [s["uri"] for s in electrician["to_learn_skills"]] == [SOLAR_SKILL]
