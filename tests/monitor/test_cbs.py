"""CBS figures: the two republished CBS files, StatLine OData responses, the import (all or
nothing, idempotent), the forecast's starting stock, and how pages, API and exports mark them."""

import io
import json
import re
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from banenbrug.monitor import services
from banenbrug.monitor.cbs_files import parse_cbs_file, previous_quarter, quarter, read_cbs_file
from banenbrug.monitor.indicators import IndicatorFileError, parse_indicator_csv
from banenbrug.monitor.models import Indicator
from banenbrug.monitor.regions import Region, RegionCatalogue
from banenbrug.monitor.statline import (
    MappingError,
    cbs_period,
    parse_mapping,
    parse_responses,
    shipped_mapping,
)

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "monitor"
OCCUPATIONS = FIXTURES / "occupations_small.csv"
VACANCIES = FIXTURES / "vacancies_small.csv"
V3 = FIXTURES / "statline_83599NED_v3.json"
V4 = FIXTURES / "statline_83599NED_v4.json"
GAP = FIXTURES / "statline_83599NED_missing_period.json"
REGIONS = RegionCatalogue({c: Region(c, n, k) for c, n, k in (
    ("NL", "Nederland", "national"), ("PV22", "Drenthe", "province"),
    ("PV28", "Zuid-Holland", "province"))}, from_files=True)


def cli(*args: str) -> str:
    """A command in-process on the test database (Django's run_from_argv would close the
    connection, which PostgreSQL's test transaction does not survive)."""
    out = io.StringIO()
    with redirect_stdout(out):  # print_json writes to sys.stdout
        call_command(*args, stdout=out)
    return out.getvalue()


def occupations(text: str | None = None):
    return parse_cbs_file(OCCUPATIONS.read_text() if text is None else text, REGIONS, "occ.csv")


def by_key(records):
    return {(r.indicator, r.region, r.occupation_group, r.period): r for r in records}


# --- the republished CBS files ------------------------------------------------------------

def test_occupation_file_becomes_employment_and_wages_per_brc_code():
    parsed = occupations()
    found = by_key(parsed.records)
    technical = found[("employment", "NL", "brc:07", "2023")]
    assert technical.value == 1_000_000 and technical.unit == "count"
    assert technical.table_id == "85276NED" and technical.label == "Technische beroepen"
    assert technical.origin == "CBS" and "85276NED" in technical.source
    assert found[("employment", "NL", "brc:0811", "2023")].value == 500_000
    assert found[("median_hourly_wage", "NL", "brc:0711", "2023")].value == 32.0
    assert found[("median_hourly_wage", "NL", "brc:0711", "2023")].table_id == "85517NED"
    # 0712 has its parent's wage (31.0) but not its parent's people: the republisher's copy
    assert ("median_hourly_wage", "NL", "brc:0712", "2023") not in found
    assert "BRC 0712" in parsed.notes[0]
    # the only group of a segment is the same people: its equal wage is CBS's own
    assert found[("median_hourly_wage", "NL", "brc:0721", "2023")].value == 22.5
    assert len([r for r in parsed.records if r.indicator == "employment"]) == 42


def test_occupation_file_cut_off_mid_row_names_the_row():
    text = OCCUPATIONS.read_text()
    with pytest.raises(IndicatorFileError) as info:
        occupations(text[:text.index("0721,Elektriciens") + 20])
    assert "occ.csv, row 25, column '*': the last row has no line end: the file looks " \
        "truncated" in str(info.value)


