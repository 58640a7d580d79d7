"""Import rows: read CSV/JSON, check every row, say exactly what is wrong and where.

Pure Python (no Django): the importer (`exchange.py`) hands in what the database knows (region
codes, ESCO occupation URIs, ISCO codes) and gets clean, canonical rows or a list of errors.
CSV is read by `banenbrug.tables`; the value checks are its shared `cells`.
Canonical means lists de-duplicated and sorted, amounts with two decimals, so that an export
imported again exports to exactly the same file.

In CSV, list cells hold values separated by ';' and outcomes are 'label|url' entries; in JSON
they are lists (outcomes: objects with label and url). Region code NL means national.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import model_validator

from banenbrug.atlas import NATIONAL
from banenbrug.registry.vocab import (
    FUNDING_TYPES,
    KINDS,
    RHYTHMS,
    STATUSES,
    TARGET_GROUPS,
    THEME_CODES,
)
from banenbrug.tables import cells as C
from banenbrug.tables.cells import Bad
from banenbrug.tables.errors import RowError, RowsInvalid
from banenbrug.tables.models import (
    Day,
    Flag,
    Key,
    Name,
    RowModel,
    Url,
    cell,
    check_rows,
    known_cell,
    row_problem,
)
from banenbrug.tables.reading import Limits, Source, Table
from banenbrug.tables.writing import cell_text, csv_text

REQUIRED = ("name", "organisation", "kind", "regions")
_ISCO = re.compile(r"^\d{1,4}$")
# Every row is held until all are checked (one transaction): a registry is far smaller.
LIMITS = Limits(max_bytes=20 * 2**20)


@dataclass(frozen=True)
class Known:
    """What the database knows, for checking references."""

    regions: frozenset[str]
    occupations: frozenset[str]
    isco_codes: frozenset[str] = frozenset()  # empty: check the format only
    initiatives: frozenset[str] = frozenset()  # keys already stored (for pledges)
    tables: frozenset[str] = frozenset()


@dataclass
class Payload:
    """Everything one file holds, as raw rows (dicts) per section."""

    initiatives: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    pledges: list[dict[str, Any]] = field(default_factory=list)
    energy_targets: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[int] | None = None  # CSV: the initiatives' row numbers; JSON: 1, 2, ...
    errors: list[RowError] = field(default_factory=list)  # rows of the wrong shape (CSV)


# --- reading ----------------------------------------------------------------------------------

def read_file(path: Path) -> Payload:
    """CSV (initiatives only) or JSON (a list of initiatives, or an object with sections)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path, path.name)
    if suffix != ".json":
        raise RowsInvalid(path.name, [RowError(0, "file", "use a .csv or .json file")])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        error = RowError(0, "file", f"not UTF-8 text ({exc.reason})")
        raise RowsInvalid(path.name, [error]) from None
    return read_json(text, path.name)


def read_csv(source: Source, name: str = "CSV") -> Payload:
    """Initiatives from CSV, read by `banenbrug.tables` (encoding, header, truncation, shape)."""
    table = Table(source, INITIATIVE_COLUMNS, REQUIRED, name=name, limits=LIMITS)
    numbered = list(table.rows())
    return Payload(initiatives=[raw for _, raw in numbered],
                   numbers=[number for number, _ in numbered], errors=table.errors.kept)


