"""Import and export of the catalogue and the schemes: every bad row named with file, row, field
and reason; nothing half-imported; idempotent imports; exact round trips in CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from banenbrug.plans import exchange, rules
from banenbrug.plans.exchange import CATALOGUE, SCHEMES
from banenbrug.plans.models import FundingScheme, ModuleSkill, TrainingModule
from banenbrug.plans.plan_rows import MODULE_COLUMNS, SCHEME_COLUMNS, read_csv, read_json
from banenbrug.tables.errors import RowsInvalid
from banenbrug.taxonomy.esco_import import import_esco

pytestmark = pytest.mark.django_db
S = "http://data.europa.eu/esco/skill/"
WIRING, SAFETY, SOLAR = S + "s-wiring", S + "s-safety", S + "s-solar"


@pytest.fixture
def esco(db, esco_small):
    import_esco([esco_small])


def module(**changes):
    base = {"key": "zon-basis", "provider": "Voorbeeld ROC", "title": "Zonnepanelen leggen",
            "description": "Dak op", "skills": f"{SOLAR};{WIRING};{SOLAR}", "hours": "40",
            "weeks": "5", "cost_eur": "950.5", "form": "modular", "delivery": "in_person",
            "region": "am01", "start_dates": "2027-09-06;2027-02-01", "award": "certificate",
            "learn_work_wage_eur": "", "source_url": "", "is_example": "ja"}
    return {**base, **changes}


def scheme(**changes):
    base = {"key": "budget", "name": "Budget (voorbeeld)", "provider": "Rijk",
            "kind": "national", "pays_for": "training", "eligibility": "", "percent": "",
            "max_eur": "1000", "cap_basis": "per_year", "monthly_eur": "", "forms": "",
            "stackable": "", "excludes": "", "valid_from": "2026-01-01", "valid_until": "",
            "apply_by": "", "source_url": "", "notes": "", "is_example": "true"}
    return {**base, **changes}


def csv_text(*rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def import_modules(*rows):
    text = csv_text(*rows)
    return exchange.import_rows(CATALOGUE, read_csv(text, MODULE_COLUMNS, (), "cat.csv"),
                                "cat.csv")


def import_schemes(*rows):
    text = csv_text(*rows)
    return exchange.import_rows(SCHEMES, read_csv(text, SCHEME_COLUMNS, (), "sch.csv"),
                                "sch.csv")


def counts():
    return (TrainingModule.objects.count(), ModuleSkill.objects.count(),
            FundingScheme.objects.count())


# --- good imports -------------------------------------------------------------------------------

def test_a_good_catalogue_imports_with_canonical_values(esco):
    report = import_modules(module(), module(key="leerwerk", form="learn_work", cost_eur="0",
                                             learn_work_wage_eur="2400", region="",
                                             start_dates="", skills=SAFETY))
    assert report.created == {"modules": 2}
    m = TrainingModule.objects.get(key="zon-basis")
    assert str(m.cost_eur) == "950.50" and m.region == "AM01" and m.is_example
    assert m.start_dates == ["2027-02-01", "2027-09-06"]
    assert sorted(m.skill_links.values_list("skill__uri", flat=True)) == [SOLAR, WIRING]
    lw = TrainingModule.objects.get(key="leerwerk")
    assert str(lw.learn_work_wage_eur) == "2400.00" and lw.start_dates == []


def test_good_schemes_import_with_defaults_and_exclusions(esco):
    report = import_schemes(
        scheme(),
        scheme(key="voucher", name="Voucher", eligibility="situation = WW  and\ntarget_shortage"
                                                          " = ja", excludes="budget",
               stackable="nee", forms="learn_work;bootcamp;learn_work"),
        scheme(key="inkomen", name="Inkomen", pays_for="income", monthly_eur="400",
               eligibility="region in (AM01, am02) and sector = ICT"))
    assert report.created == {"schemes": 3}
    budget = FundingScheme.objects.get(key="budget")
    assert str(budget.percent) == "100.00" and budget.stackable and budget.eligibility == ""
    voucher = FundingScheme.objects.get(key="voucher")
    assert voucher.excludes == ["budget"] and not voucher.stackable
    assert voucher.forms == ["bootcamp", "learn_work"]
    assert voucher.eligibility == "situation = WW and target_shortage = ja"  # one line
    assert rules.parse(voucher.eligibility).clauses[0].value == "ww"


def test_an_exclusion_may_name_a_scheme_already_stored(esco):
    import_schemes(scheme())
    report = import_schemes(scheme(key="ander", name="Ander", excludes="budget"))
    assert report.created == {"schemes": 1}


def test_json_lists_and_numbers_are_read(esco, tmp_path):
    path = tmp_path / "cat.json"
    path.write_text(json.dumps([{**module(), "skills": [WIRING], "start_dates": [],
                                 "hours": 12, "weeks": 2, "cost_eur": 99.9,
                                 "is_example": False}]))
    exchange.import_file(CATALOGUE, path)
    m = TrainingModule.objects.get()
    assert (m.hours, str(m.cost_eur), m.is_example) == (12, "99.90", False)


# --- bad rows -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({"skills": S + "nope"}, "skills", f"unknown ESCO skill URI(s) {S}nope"),
    ({"skills": ""}, "skills", "at least one ESCO skill URI"),
    ({"hours": "veel"}, "hours", "not a whole number"),
    ({"hours": "0"}, "hours", "between 1 and 5000"),
    ({"weeks": "300"}, "weeks", "between 1 and 260"),
    ({"cost_eur": "-5"}, "cost_eur", "must not be negative"),
    ({"cost_eur": ""}, "cost_eur", "is required"),
    ({"cost_eur": "1e9"}, "cost_eur", "at most"),
    ({"form": "webinar"}, "form", "unknown value 'webinar'"),
    ({"delivery": "mars"}, "delivery", "unknown value 'mars'"),
    ({"award": "diploma"}, "award", "unknown value 'diploma'"),
    ({"region": "AM99"}, "region", "unknown labour-market region 'AM99'"),
    ({"start_dates": "2027-02-30"}, "start_dates", "not a date"),
    ({"learn_work_wage_eur": "2200"}, "learn_work_wage_eur", "only for form learn_work"),
    ({"source_url": "ftp://x.nl"}, "source_url", "not an http(s) URL"),
    ({"is_example": "misschien"}, "is_example", "not true/false"),
    ({"title": ""}, "title", "is required"),
    ({"key": "Sleutel met spaties"}, "key", "may hold only"),
])
def test_a_bad_module_rejects_the_whole_file(esco, changes, field, reason):
    before = counts()
    with pytest.raises(RowsInvalid) as caught:
        import_modules(module(key="goed"), module(**changes))
    [error] = caught.value.errors
    assert (caught.value.source, error.row, error.field) == ("cat.csv", 3, field)
    assert reason in error.message
    assert counts() == before  # the good row was not written either


BAD_RULES = ["age >> 3", "leeftijd >= 45", "situation in (ww, bijstand", "situation = rijk",
             "age >= 18 and"]


@pytest.mark.parametrize("text", BAD_RULES)
def test_a_rule_that_does_not_parse_is_reported_with_the_parsers_reason(esco, text):
    with pytest.raises(rules.RuleError) as parsed:
        rules.parse(text)
    before = counts()
    with pytest.raises(RowsInvalid) as caught:
        import_schemes(scheme(key="goed"), scheme(eligibility=text))
    [error] = caught.value.errors
    assert (error.row, error.field, error.message) == (3, "eligibility", str(parsed.value))
    assert counts() == before


@pytest.mark.parametrize(("changes", "field", "reason"), [
    ({"eligibility": "region in (AM01, AM99)"}, "eligibility", "unknown region 'AM99'"),
    ({"eligibility": "province = PV99"}, "eligibility", "unknown province 'PV99'"),
    ({"eligibility": "sector = bakkerij"}, "eligibility", "unknown sector 'bakkerij'"),
    ({"kind": "bank"}, "kind", "unknown value 'bank'"),
    ({"kind": ""}, "kind", "unknown value ''"),
    ({"pays_for": "fun"}, "pays_for", "unknown value 'fun'"),
    ({"cap_basis": "forever"}, "cap_basis", "unknown value 'forever'"),
    ({"percent": "120"}, "percent", "at most 100"),
    ({"max_eur": "veel"}, "max_eur", "not a number"),
    ({"pays_for": "income"}, "monthly_eur", "needs a monthly amount"),
    ({"monthly_eur": "300"}, "monthly_eur", "only for pays_for income"),
    ({"excludes": "bestaat-niet"}, "excludes", "names no scheme"),
    ({"excludes": "budget"}, "excludes", "cannot exclude itself"),
    ({"valid_until": "2025-12-31"}, "valid_until", "lies before valid_from"),
    ({"valid_until": "2027-12-31", "apply_by": "2028-01-31"}, "apply_by",
     "lies after valid_until"),
    ({"apply_by": "31-10-2027"}, "apply_by", "not a date"),
    ({"forms": "webinar"}, "forms", "unknown value(s) webinar"),
    ({"stackable": "misschien"}, "stackable", "not true/false"),
    ({"name": ""}, "name", "is required"),
])
def test_a_bad_scheme_rejects_the_whole_file(esco, changes, field, reason):
    before = counts()
    with pytest.raises(RowsInvalid) as caught:
        import_schemes(scheme(key="goed", name="Goed"), scheme(**changes))
    [error] = caught.value.errors
    assert (caught.value.source, error.row, error.field) == ("sch.csv", 3, field)
    assert reason in error.message
    assert counts() == before


def test_all_errors_are_reported_at_once_and_duplicate_keys_caught(esco):
    with pytest.raises(RowsInvalid) as caught:
        import_modules(module(), module(hours="-1", region="XX01"), module(),
                       module(key="b", form="x", award="y"))
    found = {(e.row, e.field) for e in caught.value.errors}
    assert found == {(3, "hours"), (3, "region"), (4, "key"), (5, "form"), (5, "award")}
    assert counts() == (0, 0, 0)


def test_header_and_shape_problems_are_named(esco):
    with pytest.raises(RowsInvalid, match=r"colour: unknown column"):
        read_csv("title,colour\n", MODULE_COLUMNS, (), "x.csv")
    with pytest.raises(RowsInvalid, match=r"skills: required column is missing"):
        read_csv("title,provider\n", MODULE_COLUMNS, CATALOGUE.required, "x.csv")
    with pytest.raises(RowsInvalid, match=r"list of objects"):
        read_json('{"key": "a"}', "x.json")
    with pytest.raises(RowsInvalid) as caught:
        exchange.import_rows(CATALOGUE, read_csv("key,title\na,b,c\n", MODULE_COLUMNS, ()))
    assert caught.value.errors[0].message.startswith("more cells than header columns")


def test_a_semicolon_separated_csv_from_a_dutch_spreadsheet_is_read(esco):
    text = csv_text(module()).replace(f"{SOLAR};{WIRING};{SOLAR}", SOLAR)
    rows = list(csv.reader(io.StringIO(text)))
    semicolons = "\n".join(";".join(f'"{c}"' for c in row) for row in rows) + "\n"
    exchange.import_rows(CATALOGUE, read_csv(semicolons, MODULE_COLUMNS, ()))
    assert TrainingModule.objects.get().hours == 40


def test_a_failure_while_writing_leaves_nothing_behind(esco, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ModuleSkill.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        import_modules(module(key="a"), module(key="b"))
    assert counts() == (0, 0, 0)


# --- idempotence and round trips ----------------------------------------------------------------

def test_a_second_import_writes_nothing_and_a_change_writes_one_row(esco):
    import_modules(module(), module(key="tweede"))
    import_schemes(scheme(), scheme(key="ander", name="Ander"))
    stamps = dict(TrainingModule.objects.values_list("key", "updated_at"))
    scheme_stamps = dict(FundingScheme.objects.values_list("key", "updated_at"))
    links = set(ModuleSkill.objects.values_list("id", flat=True))
    time.sleep(0.01)
    again = import_modules(module(), module(key="tweede"))
    assert again.as_dict() == {"created": {}, "updated": {}, "unchanged": {"modules": 2}}
    assert import_schemes(scheme(), scheme(key="ander", name="Ander")).unchanged == {
        "schemes": 2}
    assert dict(TrainingModule.objects.values_list("key", "updated_at")) == stamps
    assert dict(FundingScheme.objects.values_list("key", "updated_at")) == scheme_stamps
    assert set(ModuleSkill.objects.values_list("id", flat=True)) == links

    changed = import_modules(module(), module(key="tweede", skills=SAFETY, hours="41"))
    assert (changed.updated, changed.unchanged) == ({"modules": 1}, {"modules": 1})
    now = dict(TrainingModule.objects.values_list("key", "updated_at"))
    assert now["zon-basis"] == stamps["zon-basis"] and now["tweede"] > stamps["tweede"]
    assert list(TrainingModule.objects.get(key="tweede").skill_links
                .values_list("skill__uri", flat=True)) == [SAFETY]


def _clear():
    ModuleSkill.objects.all().delete()
    TrainingModule.objects.all().delete()
    FundingScheme.objects.all().delete()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_import_export_is_byte_identical(esco, tmp_path, fmt):
    import_modules(module(), module(key="leerwerk", form="learn_work", cost_eur="0",
                                    learn_work_wage_eur="2400.5", region="", start_dates="",
                                    description='Met "aanhalingstekens", komma; en\nregel'))
    import_schemes(scheme(), scheme(key="inkomen", name="Inkomen", pays_for="income",
                                    monthly_eur="400", excludes="budget", forms="learn_work",
                                    eligibility="age >= 45 and income <= 35000"))
    for dataset in (CATALOGUE, SCHEMES):
        first = tmp_path / f"first.{fmt}"
        exchange.export_file(dataset, first)
        report = exchange.import_file(dataset, first)
        assert not report.created and not report.updated
        (TrainingModule if dataset is CATALOGUE else FundingScheme).objects.all().delete()
        exchange.import_file(dataset, first)
        second = tmp_path / f"second.{fmt}"
        exchange.export_file(dataset, second)
        assert second.read_bytes() == first.read_bytes()


def test_csv_and_json_exports_carry_the_same_rows(esco, tmp_path):
    import_modules(module(), module(key="tweede", start_dates=""))
    as_csv, as_json = tmp_path / "c.csv", tmp_path / "c.json"
    exchange.export_file(CATALOGUE, as_csv)
    exchange.export_file(CATALOGUE, as_json)
    _clear()
    exchange.import_file(CATALOGUE, as_json)
    again = tmp_path / "again.csv"
    exchange.export_file(CATALOGUE, again)
    assert again.read_bytes() == as_csv.read_bytes()
    rows = json.loads(as_json.read_text())
    assert [list(r) for r in rows] == [list(MODULE_COLUMNS)] * 2
    by_key = {r["key"]: r for r in rows}
    assert by_key["zon-basis"]["skills"] == sorted([SOLAR, WIRING])
    assert by_key["tweede"]["start_dates"] == [] and by_key["tweede"]["hours"] == 40


# --- commands -----------------------------------------------------------------------------------

def test_the_import_command_exits_2_listing_file_row_field_reason(esco, tmp_path, capsys):
    bad = tmp_path / "catalogus.csv"
    bad.write_text(csv_text(module(key="goed"), module(skills=S + "nope", region="AM99")))
    with pytest.raises(CommandError) as caught:
        call_command("training_catalogue", "import", str(bad))
    assert caught.value.returncode == 2
    message = str(caught.value)
    assert "catalogus.csv row 3, skills: unknown ESCO skill URI(s)" in message
    assert "catalogus.csv row 3, region: unknown labour-market region 'AM99'" in message
    assert "nothing was imported" in message
    assert capsys.readouterr().out == "" and counts() == (0, 0, 0)


def test_the_commands_import_and_export_with_a_format_option(esco, tmp_path, capsys):
    source = tmp_path / "regelingen.txt"
    source.write_text(csv_text(scheme()))
    with pytest.raises(CommandError, match=r"use a \.csv or \.json file"):
        call_command("funding_schemes", "import", str(source))
    call_command("funding_schemes", "import", str(source), "--format", "csv", "--json")
    assert json.loads(capsys.readouterr().out)["created"] == 1
    out = tmp_path / "export.data"
    call_command("funding_schemes", "export", str(out), "--format", "json")
    assert json.loads(out.read_text())[0]["key"] == "budget"


def test_plans_examples_needs_esco_first(db):
    with pytest.raises(CommandError, match="import ESCO first") as caught:
        call_command("plans_examples")
    assert caught.value.returncode == 2
