"""Recent answers are reused only for the data they came from: a new import ranks again.

The search page, the API and the Overstap page reuse the ranking of a query asked before
(`search_service.recent`) and the engine's transitions of a profile asked before
(`transitions.service.recent`); the data version (search) and the engine (transitions) are
part of what they are kept for, so a change of the ESCO data must give the new answer.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from banenbrug.taxonomy import search_service
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.taxonomy.models import ImportRun, one_data_version
from banenbrug.transitions import service

pytestmark = pytest.mark.django_db
ESCO = "http://data.europa.eu/esco/"
ELECTRICIAN, SOLAR, BAKER = (f"{ESCO}occupation/o-{n}" for n in ("electrician", "solar", "baker"))


@pytest.fixture
def small(esco_small, tmp_path, monkeypatch):
    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("BANENBRUG_TEXT_MODEL", "none")  # lexical: the same answer everywhere
    service.engines.clear()
    import_esco([esco_small])
    return esco_small


def _counting(monkeypatch, owner, name):
    calls = []
    real = getattr(owner, name)
    monkeypatch.setattr(owner, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def test_a_repeated_search_is_ranked_once_and_a_new_import_ranks_it_again(small, monkeypatch):
    ranked = _counting(monkeypatch, search_service, "_rank_kinds")
    first = search_service.search("occupation", "baker", "en")
    again = search_service.search("occupation", "baker", "en")
    assert [r.concept.uri for r in first][:1] == [BAKER]
    assert [(r.concept.uri, r.score) for r in again] == [(r.concept.uri, r.score) for r in first]
    assert len(ranked) == 1
    search_service.search("occupation", "baker", "nl")  # another language is another question
    assert len(ranked) == 2

    occupations = small / "occupations_en.csv"
    occupations.write_text(occupations.read_text().replace(",7512,baker,", ",7512,pastry chef,"))
    import_esco([small])
    after = search_service.search("occupation", "baker", "en")
    assert len(ranked) == 3
    assert "baker" not in [r.matched_label for r in after]  # the old label is gone
    assert search_service.search("occupation", "pastry chef", "en")[0].concept.uri == BAKER


def test_the_concepts_of_a_reused_ranking_are_read_afresh(small):
    search_service.search("occupation", "baker", "en")
    from banenbrug.taxonomy.models import Occupation

    Occupation.objects.filter(uri=BAKER).update(label_nl="broodbakker")  # an edit in the admin
    assert search_service.search("occupation", "baker", "en")[0].concept.label_nl == "broodbakker"


def test_transitions_of_a_profile_are_computed_once_per_engine(small, monkeypatch):
    baker = service.resolve_occupation(BAKER)
    engine = service.get_engine()
    top = _counting(monkeypatch, engine, "top")
    first = service.transitions(service.Profile([baker], []), top=5)
    assert service.transitions(service.Profile([baker], []), top=5) == first
    assert len(top) == 1
    service.transitions(service.Profile([baker], []), top=5, green=True)  # another filter
    assert len(top) == 2
    destinations = [t["uri"] for t in first["transitions"]]
    assert ELECTRICIAN in destinations

    # the data changes: the baker now needs the electrician's wiring as well
    relations = small / "occupationSkillRelations.csv"
    relations.write_text(relations.read_text() + f"{BAKER},essential,skill/competence,"
                         f"{ESCO}skill/s-wiring\n")
    import_esco([small])
    after = service.transitions(service.Profile([service.resolve_occupation(BAKER)], []), top=5)
    assert len(top) == 2  # the old engine was not asked: a new engine, a new answer
    assert after != first
    carried = {t["uri"]: [s["uri"] for s in t["carried_over"]] for t in after["transitions"]}
    assert f"{ESCO}skill/s-wiring" in carried[ELECTRICIAN]


def test_a_request_reads_the_data_version_once_and_an_import_in_it_reads_the_new_one(small):
    with CaptureQueriesContext(connection) as outside:
        ImportRun.data_version()
        ImportRun.data_version()
    assert len(outside) == 2  # outside a request: every call asks (CLI, jobs)
    with one_data_version():
        with CaptureQueriesContext(connection) as inside:
            before = ImportRun.data_version()
            assert ImportRun.data_version() == before
        assert len(inside) == 1
        ImportRun.objects.create()
        assert ImportRun.data_version() != before
    assert ImportRun.data_version() == ImportRun.objects.first().token


def test_a_page_asks_for_the_data_version_once(small, client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/zoeken/", {"q": "baker"}).status_code == 200
    versions = [q for q in captured if "taxonomy_importrun" in q["sql"]]
    assert len(versions) == 1


def test_the_home_page_counts_again_after_an_import(small, client):
    def shown():
        return client.get("/").content.decode().split("<strong>")[1].split("<")[0]

    assert shown() == "3"  # occupations
    with CaptureQueriesContext(connection) as again:
        assert shown() == "3"
    assert not any("COUNT" in q["sql"] for q in again)  # kept for this data version
    occupations = small / "occupations_en.csv"
    occupations.write_text(occupations.read_text() + (
        "Occupation,http://data.europa.eu/esco/occupation/o-cook,5120,cook,,,released,"
        "2016-07-05T13:58:41Z,,,,,Cooks cook.,5120.1\n"))
    import_esco([small])
    assert shown() == "4"
