"""The plumber's path on the tiny ESCO fixture: up to four destinations side by side with the
typical training, clear messages for too many and unknown ids, everyday names, 'Maak een
overstapplan' for a visitor (log-in and registration that come back) and for a job seeker."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from banenbrug.plans.models import ModuleSkill, TrainingModule
from banenbrug.taxonomy import everyday
from banenbrug.taxonomy.models import Skill
from tests.world import BAKER, ELECTRICIAN, ESCO, SOLAR

pytestmark = pytest.mark.django_db
COMPARE = "/overstap/vergelijk/"
UNKNOWN = f"{ESCO}occupation/o-does-not-exist"


def columns(html: str) -> list[str]:
    head = html.split('<table class="table side-by-side">', 1)[1].split("</thead>", 1)[0]
    return [c.strip() for c in re.findall(r'<th scope="col">(?:<a [^>]*>)?([^<]+)', head)]


def links(html: str, prefix: str) -> list[dict[str, list[str]]]:
    """The query of every link that starts with `prefix`, parsed."""
    found = re.findall(rf'href="{re.escape(prefix)}\?([^"]*)"', html)
    return [parse_qs(q.replace("&amp;", "&")) for q in found]


@pytest.fixture
def catalogue(esco_world):
    module = TrainingModule.objects.create(
        key="pv", provider="ROC Test", title="Zonnepanelen leggen", hours=40, weeks=6,
        cost_eur="1234.56", form="modular", delivery="online", award="certificate")
    for uri in (f"{ESCO}skill/s-solar", f"{ESCO}skill/s-wiring"):
        ModuleSkill.objects.create(module=module, skill=Skill.objects.get(uri=uri))
    return esco_world


def test_two_destinations_side_by_side_with_gap_effort_and_training(client, catalogue):
    response = client.get(COMPARE, {"van": BAKER, "naar": [SOLAR, ELECTRICIAN]})
    html = response.content.decode()
    assert response.status_code == 200
    assert columns(html) == ["monteur zonnepanelen", "elektricien"]  # in the order asked
    assert 'role="alert"' not in html
    training = re.findall(r'<td class="training">(.*?)</td>', html, re.S)
    assert "Zonnepanelen leggen" in training[0] and "€\u00a01.235" in training[0]  # whole euros
    assert "Zonnepanelen leggen" in training[1]  # teaches the electrician's wiring too
    efforts = re.findall(r'<td class="effort">ongeveer (\d+) weken', html)
    assert len(efforts) == 2 and efforts[0] != "0"
    assert links(html, "/overstapplan/mijn/") == [{"naar": [SOLAR]}, {"naar": [ELECTRICIAN]}]
    assert 'table class="table compare"' not in html  # the full skill list is for one only


def test_one_destination_keeps_the_full_skill_list(client, catalogue):
    html = client.get(COMPARE, {"van": BAKER, "naar": SOLAR}).content.decode()
    assert columns(html) == ["monteur zonnepanelen"]
    assert 'table class="table compare"' in html and "nog leren" in html


def test_more_than_four_shows_the_first_four_and_says_so(client, catalogue):
    asked = [SOLAR, UNKNOWN + "-a", ELECTRICIAN, UNKNOWN + "-b", UNKNOWN + "-c"]
    html = client.get(COMPARE, {"van": BAKER, "naar": asked}).content.decode()
    assert "Je kunt tot vier beroepen naast elkaar zetten; we tonen de eerste vier." in html
    # the fifth is not read at all
    assert "Deze beroepen kennen we niet: o-does-not-exist-a, o-does-not-exist-b." in html
    assert columns(html) == ["monteur zonnepanelen", "elektricien"]


def test_unknown_ids_get_a_clear_message(client, catalogue):
    mixed = client.get(COMPARE, {"van": BAKER, "naar": [UNKNOWN, SOLAR]})
    assert mixed.status_code == 200
    html = mixed.content.decode()
    assert "Deze beroepen kennen we niet: o-does-not-exist." in html
    assert columns(html) == ["monteur zonnepanelen"]
    only_unknown = client.get(COMPARE, {"van": BAKER, "naar": UNKNOWN})
    assert only_unknown.status_code == 400
    assert "Deze beroepen kennen we niet: o-does-not-exist." in only_unknown.content.decode()
    nothing = client.get(COMPARE, {"van": BAKER})
    assert nothing.status_code == 400
    assert "Kies een tot vier beroepen om te vergelijken." in nothing.content.decode()
    no_origin = client.get(COMPARE, {"naar": SOLAR})
    assert no_origin.status_code == 400
    assert "Kies eerst het beroep waar je vandaan komt." in no_origin.content.decode()


def test_the_explorer_offers_the_first_four_and_ticking(client, catalogue):
    html = client.get("/overstap/", {"van": BAKER}).content.decode()
    first_four = re.search(r'href="/overstap/vergelijk/\?([^"]+)">Vergelijk de eerste vier',
                           html).group(1)
    query = parse_qs(first_four.replace("&amp;", "&"))
    assert query["van"] == [BAKER] and 1 < len(query["naar"]) <= 4
    assert html.count('type="checkbox" name="naar"') >= 2


def test_everyday_names_show_in_search_compare_and_explorer(client, catalogue, monkeypatch):
    monkeypatch.setattr(everyday, "NAMES", {SOLAR: "zonnepanelen-legger"})
    compare = client.get(COMPARE, {"van": BAKER, "naar": [SOLAR, ELECTRICIAN]}).content.decode()
    assert '<span class="everyday">(zonnepanelen-legger)</span>' in compare
    assert compare.count('class="everyday"') == 1  # the electrician has none
    search = client.get("/zoeken/", {"q": "monteur zonnepanelen"}).content.decode()
    assert "(zonnepanelen-legger)" in search
    explorer = client.get("/overstap/", {"van": BAKER}).content.decode()
    assert "(zonnepanelen-legger)" in explorer
    english = client.get(COMPARE, {"van": BAKER, "naar": SOLAR},
                         HTTP_COOKIE="django_language=en").content.decode()
    assert "zonnepanelen-legger" not in english


def test_a_visitor_is_offered_registration_and_log_in_that_come_back(client, catalogue):
    here = f"/overstapplan/mijn/?naar={quote(SOLAR, safe='')}"
    html = client.get(here).content.decode()
    assert "Maak een overstapplan naar monteur zonnepanelen" in html
    assert links(html, "/account/registreren/") == [{"next": [here]}]
    assert links(html, "/account/inloggen/") == [{"next": [here]}]

    form = client.get("/account/registreren/", {"next": here}).content.decode()
    assert f'name="next" value="{here.replace("&", "&amp;")}"' in form
    password = "Zonnepaneel-Dak-42"
    client.post("/account/registreren/", {
        "email": "piet@voorbeeld.nl", "password1": password, "password2": password,
        "role": "job_seeker", "consent": "on", "next": here})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = link.split("testserver", 1)[1]
    assert parse_qs(urlsplit(path).query)["next"] == [here]
    confirmed = client.post(path, {"next": parse_qs(urlsplit(path).query)["next"][0]})
    profile = f"{reverse('matching:profile')}?next={quote(here, safe='')}"
    assert confirmed["Location"] == profile

    # no profile yet: 'Maak een overstapplan' asks for one first, and keeps the way back
    assert client.get(here)["Location"] == profile
    saved = client.post(profile, {"region": "AM01", "postcode": "3511", "hours_min": 24,
                                  "hours_max": 36, "situation": "other", "next": here})
    assert saved["Location"] == profile
    page = client.get(profile).content.decode()
    assert f'<a href="{here.replace("&", "&amp;")}">Klaar? Ga verder' in page
    plan = client.get(here)
    assert re.fullmatch(rf"/overstapplan/\d+/\?naar={re.escape(quote(SOLAR, safe=''))}",
                        plan["Location"])


def test_next_to_another_site_is_ignored(client, catalogue):
    form = client.get("/account/registreren/", {"next": "https://evil.example/"})
    assert 'name="next"' not in form.content.decode().split('class="form"', 1)[1]


def test_the_occupation_page_leads_into_the_explorer(client, catalogue, monkeypatch):
    monkeypatch.setattr(everyday, "NAMES", {SOLAR: "zonnepanelenlegger"})
    html = client.get("/beroepen/o-solar/").content.decode()
    assert links(html, "/overstap/") == [{"van": [SOLAR]}]
    assert "Overstappen vanuit dit beroep" in html
    assert links(html, "/overstapplan/mijn/") == [{"naar": [SOLAR]}]
    assert "In de praktijk: zonnepanelenlegger" in html


def test_the_plan_names_the_destination_as_people_do(client, catalogue, monkeypatch):
    monkeypatch.setattr(everyday, "NAMES", {SOLAR: "zonnepanelenlegger"})
    client.force_login(catalogue.seeker_user)
    plan = client.get(client.get("/overstapplan/mijn/", {"naar": SOLAR})["Location"])
    html = plan.content.decode()
    assert "Naar monteur zonnepanelen" in html
    assert "In de praktijk: zonnepanelenlegger" in html
    assert "€\u00a01.235" in html  # the module's € 1.234,56, in whole euros
