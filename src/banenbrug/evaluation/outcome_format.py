"""The outcome-data file of initiatives: one row per person, participants and comparison group.

Pure Python. Every row is checked; all problems (up to `MAX_PROBLEMS`) are raised together as
`OutcomeFileError`, each naming the row (header = row 1), the column and the value, so a file is
imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from banenbrug.evaluation.issues import EvaluationError, Issue
from banenbrug.evaluation.table_reader import read_table
from banenbrug.tables.errors import MISSING_COLUMN, RowsInvalid
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

# (outcome, must be 1 as well) pairs that cannot contradict each other
IMPLIES = (("tech_job_6m", "employed_6m"), ("tech_job_12m", "employed_12m"),
           ("retained_12m", "employed_12m"), ("retained_12m", "employed_6m"))


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
        record = _parse_row(raw, row, name, sep, problems)
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


def _parse_row(raw: dict[str, str], row: int, name: str, sep: str,
               problems: list[Issue]) -> dict[str, Any] | None:
    import pandas as pd  # here, not at the top: the web app and CLI start faster without it

    out: dict[str, Any] = {"row": row}
    before = len(problems)

    def problem(code: str, column: str, **extra: Any) -> None:
        problems.append(Issue(code, {"file": name, "row": row, "column": column,
                                     "value": raw.get(column, ""), **extra}))

    def number(column: str, low: float, high: float | None, required: bool) -> float | None:
        text = raw.get(column, "")
        if text == "":
            if required:
                problem("empty_value", column)
            return None
        value = pd.to_numeric(text.replace(",", ".") if sep == ";" else text, errors="coerce")
        if pd.isna(value):
            problem("not_a_number", column)
            return None
        if value < low or (high is not None and value > high):
            problem("out_of_range", column, low=low, high="∞" if high is None else high)
            return None
        return float(value)

    def binary(column: str, required: bool) -> bool | None:
        text = raw.get(column, "")
        if text == "" and not required:
            return None
        if text not in ("0", "1"):
            problem("empty_value" if text == "" else "not_binary", column)
            return None
        return text == "1"

    def choice(column: str, options: tuple[str, ...], required: bool = True) -> str | None:
        text = raw.get(column, "").lower()
        if text == "" and not required:
            return ""
        if text not in options:
            problem("bad_choice", column, options=", ".join(options))
            return None
        return text

    out["initiative"] = raw["initiative"]
    if not raw["initiative"]:
        problem("empty_value", "initiative")
    elif len(raw["initiative"]) > 200:
        problem("too_long", "initiative", maximum=200)
    out["participant"] = binary("participant", required=True)
    out["start_date"] = _date(raw["start_date"])
    if out["start_date"] is None:
        problem("bad_date", "start_date")
    age = number("age", 15, 80, required=True)
    out["age"] = None if age is None else int(age)
    if age is not None and age != int(age):
        problem("not_whole", "age")
    out["education_level"] = choice("education_level", EDUCATION)
    out["prior_earnings"] = number("prior_earnings", 0, None, required=True)
    months = number("benefit_months", 0, 24, required=True)
    out["benefit_months"] = None if months is None else int(months)
    out["region"] = raw["region"]
    if not raw["region"]:
        problem("empty_value", "region")
    elif len(raw["region"]) > 100:
        problem("too_long", "region", maximum=100)
    out["situation"] = choice("situation", SITUATIONS)
    out["gender"] = choice("gender", GENDERS, required=False)
    out["migration_background"] = choice("migration_background", MIGRATION_BACKGROUNDS,
                                          required=False)
    for column in BINARY_OUTCOMES:
        out[column] = binary(column, required=False)
    for column in MONEY_OUTCOMES:
        out[column] = number(column, 0, None, required=False)
    cost = number("initiative_cost", 0, None, required=False)
    if cost is not None:
        out["initiative_cost"] = cost
    for first, second in IMPLIES:
        if out[first] and out[second] is False:
            problem("contradiction", first, other=second)
    return out if len(problems) == before else None


def _date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
