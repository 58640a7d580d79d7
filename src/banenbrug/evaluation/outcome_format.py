"""The outcome-data file of initiatives: one row per person, participants and comparison group.

Pure Python. Every row is checked by one model (`OutcomeRow`); all problems (up to
`MAX_PROBLEMS`) are raised together as `OutcomeFileError`, each naming the row (header = row 1),
the column and the value, so a file is imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BeforeValidator, ValidationError, ValidationInfo
from pydantic_core import InitErrorDetails, PydanticCustomError

from banenbrug.evaluation.issues import EvaluationError, Issue
from banenbrug.evaluation.table_reader import read_table
from banenbrug.tables.errors import MISSING_COLUMN, RowsInvalid
from banenbrug.tables.models import RowModel, cell_errors
from banenbrug.tables.reading import Source

MAX_PROBLEMS = 25
EDUCATION = ("laag", "middelbaar", "hoog")
SITUATIONS = ("werkzoekend", "uitkering", "werkend", "herintreder", "student", "anders")
# Self-reported, optional (empty = not reported), only for effects per group: never shown
# per person. Migration background as CBS defines it: born abroad (first generation) or at
# least one parent born abroad (second generation).
GENDERS = ("vrouw", "man", "anders")
MIGRATION_BACKGROUNDS = ("geen", "eerste_generatie", "tweede_generatie")
SELF_REPORTED = ("gender", "migration_background")

REQUIRED = ("initiative", "participant", "start_date", "age", "education_level",
            "prior_earnings", "benefit_months", "region", "situation")
BINARY_OUTCOMES = ("employed_6m", "employed_12m", "tech_job_6m", "tech_job_12m",
                   "retained_12m")
MONEY_OUTCOMES = ("earnings_6m", "earnings_12m", "earnings_pre", "earnings_post")
OPTIONAL = (*BINARY_OUTCOMES, *MONEY_OUTCOMES, "initiative_cost", *SELF_REPORTED)
COLUMNS = (*REQUIRED, *OPTIONAL)


class OutcomeFileError(EvaluationError):
    def __init__(self, file: str, problems: list[Issue], more: int = 0) -> None:
        self.problems = problems
        self.more = more
        super().__init__("outcome_file", file=file, count=len(problems) + more)


@dataclass
class OutcomeFile:
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # per initiative
    costs: dict[str, float] = field(default_factory=dict)

    @property
    def n_records(self) -> int:
        return sum(len(r) for r in self.records.values())


# --- the row model ----------------------------------------------------------------------------
# Each problem is an issue code with its parameters (worded in Dutch or English by
# `messages`); the context says whether a decimal comma is used (a file separated by ';').

def _issue(code: str, **params: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


def _text(value: Any) -> str:
    return value or ""  # a column the file lacks is empty


def _number(text: str, low: float, high: float | None, required: bool, decimal_comma: bool
            ) -> float | None:
    import pandas as pd  # here, not at the top: the web app and CLI start faster without it

    if text == "":
        if required:
            raise _issue("empty_value")
        return None
    value = pd.to_numeric(text.replace(",", ".") if decimal_comma else text, errors="coerce")
    if pd.isna(value):
        raise _issue("not_a_number")
    if value < low or (high is not None and value > high):
        raise _issue("out_of_range", low=low, high="∞" if high is None else high)
    return float(value)


def _numeric(low: float, high: float | None, required: bool) -> BeforeValidator:
    return BeforeValidator(lambda value, info: _number(
        _text(value), low, high, required, info.context))


def _binary(required: bool, implies: tuple[str, ...] = ()) -> BeforeValidator:
    """0 or 1; a 1 that contradicts a 0 it `implies` (validated before it) is an issue."""
    def check(value: Any, info: ValidationInfo) -> bool | None:
        text = _text(value)
        if text == "" and not required:
            return None
        if text not in ("0", "1"):
            raise _issue("empty_value" if text == "" else "not_binary")
        contradicted = [o for o in implies if text == "1" and info.data.get(o) is False]
        if contradicted:
            raise ValidationError.from_exception_data("contradiction", [
                InitErrorDetails(type=_issue("contradiction", other=o), loc=(), input=value)
                for o in contradicted])
        return text == "1"
    return BeforeValidator(check)


def _choice(options: tuple[str, ...], required: bool = True) -> BeforeValidator:
    def check(value: Any) -> str:
        text = _text(value).lower()
        if text == "" and not required:
            return ""
        if text not in options:
            raise _issue("bad_choice", options=", ".join(options))
        return text
    return BeforeValidator(check)


def _name(maximum: int) -> BeforeValidator:
    def check(value: Any) -> str:
        text = _text(value)
        if not text:
            raise _issue("empty_value")
        if len(text) > maximum:
            raise _issue("too_long", maximum=maximum)
        return text
    return BeforeValidator(check)


def _start(value: Any) -> dt.date:
    day = _date(_text(value))
    if day is None:
        raise _issue("bad_date")
    return day


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)


def _age(value: float | None) -> int | None:
    if value is not None and value != int(value):
        raise _issue("not_whole")
    return _whole(value)


Binary = Annotated[bool | None, _binary(required=False)]
Money = Annotated[float | None, _numeric(0, None, required=False)]


class OutcomeRow(RowModel):
    """One person in an initiative's outcome data: participant (1) or comparison (0)."""

    required: ClassVar[tuple[str, ...]] = REQUIRED
    initiative: Annotated[str, _name(200)]
    participant: Annotated[bool, _binary(required=True)]
    start_date: Annotated[dt.date, BeforeValidator(_start)]
    # a number first (any float), then whole: the age says so, benefit months are cut
    age: Annotated[float, _numeric(15, 80, required=True), AfterValidator(_age)]
    education_level: Annotated[str, _choice(EDUCATION)]
    prior_earnings: Annotated[float, _numeric(0, None, required=True)]
    benefit_months: Annotated[float, _numeric(0, 24, required=True), AfterValidator(_whole)]
    region: Annotated[str, _name(100)]
    situation: Annotated[str, _choice(SITUATIONS)]
    gender: Annotated[str, _choice(GENDERS, required=False)]
    migration_background: Annotated[str, _choice(MIGRATION_BACKGROUNDS, required=False)]
    employed_6m: Binary
    employed_12m: Binary
    tech_job_6m: Annotated[bool | None, _binary(False, ("employed_6m",))]
    tech_job_12m: Annotated[bool | None, _binary(False, ("employed_12m",))]
    retained_12m: Annotated[bool | None, _binary(False, ("employed_12m", "employed_6m"))]
    earnings_6m: Money
    earnings_12m: Money
    earnings_pre: Money
    earnings_post: Money
    initiative_cost: Money


