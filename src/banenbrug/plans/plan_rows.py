"""Rows of the training catalogue and the funding schemes: read CSV/JSON, check every row.

Pure Python (no Django). CSV is read by `banenbrug.tables` (its checks of encoding, header,
truncation and shape); the value checkers and error types are the shared `tables` ones.
The importer (`exchange.py`) hands in what the database knows (ESCO skill URIs, stored scheme
keys, the models' choice values, the region check) and gets canonical rows or every error at
once. Canonical: lists de-duplicated and sorted, amounts with two decimals, rules on one line,
so that an export imported again exports to exactly the same bytes.

In CSV a list cell holds values separated by ';'; in JSON it is a list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import model_validator

from banenbrug.plans import rules
from banenbrug.tables import cells as C
from banenbrug.tables.cells import Bad
from banenbrug.tables.errors import RowError, RowsInvalid
from banenbrug.tables.models import (
    Day,
    Flag,
    Key,
    Name,
    RowModel,
    cell,
    check_rows,
    known_cell,
    row_problem,
)
from banenbrug.tables.reading import Limits, Source, Table
from banenbrug.tables.writing import cell_text, csv_text

MODULES, SCHEMES = "modules", "schemes"  # section names in errors and import reports
MODULE_REQUIRED = ("provider", "title", "skills", "hours", "weeks", "cost_eur", "form",
                   "delivery", "award")
SCHEME_REQUIRED = ("name", "provider", "kind")
LEARN_WORK = "learn_work"
INCOME = "income"
# The models' decimal fields: max_digits 10 (costs, maxima) and 8 (monthly amounts), 2 places.
MAX_AMOUNT = Decimal("99999999.99")
MAX_MONTHLY = Decimal("999999.99")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LIMITS = Limits(max_bytes=20 * 2**20)  # as the API's upload limit; rows are held until checked


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
    """The raw rows of one file, with their row numbers."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[int] | None = None  # CSV: each row's number; JSON: 1, 2, ...
    errors: list[RowError] = field(default_factory=list)  # rows of the wrong shape (CSV)


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
    if file_format(path, fmt) == "csv":
        return read_csv(path, columns, required, path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RowsInvalid(path.name, [RowError(0, "file", f"not UTF-8 text ({exc.reason})")]
                          ) from None
    return read_json(text, path.name)


def read_text(text: str, fmt: str, columns: tuple[str, ...], required: tuple[str, ...],
              source: str) -> Rows:
    """Rows from CSV or JSON text (an uploaded file, say)."""
    if fmt == "csv":
        return read_csv(text, columns, required, source)
    return read_json(text, source)


def read_csv(source: Source, columns: tuple[str, ...], required: tuple[str, ...],
             name: str = "CSV") -> Rows:
    table = Table(source, columns, required, name=name, limits=LIMITS)
    numbered = list(table.rows())
    return Rows([raw for _, raw in numbered], [n for n, _ in numbered], table.errors.kept)


def read_json(text: str, source: str = "JSON") -> Rows:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RowsInvalid(source, [RowError(exc.lineno, "file", f"invalid JSON: {exc.msg}")]
                          ) from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise RowsInvalid(source, [RowError(0, "file", "expected a list of objects")])
    return Rows(data)


# --- checking single values ---------------------------------------------------------------------

def _whole(value: Any, low: int, high: int) -> int:
    number = C.count(value, required=True)
    if not low <= number <= high:
        raise Bad(f"must be between {low} and {high} ({number})")
    return number


def _money(value: Any, limit: Decimal, required: bool = False) -> str | None:
    amount = C.amount(value)
    if amount is None:
        if required:
            raise Bad("is required")
        return None
    if Decimal(amount) > limit:
        raise Bad(f"at most {limit}")
    return amount


def _percent(value: Any) -> str:
    amount = C.amount(value)
    if amount is None:
        return "100.00"  # the model's default: the scheme pays all costs
    if Decimal(amount) > 100:
        raise Bad(f"must be at most 100 ({value})")
    return amount


def _source(value: Any) -> str:
    url = C.url(value)
    if len(url) > 200:  # the models' URLField
        raise Bad("longer than 200 characters")
    return url


def _skills(value: Any, known: Known) -> list[str]:
    uris = C.text_list(value)
    if not uris:
        raise Bad("at least one ESCO skill URI is required")
    unknown = [u for u in dict.fromkeys(uris) if u not in known.skills]
    if unknown:
        shown = ", ".join(unknown[:5]) + (f" (and {len(unknown) - 5} more)"
                                          if len(unknown) > 5 else "")
        raise Bad(f"unknown ESCO skill URI(s) {shown}")
    return sorted(set(uris))


def _region(value: Any, known: Known) -> str:
    code = C.text(value, 10).upper()
    if code and not known.is_region(code):
        raise Bad(f"unknown labour-market region {code!r} (AM01..AM38; leave empty for "
                   "national or online)")
    return code


def _dates(value: Any) -> list[str]:
    return sorted({d for d in (C.day(v) for v in C.text_list(value)) if d})


def _keys(value: Any) -> list[str]:
    keys = C.text_list(value)
    bad = [k for k in keys if not _KEY.match(k)]
    if bad:
        raise Bad(f"not a key: {', '.join(bad)}")
    return sorted(set(keys))


def _stackable(value: Any) -> bool:
    # Empty means the model's default: a scheme can be combined with others.
    return True if value is None or value == "" else C.boolean(value)


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
    text = C.text(value, 2000)
    try:
        rule = rules.parse(text)
    except rules.RuleError as exc:
        raise Bad(str(exc)) from None
    bad = unknown_rule_values(rule, known)
    if bad:
        raise Bad("unknown " + ", ".join(f"{f} {v!r}" for f, v in bad))
    return " ".join(text.split())  # one line: the language has no quoted text


# --- the row types ------------------------------------------------------------------------------
# Each field in column order; `known` (the database's codes and the models' choices) is the
# validation context.

SourceUrl = Annotated[str, cell(_source)]
Monthly = Annotated[str | None, cell(partial(_money, limit=MAX_MONTHLY))]


def _known_choice(codes: Callable[[Choices], tuple[str, ...]], default: str | None = None
                  ) -> Any:
    return known_cell(lambda v, known: C.choice(v, codes(known.choices), default))


class ModuleRow(RowModel):
    """A training module of the catalogue."""

    required: ClassVar[tuple[str, ...]] = MODULE_REQUIRED
    key_from: ClassVar[str | None] = "title"
    key: Key
    provider: Name
    title: Name
    description: Annotated[str, cell(partial(C.text, limit=4000))]
    skills: Annotated[list[str], known_cell(_skills)]
    hours: Annotated[int, cell(partial(_whole, low=1, high=5000))]
    weeks: Annotated[int, cell(partial(_whole, low=1, high=260))]
    cost_eur: Annotated[str, cell(partial(_money, limit=MAX_AMOUNT, required=True))]
    form: Annotated[str, _known_choice(lambda c: c.forms)]
    delivery: Annotated[str, _known_choice(lambda c: c.deliveries)]
    region: Annotated[str, known_cell(_region)]
    start_dates: Annotated[list[str], cell(_dates)]
    award: Annotated[str, _known_choice(lambda c: c.awards)]
    learn_work_wage_eur: Monthly
    source_url: SourceUrl
    is_example: Flag

    @model_validator(mode="after")
    def _wage_for_learn_work(self) -> ModuleRow:
        if self.learn_work_wage_eur is not None and self.form != LEARN_WORK:
            raise row_problem("learn_work_wage_eur",
                              f"only for form {LEARN_WORK} (this is {self.form})")
        return self


class SchemeRow(RowModel):
    """A funding scheme."""

    required: ClassVar[tuple[str, ...]] = SCHEME_REQUIRED
    key_from: ClassVar[str | None] = "name"
    key: Key
    name: Name
    provider: Name
    kind: Annotated[str, _known_choice(lambda c: c.kinds)]
    pays_for: Annotated[str, _known_choice(lambda c: c.pays_for, "training")]
    eligibility: Annotated[str, known_cell(_rule)]
    percent: Annotated[str, cell(_percent)]
    max_eur: Annotated[str | None, cell(partial(_money, limit=MAX_AMOUNT))]
    cap_basis: Annotated[str, _known_choice(lambda c: c.cap_bases, "per_person")]
    monthly_eur: Monthly
    forms: Annotated[list[str], known_cell(
        lambda v, known: C.choices(v, tuple(sorted(known.choices.forms))))]
    stackable: Annotated[bool, cell(_stackable)]
    excludes: Annotated[list[str], cell(_keys)]
    valid_from: Day
    valid_until: Day
    apply_by: Day
    source_url: SourceUrl
    notes: Annotated[str, cell(partial(C.text, limit=2000))]
    is_example: Flag

    @model_validator(mode="after")
    def _consistent(self) -> SchemeRow:
        """A combination of values that cannot hold."""
        income = self.pays_for == INCOME
        if income and self.monthly_eur is None:
            raise row_problem("monthly_eur", "an income scheme needs a monthly amount")
        if not income and self.monthly_eur is not None:
            raise row_problem("monthly_eur", f"only for pays_for {INCOME}")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise row_problem("valid_until", "lies before valid_from")
        if self.apply_by and self.valid_until and self.apply_by > self.valid_until:
            raise row_problem("apply_by", "lies after valid_until")
        if self.key in self.excludes:
            raise row_problem("excludes", "a scheme cannot exclude itself")
        return self


MODULE_COLUMNS = tuple(ModuleRow.model_fields)
SCHEME_COLUMNS = tuple(SchemeRow.model_fields)


# --- checking rows ------------------------------------------------------------------------------

def check_modules(rows: list[dict[str, Any]], known: Known, numbers: list[int] | None = None
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    clean = [row for number, row in check_rows(ModuleRow, rows, numbers, known, errors, MODULES)
             if C.unique_key(row["key"], number, seen, MODULES, errors)]
    return clean, errors


def check_schemes(rows: list[dict[str, Any]], known: Known, numbers: list[int] | None = None
                  ) -> tuple[list[dict[str, Any]], list[RowError]]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    checked = [(number, row) for number, row in check_rows(SchemeRow, rows, numbers, known,
                                                           errors, SCHEMES)
               if C.unique_key(row["key"], number, seen, SCHEMES, errors)]
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
    return csv_text(columns, ([cell_text(row[k]) for k in columns] for row in rows))


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


CheckRows = Callable[[list[dict[str, Any]], Known, list[int] | None],
                     tuple[list[dict[str, Any]], list[RowError]]]
