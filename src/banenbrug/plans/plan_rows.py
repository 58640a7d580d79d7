"""Rows of the training catalogue and the funding schemes: read CSV/JSON, check every row.

Pure Python (no Django), like `registry/rows.py`, whose value checkers and error types it uses.
The importer (`exchange.py`) hands in what the database knows (ESCO skill URIs, stored scheme
keys, the models' choice values, the region check) and gets canonical rows or every error at
once. Canonical: lists de-duplicated and sorted, amounts with two decimals, rules on one line,
so that an export imported again exports to exactly the same bytes.

In CSV a list cell holds values separated by ';'; in JSON it is a list.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from banenbrug.plans import rules
from banenbrug.registry import rows as R
from banenbrug.registry.rows import RowError, RowsInvalid, _Bad

MODULES, SCHEMES = "modules", "schemes"  # section names in errors and import reports
MODULE_COLUMNS = (
    "key", "provider", "title", "description", "skills", "hours", "weeks", "cost_eur", "form",
    "delivery", "region", "start_dates", "award", "learn_work_wage_eur", "source_url",
    "is_example")
MODULE_REQUIRED = ("provider", "title", "skills", "hours", "weeks", "cost_eur", "form",
                   "delivery", "award")
SCHEME_COLUMNS = (
    "key", "name", "provider", "kind", "pays_for", "eligibility", "percent", "max_eur",
    "cap_basis", "monthly_eur", "forms", "stackable", "excludes", "valid_from", "valid_until",
    "apply_by", "source_url", "notes", "is_example")
SCHEME_REQUIRED = ("name", "provider", "kind")
LEARN_WORK = "learn_work"
INCOME = "income"
# The models' decimal fields: max_digits 10 (costs, maxima) and 8 (monthly amounts), 2 places.
MAX_AMOUNT = Decimal("99999999.99")
MAX_MONTHLY = Decimal("999999.99")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Choices:
    """The allowed codes of the models' choice fields (the models own them; they pass them in)."""

    forms: tuple[str, ...]
    deliveries: tuple[str, ...]
    awards: tuple[str, ...]
    kinds: tuple[str, ...]
    pays_for: tuple[str, ...]
    cap_bases: tuple[str, ...]
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class Known:
    """What the database knows, for checking references."""

    skills: frozenset[str]
    choices: Choices
    is_region: Callable[[str], bool]  # labour-market region code (AM..)
    provinces: frozenset[str] = frozenset()
    schemes: frozenset[str] = frozenset()  # keys already stored (for excludes)


@dataclass
class Rows:
    """The raw rows of one file; `first_row` numbers the first (CSV: line 2, JSON: 1)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    first_row: int = 1


# --- reading ----------------------------------------------------------------------------------

def file_format(path: Path, fmt: str | None = None) -> str:
    """csv or json: as given, else from the file suffix."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in ("csv", "json"):
        raise RowsInvalid(path.name, [RowError(0, "file", "use a .csv or .json file (or say "
                                                          "--format csv|json)")])
    return chosen


def read_file(path: Path, columns: tuple[str, ...], required: tuple[str, ...],
              fmt: str | None = None) -> Rows:
    chosen = file_format(path, fmt)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RowsInvalid(path.name, [RowError(0, "file", f"not UTF-8 text ({exc.reason})")]
                          ) from None
    return read_text(text, chosen, columns, required, path.name)


def read_text(text: str, fmt: str, columns: tuple[str, ...], required: tuple[str, ...],
              source: str) -> Rows:
    """Rows from CSV or JSON text (an uploaded file, say)."""
    if fmt == "csv":
        return read_csv(text, columns, required, source)
    return read_json(text, source)


def read_csv(text: str, columns: tuple[str, ...], required: tuple[str, ...],
             source: str = "CSV") -> Rows:
    # A spreadsheet saved with Dutch settings separates cells by ';' (as the registry accepts).
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = reader.fieldnames or []
    unknown = [c for c in header if c not in columns]
    missing = [c for c in required if c not in header]
    if unknown or missing:
        problems = ([f"unknown column(s) {', '.join(unknown)}"] if unknown else []) + \
            ([f"missing column(s) {', '.join(missing)}"] if missing else [])
        raise RowsInvalid(source, [RowError(1, "header", "; ".join(problems))])
    rows = []
    for raw in reader:
        if None in raw:  # more cells than the header has columns
            raw.pop(None)
            raw["__extra__"] = True
        rows.append(raw)
    return Rows(rows, first_row=2)


def read_json(text: str, source: str = "JSON") -> Rows:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RowsInvalid(source, [RowError(exc.lineno, "file", f"invalid JSON: {exc.msg}")]
                          ) from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise RowsInvalid(source, [RowError(0, "file", "expected a list of objects")])
    return Rows(data, first_row=1)


# --- checking single values ---------------------------------------------------------------------