def parse_outcome_file(source: Source, name: str) -> OutcomeFile:
    """`source`: a path, an upload's bytes, or text."""
    try:
        frame, sep = read_table(source, name, COLUMNS, REQUIRED)
    except RowsInvalid as exc:  # the header: say each missing or unknown column
        available = ", ".join(e.field for e in exc.errors if e.message != MISSING_COLUMN)
        raise OutcomeFileError(name, [
            Issue("missing_column", {"file": name, "column": e.field, "available": available})
            if e.message == MISSING_COLUMN else
            Issue("unknown_column", {"file": name, "column": e.field,
                                     "expected": ", ".join(COLUMNS)})
            for e in exc.errors]) from None
    problems: list[Issue] = []
    result = OutcomeFile()
    seen: dict[tuple[str, ...], int] = {}
    for i, raw in enumerate(frame.to_dict("records")):
        row = i + 2
        record = _parse_row(raw, row, name, sep == ";", problems)
        if record is None:
            continue
        # No column identifies a person, so the key is the whole row: a row that repeats
        # another exactly is a file pasted twice, not a second person (CBS-style microdata
        # with earnings in euros practically never repeat).
        key = tuple(raw[c] for c in frame.columns)
        if key in seen:
            problems.append(Issue("duplicate_row", {"file": name, "row": row,
                                                    "first": seen[key]}))
            continue
        seen[key] = row
        initiative = record.pop("initiative")
        cost = record.pop("initiative_cost", None)
        if cost is not None:
            known = result.costs.setdefault(initiative, cost)
            if known != cost:
                problems.append(Issue("inconsistent_cost", {
                    "file": name, "row": row, "column": "initiative_cost",
                    "value": raw["initiative_cost"], "initiative": initiative}))
        result.records.setdefault(initiative, []).append(record)
    if problems:
        raise OutcomeFileError(name, problems[:MAX_PROBLEMS],
                               max(0, len(problems) - MAX_PROBLEMS))
    return result


def _parse_row(raw: dict[str, str], row: int, name: str, decimal_comma: bool,
               problems: list[Issue]) -> dict[str, Any] | None:
    try:
        record = _validate(raw, context=decimal_comma)
    except ValidationError as exc:
        problems += [Issue(code, {"file": name, "row": row, "column": column,
                                  "value": raw.get(column, ""), **params})
                     for column, code, _, params in cell_errors(exc)]
        return None
    out = {"row": row, **record.__dict__}
    if out["initiative_cost"] is None:
        del out["initiative_cost"]
    return out


def _date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


_validate = OutcomeRow.__pydantic_validator__.validate_python
