"""The example set through the service, the API (and its OpenAPI schema), the pages and the
region API other pillars use; on the test database with the ESCO occupations it needs."""

import json

import pytest
from django.core.management import call_command

from banenbrug.registry import regions, service
from banenbrug.registry.examples import EXAMPLES, load_examples
from banenbrug.registry.models import Initiative, Pledge, Table
from banenbrug.taxonomy.models import Occupation

pytestmark = pytest.mark.django_db
ISCO = {"4910419f": "7411", "33960bab": "7411", "8234eee9": "3115", "79f435d0": "7127",
        "ed3cf43d": "7126", "75b63949": "7411", "f2b15a0e": "2512", "c40a2919": "2513",
        "d3edb8f8": "2511", "0464b062": "2529", "64c7d461": "3513", "aaeec9a7": "3512",
        "349ee6f6": "2512", "7aedaa07": "7212", "edf2e989": "3115", "b2dab4fb": "7124",
        "15a7e87c": "7421", "9aa2a36f": "3113", "1a165cb5": "3119", "09e070ce": "3112",
        "269c47e7": "7233"}


@pytest.fixture
def examples(real_regions):
    data = json.loads(EXAMPLES.read_text())
    uris = {u for section in ("initiatives", "tables") for r in data[section]
            for u in r["occupations"]}
    for uri in uris:
        short = uri.rsplit("/", 1)[1][:8]
        Occupation.objects.create(uri=uri, label_en=f"occupation {short}", isco_code=ISCO[short])
    return load_examples()


def test_example_set_is_marked_spread_and_idempotent(examples):
    assert examples.created["initiatives"] >= 40 and examples.created["tables"] >= 10
    assert not Initiative.objects.filter(is_example=False).exists()
    assert not Pledge.objects.filter(is_example=False).exists()
    assert all(i.description.startswith("Voorbeeldgegevens") for i in Initiative.objects.all())
    fragmentation = service.fragmentation()
    reached = [r for r in fragmentation["regions"] if r["initiatives"]]
    assert len(reached) >= 30  # spread over the labour-market regions
    again = load_examples()
    assert not again.created and not again.updated


def test_setup_command_is_idempotent(examples):
    call_command("registry_setup")
    assert Initiative.objects.count() == len(json.loads(EXAMPLES.read_text())["initiatives"])


def test_region_api_for_other_pillars(real_regions):
    assert regions.region_for_municipality("GM0505").code == "AM23"
    assert regions.region_for_municipality("Dordrecht", "res").code == "ES18"
    assert regions.region_for_municipality("'s-Gravenhage", "province").code == "PV28"
    assert regions.regions_for_municipality("den haag")["labour_market"].code == "AM21"
    assert regions.region_for_municipality("Atlantis") is None
    assert {m.code for m in regions.municipalities_in("ES18")} >= {"GM0505", "GM0642"}


