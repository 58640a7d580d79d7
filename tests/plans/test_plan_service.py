"""The plan service and API on the tiny ESCO fixture: gap, module choice, coach adjustments,
funding rules with reasons, income, vacancies, and who may see a plan."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from banenbrug.matching.models import HiringMode
from banenbrug.people.models import JobSeeker
from banenbrug.plans import service
from banenbrug.plans.models import FundingScheme, ModuleSkill, TrainingModule
from banenbrug.taxonomy.models import Skill
from tests.world import BAKER, ELECTRICIAN, ESCO, SOLAR, make_vacancy

WIRING, SAFETY, SOLAR_SKILL = (f"{ESCO}skill/s-{n}" for n in ("wiring", "safety", "solar"))
TODAY = date(2027, 1, 11)


def module(key: str, skills: list[str], cost: int, hours: int = 10, **extra) -> TrainingModule:
    values = {"provider": "Test", "title": key, "hours": hours, "weeks": 4, "cost_eur": cost,
              "form": "modular", "delivery": "online", "award": "certificate", **extra}
    made = TrainingModule.objects.create(key=key, **values)
    for uri in skills:
        ModuleSkill.objects.create(module=made, skill=Skill.objects.get(uri=uri))
    return made


def scheme(key: str, rule: str = "", **extra) -> FundingScheme:
    values = {"name": key, "provider": "Test", "kind": "national", "eligibility": rule, **extra}
    return FundingScheme.objects.create(key=key, **values)


@pytest.fixture
def catalogue(esco_world):
    # the baker (world.other) lacks both solar-panel-installer skills: wiring and solar
    module("both", [WIRING, SOLAR_SKILL], 900)  # weight 900 + 10 h x 15 = 1050
    module("solar", [SOLAR_SKILL], 300)  # 450
    module("wiring", [WIRING], 400)  # 550: solar + wiring = 1000 < 1050
    module("far-away", [WIRING], 10, delivery="in_person", region="AM30")  # not reachable
    return esco_world


def keys(plan) -> list[str]:
    return sorted(m["key"] for m in plan["modules"])


def test_cheapest_cover_and_coach_adjustments(catalogue):
    seeker = catalogue.other
    plan = service.plan_for(seeker, SOLAR, today=TODAY)
    assert {g["uri"] for g in plan["gap"]} == {WIRING, SOLAR_SKILL}
    assert keys(plan) == ["solar", "wiring"]
    assert plan["selection"]["method"] == "exact"
    assert plan["uncovered_skills"] == []
    # a coach leaves out the solar module: the combined module must take over
    without = service.plan_for(seeker, SOLAR, today=TODAY,
                               adjustments=service.adjustments_from(exclude=["solar"]))
    assert keys(without) == ["both"]
    # ... or insists on it: kept, and the cheapest completion is added
    forced = service.plan_for(seeker, SOLAR, today=TODAY,
                              adjustments=service.adjustments_from(include=["both"]))
    assert keys(forced) == ["both"]
    # the swap choices of a chosen module are real alternatives teaching its skills
    solar = next(m for m in plan["modules"] if m["key"] == "solar")
    assert [a["key"] for a in solar["alternatives"]] == ["both"]


def test_untaught_skills_are_named(catalogue):
    # the baker to electrician: 'apply health and safety standards' is taught by no module
    plan = service.plan_for(catalogue.other, ELECTRICIAN, today=TODAY)
    assert [s["uri"] for s in plan["uncovered_skills"]] == [SAFETY]
    assert keys(plan) == ["wiring"]
    taught = {g["uri"]: g["taught_by"] for g in plan["gap"]}
    assert taught[WIRING] == ["wiring"] and taught[SAFETY] == []


def test_funding_follows_rules_caps_and_exclusions(catalogue):
    seeker = catalogue.other
    service.save_circumstances(seeker, situation="ww", birth_year=1980,
                               annual_income_eur=30000, monthly_income_eur=2100)
    scheme("ww-voucher", "situation = ww and target_shortage = yes", max_eur=500)
    scheme("national", "age >= 18", percent=50, excludes=["ww-voucher"])
    scheme("bijstand", "situation = bijstand")
    scheme("young", "age < 27")
    scheme("income", "situation in (ww, bijstand)", pays_for="income", monthly_eur=200,
           max_eur=100)
    plan = service.plan_for(seeker, SOLAR, today=TODAY)
    f = plan["funding"]
    by_key = {s["key"]: s for s in f["schemes"]}
    # modules cost 700: national alone pays 350, the voucher 500, and they exclude each other
    assert plan["destination"]["green"] is True
    assert f["total_cost"] == 700
    assert not {"ww-voucher", "national"} <= set(f["used"])
    assert by_key["ww-voucher"]["paid"] == 500
    assert f["covered"] == 500 and f["own_contribution"] == 200
    assert by_key["income"]["paid"] == 100  # its maximum, though 200 a month was possible
    assert by_key["bijstand"]["status"] == "no"
    assert any("bijstand" in r for r in by_key["bijstand"]["reasons"])
    assert by_key["young"]["status"] == "no"
    # a coach excludes the voucher: the national budget takes over
    other = service.plan_for(seeker, SOLAR, today=TODAY,
                             adjustments=service.adjustments_from(exclude_schemes=["ww-voucher"]))
    assert other["funding"]["used"] == ["income", "national"]
    assert other["funding"]["covered"] == 350
    # income: keeping the WW benefit, plus the income scheme, against 2,100 now
    options = {o["key"]: o for o in plan["income"]["options"]}
    assert set(options) == {"keep_benefit"}
    assert options["keep_benefit"]["monthly"] > 2100


def test_unknown_facts_make_a_scheme_maybe(catalogue):
    scheme("older", "age >= 45")
    plan = service.plan_for(catalogue.other, SOLAR, today=TODAY)
    older = next(s for s in plan["funding"]["schemes"] if s["key"] == "older")
    assert older["status"] == "unknown" and older["paid"] == 0
    assert "leeftijd" in older["reasons"][0]


def test_vacancies_learn_work_first(catalogue):
    w = catalogue
    learn = make_vacancy(w.employer, mode=HiringMode.LEARN_WORK, title="Leerwerk zonnepanelen")
    from banenbrug.matching import vacancies

    vacancies.save_vacancy(w.employer, {}, SOLAR, None, None, vacancy=learn,
                           learn_work=vacancies.LearnWork(2000, 32, 8, "mbo-2",
                                                          module_keys=["solar"]))
    plan = service.plan_for(w.other, SOLAR, today=TODAY)
    ids = [v["id"] for v in plan["vacancies"]]
    assert ids[0] == learn.pk and w.vacancy.pk in ids
    assert w.other_vacancy.pk not in ids  # a baker's vacancy is not a solar job
    by_vacancy = service.plan_for(w.other, f"vacancy:{w.vacancy.pk}", today=TODAY)
    assert by_vacancy["destination"]["kind"] == "vacancy"
    assert by_vacancy["vacancies"][0]["id"] == w.vacancy.pk


def test_bad_input_is_named(catalogue):
    with pytest.raises(service.PlanInputError, match="no vacancy"):
        service.plan_for(catalogue.other, "vacancy:999999", today=TODAY)
    with pytest.raises(service.PlanInputError, match="unknown module key: nope"):
        service.adjustments_from(exclude=["nope"])
    with pytest.raises(service.PlanInputError, match="unknown scheme key"):
        service.adjustments_from(exclude_schemes=["nope"])
    with pytest.raises(service.PlanInputError, match="both required and excluded"):
        service.adjustments_from(include=["solar"], exclude=["solar"])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_plan_access_and_circumstances(catalogue):
    w = catalogue
    url = f"/api/plans/people/{w.seeker.pk}/plan?to={SOLAR}"
    mine = _client(w.seeker_user).get(url)
    assert mine.status_code == 200, mine.content
    assert mine.json()["person"]["id"] == w.seeker.pk
    assert _client(w.coach).get(url).status_code == 200  # the person's own coach
    assert _client(w.other_coach).get(url).status_code == 404
    assert _client(w.other_user).get(url).status_code == 404
    assert _client(w.employer_user).get(url).status_code == 403
    assert Client().get(url).status_code == 401
    bad = _client(w.coach).get(url + "&without_module=nope")
    assert bad.status_code == 422 and "nope" in bad.json()["detail"]

    put = f"/api/plans/people/{w.seeker.pk}/circumstances"
    body = {"situation": "bijstand", "birth_year": 1975, "annual_income_eur": 18000,
            "monthly_income_eur": 1400, "sector": "horeca", "study_hours_per_week": 20}
    done = _client(w.coach).put(put, json.dumps(body), content_type="application/json")
    assert done.status_code == 200, done.content
    assert JobSeeker.objects.get(pk=w.seeker.pk).situation == "bijstand"
    assert done.json()["birth_year"] == 1975
    wrong = _client(w.coach).put(put, json.dumps({**body, "sector": "piraterij"}),
                                 content_type="application/json")
    assert wrong.status_code == 422
    assert _client(w.other_coach).put(put, json.dumps(body),
                                      content_type="application/json").status_code == 404


def test_api_public_catalogue_schemes_and_check(catalogue):
    scheme("ww-voucher", "situation = ww and target_shortage = yes", max_eur=500)
    client = Client()
    page = client.get("/api/plans/modules?q=wir").json()
    assert page["count"] == 1 and page["results"][0]["key"] == "wiring"
    assert page["results"][0]["skills"][0]["uri"] == WIRING
    listed = client.get("/api/plans/schemes").json()
    assert listed[0]["eligibility_words"].startswith("situatie is WW-uitkering")
    verdicts = client.post("/api/plans/schemes/check", json.dumps(
        {"situation": "employed", "to": SOLAR}), content_type="application/json").json()
    voucher = next(v for v in verdicts if v["key"] == "ww-voucher")
    assert voucher["status"] == "no" and "werkend" in voucher["reasons"][0]
    verdicts = client.post("/api/plans/schemes/check", json.dumps(
        {"situation": "ww", "to": BAKER}), content_type="application/json").json()
    assert verdicts[0]["status"] == "no"  # a baker is no shortage occupation here
    assert client.post("/api/plans/schemes/check", json.dumps({"region": "XX99"}),
                       content_type="application/json").status_code == 422


def test_api_import_is_all_or_nothing_and_export_round_trips(catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.world import make_user

    w = catalogue
    exported = Client().get("/api/plans/export/modules?format=csv")
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    text = exported.content.decode()
    assert text.count("\n") == 1 + TrainingModule.objects.count()
    before = TrainingModule.objects.count()
    bad = text + f"new,Test,Nieuw,,{ESCO}skill/s-nope,10,2,100.00,modular,online,,,none,,,false\n"
    admin = make_user("beheer", "administrator")
    client = _client(admin)
    refused = client.post("/api/plans/import/modules",
                          {"file": SimpleUploadedFile("m.csv", bad.encode())})
    assert refused.status_code == 422, refused.content
    [error] = refused.json()["errors"]
    assert error.startswith(f"m.csv modules row {before + 2}, skills") and "s-nope" in error
    assert TrainingModule.objects.count() == before
    again = client.post("/api/plans/import/modules",
                        {"file": SimpleUploadedFile("m.csv", text.encode())})
    assert again.json() == {"created": 0, "updated": 0, "unchanged": before}
    assert _client(w.coach).post("/api/plans/import/modules", {
        "file": SimpleUploadedFile("m.csv", text.encode())}).status_code == 403


def test_a_learn_work_vacancy_puts_its_wage_in_the_income_picture(catalogue):
    from banenbrug.matching import vacancies

    w = catalogue
    service.save_circumstances(w.other, situation="employed", monthly_income_eur=2400)
    learn = make_vacancy(w.employer, mode=HiringMode.LEARN_WORK, title="Leerwerk zonnepanelen")
    route = vacancies.LearnWork(wage_eur=2150, work_hours=32, school_hours=8,
                                diploma="certificaat zonnestroom", module_keys=["solar"])
    vacancies.save_vacancy(w.employer, {}, SOLAR, None, None, vacancy=learn, learn_work=route)
    plan = service.plan_for(w.other, f"vacancy:{learn.pk}", today=TODAY)
    options = {o["key"]: o for o in plan["income"]["options"]}
    assert options["learn_work"]["monthly"] == 2150
    assert options["learn_work"]["difference"] == 2150 - 2400
    # the same job without the learn-work route offers no learn-work wage
    plain = service.plan_for(w.other, f"vacancy:{w.vacancy.pk}", today=TODAY)
    assert "learn_work" not in {o["key"] for o in plain["income"]["options"]}


def test_a_learn_work_module_says_the_job_starts_while_learning(catalogue, client):
    plain = service.plan_for(catalogue.other, SOLAR, today=TODAY)
    assert plain["job_from"] >= plain["training_end"] and not plain["works_while_learning"]
    module("leerwerk", [WIRING, SOLAR_SKILL], 0, form="learn_work", weeks=20)
    plan = service.plan_for(catalogue.other, SOLAR, today=TODAY)
    assert keys(plan) == ["leerwerk"]
    assert plan["job_from"] < plan["training_end"] and plan["works_while_learning"]
    client.force_login(catalogue.other_user)
    page = client.get(f"/overstapplan/{catalogue.other.pk}/", {"naar": SOLAR}).content.decode()
    assert "(in een leerwerkbaan: je werkt al terwijl je leert)" in page
