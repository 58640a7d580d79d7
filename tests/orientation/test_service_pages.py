"""Ontdek on a small database: catalogue, pages, privacy, gender neutrality, API and CLI."""

from __future__ import annotations

import csv
import json
import re
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import translation

from banenbrug.orientation import catalogue, questionnaire, reach, service
from banenbrug.orientation.models import ReachCount
from banenbrug.orientation.profiles import Source
from tests.orientation.world import build_world, uri

pytestmark = pytest.mark.django_db

R_PATTERN = {**{f"r{k}": 2 for k in range(1, 6)}, **{f"a{k}": 0 for k in range(1, 6)},
             **{f"s{k}": 0 for k in range(1, 6)}, "c1": 2, "c3": 2}
IC_PATTERN = {**{f"i{k}": 2 for k in range(1, 6)}, **{f"c{k}": 2 for k in range(1, 6)},
              **{f"r{k}": 0 for k in range(1, 6)}, **{f"s{k}": 0 for k in range(1, 6)}}


@pytest.fixture
def world(tmp_path, monkeypatch):
    return build_world(tmp_path, monkeypatch)


def suggestions_on_page(client, answers: dict, **extra) -> list[str]:
    response = client.get("/ontdek/resultaat/", answers, **extra)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    return [s.uri for s in page.context["result"].suggestions]


def test_catalogue_marks_green_digital_and_borrowed_profiles(world):
    cat = catalogue.get()
    assert set(cat.candidates.uris) == {uri(k) for k in (
        "heatpump", "electrician", "electrician2", "software", "data", "designer", "teacher",
        "sales")}  # not the accountant (neither), not the orphan (no profile)
    row = cat.index[uri("electrician2")]
    assert cat.table.sources[row] is Source.ISCO_GROUP
    assert cat.table.sources[cat.index[uri("orphan")]] is Source.NONE
    assert catalogue.get() is cat  # memory
    catalogue._memo.clear()
    assert catalogue.get().uris == cat.uris  # from the var/ cache


def test_suggestions_explain_why_in_dutch_and_english(world):
    answers = questionnaire.from_mapping(R_PATTERN)
    with translation.override("nl"):
        result = service.for_answers(answers, "nl", top=3)
    first = result.suggestions[0]
    assert first.uri in {uri("electrician"), uri("heatpump"), uri("electrician2")}
    assert first.why.startswith("Je houdt van bouwen, repareren en met je handen werken; als ")
    assert result.route == "RC"
    with translation.override("en"):
        english = service.for_answers(answers, "en", top=3)
    assert [s.uri for s in english.suggestions] == [s.uri for s in result.suggestions]
    data = result.as_json()
    assert set(data) >= {"profile", "suggestions"}
    assert set(data["suggestions"][0]) >= {"uri", "label", "score", "green", "digital", "why"}


def test_suggestions_depend_only_on_the_answers(world, client):
    """Same answers, different everything else: language, cookies, headers, a logged-in user,
    extra parameters that try to pass a gender or background. Suggestions must not change."""
    for answers in (R_PATTERN, IC_PATTERN, {f"e{k}": 2 for k in range(1, 6)} | {"s1": 2}):
        baseline = suggestions_on_page(client, answers)
        assert baseline
        tries = [
            suggestions_on_page(client, {**answers, "gender": "v", "geslacht": "man",
                                         "herkomst": "migratieachtergrond", "age": "15"}),
            suggestions_on_page(client, answers, HTTP_ACCEPT_LANGUAGE="en",
                                HTTP_USER_AGENT="Mozilla/5.0 (iPhone)"),
            suggestions_on_page(client, dict(reversed(list(answers.items())))),
        ]
        client.cookies["django_language"] = "en"
        tries.append(suggestions_on_page(client, answers))
        del client.cookies["django_language"]
        user = get_user_model().objects.create_user(f"u{len(baseline)}{id(answers)}", "",
                                                    "pw-123456!")
        client.force_login(user)
        tries.append(suggestions_on_page(client, answers))
        client.logout()
        assert all(t == baseline for t in tries)


