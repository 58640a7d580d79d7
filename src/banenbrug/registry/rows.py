"""Import rows: read CSV/JSON, check every row, say exactly what is wrong and where.

Pure Python (no Django): the importer (`exchange.py`) hands in what the database knows (region
codes, ESCO occupation URIs, ISCO codes) and gets clean, canonical rows or a list of errors.
Canonical means lists de-duplicated and sorted, amounts with two decimals, so that an export
imported again exports to exactly the same file.

In CSV, list cells hold values separated by ';' and outcomes are 'label|url' entries; in JSON
they are lists (outcomes: objects with label and url). Region code NL means national.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any

from banenbrug.registry.atlas import normalise
from banenbrug.registry.vocab import (
    FUNDING_TYPES,
    KINDS,
    NATIONAL,
    RHYTHMS,
    STATUSES,
    TARGET_GROUPS,
    THEME_CODES,
)

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
MAX_ERRORS = 200
_URL = re.compile(r"^https?://[^\s|;]+$")
_ISCO = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class RowError:
    row: int  # data row number: CSV line number (header is line 1) or 1-based JSON position
    field: str
    message: str
    section: str = "initiatives"

    def __str__(self) -> str:
        where = f"row {self.row}" if self.section == "initiatives" else \
            f"{self.section} row {self.row}"
        return f"{where}, {self.field}: {self.message}"


class RowsInvalid(ValueError):
    """One or more rows are wrong; nothing may be written."""

    def __init__(self, source: str, errors: list[RowError]) -> None:
        self.source = source
        self.errors = errors
        shown = "; ".join(str(e) for e in errors[:20])
        more = f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""
        super().__init__(f"{source}: {shown}{more}")


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
    first_row: int = 1  # CSV data starts at line 2


# --- reading ----------------------------------------------------------------------------------

def read_file(path: Path) -> Payload:
    """CSV (initiatives only) or JSON (a list of initiatives, or an object with sections)."""
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        error = RowError(0, "file", f"not UTF-8 text ({exc.reason})")
        raise RowsInvalid(path.name, [error]) from None
    if suffix == ".csv":
        return read_csv(text, path.name)
    if suffix == ".json":
        return read_json(text, path.name)
    raise RowsInvalid(path.name, [RowError(0, "file", "use a .csv or .json file")])


def read_csv(text: str, source: str = "CSV") -> Payload:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = reader.fieldnames or []
    unknown = [c for c in columns if c not in INITIATIVE_COLUMNS]
    missing = [c for c in REQUIRED if c not in columns]
    if unknown or missing:
        problems = ([f"unknown column(s) {', '.join(unknown)}"] if unknown else []) + \
            ([f"missing column(s) {', '.join(missing)}"] if missing else [])
        raise RowsInvalid(source, [RowError(1, "header", "; ".join(problems))])
    rows = []
    for raw in reader:
        if None in raw:
            raw.pop(None)
            raw["__extra__"] = True
        rows.append(raw)
    return Payload(initiatives=rows, first_row=2)


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

class _Bad(ValueError):
    pass


def _text(value: Any, limit: int = 200, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _Bad("must be text")
    text = value.strip()
    if required and not text:
        raise _Bad("is required")
    if len(text) > limit:
        raise _Bad(f"longer than {limit} characters")
    return text


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise _Bad("must be a list of text values")


def _choice(value: Any, choices: Iterable[str], default: str | None = None) -> str:
    text = _text(value)
    if not text and default is not None:
        return default
    options = tuple(choices)
    if text not in options:
        raise _Bad(f"unknown value {text!r} (expected one of {', '.join(options)})")
    return text


def _choices(value: Any, choices: tuple[str, ...]) -> list[str]:
    values = _list(value)
    unknown = [v for v in values if v not in choices]
    if unknown:
        raise _Bad(f"unknown value(s) {', '.join(unknown)} (expected {', '.join(choices)})")
    return [c for c in choices if c in values]  # canonical order, no duplicates


def _amount(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _Bad("must be a number")
    try:
        amount = Decimal(str(value).strip().replace("_", ""))
    except InvalidOperation:
        raise _Bad(f"{value!r} is not a number") from None
    if not amount.is_finite():
        raise _Bad(f"{value!r} is not a number")
    if amount < 0:
        raise _Bad(f"must not be negative ({value})")
    if amount >= Decimal("1e12"):
        raise _Bad("too large")
    return str(amount.quantize(Decimal("0.01")))


def _count(value: Any, required: bool) -> int:
    if value is None or value == "":
        if required:
            raise _Bad("is required")
        return 0
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        raise _Bad(f"{value!r} is not a whole number") from None
    if number < 0:
        raise _Bad(f"must not be negative ({value})")
    return number


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(_text(value)).isoformat()
    except ValueError:
        raise _Bad(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _url(value: Any) -> str:
    text = _text(value, 500)
    if text and not _URL.match(text):
        raise _Bad(f"{text!r} is not an http(s) URL")
    return text


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("", "0", "false", "nee", "no", "n"):
        return False
    if text in ("1", "true", "ja", "yes", "y"):
        return True
    raise _Bad(f"{value!r} is not true/false")


def slug(text: str) -> str:
    return "-".join(normalise(text).split())[:80]


def _key(value: Any, name: str) -> str:
    key = _text(value, 80) or slug(name)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
        raise _Bad(f"{key!r} may hold only a-z, 0-9, '-' and '_'")
    return key


def _regions(value: Any, known: Known) -> list[str]:
    codes = [c.upper() for c in _list(value)]
    if not codes:
        raise _Bad(f"at least one region code is required ({NATIONAL} for national)")
    if NATIONAL in codes and len(codes) > 1:
        raise _Bad(f"{NATIONAL} (national) cannot be combined with regions")
    unknown = [c for c in codes if c != NATIONAL and c not in known.regions]
    if unknown:
        raise _Bad(f"unknown region(s) {', '.join(unknown)}")
    return sorted(set(codes))


def _occupations(value: Any, known: Known) -> list[str]:
    uris = _list(value)
    unknown = [u for u in uris if u not in known.occupations]
    if unknown:
        raise _Bad(f"unknown ESCO occupation URI(s) {', '.join(unknown)}")
    return sorted(set(uris))


def _isco(value: Any, known: Known) -> list[str]:
    codes = _list(value)
    bad = [c for c in codes if not _ISCO.match(c)]
    if bad:
        raise _Bad(f"not an ISCO-08 code: {', '.join(bad)}")
    if known.isco_codes:
        unknown = [c for c in codes if c not in known.isco_codes]
        if unknown:
            raise _Bad(f"unknown ISCO-08 group(s) {', '.join(unknown)}")
    return sorted(set(codes))


def _outcomes(value: Any) -> list[dict[str, str]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        entries = []
        for part in _list(value):
            label, _, url = part.rpartition("|") if "|" in part else (part, "", "")
            entries.append({"label": label, "url": url})
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        entries = value
    else:
        raise _Bad("must be 'label|url' entries separated by ';' (CSV) or a list of objects")
    clean = []
    for entry in entries:
        label = _text(entry.get("label"), 300, required=True)
        if ";" in label or "|" in label:
            raise _Bad(f"label {label!r} may not contain ';' or '|'")
        clean.append({"label": label, "url": _url(entry.get("url"))})
    return clean


# --- checking rows ------------------------------------------------------------------------------

Checker = Callable[[Any], Any]


def _check(raw: Mapping[str, Any], number: int, section: str,
           checks: dict[str, Checker], errors: list[RowError]) -> dict[str, Any] | None:
    clean: dict[str, Any] = {}
    ok = True
    for name, check in checks.items():
        try:
            clean[name] = check(raw.get(name))
        except _Bad as exc:
            errors.append(RowError(number, name, str(exc), section))
            ok = False
    return clean if ok else None


def check_initiatives(rows: list[dict[str, Any]], known: Known, first_row: int = 1
                      ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for offset, raw in enumerate(rows):
        number = first_row + offset
        if raw.get("__extra__"):
            errors.append(RowError(number, "row", "more cells than header columns"))
            continue
        unknown = sorted(set(raw) - set(INITIATIVE_COLUMNS))
        if unknown:
            errors.append(RowError(number, "row", f"unknown field(s) {', '.join(unknown)}"))
            continue
        name = raw["name"] if isinstance(raw.get("name"), str) else ""
        clean = _check(raw, number, "initiatives", {
            "key": partial(_key, name=name),
            "name": lambda v: _text(v, 200, required=True),
            "organisation": lambda v: _text(v, 200, required=True),
            "kind": lambda v: _choice(v, KINDS),
            "description": lambda v: _text(v, 5000),
            "target_groups": lambda v: _choices(v, TARGET_GROUPS),
            "regions": lambda v: _regions(v, known),
            "occupations": lambda v: _occupations(v, known),
            "isco_groups": lambda v: _isco(v, known),
            "status": lambda v: _choice(v, STATUSES, "active"),
            "funding_amount": _amount,
            "funding_source": lambda v: _text(v, 200),
            "funding_start": _date,
            "funding_end": _date,
            "funding_type": lambda v: _choice(v, FUNDING_TYPES, "unknown"),
            "contact": lambda v: _text(v, 200),
            "website": _url,
            "source": _url,
            "outcomes": _outcomes,
            "is_example": _bool,
        }, errors)
        if clean is None:
            continue
        if clean["funding_start"] and clean["funding_end"] and \
                clean["funding_end"] < clean["funding_start"]:
            errors.append(RowError(number, "funding_end", "lies before funding_start"))
            continue
        if clean["key"] in seen:
            errors.append(RowError(number, "key", f"{clean['key']!r} already used in row "
                                                  f"{seen[clean['key']]}"))
            continue
        seen[clean["key"]] = number
        clean_rows.append(clean)
        if len(errors) >= MAX_ERRORS:
            break
    return clean_rows, errors


def _members(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Bad("must be a list of {organisation, role} objects")
    return [{"organisation": _text(m.get("organisation"), 200, required=True),
             "role": _text(m.get("role"), 100)} for m in value]


def check_tables(rows: list[dict[str, Any]], known: Known
                 ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows = []
    for number, raw in enumerate(rows, start=1):
        name = raw["name"] if isinstance(raw.get("name"), str) else ""
        clean = _check(raw, number, "tables", {
            "key": partial(_key, name=name),
            "name": lambda v: _text(v, 200, required=True),
            "organiser": lambda v: _text(v, 200, required=True),
            "description": lambda v: _text(v, 5000),
            "regions": lambda v: _regions(v, known),
            "themes": lambda v: _choices(v, THEME_CODES),
            "rhythm": lambda v: _choice(v, RHYTHMS, "quarterly"),
            "target_groups": lambda v: _choices(v, TARGET_GROUPS),
            "occupations": lambda v: _occupations(v, known),
            "members": _members,
            "contact": lambda v: _text(v, 200),
            "website": _url,
            "source": _url,
            "is_example": _bool,
        }, errors)
        if clean is not None:
            clean_rows.append(clean)
    return clean_rows, errors


def check_pledges(rows: list[dict[str, Any]], known: Known
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows = []

    def reference(value: Any, keys: frozenset[str], what: str, required: bool) -> str:
        key = _text(value, 80, required=required)
        if key and key not in keys:
            raise _Bad(f"unknown {what} {key!r}")
        return key

    for number, raw in enumerate(rows, start=1):
        clean = _check(raw, number, "pledges", {
            "key": lambda v: _key(v, ""),
            "employer": lambda v: _text(v, 200, required=True),
            "initiative": lambda v: reference(v, known.initiatives, "initiative", True),
            "table": lambda v: reference(v, known.tables, "table", False),
            "occupation": lambda v: (_occupations(v, known) or [""])[0],
            "jobs_pledged": lambda v: _count(v, True),
            "jobs_delivered": lambda v: _count(v, False),
            "pledged_on": _date,
            "deadline": _date,
            "is_example": _bool,
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
        code = _text(value, 10, required=True).upper()
        if not code.startswith("ES") or code not in known.regions:
            raise _Bad(f"unknown RES region {code!r}")
        return code

    for number, raw in enumerate(rows, start=1):
        clean = _check(raw, number, "energy_targets", {
            "region": res_region, "description": lambda v: _text(v, 300, required=True),
            "source": _url, "is_example": _bool}, errors)
        if clean is not None:
            clean_rows.append(clean)
    return clean_rows, errors


# --- writing CSV --------------------------------------------------------------------------------

def to_csv_cell(name: str, value: Any) -> str:
    if name == "outcomes":
        return ";".join(f"{o['label']}|{o['url']}" if o["url"] else o["label"] for o in value)
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def write_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=INITIATIVE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: to_csv_cell(k, row[k]) for k in INITIATIVE_COLUMNS})
    return out.getvalue()
