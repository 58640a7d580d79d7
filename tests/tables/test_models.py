"""Row models: a pydantic ValidationError becomes RowErrors with the checks' own messages, the
importers' row types are those models, and the API's upload schemas name them."""

from __future__ import annotations

from functools import partial
from typing import Annotated, ClassVar

import pytest
from pydantic import model_validator

from banenbrug.evaluation.outcome_format import COLUMNS as OUTCOME_COLUMNS
from banenbrug.evaluation.outcome_format import OutcomeFileError, OutcomeRow, parse_outcome_file
from banenbrug.monitor.indicators import REQUIRED as INDICATOR_REQUIRED
from banenbrug.monitor.indicators import IndicatorRow
from banenbrug.plans.plan_rows import MODULE_COLUMNS, SCHEME_COLUMNS, ModuleRow, SchemeRow
from banenbrug.registry.rows import INITIATIVE_COLUMNS, Known, check_initiatives
from banenbrug.tables import cells as C
from banenbrug.tables.errors import RowError
from banenbrug.tables.models import (
    RowModel,
    cell,
    check_rows,
    known_cell,
    row_problem,
    upload_schema,
)


def _colour(value, known):
    colour = C.text(value)
    if colour not in known:
        raise C.Bad(f"unknown colour {colour!r}")
    return colour


class Thing(RowModel):
    required: ClassVar[tuple[str, ...]] = ("name",)
    key_from: ClassVar[str | None] = "name"
    key: Annotated[str, cell(C.key)]
    name: Annotated[str, cell(partial(C.text, limit=10, required=True))]
    colour: Annotated[str, known_cell(_colour)]
    start: Annotated[str | None, cell(C.day)]
    end: Annotated[str | None, cell(C.day)]
    count: int  # no check of ours: pydantic's own message

    @model_validator(mode="after")
    def _order(self) -> Thing:
        if self.start and self.end and self.end < self.start:
            raise row_problem("end", "lies before start")
        return self


def check(*rows, known=frozenset({"rood"}), numbers=None, limit=200):
    errors: list[RowError] = []
    clean = list(check_rows(Thing, list(rows), numbers, known, errors, "things", limit))
    return clean, errors


GOOD = {"name": "Ding", "colour": " rood ", "count": 3}


def test_a_good_row_is_canonical_and_takes_its_key_from_its_name():
    clean, errors = check({**GOOD, "name": "Één"}, numbers=[7])
    assert errors == []
    assert clean == [(7, {"key": "een", "name": "Één", "colour": "rood", "start": None,
                          "end": None, "count": 3})]


def test_every_bad_cell_is_named_with_row_column_and_the_checks_message():
    _, errors = check({**GOOD, "key": "Niet Goed", "name": "", "colour": "paars",
                       "start": "gisteren", "count": "veel"}, numbers=[4])
    assert errors == [
        RowError(4, "key", "'Niet Goed' may hold only a-z, 0-9, '-' and '_'", "things"),
        RowError(4, "name", "is required", "things"),
        RowError(4, "colour", "unknown colour 'paars'", "things"),
        RowError(4, "start", "'gisteren' is not a date (YYYY-MM-DD)", "things"),
        RowError(4, "count", "Input should be a valid integer, unable to parse string as an "
                             "integer", "things")]


def test_a_check_across_fields_names_its_field():
    _, errors = check({**GOOD, "start": "2026-05-01", "end": "2026-04-01"})
    assert errors == [RowError(1, "end", "lies before start", "things")]


def test_a_left_out_field_is_checked_as_an_empty_cell_and_unknown_fields_are_one_error():
    _, errors = check({"count": 1})
    assert [(e.field, e.message) for e in errors] == [
        ("key", "'' may hold only a-z, 0-9, '-' and '_'"), ("name", "is required"),
        ("colour", "unknown colour ''")]
    _, errors = check({**GOOD, "size": 1, "shape": 2})
    assert errors == [RowError(1, "row", "unknown field(s) shape, size", "things")]