def test_the_questionnaire_asks_nothing_but_the_activities(world, client):
    page = client.get("/ontdek/vragenlijst/").content.decode()
    form = page[page.index('class="questionnaire"'):]
    form = form[:form.index("</form>")]
    assert set(re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', form)) == set(
        questionnaire.ITEMS)
    for word in ("geslacht", "gender", "jongen", "meisje", "afkomst", "leeftijd\""):
        assert word not in page.lower().replace("naar je naam, leeftijd, gender of afkomst", "")


def test_nothing_personal_is_stored_by_default(world, client):
    models = [m for m in apps.get_models()
              if m is not ReachCount and m._meta.managed and not m._meta.proxy]
    before = {m: m.objects.count() for m in models}
    response = client.get("/ontdek/resultaat/", R_PATTERN)
    code = parse_qs(urlparse(response["Location"]).query)["a"][0]
    page = client.get(response["Location"])
    client.get("/ontdek/beroep/electrician/")
    assert page.status_code == 200
    assert {m: m.objects.count() for m in models} == before  # no session, no user, no log row
    assert Session.objects.count() == 0
    assert "sessionid" not in response.cookies and "sessionid" not in page.cookies
    # the only rows written are monthly counters without the answers in them
    for row in ReachCount.objects.values():
        assert set(row) == {"id", "period", "kind", "route", "occupation_uri", "count"}
        assert code not in json.dumps(row)
        assert len(row["period"]) == 7
    assert ReachCount.objects.get(kind="completed").count == 1
    assert ReachCount.objects.get(kind="story_view").occupation_uri == uri("electrician")
    # opening a shared link again does not count as another completed questionnaire
    client.get(response["Location"])
    assert ReachCount.objects.get(kind="completed").count == 1


def test_too_few_answers_show_the_form_again_with_an_error(world, client):
    response = client.get("/ontdek/resultaat/", {"r1": 2, "r2": 0})
    assert response.status_code == 400
    assert "beantwoord ten minste 6 vragen" in response.content.decode()
    assert 'id="r1-2" name="r1" value="2" checked' in response.content.decode().replace(
        'type="radio" ', "")
    assert ReachCount.objects.count() == 0


def test_story_page_shows_what_exists_and_says_plainly_what_does_not(world, client):
    page = client.get("/ontdek/beroep/heatpump/").content.decode()
    assert "Groen beroep" in page and "warmtepompmonteur" in page.lower()
    assert page.count("Nog geen gegevens") == 1  # one note for what is missing, not three
    assert "werken in deeltijd" in page and "vraag naar mensen in jouw regio" in page
    assert "niveau 3 van 5" in page and "mbo" in page
    borrowed = client.get("/ontdek/beroep/electrician2/").content.decode()
    assert "geschat uit verwante beroepen" in borrowed
    assert client.get("/ontdek/beroep/nope/").status_code == 404


def test_hooks_fill_the_story_when_a_pillar_provides_data(world, client):
    from banenbrug.orientation import hooks

    hooks.register_part_time(lambda u: hooks.PartTimeFact(0.4, 120, "2026-10", "test")
                             if u == uri("heatpump") else None)
    hooks.register_training(lambda u: [hooks.TrainingRoute("BBL Monteur", "mbo-3", True)])
    try:
        story = service.story("heatpump", "nl")
        assert story.part_time.share == 0.4 and story.training[0].side_entry
        page = client.get("/ontdek/beroep/heatpump/").content.decode()
        assert "BBL Monteur" in page and "120 vacatures" in page
    finally:
        hooks.clear()


def test_group_pages_for_teachers(world, client):
    index = client.get("/ontdek/groepen/").content.decode()
    assert "/ontdek/groepen/74/" in index
    page = client.get("/ontdek/groepen/25/").content.decode()
    assert "softwareontwikkelaar" in page.lower() and "@media print" not in page
    assert client.get("/ontdek/groepen/99/").status_code == 404


