"""The two CBS tables as republished files (see ../shared/data/cbs/README.md) → indicator records.

- People in work by BRC 2014 occupation (CBS 85276NED, 2023, ×1,000) with the median hourly wage
  (CBS 85517NED): `code, title, level, category, jobs_x1000, median_hourly_wage, ...`.
- Open vacancies by province and sector (CBS 83599NED, ×1,000): `regio, sector, periode,
  voorlopig, openstaande_vacatures_x1000, vorig_kwartaal_x1000, jaar_eerder_x1000`.

A file is recognised by its header. Every row is checked, and so is the whole: a file cut off at a
line boundary parses cleanly, so the occupation file must hold all 13 classes of BRC 2014, every
class (segment) must have segments (groups) when any has, and the parts must add up to their
parent (CBS rounds each figure to a thousand); the vacancy file must have every sector for every
region. Pure: no Django.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from banenbrug.monitor.indicators import IndicatorFileError, IndicatorRecord, RowError, parse_period
from banenbrug.monitor.regions import NATIONAL, RegionCatalogue
from banenbrug.tables.errors import RowsInvalid
from banenbrug.tables.reading import Table

LICENCE = "Bron: CBS"  # CC BY 4.0: shown with every figure and chart from these tables
TABLES = {
    "85276NED": "Werkzame beroepsbevolking; beroep",
    "85517NED": "Mediaan uurloon van werknemers naar beroep",
    "83599NED": "Openstaande vacatures; SBI 2008, regio",
}
BRC_CLASSES = tuple(f"{i:02d}" for i in range(1, 14))  # BRC 2014: 13 classes, 01-13
OCCUPATION_COLUMNS = ("code", "title", "level", "jobs_x1000", "median_hourly_wage")
VACANCY_COLUMNS = ("regio", "sector", "periode", "voorlopig", "openstaande_vacatures_x1000",
                   "vorig_kwartaal_x1000", "jaar_eerder_x1000")
SECTORS = {"alle sectoren": "all", "industrie": "sbi:C", "bouw": "sbi:F"}
CBS_QUARTER = re.compile(r"(\d{4})KW0([1-4])")
REPUBLISHED = {"occupations": "rhoeijmakers/nl-jobs (met de cbsodata-client)",
               "vacancies": "WouterArtsRecruitin/TechnicalRecruitmentNews (uit StatLine)"}


def source_line(table_id: str) -> str:
    return f"CBS StatLine {table_id}: {TABLES.get(table_id, table_id)}"


@dataclass(frozen=True)
class CbsFile:
    kind: str  # "occupations" or "vacancies"
    records: list[IndicatorRecord]
    notes: list[str]  # what was left out, and why


def quarter(cbs_period: str) -> str:
    """'2026KW02' → '2026-Q2'."""
    match = CBS_QUARTER.fullmatch(cbs_period)
    if not match:
        raise ValueError(f"{cbs_period!r} is not a CBS quarter like 2026KW02")
    return f"{match.group(1)}-Q{match.group(2)}"


def previous_quarter(period: str, back: int) -> str:
    year, q = int(period[:4]), int(period[-1])
    index = year * 4 + q - 1 - back
    return f"{index // 4}-Q{index % 4 + 1}"


class _Rows:
    """Reads a CSV strictly: rows with missing or extra cells, empty required cells and
    numbers that are not numbers are collected as errors with row and column."""

    def __init__(self, text: str, source: str, required: tuple[str, ...]):
        self.source = source
        self.errors: list[RowError] = []
        self.rows: list[tuple[int, dict[str, str]]] = []
        try:  # the file's shape by banenbrug.tables: truncation and cell counts refused there
            table = Table(text, None, name=source)
            for number, row in table.rows():
                if any(v.strip() for v in row.values()):
                    self.rows.append((number, {k: v.strip() for k, v in row.items()}))
        except RowsInvalid as exc:
            self.errors += [RowError(e.row, "*", e.message) for e in exc.errors]
            return
        self.errors += [RowError(e.row, "*", e.message) for e in table.errors.kept]
        for number, row in self.rows:
            for column in required:
                if not row[column]:
                    self.errors.append(RowError(number, column, "missing"))

    def number(self, number: int, row: dict[str, str], column: str) -> float | None:
        try:
            value = float(row[column])
        except ValueError:
            self.errors.append(RowError(number, column, f"{row[column]!r} is not a number"))
            return None
        if value < 0:
            self.errors.append(RowError(number, column, "must not be negative"))
            return None
        return value

    def fail(self, number: int, column: str, message: str) -> None:
        self.errors.append(RowError(number, column, message))

    def check(self) -> None:
        if self.errors:
            raise IndicatorFileError(self.source, self.errors)
        if not self.rows:
            raise IndicatorFileError(self.source, [RowError(2, "*", "the file has no data rows")])


def _header(text: str) -> set[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return {h.strip() for h in next(csv.reader([first]), [])}


def parse_cbs_file(text: str, regions: RegionCatalogue, source: str = "<csv>") -> CbsFile:
    header = _header(text)
    readers: dict[str, tuple[tuple[str, ...], Callable[..., CbsFile]]] = {
        "occupations": (OCCUPATION_COLUMNS, _occupations),
        "vacancies": (VACANCY_COLUMNS, _vacancies)}
    for columns, parse in readers.values():
        if set(columns) <= header:
            return parse(_Rows(text, source, columns), regions)
    raise IndicatorFileError(source, [RowError(1, "*", "not a known CBS file: expected the "
                                               "columns " + ", ".join(OCCUPATION_COLUMNS) +
                                               " or " + ", ".join(VACANCY_COLUMNS))])


def read_cbs_file(path: Path, regions: RegionCatalogue) -> CbsFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise IndicatorFileError(str(path), [RowError(0, "*", "file not found")]) from exc
    except UnicodeDecodeError as exc:
        raise IndicatorFileError(str(path), [RowError(0, "*", "not UTF-8 text")]) from exc
    return parse_cbs_file(text, regions, source=str(path))


def _occupations(rows: _Rows, regions: RegionCatalogue) -> CbsFile:
    start, end = parse_period("2023")
    seen: dict[str, int] = {}
    jobs: dict[str, float] = {}
    wages: dict[str, float] = {}
    titles: dict[str, str] = {}
    for number, row in rows.rows:
        code = row["code"]
        if not re.fullmatch(r"\d{2,4}", code):
            rows.fail(number, "code", f"{code!r} is not a BRC 2014 code (2 to 4 digits)")
            continue
        if code in seen:
            rows.fail(number, "code", f"BRC {code} again (first in row {seen[code]})")
            continue
        seen[code] = number
        if row["level"] != str(len(code)):
            rows.fail(number, "level", f"BRC {code} has {len(code)} digits, so level "
                      f"{len(code)}, not {row['level']!r}")
        if len(code) > 2 and code[:-1] not in seen:
            rows.fail(number, "code", f"BRC {code} comes before (or without) its parent "
                      f"{code[:-1]}")
        value = rows.number(number, row, "jobs_x1000")
        wage = rows.number(number, row, "median_hourly_wage")
        if value is not None:
            jobs[code] = value
        if wage is not None:
            wages[code] = wage
        titles[code] = row["title"]
    last = max(seen.values(), default=1)
    missing = [c for c in BRC_CLASSES if c not in seen]
    if seen and missing:
        rows.fail(last, "code", f"BRC 2014 classes {', '.join(missing)} missing: is the file "
                  "cut off?")
    depth = max((len(c) for c in seen), default=2)
    for parent, number in seen.items():
        children = [c for c in seen if len(c) == len(parent) + 1 and c.startswith(parent)]
        if not children and len(parent) < depth:
            rows.fail(number, "code", f"BRC {parent} has no parts while other codes of its "
                      "level have: is the file cut off?")
        if parent in jobs and children and all(c in jobs for c in children):
            total = sum(jobs[c] for c in children)
            if abs(total - jobs[parent]) > 0.5 * (len(children) + 1):  # rounding to thousands
                rows.fail(number, "jobs_x1000", f"BRC {parent}: {jobs[parent]:g} thousand, but "
                          f"its {len(children)} parts add up to {total:g}: rows missing?")
    rows.check()
    records: list[IndicatorRecord] = []
    copied = []
    for code in seen:
        employment = IndicatorRecord(
            period="2023", period_start=start, period_end=end, region=NATIONAL,
            occupation_group=f"brc:{code}", population_group="all", label=titles[code],
            indicator="employment", value=jobs[code] * 1000, unit="count",
            source=source_line("85276NED"), table_id="85276NED",
            note="Mannen en vrouwen samen; CBS rondt af op duizendtallen. Via "
                 + REPUBLISHED["occupations"] + ".")
        records.append(employment)
        parent = code[:-1]
        # The republisher copied the parent's wage where CBS has none: a group with the same
        # wage as its parent (and not its only part) is left out rather than shown as CBS's.
        if len(code) > 2 and wages[code] == wages[parent] and jobs[code] != jobs[parent]:
            copied.append(code)
            continue
        records.append(replace(
            employment, indicator="median_hourly_wage", value=wages[code], unit="EUR/h",
            source=source_line("85517NED"), table_id="85517NED",
            note="Via " + REPUBLISHED["occupations"] + "."))
    notes = [f"{len(copied)} median wages left out: equal to their parent's, which the "
             "republisher copied where CBS publishes none (BRC " + ", ".join(copied) + ")"
             ] if copied else []
    return CbsFile("occupations", records, notes)


def _vacancies(rows: _Rows, regions: RegionCatalogue) -> CbsFile:
    by_name = {r.name: r.code for r in regions.regions.values() if r.kind == "province"}
    by_name["Nederland"] = NATIONAL
    seen: dict[tuple[str, str, str], int] = {}
    records: list[IndicatorRecord] = []
    cells: dict[tuple[str, ...], tuple[int, float]] = {}  # a quarter can come from two rows
    for number, row in rows.rows:
        region = by_name.get(row["regio"])
        if region is None:
            rows.fail(number, "regio", f"unknown province {row['regio']!r} (known: "
                      f"{', '.join(sorted(by_name))})")
        group = SECTORS.get(row["sector"])
        if group is None:
            rows.fail(number, "sector", f"unknown sector {row['sector']!r} (known: "
                      f"{', '.join(SECTORS)})")
        try:
            period = quarter(row["periode"])
        except ValueError as exc:
            rows.fail(number, "periode", str(exc))
            continue
        if row["voorlopig"] not in ("true", "false"):
            rows.fail(number, "voorlopig", f"{row['voorlopig']!r} is not true or false")
        key = (row["regio"], row["sector"], row["periode"])
        if key in seen:
            rows.fail(number, "regio", f"{', '.join(key)} again (first in row {seen[key]})")
            continue
        seen[key] = number
        values = [(column, back, rows.number(number, row, column)) for column, back in (
            ("openstaande_vacatures_x1000", 0), ("vorig_kwartaal_x1000", 1),
            ("jaar_eerder_x1000", 4))]
        if region is None or group is None:
            continue
        for column, back, value in values:
            if value is None:
                continue
            shown = previous_quarter(period, back)
            start, end = parse_period(shown)
            provisional = back == 0 and row["voorlopig"] == "true"
            cell = (shown, region, group)
            if cell in cells:
                first, earlier = cells[cell]
                if earlier != value:
                    rows.fail(number, column, f"{row['regio']}, {row['sector']}, {shown}: "
                              f"{value:g} here but {earlier:g} in row {first}")
                continue
            cells[cell] = (number, value)
            records.append(IndicatorRecord(
                period=shown, period_start=start, period_end=end, region=region,
                occupation_group=group, population_group="all", indicator="vacancies_open",
                value=round(value * 1000), unit="count", source=source_line("83599NED"),
                table_id="83599NED", label=row["sector"],
                note=("Voorlopig cijfer. " if provisional else "") + "Einde kwartaal; CBS rondt "
                     "af op honderdtallen. Via " + REPUBLISHED["vacancies"] + "."))
    regions_seen = {k[0] for k in seen}
    for name in sorted(regions_seen):
        missing = [s for s in SECTORS if not any(k[0] == name and k[1] == s for k in seen)]
        if missing:
            rows.fail(max(seen.values()), "sector", f"{name} has no row for "
                      f"{', '.join(missing)}: is the file cut off?")
    if seen and "Nederland" not in regions_seen:
        rows.fail(max(seen.values()), "regio", "no row for Nederland: is the file cut off?")
    rows.check()
    return CbsFile("vacancies", records, [])