def test_occupation_file_cut_off_at_a_line_boundary_is_caught_by_the_totals():
    lines = OCCUPATIONS.read_text().splitlines()
    # without its last segment, 07's parts add up to 600 of 1,000
    cut = [line for line in lines if not line.startswith(("072,", "0721,"))]
    with pytest.raises(IndicatorFileError) as info:
        occupations("\n".join(cut))
    assert "row 20, column 'jobs_x1000': BRC 07: 1000 thousand, but its 1 parts add up to 600" \
        in str(info.value)
    # cut after a whole class: the later classes are missing
    end = next(i for i, line in enumerate(lines) if line.startswith("12,"))
    with pytest.raises(IndicatorFileError) as info:
        occupations("\n".join(lines[:end]))
    assert "BRC 2014 classes 12, 13 missing" in str(info.value)
    # cut just after a class row: it has no segments while the others have
    with pytest.raises(IndicatorFileError) as info:
        occupations("\n".join(lines) + "\n14,Nieuw,2,x,5,10.0,1,1\n")
    assert "BRC 14 has no parts while other codes of its level have" in str(info.value)


def test_occupation_file_rejects_duplicates_and_bad_cells_with_row_and_field():
    lines = OCCUPATIONS.read_text().splitlines()
    bad = [*lines, lines[1]]  # 01 again
    bad[2] = bad[2].replace(",100,20.0,", ",veel,20.0,")
    with pytest.raises(IndicatorFileError) as info:
        occupations("\n".join(bad))
    found = {(e.row, e.column) for e in info.value.errors}
    assert {(3, "jobs_x1000"), (len(bad), "code")} <= found
    assert f"row {len(bad)}, column 'code': BRC 01 again (first in row 2)" in str(info.value)


def test_vacancy_file_gives_three_quarters_per_province_and_sector():
    parsed = parse_cbs_file(VACANCIES.read_text(), REGIONS, "vac.csv")
    found = by_key(parsed.records)
    assert len(parsed.records) == 18  # 2 regions x 3 sectors x 3 quarters
    assert found[("vacancies_open", "NL", "all", "2026-Q2")].value == 387_300
    assert found[("vacancies_open", "NL", "all", "2026-Q1")].value == 380_100
    assert found[("vacancies_open", "NL", "all", "2025-Q2")].value == 402_700
    drenthe = found[("vacancies_open", "PV22", "sbi:F", "2026-Q2")]
    assert drenthe.value == 700 and drenthe.table_id == "83599NED"
    assert found[("vacancies_open", "NL", "sbi:C", "2026-Q2")].note.startswith("Voorlopig")
    assert not found[("vacancies_open", "NL", "sbi:C", "2026-Q1")].note.startswith("Voorlopig")


def test_vacancy_file_cut_off_or_doubled_is_refused():
    lines = VACANCIES.read_text().splitlines()
    with pytest.raises(IndicatorFileError) as info:
        parse_cbs_file("\n".join(lines[:-1]), REGIONS, "vac.csv")
    assert "Drenthe has no row for industrie: is the file cut off?" in str(info.value)
    with pytest.raises(IndicatorFileError) as info:
        parse_cbs_file("\n".join([*lines, lines[4]]), REGIONS, "vac.csv")
    assert ("vac.csv, row 8, column 'regio': Drenthe, alle sectoren, 2026KW02 again "
            "(first in row 5)") in str(info.value)
    with pytest.raises(IndicatorFileError) as info:
        parse_cbs_file("\n".join([lines[0], lines[1].replace("Nederland", "Friesland")]),
                       REGIONS, "vac.csv")
    assert "row 2, column 'regio': unknown province 'Friesland'" in str(info.value)


def test_an_unknown_file_is_named_as_such():
    with pytest.raises(IndicatorFileError) as info:
        parse_cbs_file("a,b\n1,2\n", REGIONS, "x.csv")
    assert "x.csv, row 1, column '*': not a known CBS file" in str(info.value)


def test_cbs_period_codes():
    assert [cbs_period(c) for c in ("2023JJ00", "2026KW02", "2024MM03")] == [
        "2023", "2026-Q2", "2024-03"]
    assert quarter("2026KW02") == "2026-Q2"
    assert [previous_quarter("2026-Q2", n) for n in (1, 2, 4)] == ["2026-Q1", "2025-Q4",
                                                                   "2025-Q2"]
    with pytest.raises(ValueError):
        cbs_period("2023X")


# --- StatLine OData responses ---------------------------------------------------------------