def test_api_gives_the_same_suggestions_as_the_page(world, client):
    on_page = suggestions_on_page(client, IC_PATTERN)
    response = client.post("/api/orientation/suggestions", {"answers": IC_PATTERN},
                           content_type="application/json")
    assert response.status_code == 200
    assert [s["uri"] for s in response.json()["suggestions"]] == on_page
    bad = client.post("/api/orientation/suggestions", {"answers": {"gender": "v"}},
                      content_type="application/json")
    assert bad.status_code == 422
    by_profile = client.get("/api/orientation/suggestions", {"profile": "2,7,2,2,2,6"})
    assert by_profile.json()["suggestions"][0]["uri"] == uri("data")
    first = by_profile.json()["suggestions"][0]
    assert first["technical"] is True and first["framing"].endswith(".")  # ICT: technical work
    assert client.get("/api/orientation/suggestions", {"profile": "9,1,1,1,1,1"}
                      ).status_code == 422
    assert len(client.get("/api/orientation/questionnaire").json()["questions"]) == 30


def test_cli_answers_and_profile(world, client, tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": IC_PATTERN}))
    call_command("orientation", "--answers", str(path), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert [s["uri"] for s in data["suggestions"]] == suggestions_on_page(client, IC_PATTERN)
    call_command("orientation", "--profile", "7,3,2,2,2,4", "--format", "json", "--top", "2")
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == {"R": 7.0, "I": 3.0, "A": 2.0, "S": 2.0, "E": 2.0, "C": 4.0}
    assert len(data["suggestions"]) == 2
    path.write_text('{"r1": "maybe"}')
    with pytest.raises(CommandError) as error:
        call_command("orientation", "--answers", str(path))
    assert error.value.returncode == 2 and "answers.json" in str(error.value)
    with pytest.raises(CommandError, match="six interest scores"):
        call_command("orientation", "--profile", "1,2,3")


def test_reach_export_in_long_format_suppresses_small_counts(world, tmp_path):
    for _ in range(12):
        reach.questionnaire_completed("RC", [uri("electrician"), uri("software")])
    for _ in range(3):
        reach.story_viewed(uri("heatpump"))
    path = tmp_path / "reach.csv"
    call_command("orientation", "--export-reach", str(path), stdout=StringIO())
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == list(reach.COLUMNS)
    keyed = {(r["occupation_group"], r["population_group"], r["indicator"]): r for r in rows}
    assert keyed[("alle", "alle", "ontdek_vragenlijst_ingevuld")]["value"] == "12"
    assert keyed[("74", "interesse RC", "ontdek_voorgesteld")]["value"] == "12"
    assert keyed[("alle", "alle", "ontdek_voorgesteld")]["value"] == "24"
    small = keyed[("71", "alle", "ontdek_beroepsverhaal_bekeken")]
    assert small["value"] == "" and "minder dan 10" in small["note"]
    assert all(r["unit"] == "aantal" and r["region"] == "NL" for r in rows)


def test_example_content_is_loaded_idempotently_and_marked(world, monkeypatch):
    from banenbrug.orientation import examples
    from banenbrug.orientation.models import OccupationStory, RoleModel

    monkeypatch.setattr(examples, "STORIES", [{**examples.STORIES[0],
                                               "occupation_uri": uri("heatpump")}])
    monkeypatch.setattr(examples, "ROLE_MODELS", [{**examples.ROLE_MODELS[0],
                                                   "occupation_uri": uri("heatpump")}])
    from banenbrug.orientation.management.commands import orientation_examples

    monkeypatch.setattr(orientation_examples, "STORIES", examples.STORIES)
    monkeypatch.setattr(orientation_examples, "ROLE_MODELS", examples.ROLE_MODELS)
    call_command("orientation_examples")
    call_command("orientation_examples")
    assert OccupationStory.objects.count() == 1 and RoleModel.objects.count() == 1
    assert OccupationStory.objects.get().is_example and RoleModel.objects.get().is_example
    story = service.story("heatpump", "nl")
    assert story.role_models[0].name == "Samira El Idrissi"
    assert story.day.startswith("Je begint")


def test_pages_in_english(world, client):
    client.cookies["django_language"] = "en"
    page = client.get("/ontdek/").content.decode()
    assert "Start the questionnaire" in page and 'lang="en"' in page
    questions = client.get("/ontdek/vragenlijst/").content.decode()
    assert "Repair a broken bike or scooter" in questions and "Not sure" in questions
    response = client.get("/ontdek/resultaat/", R_PATTERN)
    result = client.get(response["Location"]).content.decode()
    assert "You like building, repairing and working with your hands" in result
