"""Stream a CSV file row by row, refusing what a file must not be before any row is checked.

One pass, bounded memory: bytes are counted as they are read (a file over the size limit is
refused before it is read when its size is known), decoded as UTF-8 (with or without BOM), and
handed to the csv module line by line. What is refused, with file and row:

- a file that is empty, binary (NUL bytes) or not UTF-8 (Latin-1 / Windows-1252 is named);
- a header with unknown, missing or repeated columns (one error per column);
- a truncated file: the last row without its line end, a quoted field left open, a row with
  fewer cells than the header (a missing column) — and a row with more cells;
- more rows than the limit.

The delimiter is ',' or ';' (a spreadsheet saved with Dutch settings), whichever the header
uses more. Blank lines are skipped and not counted. A cell that `writing.safe_cell` escaped
(a quote before =, +, -, @, tab or CR) is read back unescaped, so an export imports unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from banenbrug.tables.errors import (
    MISSING_COLUMN,
    UNKNOWN_COLUMN,
    Errors,
    RowError,
    RowsInvalid,
    file_error,
)
from banenbrug.tables.writing import unescape_cell

MAX_BYTES = 100 * 2**20
MAX_ROWS = 1_000_000
CHUNK = 64 * 1024

Source = Path | bytes | str  # a path, an upload's bytes, or text already decoded


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS


class _Counted(io.RawIOBase):
    """A binary stream that refuses more than `limit` bytes and any NUL byte."""

    def __init__(self, raw: BinaryIO, limit: int, name: str) -> None:
        self.raw, self.limit, self.name, self.count = raw, limit, name, 0
        self.last = b""  # the last byte read: a file that ends without a line end is cut off

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        self.count += len(data)
        if data:
            self.last = data[-1:]
        if self.count > self.limit:
            raise file_error(self.name, "too_large",
                             f"larger than the limit of {_mb(self.limit)}")
        if b"\x00" in data:
            raise file_error(self.name, "binary",
                             "a binary file, not CSV text (it holds NUL bytes)")
        buffer[:len(data)] = data
        return len(data)


def _mb(size: int) -> str:
    return f"{size / 2**20:g} MB"


class Table:
    """A CSV file opened for reading: the header is checked on opening (`columns` None: any
    column is known); `rows()` streams."""

    def __init__(self, source: Source, columns: Iterable[str] | None,
                 required: Iterable[str] = (),
                 *, name: str | None = None, limits: Limits = Limits(),
                 errors: Errors | None = None) -> None:
        self.name = name or (source.name if isinstance(source, Path) else "CSV")
        self.limits = limits
        self.errors = errors if errors is not None else Errors(self.name)
        self._last = ""  # the file's last character (str) ...
        self._counted: _Counted | None = None  # ... or its byte counter (bytes, a path)
        self._stream = self._open(source)
        self._row = 1
        try:
            first = self._stream.readline()
        except UnicodeDecodeError as exc:
            raise self._not_utf8(exc) from None
        if not first.strip("\ufeff\r\n\t "):
            raise file_error(self.name, "empty", "the file is empty (no header row)", 1)
        self.delimiter = ";" if first.count(";") > first.count(",") else ","
        # csv reads the stream itself (no Python step per line): the cost is the csv module's
        self._reader = csv.reader(chain([first], self._stream), delimiter=self.delimiter,
                                  strict=True)
        header = [c.strip().lstrip("\ufeff") for c in self._next_record() or []]
        self.header = header
        self._check_header(None if columns is None else tuple(columns), tuple(required))

    def _open(self, source: Source) -> io.TextIOBase:
        if isinstance(source, str):
            if "\x00" in source:
                raise file_error(self.name, "binary", "a binary file, not CSV text (NUL bytes)")
            self._last = source[-1:]
            return io.StringIO(source.lstrip("\ufeff"), newline="")
        limit = self.limits.max_bytes
        if isinstance(source, bytes):
            if len(source) > limit:
                raise file_error(self.name, "too_large", f"larger than the limit of {_mb(limit)}")
            raw: BinaryIO = io.BytesIO(source)
        else:
            try:
                if source.stat().st_size > limit:
                    raise file_error(self.name, "too_large",
                                     f"larger than the limit of {_mb(limit)} "
                                     f"({_mb(source.stat().st_size)})")
                raw = source.open("rb")
            except OSError as exc:
                raise file_error(self.name, "unreadable", f"cannot be read ({exc.strerror or exc})"
                                 ) from None
        self._counted = _Counted(raw, limit, self.name)
        return io.TextIOWrapper(io.BufferedReader(self._counted, CHUNK), encoding="utf-8-sig",
                                newline="")

    def _ends_with_line_end(self) -> bool:
        last = self._counted.last if self._counted is not None else self._last.encode()
        return last in (b"\n", b"\r")

    def _not_utf8(self, exc: UnicodeDecodeError) -> RowsInvalid:
        byte = exc.object[exc.start:exc.start + 1].hex()
        return file_error(self.name, "not_utf8", f"not UTF-8 text (byte 0x{byte} near row "
                          f"{self._row}); it looks like Latin-1 or Windows-1252: save it as "
                          "'CSV UTF-8'", self._row)

    def _next_record(self) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except UnicodeDecodeError as exc:
            raise self._not_utf8(exc) from None
        except csv.Error as exc:
            raise file_error(self.name, "truncated", "a quoted field is left open or broken "
                             f"({exc}); the file looks truncated", self._row + 1) from None

    def _check_header(self, columns: tuple[str, ...] | None, required: tuple[str, ...]
                      ) -> None:
        problems = [RowError(1, c, UNKNOWN_COLUMN) for c in self.header
                    if columns is not None and c not in columns]
        problems += [RowError(1, c, MISSING_COLUMN) for c in required
                     if c not in self.header]
        problems += [RowError(1, c, "repeated column") for c in dict.fromkeys(self.header)
                     if self.header.count(c) > 1]
        if problems:
            raise RowsInvalid(self.name, problems, kind="header")

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, cells by column) for each data row of the right shape; shape errors
        go to `errors`, file errors (truncation, encoding, size) are raised."""
        width = len(self.header)
        try:
            while (cells := self._next_record()) is not None:
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line
                self._row += 1
                if self._row - 1 > self.limits.max_rows:
                    raise file_error(self.name, "too_many",
                                     f"more than {self.limits.max_rows:,} rows", self._row)
                if len(cells) != width:
                    self.errors.add(RowError(self._row, "row", (
                        "a column is missing (a truncated row?)" if len(cells) < width
                        else "more cells than header columns")
                        + f": {len(cells)} cells, the header has {width} columns"))
                    continue
                if "'" in "".join(cells):  # rare (a C-level test): only then unescape formulas
                    cells = [unescape_cell(v) for v in cells]
                yield self._row, dict(zip(self.header, cells, strict=True))
        finally:
            self._stream.close()
        if not self._ends_with_line_end():
            raise file_error(self.name, "truncated", "the last row has no line end: the file "
                             "looks truncated (cut off while saving or copying)", self._row)


