"""The vacancy-text check where employers write: its page, beside the vacancy form (htmx),
on the vacancy after saving, and over the API. It explains and never blocks."""

from __future__ import annotations

from banenbrug.matching.models import Vacancy
from tests.world import make_vacancy

DUTCH = "Voor ons jonge team zoeken we een gedreven monteur met een afgerond mbo-4 diploma."
ENGLISH = "Join our young team as a driven engineer. A bachelor's degree is required."


def test_the_page_shows_findings_after_submit(world, client):
    client.force_login(world.employer_user)
    page = client.post("/werkgevers/tekstcheck/", {"title": "Monteur (m/v)",
                                                   "description": DUTCH}).content.decode()
    assert "<mark>jonge team</mark>" in page and "leeftijd" in page
    assert "<mark>gedreven</mark>" in page and "gemotiveerd" in page
    assert "<mark>(m/v)</mark>" in page
    assert "Deeltijd staat niet open" in page  # the box was not ticked
    assert DUTCH in page  # the text stays in the form to edit


def test_htmx_gets_only_the_findings(world, client):
    client.force_login(world.employer_user)
    response = client.post("/werkgevers/tekstcheck/", {"description": ENGLISH,
                                                       "part_time_possible": "on"},
                           HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "<mark>young team</mark>" in html and "<mark>bachelor&#x27;s degree</mark>" in html
    assert "Deeltijd staat niet open" not in html


def test_the_vacancy_form_carries_the_live_check(world, client):
    client.force_login(world.employer_user)
    page = client.get(f"/werk/werkgever/{world.vacancy.pk}/bewerken/").content.decode()
    assert 'hx-post="/werkgevers/tekstcheck/"' in page
    assert 'hx-include="closest form"' in page


def test_saving_a_vacancy_with_coded_words_is_never_blocked_and_shows_the_check(world, client):
    client.force_login(world.employer_user)
    item = make_vacancy(world.employer, title="Monteur", description=DUTCH,
                        part_time_possible=False)
    page = client.get(f"/werk/werkgever/{item.pk}/").content.decode()
    assert "Tekstcheck: 4 punten om naar te kijken" in page  # age, masculine, diploma, part-time
    assert "<mark>jonge team</mark>" in page
    assert f"/werkgevers/vacatures/{item.pk}/jobcarving/" in page
    assert Vacancy.objects.filter(pk=item.pk, description=DUTCH).exists()


def test_the_api_checks_dutch_and_english_and_answers_in_the_language_asked(world, client):
    client.force_login(world.employer_user)
    dutch = client.post("/api/employers/vacancy-text/check",
                        {"description": DUTCH, "part_time_possible": True},
                        content_type="application/json").json()
    assert dutch["text_lang"] == "nl"
    assert [(f["category"], f["words"]) for f in dutch["findings"]] == [
        ("age", "jonge team"), ("masculine", "gedreven"), ("diploma", "mbo-4 diploma")]
    english = client.post("/api/employers/vacancy-text/check",
                          {"description": ENGLISH, "lang": "en"},
                          content_type="application/json").json()
    assert english["text_lang"] == "en" and english["balance"] == "masculine"
    assert [f["category"] for f in english["findings"]] == ["age", "masculine", "diploma",
                                                            "part_time"]
    assert english["findings"][0]["message"].startswith("Refers to age")


def test_the_api_refuses_too_long_a_text_and_other_roles(world, client):
    client.force_login(world.employer_user)
    long = client.post("/api/employers/vacancy-text/check", {"description": "woord " * 4000},
                       content_type="application/json")
    assert long.status_code == 422 and "longer than 20000" in long.json()["detail"]
    client.force_login(world.seeker_user)
    assert client.post("/api/employers/vacancy-text/check", {"description": DUTCH},
                       content_type="application/json").status_code == 403
    assert client.post("/werkgevers/tekstcheck/", {"description": DUTCH}).status_code == 403
