"""Project-level guarantees: migrations in sync, health, API schema, Dutch-first shell."""

import io
import re

import pytest
from django.core.management import call_command

from banenbrug.taxonomy.esco_import import import_esco

pytestmark = pytest.mark.django_db


def test_migrations_match_the_models():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 if out of date
    assert "No changes detected" in out.getvalue()


def test_health_reports_database_and_data_version(client, esco_small, monkeypatch):
    from banenbrug.web import warm

    monkeypatch.setattr(warm, "_warmed", {})  # as `banenbrug serve` leaves it (tests/web)
    assert client.get("/health").json()["status"] == "degraded"  # no ESCO yet
    import_esco([esco_small])
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["esco_data_version"] != "empty"


def test_openapi_schema_lists_the_taxonomy_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/v1/occupations", "/api/v1/skills", "/api/v1/occupations/{uuid}",
                 "/api/v1/skills/{uuid}"):
        assert path in schema["paths"], path
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower()  # served locally: the app works offline
    assert '<html lang="nl">' in docs
    from django.contrib.staticfiles import finders

    for name in re.findall(r'(?:href|src)="/static/([^"]+)"', docs):
        assert finders.find(name), name  # Swagger UI's own files, from django-ninja's package


def test_pages_are_dutch_first_and_switch_to_english(client, esco_small):
    import_esco([esco_small])
    home = client.get("/").content.decode()
    assert '<html lang="nl">' in home and "Zoek een beroep of vaardigheid" in home
    assert "This service uses the ESCO classification of the European Commission." in home
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/beroepen/o-electrician/").content.decode()
    assert '<html lang="en">' in english and "Essential skills and knowledge" in english
    assert "<h1 lang=\"en\">electrician</h1>" in english


def test_occupation_page_and_api_show_skills_by_type_and_labels_in_dutch(client, esco_small):
    import_esco([esco_small])
    page = client.get("/beroepen/o-solar/").content.decode()
    assert "monteur zonnepanelen" in page and "zonne-energie" in page
    assert "Groen beroep" in page  # ESCO green share 0.6
    detail = client.get("/api/occupations/o-solar?lang=nl").json()
    assert detail["label"] == "monteur zonnepanelen" and detail["green"] is True
    assert {s["label"] for s in detail["essential_skills"]} == {"zonne-energie",
                                                                "install electrical wiring"}
    assert client.get("/beroepen/does-not-exist/").status_code == 404
    assert client.get("/api/skills/does-not-exist").status_code == 404


def test_search_api_and_page_find_by_typo(client, esco_small):
    import_esco([esco_small])
    found = client.get("/api/occupations", {"q": "electricain", "lang": "en"}).json()
    assert found["results"][0]["uri"].endswith("o-electrician")
    page = client.get("/zoeken/", {"q": "zonnepanelen monteur"}).content.decode()
    assert "/beroepen/o-solar/" in page
    assert client.get("/api/occupations", {"q": "x" * 500}).status_code == 422


def test_a_browser_asking_for_english_still_gets_dutch_until_it_switches(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl">' in page
