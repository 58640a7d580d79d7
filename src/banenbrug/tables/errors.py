"""What is wrong with a table, and where: file, row (the header is row 1), column."""

from __future__ import annotations

from dataclasses import dataclass

MAX_ERRORS = 200  # kept per file; the rest is counted, not stored or printed
SHOWN = 20  # in the exception's message


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row (header = 1) or 1-based JSON position; 0 = the whole file
    field: str
    message: str
    section: str = ""  # the row type when a file holds more than one (JSON sections)

    def __str__(self) -> str:
        where = f"{self.section} row {self.row}" if self.section else f"row {self.row}"
        return f"{where}, {self.field}: {self.message}"


class RowsInvalid(ValueError):
    """One or more rows (or the file itself) are wrong; nothing may be written."""

    def __init__(self, source: str, errors: list[RowError], more: int = 0,
                 kind: str = "rows") -> None:
        self.source = source
        self.errors = errors
        self.more = more  # errors found beyond those kept
        self.kind = kind  # rows, header, or what is wrong with the file: FILE_KINDS
        total = len(errors) + more
        shown = "; ".join(str(e) for e in errors[:SHOWN])
        rest = f" (and {total - SHOWN} more)" if total > SHOWN else ""
        super().__init__(f"{source}: {shown}{rest}")

    @property
    def total(self) -> int:
        return len(self.errors) + self.more


class Errors:
    """The errors of one file: the first `limit` kept, the rest only counted (bounded memory
    and output however bad a large file is)."""

    def __init__(self, source: str, limit: int = MAX_ERRORS) -> None:
        self.source = source
        self.limit = limit
        self.kept: list[RowError] = []
        self.more = 0

    def add(self, error: RowError) -> None:
        if len(self.kept) < self.limit:
            self.kept.append(error)
        else:
            self.more += 1

    def extend(self, errors: list[RowError]) -> None:
        for error in errors:
            self.add(error)

    def __bool__(self) -> bool:
        return bool(self.kept)

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def raise_if_any(self) -> None:
        if self.kept:
            raise RowsInvalid(self.source, self.kept, self.more)


# What can be wrong with a file as a whole, for callers that word it themselves.
FILE_KINDS = ("unreadable", "too_large", "binary", "not_utf8", "empty", "truncated", "too_many")
UNKNOWN_COLUMN = "unknown column"
MISSING_COLUMN = "required column is missing"


def file_error(source: str, kind: str, message: str, row: int = 0) -> RowsInvalid:
    return RowsInvalid(source, [RowError(row, "file", message)], kind=kind)
