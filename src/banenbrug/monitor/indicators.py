"""The indicator long format: parse and validate a CSV file, row by row, before anything is stored.

Columns (header names, any order): period, region, occupation_group, population_group, indicator,
value, unit, source, note; optional: low, high (an estimate's range), base_n (the number of people
a rate is built on), example (true for illustrative rows), table_id (the CBS StatLine table the
figure comes from), label (the source's title of the row's category, e.g. a BRC occupation).
`origin` (voorbeeld / CBS / publicatie) is written by the export and ignored on import: it follows
from example and table_id. Comma- or semicolon-separated; with
semicolons a decimal comma is accepted (Dutch spreadsheets). Pure: no Django.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar, NamedTuple

from pydantic import (
    BeforeValidator,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
)

from banenbrug.monitor.regions import RegionCatalogue
from banenbrug.monitor.vocabulary import INDICATORS, OCCUPATION_GROUPS, POPULATION_GROUPS, is_group
from banenbrug.small_cells import MIN_CELL
from banenbrug.tables.errors import RowsInvalid
from banenbrug.tables.models import RowModel, row_errors
from banenbrug.tables.reading import Source, Table
from banenbrug.tables.writing import safe_cell

REQUIRED = ("period", "region", "occupation_group", "population_group", "indicator", "value",
            "unit", "source", "note")
OPTIONAL = ("low", "high", "base_n", "example", "table_id", "label")
DERIVED = ("origin",)  # written by the export, ignored on import
TABLE_ID = re.compile(r"\d{5}(NED|ENG)")  # a CBS StatLine table, e.g. 85276NED
MAX_ERRORS_SHOWN = 20
MAX_ERRORS_KEPT = 200  # the rest is counted: bounded memory for a file that is all wrong
TRUE = {"1", "true", "yes", "ja", "waar"}
FALSE = {"", "0", "false", "no", "nee", "onwaar"}

PERIOD_PATTERNS = (
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), "month"),
    (re.compile(r"(\d{4})/(\d{4})"), "interval"),
)


@dataclass(frozen=True)
class IndicatorRecord:
    period: str
    period_start: date
    period_end: date
    region: str
    occupation_group: str
    population_group: str
    indicator: str
    value: float
    unit: str
    source: str
    note: str = ""
    low: float | None = None
    high: float | None = None
    base_n: int | None = None
    example: bool = False
    table_id: str = ""
    label: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.period, self.region, self.occupation_group, self.population_group,
                self.indicator)

    @property
    def origin(self) -> str:
        """What kind of figure this is, shown as a badge and exported as a column."""
        return origin(self.example, self.table_id)

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.indicator, self.value, self.base_n)


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number: the header is row 1
    column: str
    message: str


class IndicatorFileError(ValueError):
    def __init__(self, source: str, errors: list[RowError], more: int = 0):
        self.source = source
        self.errors = errors
        self.more = more  # errors found beyond those kept
        shown = "\n".join(f"{source}, row {e.row}, column '{e.column}': {e.message}"
                          for e in errors[:MAX_ERRORS_SHOWN])
        rest = len(errors) + more - MAX_ERRORS_SHOWN
        super().__init__(shown + (f"\n… and {rest} more errors" if rest > 0 else ""))


def origin(example: bool, table_id: str) -> str:
    """'voorbeeld' (made up), 'CBS' (from a StatLine table) or 'publicatie' (another source)."""
    return "voorbeeld" if example else "CBS" if table_id else "publicatie"


def is_suppressed(indicator: str, value: float, base_n: int | None) -> bool:
    """Small-cell rule: a count of people under 10, or any value built on under 10 people."""
    term = INDICATORS.get(indicator)
    if term is not None and term.people and term.unit == "count" and value < MIN_CELL:
        return True
    return base_n is not None and base_n < MIN_CELL


def parse_period(text: str) -> tuple[date, date]:
    """'2021', '2021-Q4', '2021-12' or an interval '2021/2026' → (first day, last day)."""
    for pattern, kind in PERIOD_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        year = int(match.group(1))
        if kind == "year":
            return date(year, 1, 1), date(year, 12, 31)
        if kind == "quarter":
            quarter = int(match.group(2))
            start = date(year, 3 * quarter - 2, 1)
            end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
            return start, date.fromordinal(end.toordinal() - 1)
        if kind == "month":
            month = int(match.group(2))
            end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return date(year, month, 1), date.fromordinal(end.toordinal() - 1)
        last = int(match.group(2))
        if last <= year:
            raise ValueError(f"interval {text!r} must end after it starts")
        return date(year, 1, 1), date(last, 12, 31)
    raise ValueError(f"period {text!r} is not YYYY, YYYY-Qn, YYYY-MM or YYYY/YYYY")


def _number(text: str, decimal_comma: bool) -> float:
    cleaned = text.strip().replace(" ", "")
    if decimal_comma:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


# --- the row model ----------------------------------------------------------------------------
# Each check sees the cells validated before it (`info.data`); the context says which regions
# exist and whether a decimal comma is used (a file separated by ';').

@dataclass(frozen=True)
class Context:
    regions: RegionCatalogue
    decimal_comma: bool


Check = Callable[[str, ValidationInfo], Any]  # a stripped cell ('' when the file lacks it)


def _checked(check: Check | Callable[[str], Any]) -> BeforeValidator:
    """`check(text)`, or `check(text, info)` when it needs the context or the cells before it
    (pydantic tells them apart by their parameters; the first are cheaper)."""
    return BeforeValidator(check)


def _context(info: ValidationInfo) -> Context:
    assert isinstance(info.context, Context), "validate with context=Context(...)"
    return info.context


class Period(NamedTuple):
    text: str
    start: date
    end: date


def _period(text: str) -> Period:
    return Period(text, *parse_period(text))


def _region(text: str, info: ValidationInfo) -> str:
    if (message := _context(info).regions.check(text)) is not None:
        raise ValueError(message)
    return text


def _occupation_group(text: str) -> str:
    if not is_group(text):
        raise ValueError(f"unknown group {text!r} (known: {', '.join(OCCUPATION_GROUPS)}, or "
                         "brc:NN[NN] for a BRC 2014 occupation, sbi:X for an SBI 2008 section)")
    return text


def _population_group(text: str) -> str:
    if text not in POPULATION_GROUPS:
        raise ValueError(f"unknown group {text!r} (known: {', '.join(POPULATION_GROUPS)})")
    return text


def _indicator(text: str) -> str:
    if text not in INDICATORS:
        raise ValueError(f"unknown indicator {text!r} (known: {', '.join(INDICATORS)})")
    return text


def _unit(text: str, info: ValidationInfo) -> str:
    term = INDICATORS.get(info.data.get("indicator", ""))
    if term is not None and text != term.unit:
        raise ValueError(f"{term.code} is measured in {term.unit!r}, not {text!r}")
    return text


def _optional_number(text: str, info: ValidationInfo) -> float | None:
    if not text:
        return None
    try:
        return _number(text, _context(info).decimal_comma)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def _value(text: str, info: ValidationInfo) -> float:
    if not text:
        raise ValueError("missing")
    value = _optional_number(text, info)
    assert value is not None
    term = INDICATORS.get(info.data.get("indicator", ""))
    if term is not None:
        if value < 0 and term.code not in ("employment_change", "employment_change_pct"):
            raise ValueError("must not be negative")
        if term.unit == "%" and not -100 <= value <= 100:
            raise ValueError(f"{value} is not a percentage between 0 and 100")
    return value


def _bound(low: bool) -> Check:
    def check(text: str, info: ValidationInfo) -> float | None:
        bound, value = _optional_number(text, info), info.data.get("value")
        if bound is not None and value is not None and (bound > value if low else bound < value):
            raise ValueError("the range low–high must contain the value")
        return bound
    return check


def _base_n(text: str, info: ValidationInfo) -> int | None:
    number = _optional_number(text, info)
    if number is not None and (number < 0 or number != int(number)):
        raise ValueError("must be a whole number of people")
    return None if number is None else int(number)


def _source(text: str) -> str:
    if not text:
        raise ValueError("every figure needs its source")
    return text


def _example(text: str) -> bool:
    if text.lower() not in TRUE | FALSE:
        raise ValueError(f"{text!r} is not true or false")
    return text.lower() in TRUE


def _table_id(text: str, info: ValidationInfo) -> str:
    if text and not TABLE_ID.fullmatch(text):
        raise ValueError(f"{text!r} is not a CBS table id like 85276NED")
    if text and info.data.get("example"):
        raise ValueError("a figure from a CBS table cannot be example data")
    return text


class IndicatorRow(RowModel):
    """One figure of the long format (a CSV row); `origin` is left out (the export's)."""

    required: ClassVar[tuple[str, ...]] = REQUIRED
    # parsed once (its text and days): the checked value as it is, the CSV cell in the schema
    period: Annotated[Period, PlainValidator(_period), WithJsonSchema({"type": "string"})]
    region: Annotated[str, _checked(_region)]
    occupation_group: Annotated[str, _checked(_occupation_group)]
    population_group: Annotated[str, _checked(_population_group)]
    indicator: Annotated[str, _checked(_indicator)]
    unit: Annotated[str, _checked(_unit)]
    value: Annotated[float, _checked(_value)]
    low: Annotated[float | None, _checked(_bound(low=True))]
    high: Annotated[float | None, _checked(_bound(low=False))]
    base_n: Annotated[int | None, _checked(_base_n)]
    source: Annotated[str, _checked(_source)]
    example: Annotated[bool, _checked(_example)]
    table_id: Annotated[str, _checked(_table_id)]
    note: str
    label: str

    def record(self) -> IndicatorRecord:
        period = self.period
        return IndicatorRecord(**{**self.__dict__, "period": period.text},
                               period_start=period.start, period_end=period.end)


FIELDS = tuple(IndicatorRow.model_fields)


def parse_indicator_csv(text: Source, regions: RegionCatalogue,
                        source: str = "<csv>") -> list[IndicatorRecord]:
    """Every row validated (`IndicatorRow`); raises IndicatorFileError listing the problems (the
    first `MAX_ERRORS_KEPT`, the rest counted), or returns records. `text` may be a path: the
    file is streamed (see `banenbrug.tables.reading`)."""
    errors: list[RowError] = []
    more = 0
    records: list[IndicatorRecord] = []
    first_seen: dict[tuple[str, ...], int] = {}
    try:
        table = Table(text, (*REQUIRED, *OPTIONAL, *DERIVED), REQUIRED, name=source)
        context = Context(regions, table.delimiter == ";")
        validate = IndicatorRow.__pydantic_validator__.validate_python
        for number, row in table.rows():
            if not any(v.strip() for v in row.values()):
                continue  # a line of empty cells
            cells = {c: (row.get(c) or "").strip() for c in FIELDS}  # `origin` left out
            try:
                record = validate(cells, context=context).record()
            except ValidationError as exc:
                if len(errors) >= MAX_ERRORS_KEPT:  # only counted: no need to word them
                    more += exc.error_count()
                    continue
                found = [RowError(e.row, e.field, e.message) for e in row_errors(exc, number)]
            else:
                found = []
                if record.key in first_seen:
                    found.append(RowError(number, "*", "same period, region, groups and "
                                          f"indicator as row {first_seen[record.key]}"))
                else:
                    first_seen[record.key] = number
                    if not errors:  # a file with errors is refused: keep no more records
                        records.append(record)
            kept = found[:max(0, MAX_ERRORS_KEPT - len(errors))]
            errors += kept
            more += len(found) - len(kept)
        errors += [RowError(e.row, "*", e.message) for e in table.errors.kept]
        errors.sort(key=lambda e: e.row)
        more += table.errors.more
    except RowsInvalid as exc:  # the file itself: size, encoding, header, truncation
        raise IndicatorFileError(source, [*errors, *(
            RowError(e.row, "*" if e.field in ("file", "row") else e.field, e.message)
            for e in exc.errors)], more) from None
    if errors:
        raise IndicatorFileError(source, errors, more)
    if not records:
        raise IndicatorFileError(source, [RowError(2, "*", "the file has no data rows")])
    return records


def read_indicator_file(path: Path, regions: RegionCatalogue) -> list[IndicatorRecord]:
    if not path.is_file():
        raise IndicatorFileError(str(path), [RowError(0, "*", "file not found")])
    return parse_indicator_csv(path, regions, source=str(path))


def to_csv_rows(records: list[IndicatorRecord]) -> list[list[str]]:
    """The long format back out (header first), with each row's origin; suppressed values left
    empty; text cells formula-safe (`tables.writing.safe_cell`)."""
    rows = [[*REQUIRED, *OPTIONAL, *DERIVED]]
    for r in records:
        hidden = r.suppressed
        rows.append([safe_cell(c) for c in (
                     r.period, r.region, r.occupation_group, r.population_group, r.indicator,
                     "" if hidden else f"{r.value:g}", r.unit, r.source,
                     ("onderdrukt: minder dan 10 personen; " if hidden else "") + r.note,
                     "" if r.low is None or hidden else f"{r.low:g}",
                     "" if r.high is None or hidden else f"{r.high:g}",
                     "" if r.base_n is None or hidden else str(r.base_n),
                     "true" if r.example else "false", r.table_id, r.label, r.origin)])
    return rows
