"""The registry on the real data through the real command line: the 2025 region boundaries
(every municipality, labour-market and RES region), the shipped example initiatives validated
against the full ESCO import, Dutch place names in a query resolved to the real regions, bad
imports exit 2. The initiatives are the registry's marked example set (there is no public
register of them to load); what is real here is everything they are checked and found by."""

import json

import pytest

from tests.conftest import cli_json, run_cli

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def registry_env(real_env):
    done = run_cli(real_env, "registry_setup")
    assert done.returncode == 0, done.stderr
    return real_env


def test_regions_from_the_real_files_are_complete(registry_env):
    counts = cli_json(registry_env, "registry", "regions")
    assert counts == {"labour_market": 35, "res": 30, "province": 12, "municipality": 342}
    frag = cli_json(registry_env, "registry", "fragmentation", "--kind", "res")
    assert len(frag["regions"]) == 30
    assert len(cli_json(registry_env, "registry", "fragmentation")["regions"]) == 35


def test_search_women_into_ict_in_groningen(registry_env):
    found = cli_json(registry_env, "registry", "search", "initiatieven voor vrouwen in ICT in "
                                                        "Groningen")
    keys = [r["key"] for r in found["results"]]
    assert keys[:2] == ["codeklas-groningen", "vrouwen-in-ict-groningen"]
    assert {p["code"] for p in found["interpretation"]["places"]} >= {"GM0014", "AM01", "ES01"}


def test_tables_on_heat_pump_installers_in_res_drechtsteden(registry_env):
    found = cli_json(registry_env, "registry", "search", "tafels over warmtepompinstallateurs "
                                                        "in RES-regio Drechtsteden")
    assert found["results"][0]["key"] == "warmtetafel-drechtsteden"
    assert all(r["type"] == "table" for r in found["results"])


def test_finder_and_overlaps(registry_env):
    found = cli_json(registry_env, "registry", "find", "Zwijndrecht", "--theme", "heat_pump",
                     "--target-group", "switchers")
    assert found["place"]["code"] == "GM0642"
    assert found["tables"][0]["key"] == "warmtetafel-drechtsteden"
    groups = cli_json(registry_env, "registry", "overlaps")["groups"]
    assert any({"vrouwen-in-ict-groningen", "codeklas-groningen"}
               <= {i["key"] for i in g["initiatives"]} for g in groups)


def test_bad_import_exits_2_names_row_and_reason_and_imports_nothing(registry_env, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "key,name,organisation,kind,regions,funding_amount,occupations\n"
        "nieuw-goed,Goed,Org,matching,AM01,10,\n"
        "nieuw-fout,Fout,Org,matching,AM77,-3,http://data.europa.eu/esco/occupation/nope\n")
    done = run_cli(registry_env, "registry", "import", str(bad), "--format", "json")
    assert done.returncode == 2 and done.stdout == ""
    assert "row 3, regions: unknown region(s) AM77" in done.stderr
    assert "row 3, funding_amount: must not be negative" in done.stderr
    assert "unknown ESCO occupation URI" in done.stderr and "Nothing was imported" in done.stderr
    found = cli_json(registry_env, "registry", "search", "--region", "AM01")
    assert "nieuw-goed" not in {r["key"] for r in found["results"]}


def test_export_import_round_trip_through_the_cli(registry_env, tmp_path):
    for suffix in ("csv", "json"):
        out = tmp_path / f"registry.{suffix}"
        cli_json(registry_env, "registry", "export", str(out))
        report = cli_json(registry_env, "registry", "import", str(out))
        assert report["created"] == {} and report["updated"] == {}
        again = tmp_path / f"again.{suffix}"
        cli_json(registry_env, "registry", "export", str(again))
        assert again.read_bytes() == out.read_bytes()
    data = json.loads((tmp_path / "registry.json").read_text())
    assert len(data["initiatives"]) >= 45 and all(i["is_example"] for i in data["initiatives"])
