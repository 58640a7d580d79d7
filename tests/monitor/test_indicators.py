"""The long-format importer: per-row validation, all-or-nothing, idempotent; suppression; bands."""

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.monitor import services
from banenbrug.monitor.indicators import (
    IndicatorFileError,
    is_suppressed,
    parse_indicator_csv,
    parse_period,
    to_csv_rows,
)
from banenbrug.monitor.models import Indicator
from banenbrug.monitor.regions import Region, RegionCatalogue, load_regions
from banenbrug.monitor.tension import tension_cells
from banenbrug.monitor.vocabulary import occupation_groups_for_isco, tension_band

HEADER = "period,region,occupation_group,population_group,indicator,value,unit,source,note\n"
REGIONS = RegionCatalogue({c: Region(c, c, k) for c, k in (
    ("NL", "national"), ("AM01", "labour_market"), ("AM02", "labour_market"),
    ("PV20", "province"))}, from_files=True)


def parse(body: str, header: str = HEADER):
    return parse_indicator_csv(header + body, REGIONS, source="t.csv")


def test_a_valid_file_becomes_records():
    records = parse("2021-Q4,NL,technical_ict,all,vacancies_open,100000,count,Actieplan,\n"
                    "2021,AM01,technical,women,tech_outflow_rate,5.6,%,Actieplan,per jaar\n")
    assert [r.value for r in records] == [100000, 5.6]
    assert str(records[0].period_start) == "2021-10-01"
    assert str(records[0].period_end) == "2021-12-31"


def test_dutch_spreadsheet_with_semicolons_and_decimal_commas():
    records = parse("2021;PV20;technical;women;tech_outflow_rate;5,6;%;CBS;\n",
                    header=HEADER.replace(",", ";"))
    assert records[0].value == 5.6 and records[0].region == "PV20"


def test_every_bad_row_is_reported_with_row_and_column():
    with pytest.raises(IndicatorFileError) as info:
        parse("2021-Q5,NL,technical_ict,all,vacancies_open,100,count,S,\n"
              "2021,AM99,technical_ict,all,vacancies_open,100,count,S,\n"
              "2021,NL,plumbers,all,vacancies_open,100,count,S,\n"
              "2021,NL,technical_ict,all,vacancies_open,100,%,S,\n"
              "2021,NL,technical_ict,all,vacancies_open,veel,count,S,\n"
              "2021,NL,technical,women,tech_outflow_rate,150,%,S,\n"
              "2021,NL,technical_ict,all,vacancies_open,100,count,,\n"
              "2022,NL,technical_ict,all,vacancies_open,100,count,S,\n"
              "2022,NL,technical_ict,all,vacancies_open,200,count,S,\n")
    found = {(e.row, e.column) for e in info.value.errors}
    assert found == {(2, "period"), (3, "region"), (4, "occupation_group"), (5, "unit"),
                     (6, "value"), (7, "value"), (8, "source"), (10, "*")}
    assert "t.csv, row 3, column 'region': unknown region code 'AM99'" in str(info.value)


def test_header_problems_and_empty_files():
    with pytest.raises(IndicatorFileError, match="column 'unit': required column is missing"):
        parse_indicator_csv("period,region\n2021,NL\n", REGIONS)
    with pytest.raises(IndicatorFileError, match="unknown column"):
        parse("", header=HEADER.strip() + ",colour\n")
    with pytest.raises(IndicatorFileError, match="no data rows"):
        parse("")


def test_periods():
    assert [str(d) for d in parse_period("2024-02")] == ["2024-02-01", "2024-02-29"]
    assert [str(d) for d in parse_period("2021/2026")] == ["2021-01-01", "2026-12-31"]
    for bad in ("2026/2021", "21", "2021-13", "Q4 2021"):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_small_cells_are_suppressed_and_left_out_of_exports():
    assert is_suppressed("job_seekers_short", 9, None)
    assert not is_suppressed("job_seekers_short", 10, None)
    assert not is_suppressed("vacancies_open", 3, None)  # vacancies are not people
    assert is_suppressed("tech_outflow_rate", 5.6, 8)  # a rate built on 8 people
    records = parse("2021,AM01,ict,all,job_seekers_short,7,count,S,\n")
    row = to_csv_rows(records)[1]
    assert row[5] == "" and "onderdrukt" in row[8]


def test_uwv_tension_bands_at_their_boundaries():
    cases = {0.0: "very_slack", 0.2499: "very_slack", 0.25: "slack", 0.6699: "slack",
             0.67: "average", 1.4999: "average", 1.5: "tight", 3.99: "tight",
             4.0: "very_tight", 12: "very_tight"}
    assert {v: tension_band(v).code for v in cases} == cases


def test_tension_cells_divide_and_suppress():
    records = parse("2024-Q1,AM01,ict,all,vacancies_open,300,count,S,\n"
                    "2024-Q1,AM01,ict,all,job_seekers_short,100,count,S,\n"
                    "2024-Q1,AM02,ict,all,vacancies_open,300,count,S,\n"
                    "2024-Q1,AM02,ict,all,job_seekers_short,9,count,S,\n")
    first, second = tension_cells(records)
    assert first.tension == 3.0 and first.band.code == "tight" and not first.suppressed
    assert second.suppressed and second.tension is None and second.job_seekers is None
    assert second.vacancies == 300


def test_occupation_groups_map_to_isco():
    assert set(occupation_groups_for_isco("2512")) == {"technical_ict", "ict"}
    assert set(occupation_groups_for_isco("7411")) == {"technical_ict", "technical",
                                                       "energy_transition"}
    assert occupation_groups_for_isco("2221") == []  # nurses


@pytest.mark.django_db
def test_import_is_all_or_nothing_and_idempotent(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "2021,NL,technical_ict,all,vacancies_open,100000,count,S,\n"
                    "2021,NL,technical,women,tech_outflow_rate,5.6,%,S,\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2022,NL,technical_ict,all,vacancies_open,1,count,S,\n"
                   "2021,NL,technical,women,tech_outflow_rate,5.8,%,S,\n"
                   "2022,AM04,technical_ict,all,vacancies_open,1,count,S,\n", encoding="utf-8")
    first = services.import_file(good)
    assert (first.created, first.updated) == (2, 0)
    with pytest.raises(IndicatorFileError):
        services.import_file(bad)
    assert Indicator.objects.count() == 2
    assert Indicator.objects.get(indicator="tech_outflow_rate").value == 5.6  # untouched
    again = services.import_file(good)
    assert (again.created, again.updated) == (0, 2) and Indicator.objects.count() == 2


@pytest.mark.realdata
def test_real_region_files_give_35_labour_market_regions_and_12_provinces():
    regions = load_regions(data_dir())
    assert regions.from_files
    assert len(regions.of_kind("labour_market")) == 35
    assert len(regions.of_kind("province")) == 12
    assert regions.check("AM38") is None and regions.name("AM01") == "Groningen"
    assert regions.check("AM04") is not None  # no such region in 2025


@pytest.mark.realdata
@pytest.mark.django_db
def test_the_shipped_baseline_and_example_sets_import_against_the_real_regions():
    reports = services.load_shipped()
    assert [r.rows for r in reports] == [15, 1728]
    assert Indicator.objects.filter(example=False).count() == 15
    example = Indicator.objects.filter(example=True)
    assert {r for r in example.values_list("region", flat=True)} >= {"AM01", "AM38", "NL"}
    assert all("illustratief" in s for s in example.values_list("source", flat=True).distinct())
    assert [r.created for r in services.load_shipped()] == [0, 0]  # idempotent
