"""The real CBS files of the data folder (../shared/data/cbs/): imported through the CLI, with
figures read from the files by hand and the checks of their README."""

import json

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.monitor import services
from banenbrug.monitor.models import Indicator
from tests.conftest import call_cli

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def value(indicator: str, group: str, period: str, region: str = "NL") -> float:
    return Indicator.objects.get(indicator=indicator, occupation_group=group, period=period,
                                 region=region, population_group="all").value


@pytest.fixture
def imported():
    folder = (data_dir() or pytest.fail("no data folder")) / "cbs"
    files = [str(folder / name) for name in services.CBS_FILES]
    done = call_cli("cbs", "import", *files, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), files


def test_real_cbs_files_give_the_published_figures(imported):
    report, files = imported
    assert [f["records"] for f in report["files"]] == [168 + 126, 24 * 3]
    # 85276NED, 2023, x 1,000 (rows 07, 08, 0811 and 0761 of the occupation file)
    assert value("employment", "brc:07", "2023") == 1_319_000
    assert value("employment", "brc:08", "2023") == 542_000
    assert value("employment", "brc:0811", "2023") == 370_000
    assert value("employment", "brc:0761", "2023") == 89_000
    classes = Indicator.objects.filter(indicator="employment",
                                       occupation_group__regex=r"^brc:\d\d$")
    assert classes.count() == 13 and sum(c.value for c in classes) == 9_736_000
    assert value("median_hourly_wage", "brc:0811", "2023") == 32.5  # 85517NED
    # 83599NED, x 1,000: Nederland, alle sectoren, and Zuid-Holland, bouw
    assert value("vacancies_open", "all", "2026-Q2") == 387_300
    assert value("vacancies_open", "all", "2026-Q1") == 380_100
    assert value("vacancies_open", "all", "2025-Q2") == 402_700
    assert value("vacancies_open", "sbi:F", "2026-Q2", "PV28") == 5_700
    assert value("vacancies_open", "sbi:C", "2025-Q2", "PV30") == 7_500  # Noord-Brabant
    again = json.loads(call_cli("cbs", "import", *files, "--format", "json").stdout)
    assert again["created"] == 0 and Indicator.objects.count() == 168 + 126 + 72


def test_real_starting_stock_and_pages(imported, client):
    stock = services.starting_stock()
    assert stock is not None and stock.total == 1_861_000 and stock.period == "2023"
    page = client.get("/monitor/prognose/?runs=1000&to=2030").content.decode()
    assert "1.861.000 werkzame personen: 1.319.000 in technische beroepen (BRC 07)" in page
    assert "Bron: CBS" in page
    cbs = client.get("/monitor/cbs/").content.decode()
    assert "Bron: CBS, StatLine-tabel 85276NED" in cbs and "1.870.000" in cbs  # class 04
    api = client.get("/api/monitor/indicators?origin=CBS&indicator=vacancies_open&region=PV25")
    assert {r["table_id"] for r in api.json()["results"]} == {"83599NED"}
    assert api.json()["count"] == 9  # Gelderland: 3 sectors x 3 quarters
