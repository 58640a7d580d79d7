"""The value checks the row checkers share: each takes a raw cell (CSV text or a JSON value)
and returns its canonical form, or raises `Bad` with a reason for the user.

Canonical means stripped text, lists de-duplicated in a fixed order, amounts with two decimals,
ISO dates, so that an export imported again exports to exactly the same file. In CSV a list
cell holds values separated by ';'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from banenbrug.atlas import normalise
from banenbrug.tables.errors import RowError

_URL = re.compile(r"^https?://[^\s|;]+$")
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]*")


class Bad(ValueError):
    """A cell's value is wrong; the message says why."""


def text(value: Any, limit: int = 200, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Bad("must be text")
    stripped = value.strip()
    if required and not stripped:
        raise Bad("is required")
    if len(stripped) > limit:
        raise Bad(f"longer than {limit} characters")
    return stripped


def text_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise Bad("must be a list of text values")


def choice(value: Any, choices: Iterable[str], default: str | None = None) -> str:
    chosen = text(value)
    if not chosen and default is not None:
        return default
    options = tuple(choices)
    if chosen not in options:
        raise Bad(f"unknown value {chosen!r} (expected one of {', '.join(options)})")
    return chosen


def choices(value: Any, options: tuple[str, ...]) -> list[str]:
    values = text_list(value)
    unknown = [v for v in values if v not in options]
    if unknown:
        raise Bad(f"unknown value(s) {', '.join(unknown)} (expected {', '.join(options)})")
    return [c for c in options if c in values]  # canonical order, no duplicates


def amount(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Bad("must be a number")
    try:
        number = Decimal(str(value).strip().replace("_", ""))
    except InvalidOperation:
        raise Bad(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise Bad(f"{value!r} is not a number")
    if number < 0:
        raise Bad(f"must not be negative ({value})")
    if number >= Decimal("1e12"):
        raise Bad("too large")
    return str(number.quantize(Decimal("0.01")))


def count(value: Any, required: bool) -> int:
    if value is None or value == "":
        if required:
            raise Bad("is required")
        return 0
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else -1
    except ValueError:
        raise Bad(f"{value!r} is not a whole number") from None
    if number < 0:
        raise Bad(f"must not be negative ({value})")
    return number


def day(value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(text(value)).isoformat()
    except ValueError:
        raise Bad(f"{value!r} is not a date (YYYY-MM-DD)") from None


def url(value: Any) -> str:
    link = text(value, 500)
    if link and not _URL.match(link):
        raise Bad(f"{link!r} is not an http(s) URL")
    return link


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in ("", "0", "false", "nee", "no", "n"):
        return False
    if word in ("1", "true", "ja", "yes", "y"):
        return True
    raise Bad(f"{value!r} is not true/false")


def slug(text: str) -> str:
    """A key made of a name: 'Fryslân Werkt!' becomes 'fryslan-werkt'."""
    return "-".join(normalise(text).split())[:80]


def key(value: Any, default: str = "") -> str:
    """A record's key: as given, else `default` (a slug of its name)."""
    chosen = text(value, 80) or default
    if not _KEY.fullmatch(chosen):
        raise Bad(f"{chosen!r} may hold only a-z, 0-9, '-' and '_'")
    return chosen


def unique_key(value: str, row: int, seen: dict[str, int], section: str, errors: list[RowError],
               field: str = "key") -> bool:
    """False (and an error naming both rows) when `value` was already used in this file."""
    if value in seen:
        errors.append(RowError(row, field, f"{value!r} already used in row {seen[value]}",
                               section))
        return False
    seen[value] = row
    return True
