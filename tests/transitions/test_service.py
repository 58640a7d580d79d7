"""The transitions service on the database: loading, resolving input, caching, API and pages."""

import pytest

from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.transitions import service
from banenbrug.transitions.loader import load_arrays

pytestmark = pytest.mark.django_db
ESCO = "http://data.europa.eu/esco/"
ELECTRICIAN, SOLAR, BAKER = (f"{ESCO}occupation/o-{n}" for n in ("electrician", "solar", "baker"))


@pytest.fixture
def small(esco_small, settings, tmp_path, monkeypatch):
    monkeypatch.setenv("BANENBRUG_VAR_DIR", str(tmp_path / "var"))
    service.engines.clear()
    import_esco([esco_small])
    return esco_small


def test_arrays_from_the_database_mirror_the_relations(small):
    arrays = load_arrays()
    assert len(arrays.occupation_uris) == 3 and len(arrays.skill_uris) == 4
    assert len(arrays.essential) == 5 and len(arrays.optional) == 2
    assert len(arrays.skill_related) == 1
    assert len(arrays.skill_group) == 2  # wiring and solar share the group "electrical work"
    solar_skill = arrays.skill_uris.index(f"{ESCO}skill/s-solar")
    assert arrays.green_skill[solar_skill] and arrays.skill_is_knowledge[solar_skill]


def test_resolving_uri_exact_label_and_search_text(small, monkeypatch):
    # the lexical rule; with the text model the blend depends on vectors an earlier test built
    monkeypatch.setenv("BANENBRUG_TEXT_MODEL", "none")
    assert service.resolve_occupation(SOLAR).uri == SOLAR
    assert service.resolve_occupation("Elektricien").uri == ELECTRICIAN  # exact nl label
    assert service.resolve_occupation("baker").uri == BAKER  # exact en label
    assert service.resolve_occupation("zonnepanelen monteur").uri == SOLAR  # search text
    with pytest.raises(service.TransitionInputError, match="unknown occupation URI"):
        service.resolve_occupation(f"{ESCO}occupation/none")
    with pytest.raises(service.TransitionInputError, match="no occupation matches"):
        service.resolve_occupation("qqqqxxxx")
    with pytest.raises(service.TransitionInputError, match="unknown skill URI"):
        service.resolve_skills([f"{ESCO}skill/none"])


def test_an_ambiguous_text_lists_candidates(small):
    with pytest.raises(service.TransitionInputError) as caught:
        service.resolve_occupation("installer")
    assert "ambiguous" in str(caught.value) or "matches" in str(caught.value)
    assert caught.value.candidates and all("uri" in c for c in caught.value.candidates)


def test_transitions_have_the_contract_shape_and_explain_the_gap(small):
    electrician = service.resolve_occupation(ELECTRICIAN)
    result = service.transitions(service.Profile([electrician], []), top=5, lang="nl")
    assert result["from"]["uri"] == ELECTRICIAN and result["from"]["label"] == "elektricien"
    dests = [t["uri"] for t in result["transitions"]]
    assert ELECTRICIAN not in dests and dests[0] == SOLAR  # shares wiring and solar knowledge
    scores = [t["score"] for t in result["transitions"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    solar = result["transitions"][0]
    assert {"uri", "label", "score", "green", "digital", "missing_essential_skills",
            "band", "effort_weeks", "carried_over"} <= solar.keys()
    assert solar["green"] is True  # ESCO green share 0.6
    assert solar["missing_essential_skills"] == []  # electricians hold both essentials
    baker = next(t for t in result["transitions"] if t["uri"] == BAKER)
    assert [g["label"] for g in baker["missing_essential_skills"]] == ["knead dough"]


def test_extra_skills_and_green_filter(small):
    baker = service.resolve_occupation(BAKER)
    plain = service.transitions(service.Profile([baker], []), top=5)
    wiring = service.resolve_skills([f"{ESCO}skill/s-wiring"])
    richer = service.transitions(service.Profile([baker], wiring), top=5)

    def score(result, uri):
        return next(t["score"] for t in result["transitions"] if t["uri"] == uri)

    assert score(richer, SOLAR) > score(plain, SOLAR)
    green = service.transitions(service.Profile([baker], []), top=5, green=True)
    assert green["transitions"] and all(t["green"] for t in green["transitions"])


def test_engine_is_cached_per_data_version_and_rebuilt_after_an_import(small, tmp_path):
    first = service.get_engine()
    cache = list((tmp_path / "var" / "cache").glob("transitions-*.npz"))
    assert len(cache) == 1
    service.engines.clear()
    assert service.get_engine().occupation_uris == first.occupation_uris  # from the file
    occupations = small / "occupations_en.csv"
    occupations.write_text(occupations.read_text().replace("Bakers make bread.", "Bakers bake."))
    import_esco([small])
    service.get_engine()
    after = list((tmp_path / "var" / "cache").glob("transitions-*.npz"))
    assert len(after) == 1 and after != cache


def test_api_gives_the_shape_and_422_with_candidates(small, client):
    body = client.get("/api/transitions", {"from": ELECTRICIAN, "top": 2}).json()
    assert body["from"]["uri"] == ELECTRICIAN and len(body["transitions"]) == 2
    bad = client.get("/api/transitions", {"from": "qqqqxxxx"})
    assert bad.status_code == 422 and "no occupation" in bad.json()["detail"]
    compare = client.get("/api/transitions/compare", {"from": BAKER, "to": SOLAR}).json()
    assert compare["from"]["uri"] == BAKER and compare["uri"] == SOLAR
    assert {g["label"] for g in compare["missing_essential_skills"]} == {
        "zonne-energie", "install electrical wiring"}


def test_explorer_page_keeps_its_state_in_the_url(small, client):
    page = client.get("/overstap/", {"van": "elektricien", "groen": "1"}).content.decode()
    assert "monteur zonnepanelen" in page and 'name="groen" value="1" checked' in page
    assert "/overstap/vergelijk/?van=" in page
    compare = client.get("/overstap/vergelijk/", {"van": BAKER, "naar": SOLAR}).content.decode()
    assert "nog leren" in compare
    assert "Engelse term</small></span> → monteur zonnepanelen</h1>" in compare
    assert '<h1><span class="fallback"><span lang="en">baker</span>' in compare  # no Dutch name
    unknown = client.get("/overstap/", {"van": "qqqqxxxx"}).content.decode()
    assert 'role="alert"' in unknown