def test_a_v3_response_through_the_shipped_mapping():
    mapping = shipped_mapping("83599NED")
    assert mapping is not None
    records, skipped = parse_responses([(str(V3), V3.read_text())], mapping, REGIONS)
    found = by_key(records)
    assert len(records) == 12 and skipped == 4  # the landsdeel and the extra sector: 2 x 2
    assert found[("vacancies_open", "NL", "all", "2026-Q2")].value == 387_300
    assert found[("vacancies_open", "PV22", "sbi:C", "2026-Q1")].value == 800
    assert {r.table_id for r in records} == {"83599NED"}
    assert all("Openstaande vacatures; SBI 2008, regio" in r.source for r in records)


def test_a_v4_response_gives_the_same_records():
    v4 = parse_mapping((FIXTURES / "statline_83599NED_v4_mapping.toml").read_text())
    v3 = shipped_mapping("83599NED")
    assert v3 is not None
    from_v4, _ = parse_responses([(str(V4), V4.read_text())], v4, REGIONS)
    from_v3, _ = parse_responses([(str(V3), V3.read_text())], v3, REGIONS)
    assert {k: r.value for k, r in by_key(from_v4).items()} == {
        k: r.value for k, r in by_key(from_v3).items()}


def test_a_response_with_a_missing_period_is_refused_by_name():
    mapping = shipped_mapping("83599NED")
    assert mapping is not None
    with pytest.raises(IndicatorFileError) as info:
        parse_responses([(str(GAP), GAP.read_text())], mapping, REGIONS)
    message = str(info.value)
    assert "statline_83599NED_missing_period.json" in message
    assert "column 'Perioden': 2026-Q1 missing for region PV22, group sbi:C" in message


def test_response_problems_name_file_row_and_field():
    mapping = shipped_mapping("83599NED")
    assert mapping is not None
    data = json.loads(V3.read_text())
    data["value"][0]["Perioden"] = ""
    data["value"][3]["OpenstaandeVacatures_1"] = None
    data["odata.nextLink"] = "https://example.invalid/next"
    with pytest.raises(IndicatorFileError) as info:
        parse_responses([("r.json", json.dumps(data))], mapping, REGIONS)
    found = {(e.row, e.column) for e in info.value.errors}
    assert {(1, "Perioden"), (4, "OpenstaandeVacatures_1"), (0, "odata.nextLink")} <= found
    assert "r.json, row 4, column 'OpenstaandeVacatures_1': no value for period 2026KW02" in str(
        info.value)
    with pytest.raises(IndicatorFileError) as info:
        parse_responses([("cut.json", V3.read_text()[:500])], mapping, REGIONS)
    assert "cut.json" in str(info.value) and "is the response cut off?" in str(info.value)
    other = V3.read_text().replace("83599NED", "85276NED")
    with pytest.raises(IndicatorFileError) as info:
        parse_responses([("o.json", other)], mapping, REGIONS)
    assert "a response of table 85276NED, but the mapping is for 83599NED" in str(info.value)


def test_two_rows_for_one_cell_ask_for_a_filter():
    mapping = parse_mapping('table = "83599NED"\ntitle = "t"\nperiod = "Perioden"\n'
                            '[measures.OpenstaandeVacatures_1]\nindicator = "vacancies_open"\n')
    with pytest.raises(IndicatorFileError) as info:
        parse_responses([("r.json", V3.read_text())], mapping, REGIONS)
    assert "add the dimension that differs to [filters]" in str(info.value)


def test_bad_mappings_are_reported():
    with pytest.raises(MappingError) as info:
        parse_mapping('table = "X"\ntitle = "t"\nperiod = "Perioden"\n'
                      '[measures.A]\nindicator = "nope"\n[group]\ncodes = { K = "plumbers" }\n')
    message = str(info.value)
    assert "table 'X' is not a CBS table id" in message
    assert "measures.A: unknown indicator 'nope'" in message
    assert "group.codes.K: 'plumbers' is not a group code" in message
    assert "group: 'dimension' is required" in message