def read_json(text: str, source: str = "JSON") -> Payload:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        error = RowError(exc.lineno, "file", f"invalid JSON: {exc.msg}")
        raise RowsInvalid(source, [error]) from None
    if isinstance(data, list):
        data = {"initiatives": data}
    if not isinstance(data, dict):
        raise RowsInvalid(source, [RowError(0, "file", "expected an object or a list")])
    sections = ("initiatives", "tables", "pledges", "energy_targets")
    unknown = [k for k in data if k not in (*sections, "format", "note")]
    if unknown:
        raise RowsInvalid(source, [RowError(0, "file", f"unknown section(s) {unknown}")])
    payload = Payload()
    for name in sections:
        rows = data.get(name, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise RowsInvalid(source, [RowError(0, name, "must be a list of objects")])
        setattr(payload, name, rows)
    return payload


# --- checking single values ---------------------------------------------------------------------

def _regions(value: Any, known: Known) -> list[str]:
    codes = [c.upper() for c in C.text_list(value)]
    if not codes:
        raise Bad(f"at least one region code is required ({NATIONAL} for national)")
    if NATIONAL in codes and len(codes) > 1:
        raise Bad(f"{NATIONAL} (national) cannot be combined with regions")
    unknown = [c for c in codes if c != NATIONAL and c not in known.regions]
    if unknown:
        raise Bad(f"unknown region(s) {', '.join(unknown)}")
    return sorted(set(codes))


def _occupations(value: Any, known: Known) -> list[str]:
    uris = C.text_list(value)
    unknown = [u for u in uris if u not in known.occupations]
    if unknown:
        raise Bad(f"unknown ESCO occupation URI(s) {', '.join(unknown)}")
    return sorted(set(uris))


def _isco(value: Any, known: Known) -> list[str]:
    codes = C.text_list(value)
    bad = [c for c in codes if not _ISCO.match(c)]
    if bad:
        raise Bad(f"not an ISCO-08 code: {', '.join(bad)}")
    if known.isco_codes:
        unknown = [c for c in codes if c not in known.isco_codes]
        if unknown:
            raise Bad(f"unknown ISCO-08 group(s) {', '.join(unknown)}")
    return sorted(set(codes))


def _outcomes(value: Any) -> list[dict[str, str]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        entries = []
        for part in C.text_list(value):
            label, _, url = part.rpartition("|") if "|" in part else (part, "", "")
            entries.append({"label": label, "url": url})
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        entries = value
    else:
        raise Bad("must be 'label|url' entries separated by ';' (CSV) or a list of objects")
    clean = []
    for entry in entries:
        label = C.text(entry.get("label"), 300, required=True)
        if ";" in label or "|" in label:
            raise Bad(f"label {label!r} may not contain ';' or '|'")
        clean.append({"label": label, "url": C.url(entry.get("url"))})
    return clean


def _members(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Bad("must be a list of {organisation, role} objects")
    return [{"organisation": C.text(m.get("organisation"), 200, required=True),
             "role": C.text(m.get("role"), 100)} for m in value]


def _reference(value: Any, keys: frozenset[str], what: str, required: bool) -> str:
    key = C.text(value, 80, required=required)
    if key and key not in keys:
        raise Bad(f"unknown {what} {key!r}")
    return key


def _res_region(value: Any, known: Known) -> str:
    code = C.text(value, 10, required=True).upper()
    if not code.startswith("ES") or code not in known.regions:
        raise Bad(f"unknown RES region {code!r}")
    return code


# --- the row types ------------------------------------------------------------------------------
# Each field in column order; `known` (the database's codes) is the validation context.

Text200 = Annotated[str, cell(partial(C.text, limit=200))]
Description = Annotated[str, cell(partial(C.text, limit=5000))]
Regions = Annotated[list[str], known_cell(_regions)]
Occupations = Annotated[list[str], known_cell(_occupations)]
TargetGroups = Annotated[list[str], cell(partial(C.choices, options=TARGET_GROUPS))]


class InitiativeRow(RowModel):
    """An initiative: one row of the registry's CSV, or an object of its JSON `initiatives`."""

    required: ClassVar[tuple[str, ...]] = REQUIRED
    key_from: ClassVar[str | None] = "name"
    key: Key
    name: Name
    organisation: Name
    kind: Annotated[str, cell(partial(C.choice, choices=KINDS))]
    description: Description
    target_groups: TargetGroups
    regions: Regions
    occupations: Occupations
    isco_groups: Annotated[list[str], known_cell(_isco)]
    status: Annotated[str, cell(partial(C.choice, choices=STATUSES, default="active"))
                      ]
    funding_amount: Annotated[str | None, cell(C.amount)]
    funding_source: Text200
    funding_start: Day
    funding_end: Day
    funding_type: Annotated[str, cell(partial(C.choice, choices=FUNDING_TYPES,
                                              default="unknown"))]
    contact: Text200
    website: Url
    source: Url
    outcomes: Annotated[list[dict[str, str]], cell(_outcomes)]
    is_example: Flag

    @model_validator(mode="after")
    def _funding_period(self) -> InitiativeRow:
        if self.funding_start and self.funding_end and self.funding_end < self.funding_start:
            raise row_problem("funding_end", "lies before funding_start")
        return self


class TableRow(RowModel):
    """A consultation table (JSON `tables`)."""

    key_from: ClassVar[str | None] = "name"
    key: Key
    name: Name
    organiser: Name
    description: Description
    regions: Regions
    themes: Annotated[list[str], cell(partial(C.choices, options=THEME_CODES))]
    rhythm: Annotated[str, cell(partial(C.choice, choices=RHYTHMS, default="quarterly"))]
    target_groups: TargetGroups
    occupations: Occupations
    members: Annotated[list[dict[str, str]], cell(_members)]
    contact: Text200
    website: Url
    source: Url
    is_example: Flag


class PledgeRow(RowModel):
    """An employer's pledge of jobs (JSON `pledges`)."""

    key: Key
    employer: Name
    initiative: Annotated[str, known_cell(
        lambda v, known: _reference(v, known.initiatives, "initiative", True))]
    table: Annotated[str, known_cell(
        lambda v, known: _reference(v, known.tables, "table", False))]
    occupation: Annotated[str, known_cell(lambda v, known: (_occupations(v, known) or [""])[0])]
    jobs_pledged: Annotated[int, cell(partial(C.count, required=True))]
    jobs_delivered: Annotated[int, cell(partial(C.count, required=False))]
    pledged_on: Day
    deadline: Day
    is_example: Flag

    @model_validator(mode="after")
    def _some_jobs(self) -> PledgeRow:
        if self.jobs_pledged == 0:
            raise row_problem("jobs_pledged", "must be at least 1")
        return self


class EnergyTargetRow(RowModel):
    """A RES region's energy target (JSON `energy_targets`)."""

    region: Annotated[str, known_cell(_res_region)]
    description: Annotated[str, cell(partial(C.text, limit=300, required=True))]
    source: Url
    is_example: Flag


INITIATIVE_COLUMNS = tuple(InitiativeRow.model_fields)


# --- checking rows ------------------------------------------------------------------------------

def check_initiatives(rows: list[dict[str, Any]], known: Known, numbers: list[int] | None = None
                      ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    clean = [row for number, row in check_rows(InitiativeRow, rows, numbers, known, errors)
             if C.unique_key(row["key"], number, seen, "", errors)]
    return clean, errors


def _checker(model: type[RowModel], section: str) -> Callable[
        [list[dict[str, Any]], Known], tuple[list[dict[str, Any]], list[RowError]]]:
    def check(rows: list[dict[str, Any]], known: Known
              ) -> tuple[list[dict[str, Any]], list[RowError]]:
        errors: list[RowError] = []
        return [row for _, row in check_rows(model, rows, None, known, errors, section)], errors
    return check


check_tables = _checker(TableRow, "tables")
check_pledges = _checker(PledgeRow, "pledges")
check_energy_targets = _checker(EnergyTargetRow, "energy_targets")


# --- writing CSV --------------------------------------------------------------------------------

def to_csv_cell(name: str, value: Any) -> str:
    if name == "outcomes":
        return ";".join(f"{o['label']}|{o['url']}" if o["url"] else o["label"] for o in value)
    return cell_text(value)


def write_csv(rows: list[dict[str, Any]]) -> str:
    return csv_text(INITIATIVE_COLUMNS,
                    ([to_csv_cell(k, row[k]) for k in INITIATIVE_COLUMNS] for row in rows))