def test_api_search_finder_overlaps_fragmentation(examples, client):
    body = client.get("/api/registry/search", {"q": "vrouwen in ICT in Groningen"}).json()
    names = [r["name"] for r in body["results"]]
    assert "Vrouwen in ICT Groningen" in names and "Codeklas voor vrouwen Groningen" in names
    assert all("women" in [g["code"] for g in r["target_groups"]] for r in body["results"])
    assert {t["code"] for t in body["interpretation"]["themes"]} == {"ict"}
    tables = client.get("/api/registry/search", {
        "q": "tables on heat-pump installers in the RES region Drechtsteden"}).json()
    assert tables["results"][0]["key"] == "warmtetafel-drechtsteden"
    assert {r["type"] for r in tables["results"]} == {"table"}
    facet = client.get("/api/registry/search", {"kind": "side_entry", "region": "AM22"}).json()
    assert facet["total"] >= 1 and all(r["kind"]["code"] == "side_entry"
                                       for r in facet["results"])
    assert client.get("/api/registry/search", {"region": "XX1"}).status_code == 422
    found = client.get("/api/registry/finder", {"place": "Dordrecht", "theme": "heat_pump",
                                                "target_group": "switchers"}).json()
    assert found["tables"][0]["key"] == "warmtetafel-drechtsteden"
    assert found["initiatives"][0]["key"] == "warmtepomp-academie-drechtsteden"
    assert client.get("/api/registry/finder", {"place": "Atlantis"}).status_code == 422
    overlaps = client.get("/api/registry/overlaps").json()["groups"]
    pair = {"vrouwen-in-ict-groningen", "codeklas-groningen"}
    assert any(pair <= {i["key"] for i in g["initiatives"]} for g in overlaps)
    res = client.get("/api/registry/fragmentation", {"kind": "res"}).json()
    assert len(res["regions"]) == 30
    assert "ES17" in {g["code"] for g in res["res_mismatch"]}  # targets, only an ended one
    assert client.get("/api/registry/initiatives/nope").status_code == 404
    detail = client.get("/api/registry/initiatives/vrouwen-in-ict-groningen").json()
    assert detail["overlaps"] and detail["labour_market_regions"][0]["code"] == "AM01"
    assert len(client.get("/api/registry/regions", {"kind": "res"}).json()) == 30
    assert client.get("/api/registry/municipalities/GM0505").json()["res_region"]["code"] == \
        "ES18"
    pledges = client.get("/api/registry/pledges").json()
    assert pledges["jobs_pledged"] == sum(p.jobs_pledged for p in Pledge.objects.all())
    csv_text = client.get("/api/registry/export", {"format": "csv"}).content.decode()
    assert csv_text.startswith("key,name,organisation,kind")


def test_openapi_schema_lists_the_registry(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/registry/search", "/api/v1/registry/finder", "/api/v1/registry/overlaps",
                 "/api/v1/registry/fragmentation", "/api/v1/registry/initiatives/{key}",
                 "/api/v1/registry/tables/{key}", "/api/v1/registry/regions",
                 "/api/v1/registry/municipalities/{municipality}", "/api/v1/registry/pledges",
                 "/api/v1/registry/export"):
        assert path in paths, path


def test_pages_render_in_dutch_and_english(examples, client):
    pages = ["/initiatieven/", "/initiatieven/?q=warmtepomp+Drechtsteden&kind=side_entry",
             "/initiatieven/initiatief/vrouwen-in-ict-groningen/",
             "/initiatieven/tafel/warmtetafel-drechtsteden/",
             "/initiatieven/welke-tafel/?plaats=Dordrecht&thema=heat_pump&doelgroep=switchers",
             "/initiatieven/versnippering/", "/initiatieven/versnippering/?soort=res",
             "/initiatieven/regios/", "/initiatieven/regios/ES18/",
             "/initiatieven/regios/GM0505/", "/initiatieven/banengaranties/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Voorbeeld" in response.content.decode() or "regios" in url, url
    finder = client.get(pages[4]).content.decode()
    assert "Warmtetafel Drechtsteden" in finder and "Tafels om aan te schuiven" in finder
    unknown = client.get("/initiatieven/welke-tafel/?plaats=Atlantis").content.decode()
    assert "We kennen geen gemeente of regio" in unknown
    assert client.get("/initiatieven/initiatief/bestaat-niet/").status_code == 404
    regions_page = client.get("/initiatieven/regios/").content.decode()
    assert "35 arbeidsmarktregio" in regions_page and "30 RES-regio" in regions_page
    partial = client.get("/initiatieven/", {"q": "Groningen"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/initiatieven/welke-tafel/").content.decode()
    assert "Which table is mine?" in english


def test_cli_search_json_and_bad_input(examples, capsys):
    call_command("registry", "search", "vrouwen", "in", "ICT", "in", "Groningen",
                 "--format", "json")
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "vrouwen in ICT in Groningen" and out["total"] >= 2
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as caught:
        call_command("registry", "search", "--region", "AM99", "--format", "json")
    assert caught.value.returncode == 2
    assert Table.objects.exists()
