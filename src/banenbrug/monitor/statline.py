"""CBS StatLine OData responses → indicator records, for any table, through a mapping file.

Reads the JSON that the OData APIs return, saved to a file: v3 (`opendata.cbs.nl/ODataApi/odata/
<table>/TypedDataSet`: one object per cell of the dimensions, measures as properties) and v4
(`datasets.cbs.nl/odata/v1/CBS/<table>/Observations`: one object per observation with `Measure`
and `Value`). Several files are the pages of one response. A mapping (TOML, see
data/statline/*.toml and docs/monitor.md) says which dimension is the period, the region and the
group, which keys of other dimensions to keep, and which measure is which indicator, scaled.

Nothing half: a page that announces a next page, a row without a period, a value missing, or a
series that lacks a period the others have are errors naming file, row and field. Pure: no Django.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from banenbrug.monitor.indicators import (
    TABLE_ID,
    IndicatorFileError,
    IndicatorRecord,
    RowError,
    parse_period,
)
from banenbrug.monitor.regions import NATIONAL, RegionCatalogue
from banenbrug.monitor.vocabulary import INDICATORS, is_group

MAPPING_DIR = Path(__file__).resolve().parent / "data" / "statline"
CBS_PERIOD = re.compile(r"(\d{4})(JJ00|KW0[1-4]|MM(0[1-9]|1[0-2]))")
NEXT_LINK = ("odata.nextLink", "@odata.nextLink")
CONTEXT = ("odata.metadata", "@odata.context")
REGION_KEY = re.compile(r"NL01|PV\d\d|AM\d\d")


class MappingError(ValueError):
    pass


@dataclass(frozen=True)
class Measure:
    indicator: str
    scale: float = 1.0


@dataclass(frozen=True)
class Dimension:
    name: str
    codes: dict[str, str] = field(default_factory=dict)  # CBS key → our code; others skipped


@dataclass(frozen=True)
class Mapping:
    table: str
    title: str
    period: str  # the time dimension, e.g. Perioden
    measures: dict[str, Measure]  # v3 property or v4 Measure code → indicator
    region: Dimension | None = None  # absent: the whole country
    group: Dimension | None = None  # absent: all occupations
    filters: dict[str, str] = field(default_factory=dict)  # dimension → the one key to keep

    @property
    def source(self) -> str:
        return f"CBS StatLine {self.table}: {self.title}"


def cbs_period(code: str) -> str:
    """StatLine's period codes → the long format: 2023JJ00 → 2023, 2026KW02 → 2026-Q2,
    2024MM03 → 2024-03."""
    match = CBS_PERIOD.fullmatch(code)
    if not match:
        raise ValueError(f"{code!r} is not a StatLine period (YYYYJJ00, YYYYKWnn or YYYYMMnn)")
    year, kind = match.group(1), match.group(2)
    if kind == "JJ00":
        return year
    if kind.startswith("KW"):
        return f"{year}-Q{kind[-1]}"
    return f"{year}-{kind[2:]}"


def parse_mapping(text: str, source: str = "<mapping>") -> Mapping:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{source}: not valid TOML: {exc}") from exc
    problems = [f"'{k}' is required" for k in ("table", "title", "period", "measures")
                if k not in data]
    if problems:
        raise MappingError(f"{source}: " + "; ".join(problems))
    if not TABLE_ID.fullmatch(str(data["table"])):
        problems.append(f"table {data['table']!r} is not a CBS table id like 83599NED")
    measures = {}
    for key, spec in dict(data["measures"]).items():
        indicator = spec.get("indicator", "") if isinstance(spec, dict) else ""
        if indicator not in INDICATORS:
            problems.append(f"measures.{key}: unknown indicator {indicator!r}")
            continue
        measures[key] = Measure(indicator, float(spec.get("scale", 1)))
    dimensions: dict[str, Dimension | None] = {}
    for role in ("region", "group"):
        spec = data.get(role)
        if spec is None:
            dimensions[role] = None
            continue
        codes = {str(k): str(v) for k, v in dict(spec.get("codes", {})).items()}
        check = is_group if role == "group" else lambda c: c == NATIONAL or bool(
            REGION_KEY.fullmatch(c))
        problems += [f"{role}.codes.{k}: {v!r} is not a {role} code" for k, v in codes.items()
                     if not check(v)]
        if "dimension" not in spec:
            problems.append(f"{role}: 'dimension' is required")
        dimensions[role] = Dimension(str(spec.get("dimension", "")), codes)
    if problems:
        raise MappingError(f"{source}: " + "; ".join(problems))
    return Mapping(table=str(data["table"]), title=str(data["title"]), period=str(data["period"]),
                   measures=measures, region=dimensions["region"], group=dimensions["group"],
                   filters={str(k): str(v) for k, v in dict(data.get("filters", {})).items()})


def shipped_mapping(table: str) -> Mapping | None:
    path = MAPPING_DIR / f"{table}.toml"
    return parse_mapping(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else None


def table_of(response: dict[str, Any]) -> str | None:
    """The table id in the response's metadata URL (…/83599NED/$metadata#…)."""
    for key in CONTEXT:
        match = re.search(r"/(\d{5}(?:NED|ENG))/", str(response.get(key, "")))
        if match:
            return match.group(1)
    return None


