"""CLI, API and pages: the same services, with errors that name what is wrong."""

import io
import json
from contextlib import redirect_stdout
from itertools import pairwise

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from banenbrug.monitor import services
from banenbrug.monitor.models import Indicator
from banenbrug.monitor.scenarios import SCENARIO_DIR
from tests.conftest import call_cli

pytestmark = pytest.mark.django_db
HEADER = "period,region,occupation_group,population_group,indicator,value,unit,source,note\n"


def cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):  # print_json writes to sys.stdout
        call_command(*args, stdout=out)
    return out.getvalue()


def test_forecast_json_has_yearly_bands_per_scenario():
    data = json.loads(cli("forecast", "--scenario", str(SCENARIO_DIR / "zij-instroom.toml"),
                          "--scenario", "vrouwen-uitstroom", "--to", "2050", "--runs", "300",
                          "--format", "json"))
    assert [s["key"] for s in data["scenarios"]] == ["baseline", "zij-instroom",
                                                     "vrouwen-uitstroom"]
    years = data["scenarios"][0]["years"]
    assert [y["year"] for y in years] == list(range(2021, 2051))
    for y in years:
        for series in ("demand", "supply", "gap"):
            assert y[series]["p5"] <= y[series]["median"] <= y[series]["p95"]
    closed = {(c["lever"], c["year"]) for c in data["scenarios"][1]["contributions"]}
    assert closed == {("side_entry_programme", 2030), ("side_entry_programme", 2050)}
    side = data["scenarios"][1]["years"][-1]["gap"]["median"]
    assert side < years[-1]["gap"]["median"]


def test_forecast_bad_input_exits_2_with_nothing_on_stdout(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = 'x'\n[levers]\nopen_hiring = -5\n", encoding="utf-8")
    for args in (["--runs", "0"], ["--to", "2100"], ["--scenario", str(bad)],
                 ["--scenario", "no-such-scenario"]):
        done = call_cli("forecast", *args, "--format", "json")
        assert done.returncode == 2, args
        assert done.stdout == ""
    assert "open_hiring" in done.stderr or "no-such-scenario" in done.stderr


def test_indicators_import_command(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "2021,NL,technical_ict,all,vacancies_open,100000,count,S,\n",
                    encoding="utf-8")
    report = json.loads(cli("indicators", "import", str(good), "--format", "json"))
    assert report == {"file": str(good), "rows": 1, "created": 1, "updated": 0}
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2021,NL,technical_ict,all,vacancies_open,lots,count,S,\n",
                   encoding="utf-8")
    with pytest.raises(CommandError) as info:
        cli("indicators", "import", str(bad))
    assert info.value.returncode == 2
    assert "bad.csv, row 2, column 'value'" in str(info.value)
    assert "Nothing was imported" in str(info.value)
    exported = cli("indicators", "export", "--region", "NL")
    assert exported.splitlines()[1].startswith("2021,NL,technical_ict,all,vacancies_open,100000")


def test_api_import_needs_permission_and_rejects_bad_files(client):
    upload = {"file": SimpleUploadedFile("t.csv", (HEADER + "2021,NL,ict,all,vacancies_open,"
                                                  "50,count,S,\n").encode())}
    assert client.post("/api/monitor/indicators/import", upload).status_code == 401
    user = User.objects.create_user("analist", password="x")
    client.force_login(user)
    upload["file"].seek(0)
    assert client.post("/api/monitor/indicators/import", upload).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="add_indicator"))
    client.force_login(User.objects.get(pk=user.pk))
    upload["file"].seek(0)
    ok = client.post("/api/monitor/indicators/import", upload)
    assert ok.status_code == 200 and ok.json()["created"] == 1
    bad = {"file": SimpleUploadedFile("b.csv", (HEADER + "2021,XX,ict,all,vacancies_open,"
                                               "50,count,S,\n").encode())}
    response = client.post("/api/monitor/indicators/import", bad)
    assert response.status_code == 422 and "row 2, column 'region'" in response.json()["detail"]
    assert Indicator.objects.count() == 1