def _whole(value: Any, low: int, high: int) -> int:
    number = R._count(value, required=True)
    if not low <= number <= high:
        raise _Bad(f"must be between {low} and {high} ({number})")
    return number


def _money(value: Any, limit: Decimal, required: bool = False) -> str | None:
    amount = R._amount(value)
    if amount is None:
        if required:
            raise _Bad("is required")
        return None
    if Decimal(amount) > limit:
        raise _Bad(f"at most {limit}")
    return amount


def _percent(value: Any) -> str:
    amount = R._amount(value)
    if amount is None:
        return "100.00"  # the model's default: the scheme pays all costs
    if Decimal(amount) > 100:
        raise _Bad(f"must be at most 100 ({value})")
    return amount


def _source(value: Any) -> str:
    url = R._url(value)
    if len(url) > 200:  # the models' URLField
        raise _Bad("longer than 200 characters")
    return url


def _skills(value: Any, known: Known) -> list[str]:
    uris = R._list(value)
    if not uris:
        raise _Bad("at least one ESCO skill URI is required")
    unknown = [u for u in dict.fromkeys(uris) if u not in known.skills]
    if unknown:
        shown = ", ".join(unknown[:5]) + (f" (and {len(unknown) - 5} more)"
                                          if len(unknown) > 5 else "")
        raise _Bad(f"unknown ESCO skill URI(s) {shown}")
    return sorted(set(uris))


def _region(value: Any, known: Known) -> str:
    code = R._text(value, 10).upper()
    if code and not known.is_region(code):
        raise _Bad(f"unknown labour-market region {code!r} (AM01..AM38; leave empty for "
                   "national or online)")
    return code


def _dates(value: Any) -> list[str]:
    return sorted({d for d in (R._date(v) for v in R._list(value)) if d})


def _keys(value: Any) -> list[str]:
    keys = R._list(value)
    bad = [k for k in keys if not _KEY.match(k)]
    if bad:
        raise _Bad(f"not a key: {', '.join(bad)}")
    return sorted(set(keys))


def _stackable(value: Any) -> bool:
    # Empty means the model's default: a scheme can be combined with others.
    return True if value is None or value == "" else R._bool(value)


def unknown_rule_values(rule: rules.Rule, known: Known) -> list[tuple[str, str]]:
    """(field, value) pairs the parser accepts but that can never match: region and province
    codes that do not exist, sectors a person cannot have."""
    checks: dict[str, Callable[[str], bool]] = {
        "region": known.is_region,
        "province": lambda v: not known.provinces or v in known.provinces,
        "sector": lambda v: v in known.choices.sectors,
    }
    bad = []
    for clause in rule.clauses:
        check = checks.get(clause.field)
        if check is None:
            continue
        values = clause.value if isinstance(clause.value, tuple) else (str(clause.value),)
        bad += [(clause.field, v) for v in values if not check(v)]
    return bad


def _rule(value: Any, known: Known) -> str:
    text = R._text(value, 2000)
    try:
        rule = rules.parse(text)
    except rules.RuleError as exc:
        raise _Bad(str(exc)) from None
    bad = unknown_rule_values(rule, known)
    if bad:
        raise _Bad("unknown " + ", ".join(f"{f} {v!r}" for f, v in bad))
    return " ".join(text.split())  # one line: the language has no quoted text


# --- checking rows ------------------------------------------------------------------------------