def load_response(text: str, source: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IndicatorFileError(source, [RowError(
            exc.lineno, "*", f"not valid JSON ({exc.msg}, column {exc.colno}): is the response "
            "cut off?")]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("value"), list):
        raise IndicatorFileError(source, [RowError(0, "value", "not an OData response: "
                                                   "expected an object with a 'value' list")])
    return data


@dataclass
class _Cell:
    file: str
    row: int  # position in the file's `value` list, from 1
    period: str
    region: str
    group: str
    measure: str
    value: Any
    field_name: str


def _cells(pages: list[tuple[str, dict[str, Any]]], mapping: Mapping,
           errors: dict[str, list[RowError]]) -> tuple[list[_Cell], int]:
    cells: list[_Cell] = []
    skipped = 0
    for source, page in pages:
        problems = errors[source]
        for key in NEXT_LINK:
            if key in page:
                problems.append(RowError(0, key, "the response has more pages: save each page "
                                         f"(follow {key}) and give them all"))
        found = table_of(page)
        if found and found != mapping.table:
            problems.append(RowError(0, CONTEXT[0], f"a response of table {found}, but the "
                                     f"mapping is for {mapping.table}"))
        for row_number, row in enumerate(page["value"], start=1):
            if not isinstance(row, dict):
                problems.append(RowError(row_number, "*", "not an object"))
                continue
            if not str(row.get(mapping.period) or "").strip():
                problems.append(RowError(row_number, mapping.period, "missing period"))
                continue
            if any(str(row.get(d, "")).strip() != k for d, k in mapping.filters.items()):
                skipped += 1
                continue
            region, group = NATIONAL, "all"
            if mapping.region is not None:
                key = str(row.get(mapping.region.name, "")).strip()
                region = mapping.region.codes.get(key) or (
                    NATIONAL if key == "NL01" else key if REGION_KEY.fullmatch(key) else "")
            if mapping.group is not None:
                group = mapping.group.codes.get(str(row.get(mapping.group.name, "")).strip(), "")
            if not region or not group:
                skipped += 1  # a region or category the mapping does not ask for
                continue
            period = str(row[mapping.period]).strip()
            if "Measure" in row and "Value" in row:  # v4: one observation per row
                measures = [(str(row["Measure"]), row["Value"], "Value")]
            else:  # v3: every measure a property of the row
                measures = [(m, row.get(m), m) for m in mapping.measures]
            for measure, value, name in measures:
                if measure in mapping.measures:
                    cells.append(_Cell(source, row_number, period, region, group, measure,
                                       value, name))
    return cells, skipped


def parse_responses(pages: list[tuple[str, str]], mapping: Mapping,
                    regions: RegionCatalogue) -> tuple[list[IndicatorRecord], int]:
    """(records, rows skipped by the mapping). Raises IndicatorFileError listing every problem
    of the first file that has one; nothing is returned half."""
    loaded = [(source, load_response(text, source)) for source, text in pages]
    errors: dict[str, list[RowError]] = defaultdict(list)
    cells, skipped = _cells(loaded, mapping, errors)
    records: list[IndicatorRecord] = []
    first_seen: dict[tuple[str, ...], _Cell] = {}
    periods: dict[str, tuple[str, date, date]] = {}  # a table has few periods, many cells
    for cell in cells:
        problems = errors[cell.file]
        if cell.period not in periods:
            try:
                period = cbs_period(cell.period)
            except ValueError as exc:
                problems.append(RowError(cell.row, mapping.period, str(exc)))
                continue
            periods[cell.period] = (period, *parse_period(period))
        period, start, end = periods[cell.period]
        if (message := regions.check(cell.region)) is not None:
            problems.append(RowError(cell.row, mapping.region.name if mapping.region else "*",
                                     message))
            continue
        measure = mapping.measures[cell.measure]
        if cell.value is None or isinstance(cell.value, bool) or not isinstance(
                cell.value, int | float):
            problems.append(RowError(cell.row, cell.field_name, f"no value for period "
                                     f"{cell.period} ({cell.measure}): CBS left it empty"))
            continue
        key = (period, cell.region, cell.group, measure.indicator)
        if key in first_seen:
            other = first_seen[key]
            problems.append(RowError(cell.row, cell.field_name, f"same period, region, group "
                                     f"and indicator as row {other.row} of {other.file}: add "
                                     "the dimension that differs to [filters]"))
            continue
        first_seen[key] = cell
        value = float(cell.value) * measure.scale
        records.append(IndicatorRecord(
            period=period, period_start=start, period_end=end, region=cell.region,
            occupation_group=cell.group, population_group="all", indicator=measure.indicator,
            value=round(value, 6), unit=INDICATORS[measure.indicator].unit,
            source=mapping.source, note=f"StatLine {cell.measure}", table_id=mapping.table))
    _missing_periods(first_seen, mapping, errors)
    for source, _page in loaded:
        if errors[source]:
            raise IndicatorFileError(source, errors[source])
    if not records:
        raise IndicatorFileError(loaded[0][0] if loaded else "<response>", [RowError(
            0, "value", "no rows match the mapping (check its keys and filters)")])
    return records, skipped


def _missing_periods(cells: dict[tuple[str, ...], _Cell], mapping: Mapping,
                     errors: dict[str, list[RowError]]) -> None:
    """Every series (region, group, indicator) must cover every period of the response."""
    periods = sorted({k[0] for k in cells})
    series: dict[tuple[str, ...], set[str]] = defaultdict(set)
    last: dict[tuple[str, ...], _Cell] = {}
    for (period, *rest), cell in cells.items():
        series[tuple(rest)].add(period)
        last[tuple(rest)] = cell
    for key, have in series.items():
        missing = [p for p in periods if p not in have]
        if missing:
            cell = last[key]
            errors[cell.file].append(RowError(cell.row, mapping.period, (
                f"{', '.join(missing)} missing for region {key[0]}, group {key[1]}, "
                f"{key[2]}: the response lacks periods the other series have")))