def read_text(source: Path | bytes, name: str | None = None, limits: Limits = Limits()) -> str:
    """A whole file's text, with the same checks of size, binary content and encoding (for a
    caller that must keep the text, e.g. to hand it to a background job)."""
    label = name or (source.name if isinstance(source, Path) else "CSV")
    if isinstance(source, Path):
        try:
            if source.stat().st_size > limits.max_bytes:
                raise file_error(label, "too_large",
                                 f"larger than the limit of {_mb(limits.max_bytes)}")
            source = source.read_bytes()
        except OSError as exc:
            raise file_error(label, "unreadable", f"cannot be read ({exc.strerror or exc})"
                             ) from None
    if len(source) > limits.max_bytes:
        raise file_error(label, "too_large", f"larger than the limit of {_mb(limits.max_bytes)}")
    if b"\x00" in source:
        raise file_error(label, "binary", "a binary file, not CSV text (NUL bytes)")
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = source[:exc.start].count(b"\n") + 1
        byte = exc.object[exc.start:exc.start + 1].hex()
        raise file_error(label, "not_utf8", f"not UTF-8 text (byte 0x{byte} in row {row}); it "
                         "looks like Latin-1 or Windows-1252: save it as 'CSV UTF-8'", row
                         ) from None


def read_rows(source: Source, columns: Iterable[str] | None, required: Iterable[str] = (), *,
              name: str | None = None, limits: Limits = Limits(),
              errors: Errors | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Shorthand: open `source` and stream its rows (see `Table`)."""
    return Table(source, columns, required, name=name, limits=limits, errors=errors).rows()