def _raw_rows(rows: list[dict[str, Any]], columns: tuple[str, ...], first_row: int,
              section: str, errors: list[RowError]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows worth checking, field by field; shape problems reported here."""
    for offset, raw in enumerate(rows):
        if len(errors) >= R.MAX_ERRORS:
            return
        number = first_row + offset
        if raw.get("__extra__"):
            errors.append(RowError(number, "row", "more cells than header columns", section))
            continue
        unknown = sorted(set(raw) - set(columns))
        if unknown:
            errors.append(RowError(number, "row", f"unknown field(s) {', '.join(unknown)}",
                                   section))
            continue
        yield number, raw


def _unique(clean: dict[str, Any], number: int, seen: dict[str, int], section: str,
            errors: list[RowError]) -> bool:
    key = clean["key"]
    if key in seen:
        errors.append(RowError(number, "key", f"{key!r} already used in row {seen[key]}",
                               section))
        return False
    seen[key] = number
    return True


def check_modules(rows: list[dict[str, Any]], known: Known, first_row: int = 1
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    clean_rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    choices = known.choices
    for number, raw in _raw_rows(rows, MODULE_COLUMNS, first_row, MODULES, errors):
        title = raw["title"] if isinstance(raw.get("title"), str) else ""
        clean = R._check(raw, number, MODULES, {
            "key": partial(R._key, name=title),
            "provider": lambda v: R._text(v, 200, required=True),
            "title": lambda v: R._text(v, 200, required=True),
            "description": lambda v: R._text(v, 4000),
            "skills": lambda v: _skills(v, known),
            "hours": lambda v: _whole(v, 1, 5000),
            "weeks": lambda v: _whole(v, 1, 260),
            "cost_eur": lambda v: _money(v, MAX_AMOUNT, required=True),
            "form": lambda v: R._choice(v, choices.forms),
            "delivery": lambda v: R._choice(v, choices.deliveries),
            "region": lambda v: _region(v, known),
            "start_dates": _dates,
            "award": lambda v: R._choice(v, choices.awards),
            "learn_work_wage_eur": lambda v: _money(v, MAX_MONTHLY),
            "source_url": _source,
            "is_example": R._bool,
        }, errors)
        if clean is None:
            continue
        if clean["learn_work_wage_eur"] is not None and clean["form"] != LEARN_WORK:
            errors.append(RowError(number, "learn_work_wage_eur",
                                   f"only for form {LEARN_WORK} (this is {clean['form']})",
                                   MODULES))
            continue
        if _unique(clean, number, seen, MODULES, errors):
            clean_rows.append({k: clean[k] for k in MODULE_COLUMNS})
    return clean_rows, errors


def _scheme_consistency(clean: dict[str, Any]) -> tuple[str, str] | None:
    """(field, reason) for a combination of values that cannot hold, else None."""
    income = clean["pays_for"] == INCOME
    if income and clean["monthly_eur"] is None:
        return "monthly_eur", "an income scheme needs a monthly amount"
    if not income and clean["monthly_eur"] is not None:
        return "monthly_eur", f"only for pays_for {INCOME}"
    if clean["valid_from"] and clean["valid_until"] and clean["valid_until"] < clean["valid_from"]:
        return "valid_until", "lies before valid_from"
    if clean["apply_by"] and clean["valid_until"] and clean["apply_by"] > clean["valid_until"]:
        return "apply_by", "lies after valid_until"
    if clean["key"] in clean["excludes"]:
        return "excludes", "a scheme cannot exclude itself"
    return None


def check_schemes(rows: list[dict[str, Any]], known: Known, first_row: int = 1
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    checked: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    choices = known.choices
    for number, raw in _raw_rows(rows, SCHEME_COLUMNS, first_row, SCHEMES, errors):
        name = raw["name"] if isinstance(raw.get("name"), str) else ""
        clean = R._check(raw, number, SCHEMES, {
            "key": partial(R._key, name=name),
            "name": lambda v: R._text(v, 200, required=True),
            "provider": lambda v: R._text(v, 200, required=True),
            "kind": lambda v: R._choice(v, choices.kinds),
            "pays_for": lambda v: R._choice(v, choices.pays_for, "training"),
            "eligibility": lambda v: _rule(v, known),
            "percent": _percent,
            "max_eur": lambda v: _money(v, MAX_AMOUNT),
            "cap_basis": lambda v: R._choice(v, choices.cap_bases, "per_person"),
            "monthly_eur": lambda v: _money(v, MAX_MONTHLY),
            "forms": lambda v: R._choices(v, tuple(sorted(choices.forms))),
            "stackable": _stackable,
            "excludes": _keys,
            "valid_from": R._date,
            "valid_until": R._date,
            "apply_by": R._date,
            "source_url": _source,
            "notes": lambda v: R._text(v, 2000),
            "is_example": R._bool,
        }, errors)
        if clean is None:
            continue
        problem = _scheme_consistency(clean)
        if problem:
            errors.append(RowError(number, problem[0], problem[1], SCHEMES))
            continue
        if _unique(clean, number, seen, SCHEMES, errors):
            checked.append((number, {k: clean[k] for k in SCHEME_COLUMNS}))
    # Exclusions may name any scheme of this file or one already stored.
    keys = known.schemes | set(seen)
    for number, clean in checked:
        missing = [k for k in clean["excludes"] if k not in keys]
        if missing:
            errors.append(RowError(number, "excludes", "names no scheme in this file or the "
                                                       f"database: {', '.join(missing)}",
                                   SCHEMES))
    return [clean for _, clean in checked], errors


# --- writing ------------------------------------------------------------------------------------

def write_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: R.to_csv_cell(k, row[k]) for k in columns})
    return out.getvalue()


def write_json(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    return json.dumps([{k: row[k] for k in columns} for row in rows], ensure_ascii=False,
                      indent=2) + "\n"


def describe_errors(source: str, errors: list[RowError], limit: int = 50) -> str:
    """One line per error: where (file, row), which field, why."""
    lines = [f"{source} row {e.row}, {e.field}: {e.message}" if e.row else
             f"{source}, {e.field}: {e.message}" for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return "\n".join(lines)


CheckRows = Callable[[list[dict[str, Any]], Known, int],
                     tuple[list[dict[str, Any]], list[RowError]]]