def test_api_forecast_and_indicators(client):
    services.import_text(HEADER + "2024-Q1,NL,ict,all,job_seekers_short,4,count,S,\n"
                         "2024-Q1,NL,ict,all,vacancies_open,40,count,S,\n", "t.csv")
    data = client.get("/api/monitor/indicators?indicator=job_seekers_short").json()
    assert data["results"][0]["value"] is None and data["results"][0]["suppressed"] is True
    tension = client.get("/api/monitor/tension?occupation_group=ict").json()
    assert tension[0]["tension"] is None and tension[0]["suppressed"] is True
    got = client.get("/api/monitor/forecast?scenario=open-hiring&runs=200&to=2035").json()
    assert [s["key"] for s in got["scenarios"]] == ["baseline", "open-hiring"]
    assert got["scenarios"][1]["years"][-1]["year"] == 2035
    posted = client.post("/api/monitor/forecast", {
        "toml": ["name = 'Eigen'\n[levers]\nside_entry_programme = 5000"], "runs": 200},
        content_type="application/json").json()
    assert posted["scenarios"][1]["name"] == "Eigen"
    assert client.get("/api/monitor/forecast?runs=100000").status_code == 422
    assert client.get("/api/monitor/forecast?scenario=nope").status_code == 422
    assert {p["name"] for p in client.get("/api/monitor/parameters").json()} >= {
        "stock_2021", "energy_transition_jobs_2030"}
    assert len(client.get("/api/monitor/scenarios").json()) >= 7


@pytest.fixture
def loaded():
    services.load_shipped()


def test_pages_show_tables_sources_and_example_marks(client, loaded):
    index = client.get("/monitor/").content.decode()
    assert "Actieplan Groene en digitale banen (2022)" in index
    assert "<caption>" in index and 'scope="col"' in index
    tension = client.get("/monitor/spanning/?beroepsgroep=ict&periode=2024-Q4&regio=AM13")
    page = tension.content.decode()
    assert "Voorbeelddata" in page and "plotly/plotly.min.js" in page and "cdn" not in page
    assert "Midden-Utrecht" in page and "onderdrukt" in page
    assert 'id="kaart-spec"' in page and 'id="verloop-spec"' in page
    forecast = client.get("/monitor/prognose/?scenario=zij-instroom&to=2050&runs=1000")
    body = forecast.content.decode()
    assert "Zij-instroom: 10.000 deelnemers per jaar" in body and "2050" in body
    assert "Aanname (Banenbrug)" in body
    education = client.get("/monitor/onderwijs-en-uitstroom/").content.decode()
    assert "Jongeren met migratieachtergrond" in education and "30,0%" in education


def test_csv_downloads(client, loaded):
    response = client.get("/monitor/prognose/?scenario=productiviteit&to=2030&runs=1000&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode().splitlines()
    assert rows[0] == "scenario,year,series,p5,median,p95,starting_stock"
    assert len(rows) == 1 + 2 * 10 * 3
    tension = client.get("/monitor/spanning/?beroepsgroep=ict&format=csv").content.decode()
    assert ",AM13,ict,153," in tension or ",AM13,ict," in tension
    suppressed = [r for r in tension.splitlines()
                  if ",AM13,ict," in r and r.endswith(",true,true,voorbeeld")]
    assert suppressed and all(r.split(",")[4] == "" for r in suppressed)
    assert all(r.endswith(",aanname") for r in rows[1:])  # no CBS figures loaded here
    indicators = client.get("/monitor/indicatoren.csv?region=NL").content.decode()
    assert indicators.startswith("period,region,occupation_group")


@pytest.mark.realdata
def test_geojson_is_served_from_the_data_folder_wound_for_plotly(client):
    data = client.get("/monitor/regios/arbeidsmarktregio.geojson").json()
    assert len(data["features"]) == 35
    ring = data["features"][0]["geometry"]["coordinates"][0][0]
    area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))
    assert area < 0  # exterior clockwise, as d3-geo wants
    assert client.get("/monitor/regios/gemeente.geojson").status_code == 404
    assert client.get("/monitor/topojson/world_110m.json").json()["type"] == "Topology"


def test_pages_in_english(client, loaded):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/monitor/spanning/").content.decode()
    assert '<html lang="en">' in page and "Tension by region" in page