def test_the_long_format_carries_table_id_label_and_reads_its_own_export():
    header = ("period,region,occupation_group,population_group,indicator,value,unit,source,note,"
              "table_id,label,origin\n")
    records = parse_indicator_csv(header + "2023,NL,brc:07,all,employment,1319000,count,CBS,,"
                                  "85276NED,Technische beroepen,CBS\n", REGIONS)
    assert records[0].table_id == "85276NED" and records[0].origin == "CBS"
    with pytest.raises(IndicatorFileError) as info:
        parse_indicator_csv(header.replace(",origin", ",example") +
                            "2023,NL,brc:7,all,employment,1,count,CBS,,85276,x,true\n", REGIONS)
    assert {e.column for e in info.value.errors} == {"occupation_group", "table_id"}


# --- import, forecast, pages, API -----------------------------------------------------------

@pytest.fixture
def cbs_loaded(db):
    services.load_shipped()
    return services.import_cbs([OCCUPATIONS, VACANCIES, V3])


@pytest.mark.django_db
def test_import_is_one_transaction_and_idempotent(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(GAP.read_text())
    with pytest.raises(IndicatorFileError):
        services.import_cbs([OCCUPATIONS, VACANCIES, broken])
    assert Indicator.objects.count() == 0  # the good files were not written either
    first = services.import_cbs([OCCUPATIONS, VACANCIES])
    assert first.created == Indicator.objects.count() == 42 + 41 + 18
    again = services.import_cbs([OCCUPATIONS, VACANCIES])
    assert again.created == 0 and Indicator.objects.count() == 101


@pytest.mark.django_db
def test_cli_imports_csv_and_statline_and_refuses_bad_input():
    report = json.loads(cli("cbs", "import", str(OCCUPATIONS), str(V3), "--format", "json"))
    assert [f["kind"] for f in report["files"]] == ["occupations", "StatLine 83599NED"]
    assert report["created"] == 83 + 12 and report["skipped_rows"] == 4
    with pytest.raises(CommandError) as bad:
        cli("cbs", "import", str(GAP))
    assert bad.value.returncode == 2
    assert "2026-Q1 missing for region PV22" in str(bad.value)
    assert "Nothing was imported" in str(bad.value)
    with pytest.raises(CommandError) as v4:  # the shipped mapping has no measure M003026
        cli("cbs", "import", str(V4))
    assert v4.value.returncode == 2 and "no rows match the mapping" in str(v4.value)
    with pytest.raises(CommandError) as missing:
        cli("cbs", "import", str(V3), "--mapping", "nope.toml")
    assert "nope.toml: mapping file not found" in str(missing.value)
    tables = json.loads(cli("cbs", "tables", "--format", "json"))["tables"]
    assert [t["table_id"] for t in tables] == ["83599NED", "85276NED", "85517NED"]


@pytest.mark.django_db
def test_setup_loads_the_cbs_files_of_the_data_folder(tmp_path, monkeypatch):
    for source, name in zip((OCCUPATIONS, VACANCIES), services.CBS_FILES, strict=True):
        (tmp_path / "cbs").mkdir(exist_ok=True)
        shutil.copy(source, tmp_path / "cbs" / name)
    regions = Path(services.data_dir() or "/nonexistent") / "regions"
    shutil.copytree(regions, tmp_path / "regions")  # a data folder as users download it
    monkeypatch.setenv("BANENBRUG_DATA_DIR", str(tmp_path))
    cli("load_monitor_data")
    assert Indicator.objects.filter(table_id="85276NED").count() == 42
    assert Indicator.objects.filter(example=True).count() == 1728


@pytest.mark.django_db
def test_the_forecast_starts_from_cbs_technical_plus_ict(cbs_loaded, client):
    stock = services.starting_stock()
    assert stock is not None and (stock.technical, stock.ict) == (1_000_000, 500_000)
    data = services.forecast_json(services.run_forecast([], 2025, 200))
    assert data["starting_stock"]["value"] == 1_500_000
    supply_2021 = data["scenarios"][0]["years"][0]["supply"]
    assert 1_470_000 <= supply_2021["p5"] <= supply_2021["median"] <= supply_2021["p95"] \
        <= 1_530_000  # CBS's 1.5 million +-2%, not the assumed 1.4-1.8 million
    stock_row = next(p for p in client.get("/api/monitor/parameters").json()
                     if p["name"] == "stock_2021")
    assert stock_row["central"] == 1_500_000 and "85276NED" in stock_row["source"]
    assert stock_row["assumption"] is False
    page = client.get("/monitor/prognose/?runs=1000&to=2030").content.decode()
    assert "1.500.000 werkzame personen" in page
    assert re.search(r'id="basispad-spec".*?</script>\s*<p class="chart-source">Bron: CBS', page,
                     re.S)
    csv = client.get("/monitor/prognose/?runs=1000&to=2030&format=csv").content.decode()
    assert csv.splitlines()[1].endswith(",CBS 85276NED 2023")


@pytest.mark.django_db
def test_cbs_page_puts_the_licence_line_under_every_chart(cbs_loaded, client):
    page = client.get("/monitor/cbs/").content.decode()
    for chart in ("klassen", "segmenten", "vacatures"):
        assert re.search(rf'id="{chart}-spec".*?</script>\s*<p class="chart-source">Bron: CBS, '
                         r"StatLine-tabel \d{5}NED", page, re.S), chart
    assert "1.000.000" in page and "Technische beroepen (BRC 07)" in page  # Dutch numbers
    assert "387.300" in page and "Drenthe" in page
    industry = client.get("/monitor/cbs/?sector=sbi:C").content.decode()
    assert "Industrie (SBI C)" in industry and "30.400" in industry


@pytest.mark.django_db
def test_example_and_cbs_figures_are_marked_apart_everywhere(cbs_loaded, client):
    index = client.get("/monitor/").content.decode()
    assert 'badge--cbs' in index and 'badge--publicatie' in index
    tension = client.get("/monitor/spanning/?beroepsgroep=ict").content.decode()
    assert tension.count("badge--voorbeeld") > 35 and "badge--cbs" not in tension
    education = client.get("/monitor/onderwijs-en-uitstroom/").content.decode()
    assert "badge--publicatie" in education
    rows = client.get("/monitor/indicatoren.csv").content.decode().splitlines()
    assert rows[0].endswith(",table_id,label,origin")
    origins = {line.rsplit(",", 1)[1] for line in rows[1:]}
    assert origins == {"voorbeeld", "CBS", "publicatie"}
    assert all(line.endswith(",voorbeeld") for line in rows[1:] if ",true," in line)
    cbs_only = client.get("/monitor/indicatoren.csv?origin=CBS").content.decode().splitlines()
    assert len(cbs_only) == 1 + 83 + 18  # the StatLine response repeats the file's figures
    spanning = client.get("/monitor/spanning/?beroepsgroep=ict&format=csv").content.decode()
    assert all(line.endswith(",voorbeeld") for line in spanning.splitlines()[1:])


@pytest.mark.django_db
def test_api_lists_cbs_indicators_with_their_table_ids(cbs_loaded, client):
    data = client.get("/api/monitor/indicators?origin=CBS&occupation_group=brc:07").json()
    assert {(r["indicator"], r["table_id"]) for r in data["results"]} == {
        ("employment", "85276NED"), ("median_hourly_wage", "85517NED")}
    assert all(r["origin"] == "CBS" and r["label"] == "Technische beroepen"
               for r in data["results"])
    examples = client.get("/api/monitor/indicators?origin=voorbeeld&region=AM01").json()
    assert examples["count"] > 0 and all(r["table_id"] == "" and r["example"]
                                         for r in examples["results"])
    assert client.get("/api/monitor/indicators?origin=echt").status_code == 422
    tension = client.get("/api/monitor/tension?occupation_group=ict&region=AM01").json()
    assert tension and {t["origin"] for t in tension} == {"voorbeeld"}
    tables = client.get("/api/monitor/cbs/tables").json()
    vacancies = next(t for t in tables if t["table_id"] == "83599NED")
    assert vacancies["periods"] == ["2025-Q2", "2026-Q1", "2026-Q2"]
    assert vacancies["licence"] == "Bron: CBS"


@pytest.mark.django_db
def test_without_cbs_figures_the_forecast_says_its_stock_is_assumed(client):
    services.load_shipped()
    assert services.starting_stock() is None
    page = client.get("/monitor/prognose/?runs=1000&to=2030").content.decode()
    assert ">aanname</span>" in page and "de startvoorraad is een aanname" in page
    assert "Bron: CBS" not in page
    assert services.forecast_json(services.run_forecast([], 2025, 100))["starting_stock"] is None


def _refused(text: str, source: str = "vac.csv") -> str:
    with pytest.raises(IndicatorFileError) as info:
        parse_cbs_file(text, REGIONS, source)
    return str(info.value)


def test_vacancy_cells_are_checked_one_by_one_with_row_and_column():
    lines = VACANCIES.read_text().splitlines()
    bad = list(lines)
    bad[1] = bad[1].replace("alle sectoren", "landbouw")
    bad[2] = bad[2].replace("2026KW02", "2026-Q2")
    bad[3] = bad[3].replace(",true,", ",ja,")
    bad[4] = bad[4].replace(",9.7,", ",-9.7,")
    bad[5] = bad[5].replace(",0.8,0.8", ",,0.8")
    message = _refused("\n".join(bad) + "\n")
    assert "row 2, column 'sector': unknown sector 'landbouw'" in message
    assert "row 3, column 'periode': '2026-Q2' is not a CBS quarter like 2026KW02" in message
    assert "row 4, column 'voorlopig': 'ja' is not true or false" in message
    assert "row 5, column 'openstaande_vacatures_x1000': must not be negative" in message
    assert "row 6, column 'vorig_kwartaal_x1000': '' is not a number" in message
    assert "truncated" not in message


def test_a_quarter_given_twice_with_different_figures_is_refused():
    """2026KW02's 'previous quarter' is 2026KW01: a file with both must agree on it."""
    lines = VACANCIES.read_text().splitlines()
    older = lines[1].replace("2026KW02", "2026KW01").replace("387.3,380.1", "380.2,370.0")
    message = _refused("\n".join([*lines, older]) + "\n")
    assert message == ("vac.csv, row 8, column 'openstaande_vacatures_x1000': Nederland, alle "
                       "sectoren, 2026-Q1: 380.2 here but 380.1 in row 2")


def test_occupation_codes_levels_and_parents_are_checked():
    lines = OCCUPATIONS.read_text().splitlines()
    bad = list(lines)
    bad[2] = bad[2].replace("011,Segment 011,3", "011,Segment 011,4")
    bad.insert(1, "1x,Geen code,2,x,100,20.0,37440,3")
    bad.append("991,Zonder ouder,3,x,1,20.0,37440,3")
    message = _refused("\n".join(bad) + "\n", "occ.csv")
    assert "row 2, column 'code': '1x' is not a BRC 2014 code (2 to 4 digits)" in message
    assert "row 4, column 'level': BRC 011 has 3 digits, so level 3, not '4'" in message
    assert (f"row {len(bad)}, column 'code': BRC 991 comes before (or without) its parent 99"
            in message)


def test_a_file_with_a_header_only_or_unreadable_is_named(tmp_path):
    lines = VACANCIES.read_text().splitlines()
    assert "row 2, column '*': the file has no data rows" in _refused(lines[0] + "\n")
    with pytest.raises(IndicatorFileError) as info:
        read_cbs_file(tmp_path / "weg.csv", REGIONS)
    assert "weg.csv" in str(info.value) and "file not found" in str(info.value)
    latin = tmp_path / "latin.csv"
    latin.write_bytes(VACANCIES.read_text().replace("Drenthe", "Drénthe").encode("latin-1"))
    with pytest.raises(IndicatorFileError) as info:
        read_cbs_file(latin, REGIONS)
    assert "not UTF-8 text" in str(info.value)
