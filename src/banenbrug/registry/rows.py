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
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from banenbrug.atlas import NATIONAL, normalise
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
from banenbrug.tables.errors import MAX_ERRORS, RowError, RowsInvalid
from banenbrug.tables.reading import Limits, Source, Table
from banenbrug.tables.writing import cell_text, csv_text

INITIATIVE_COLUMNS = (
    "key", "name", "organisation", "kind", "description", "target_groups", "regions",
    "occupations", "isco_groups", "status", "funding_amount", "funding_source", "funding_start",
    "funding_end", "funding_type", "contact", "website", "source", "outcomes", "is_example")
REQUIRED = ("name", "organisation", "kind", "regions")
TABLE_KEYS = ("key", "name", "organiser", "description", "regions", "themes", "rhythm",
              "target_groups", "occupations", "members", "contact", "website", "source",
              "is_example")
PLEDGE_KEYS = ("key", "employer", "initiative", "table", "occupation", "jobs_pledged",
               "jobs_delivered", "pledged_on", "deadline", "is_example")
ENERGY_TARGET_KEYS = ("region", "description", "source", "is_example")
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

def slug(text: str) -> str:
    return "-".join(normalise(text).split())[:80]


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


# --- checking rows ------------------------------------------------------------------------------

def check_initiatives(rows: list[dict[str, Any]], known: Known, numbers: list[int] | None = None
                      ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for offset, raw in enumerate(rows):
        number = numbers[offset] if numbers is not None else offset + 1
        unknown = sorted(set(raw) - set(INITIATIVE_COLUMNS))
        if unknown:
            errors.append(RowError(number, "row", f"unknown field(s) {', '.join(unknown)}"))
            continue
        name = raw["name"] if isinstance(raw.get("name"), str) else ""
        clean = C.check_fields(raw, number, "", {
            "key": partial(C.key, default=slug(name)),
            "name": lambda v: C.text(v, 200, required=True),
            "organisation": lambda v: C.text(v, 200, required=True),
            "kind": lambda v: C.choice(v, KINDS),
            "description": lambda v: C.text(v, 5000),
            "target_groups": lambda v: C.choices(v, TARGET_GROUPS),
            "regions": lambda v: _regions(v, known),
            "occupations": lambda v: _occupations(v, known),
            "isco_groups": lambda v: _isco(v, known),
            "status": lambda v: C.choice(v, STATUSES, "active"),
            "funding_amount": C.amount,
            "funding_source": lambda v: C.text(v, 200),
            "funding_start": C.day,
            "funding_end": C.day,
            "funding_type": lambda v: C.choice(v, FUNDING_TYPES, "unknown"),
            "contact": lambda v: C.text(v, 200),
            "website": C.url,
            "source": C.url,
            "outcomes": _outcomes,
            "is_example": C.boolean,
        }, errors)
        if clean is None:
            continue
        if clean["funding_start"] and clean["funding_end"] and \
                clean["funding_end"] < clean["funding_start"]:
            errors.append(RowError(number, "funding_end", "lies before funding_start"))
            continue
        if not C.unique_key(clean["key"], number, seen, "", errors):
            continue
        clean_rows.append(clean)
        if len(errors) >= MAX_ERRORS:
            break
    return clean_rows, errors


def _members(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Bad("must be a list of {organisation, role} objects")
    return [{"organisation": C.text(m.get("organisation"), 200, required=True),
             "role": C.text(m.get("role"), 100)} for m in value]


def check_tables(rows: list[dict[str, Any]], known: Known
                 ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows = []
    for number, raw in enumerate(rows, start=1):
        name = raw["name"] if isinstance(raw.get("name"), str) else ""
        clean = C.check_fields(raw, number, "tables", {
            "key": partial(C.key, default=slug(name)),
            "name": lambda v: C.text(v, 200, required=True),
            "organiser": lambda v: C.text(v, 200, required=True),
            "description": lambda v: C.text(v, 5000),
            "regions": lambda v: _regions(v, known),
            "themes": lambda v: C.choices(v, THEME_CODES),
            "rhythm": lambda v: C.choice(v, RHYTHMS, "quarterly"),
            "target_groups": lambda v: C.choices(v, TARGET_GROUPS),
            "occupations": lambda v: _occupations(v, known),
            "members": _members,
            "contact": lambda v: C.text(v, 200),
            "website": C.url,
            "source": C.url,
            "is_example": C.boolean,
        }, errors)
        if clean is not None:
            clean_rows.append(clean)
    return clean_rows, errors


def check_pledges(rows: list[dict[str, Any]], known: Known
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows = []

    def reference(value: Any, keys: frozenset[str], what: str, required: bool) -> str:
        key = C.text(value, 80, required=required)
        if key and key not in keys:
            raise Bad(f"unknown {what} {key!r}")
        return key

    for number, raw in enumerate(rows, start=1):
        clean = C.check_fields(raw, number, "pledges", {
            "key": C.key,
            "employer": lambda v: C.text(v, 200, required=True),
            "initiative": lambda v: reference(v, known.initiatives, "initiative", True),
            "table": lambda v: reference(v, known.tables, "table", False),
            "occupation": lambda v: (_occupations(v, known) or [""])[0],
            "jobs_pledged": lambda v: C.count(v, True),
            "jobs_delivered": lambda v: C.count(v, False),
            "pledged_on": C.day,
            "deadline": C.day,
            "is_example": C.boolean,
        }, errors)
        if clean is not None:
            if clean["jobs_pledged"] == 0:
                errors.append(RowError(number, "jobs_pledged", "must be at least 1", "pledges"))
                continue
            clean_rows.append(clean)
    return clean_rows, errors


def check_energy_targets(rows: list[dict[str, Any]], known: Known
                         ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows = []

    def res_region(value: Any) -> str:
        code = C.text(value, 10, required=True).upper()
        if not code.startswith("ES") or code not in known.regions:
            raise Bad(f"unknown RES region {code!r}")
        return code

    for number, raw in enumerate(rows, start=1):
        clean = C.check_fields(raw, number, "energy_targets", {
            "region": res_region, "description": lambda v: C.text(v, 300, required=True),
            "source": C.url, "is_example": C.boolean}, errors)
        if clean is not None:
            clean_rows.append(clean)
    return clean_rows, errors


# --- writing CSV --------------------------------------------------------------------------------

def to_csv_cell(name: str, value: Any) -> str:
    if name == "outcomes":
        return ";".join(f"{o['label']}|{o['url']}" if o["url"] else o["label"] for o in value)
    return cell_text(value)


def write_csv(rows: list[dict[str, Any]]) -> str:
    return csv_text(INITIATIVE_COLUMNS,
                    ([to_csv_cell(k, row[k]) for k in INITIATIVE_COLUMNS] for row in rows))