def test_checking_stops_at_the_error_limit():
    clean, errors = check(*[{**GOOD, "colour": "paars"}] * 10, GOOD, limit=3)
    assert len(errors) == 3 and clean == []


def test_the_same_model_checks_a_csv_cell_and_a_json_value():
    known = Known(regions=frozenset({"AM01"}), occupations=frozenset())
    row = {"name": "Initiatief", "organisation": "Org", "kind": "matching"}
    from_csv, csv_errors = check_initiatives([{**row, "regions": "AM01;NL"}], known, [2])
    from_json, json_errors = check_initiatives([{**row, "regions": ["AM01", "NL"]}], known)
    message = "NL (national) cannot be combined with regions"
    assert from_csv == from_json == []
    assert csv_errors == [RowError(2, "regions", message)]
    assert json_errors == [RowError(1, "regions", message)]
    good, _ = check_initiatives([{**row, "regions": ["am01"], "target_groups": "youth;women"}],
                                known)
    assert good[0]["regions"] == ["AM01"] and good[0]["target_groups"] == ["women", "youth"]
    assert good[0]["key"] == "initiatief" and tuple(good[0]) == INITIATIVE_COLUMNS


@pytest.mark.parametrize("models, json", [((ModuleRow, SchemeRow), True),
                                          ((IndicatorRow,), False)])
def test_an_upload_schema_names_the_row_models_and_their_required_columns(models, json):
    file = upload_schema("rows", *models, json=json)["requestBody"]["content"][
        "multipart/form-data"]["schema"]["properties"]["file"]
    rows = file["contentSchema" if json else "x-rows"]
    items = rows["items"]["oneOf"] if len(models) > 1 else [rows["items"]]
    assert [i["title"] for i in items] == [m.__name__ for m in models]
    assert [i["required"] for i in items] == [list(m.required) for m in models]
    assert all(i["additionalProperties"] is False for i in items)


def test_the_row_models_are_the_import_formats():
    assert tuple(ModuleRow.model_fields) == MODULE_COLUMNS
    assert tuple(SchemeRow.model_fields) == SCHEME_COLUMNS
    assert set(INDICATOR_REQUIRED) <= set(IndicatorRow.model_fields)
    assert set(OutcomeRow.model_fields) == set(OUTCOME_COLUMNS)


def test_an_outcome_row_says_each_contradiction_as_a_coded_issue_with_its_value():
    header = ("initiative,participant,start_date,age,education_level,prior_earnings,"
              "benefit_months,region,situation,employed_6m,employed_12m,retained_12m\n")
    with pytest.raises(OutcomeFileError) as info:
        parse_outcome_file(header + "A,1,2024-01-05,30.5,laag,0,3,Twente,werkzoekend,0,0,1\n",
                           "o.csv")
    assert [(p.code, p.params) for p in info.value.problems] == [
        ("not_whole", {"file": "o.csv", "row": 2, "column": "age", "value": "30.5"}),
        *[("contradiction", {"file": "o.csv", "row": 2, "column": "retained_12m", "value": "1",
                             "other": other}) for other in ("employed_12m", "employed_6m")]]


@pytest.mark.django_db
def test_the_import_endpoints_openapi_shows_the_row_models(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    def file_field(path):
        return paths[path]["post"]["requestBody"]["content"]["multipart/form-data"][
            "schema"]["properties"]["file"]

    plans = file_field("/api/v1/plans/import/{dataset}")["contentSchema"]["items"]["oneOf"]
    assert [list(s["properties"]) for s in plans] == [list(MODULE_COLUMNS),
                                                      list(SCHEME_COLUMNS)]
    indicators = file_field("/api/v1/monitor/indicators/import")["x-rows"]["items"]
    assert list(indicators["properties"]) == list(IndicatorRow.model_fields)
    assert file_field("/api/v1/monitor/indicators/import")["format"] == "binary"


def test_a_cell_check_must_take_the_cell_alone():
    # pydantic would hand its ValidationInfo to a second positional parameter
    with pytest.raises(TypeError, match="must take the cell alone"):
        cell(C.choices)
    cell(partial(C.choices, options=("a",)))  # bound: fine
