"""Write CSV whose cells a spreadsheet shows as text, never runs as formulas.

OWASP's advice against CSV injection: a cell starting with =, +, -, @, tab or carriage return
gets a leading single quote (the csv module quotes the cell when needed). Plain numbers such
as -3.5 are left alone: they cannot be formulas, and escaping them would break the figures.
`unescape_cell` is the reverse, used on reading, so an export imports to the same values.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def safe_cell(text: str) -> str:
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(FORMULA_START) \
            and not _NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """A canonical value as CSV text: lists joined by ';', booleans as true/false."""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ",") -> str:
    """The whole file: header, then each row, every cell formula-safe, '\\n' line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    # The csv module leaves a lone CR unquoted with '\n' line ends; readers take it as a break.
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        cells = [safe_cell(c) for c in row]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue()
