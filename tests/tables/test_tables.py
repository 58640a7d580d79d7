"""The one CSV reader and writer: every refusal names file, row and column."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from banenbrug.tables import cells
from banenbrug.tables.errors import Errors, RowError, RowsInvalid
from banenbrug.tables.reading import Limits, Table, read_rows, read_text
from banenbrug.tables.writing import csv_text, safe_cell, unescape_cell

COLUMNS = ("key", "name", "note")


def rows(source, required=("key",), **kwargs):
    table = Table(source, COLUMNS, required, name="f.csv", **kwargs)
    return list(table.rows()), table.errors


def refusal(source, **kwargs) -> RowsInvalid:
    with pytest.raises(RowsInvalid) as caught:
        rows(source, **kwargs)
    assert caught.value.source == "f.csv"
    return caught.value


def test_rows_are_numbered_as_in_a_spreadsheet_and_blank_lines_skipped():
    found, errors = rows("key,name\na,Anna\n\nb,Bert\n")
    assert found == [(2, {"key": "a", "name": "Anna"}), (3, {"key": "b", "name": "Bert"})]
    assert not errors


def test_a_dutch_spreadsheet_separates_by_semicolons_and_may_start_with_a_bom():
    found, _ = rows("\ufeffkey;name\r\na;Jansen, A.\r\n".encode())
    assert found == [(2, {"key": "a", "name": "Jansen, A."})]


def test_the_header_names_unknown_missing_and_repeated_columns():
    errors = refusal("name,colour,name\nx,y,z\n").errors
    assert [(e.row, e.field, e.message) for e in errors] == [
        (1, "colour", "unknown column"), (1, "key", "required column is missing"),
        (1, "name", "repeated column")]


@pytest.mark.parametrize("text, row, words", [
    ("key,name\na,Anna\nb,Be", 3, "no line end"),
    ('key,name\na,"Anna\n', 2, "quoted field"),
])
def test_a_truncated_file_is_refused(text, row, words):
    error = refusal(text).errors[0]
    assert words in error.message and error.row == row


def test_a_row_with_a_missing_or_an_extra_cell_is_an_error_of_that_row():
    found, errors = rows("key,name,note\na,Anna\nb,Bert,x,y\nc,Carl,z\n")
    assert [n for n, _ in found] == [4]
    assert [(e.row, e.message.split(":")[0]) for e in errors.kept] == [
        (2, "a column is missing (a truncated row?)"), (3, "more cells than header columns")]


def test_latin1_binary_and_empty_files_get_a_message_of_their_own(tmp_path: Path):
    latin = tmp_path / "f.csv"
    latin.write_bytes("key,name\na,Zoë\n".encode("latin-1"))
    message = refusal(latin).errors[0].message
    assert "not UTF-8" in message and "Latin-1" in message and "0xeb" in message
    assert "binary" in refusal(b"key,name\n\x00\x01\x02\n").errors[0].message
    assert "empty" in refusal(b"").errors[0].message


def test_a_whole_text_gets_the_same_checks(tmp_path: Path):
    path = tmp_path / "f.csv"
    path.write_bytes("key\nZoë\n".encode("latin-1"))
    with pytest.raises(RowsInvalid) as caught:
        read_text(path)
    assert caught.value.kind == "not_utf8" and caught.value.errors[0].row == 2
    assert read_text("\ufeffkey\nZoë\n".encode()) == "key\nZoë\n"
    with pytest.raises(RowsInvalid, match="binary"):
        read_text(b"PK\x03\x04\x00")
    with pytest.raises(RowsInvalid, match="larger than the limit"):
        read_text(b"key\n" * 100, limits=Limits(max_bytes=10))


def test_size_and_row_limits(tmp_path: Path):
    big = tmp_path / "f.csv"
    big.write_text("key\n" + "a\n" * 1000)
    assert "larger than the limit" in refusal(big, limits=Limits(max_bytes=100)).errors[0].message
    assert "larger than the limit" in refusal(big.read_bytes(),
                                              limits=Limits(max_bytes=100)).errors[0].message
    assert "more than 10 rows" in refusal(big, limits=Limits(max_rows=10)).errors[0].message


def test_bytes_are_counted_while_reading_too(tmp_path: Path, monkeypatch):
    # A file that grows after its size was looked at is cut at the limit all the same.
    grown = tmp_path / "f.csv"
    grown.write_bytes(b"key\n" + b"a\n" * 100_000)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result(
        (*real_stat(self)[:6], 10, *real_stat(self)[7:])))
    with pytest.raises(RowsInvalid, match="larger than the limit"):
        list(read_rows(grown, COLUMNS, limits=Limits(max_bytes=10**5)))
    assert len(list(read_rows(grown, COLUMNS, limits=Limits(max_bytes=10**6)))) == 100_000


def test_errors_keep_the_first_few_and_count_the_rest():
    errors = Errors("f.csv", limit=3)
    for row in range(2, 12):
        errors.add(RowError(row, "key", "bad"))
    assert len(errors.kept) == 3 and errors.more == 7 and len(errors) == 10
    with pytest.raises(RowsInvalid) as caught:
        errors.raise_if_any()
    assert caught.value.total == 10


def test_the_message_shows_twenty_errors_and_counts_the_rest():
    error = RowsInvalid("f.csv", [RowError(n, "key", "bad") for n in range(2, 32)], more=5)
    assert str(error).count("bad") == 20 and str(error).endswith("(and 15 more)")
    assert str(RowError(3, "key", "bad", "pledges")) == "pledges row 3, key: bad"


@pytest.mark.parametrize("cell, written", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+31 6 1234", "'+31 6 1234"),
    ("-foo", "'-foo"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-3.5", "-3.5"),
    ("+2", "+2"),
    ("Anna", "Anna"),
    ("", ""),
])
def test_formula_cells_are_escaped_and_read_back_unchanged(cell, written):
    assert safe_cell(cell) == written
    assert unescape_cell(written) == cell
    text = csv_text(COLUMNS, [["k", cell, ""]])
    assert next(iter(csv.reader(io.StringIO(text[text.index("\n") + 1:]))))[1] == written
    assert next(iter(read_rows(text, COLUMNS)))[1]["name"] == cell


def test_cells_check_and_canonicalise():
    assert cells.choices("b; a;b", ("a", "b", "c")) == ["a", "b"]
    assert cells.amount("1_000.5") == "1000.50"
    assert cells.day("2026-01-31") == "2026-01-31"
    assert cells.key("", "fallback-slug") == "fallback-slug"
    with pytest.raises(cells.Bad, match="not a date"):
        cells.day("31-01-2026")
    with pytest.raises(cells.Bad, match="may hold only"):
        cells.key("Met Spatie")
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    assert cells.unique_key("a", 2, seen, "", errors)
    assert not cells.unique_key("a", 5, seen, "", errors)
    assert errors == [RowError(5, "key", "'a' already used in row 2")]


@pytest.mark.parametrize("check, value, message", [
    (cells.text, 12, "must be text"),
    (lambda v: cells.text(v, limit=5), "zes tekens", "longer than 5 characters"),
    (cells.text_list, ["a", 3], "must be a list of text values"),
    (cells.amount, True, "must be a number"),
    (cells.amount, "veel", "'veel' is not a number"),
    (cells.amount, "NaN", "'NaN' is not a number"),
    (cells.amount, "1e12", "too large"),
    (lambda v: cells.count(v, True), "", "is required"),
    (lambda v: cells.count(v, False), "3,5", "'3,5' is not a whole number"),
    (lambda v: cells.count(v, False), True, "must not be negative"),
    (cells.url, "ftp://voorbeeld.nl", "is not an http(s) URL"),
    (cells.boolean, "misschien", "'misschien' is not true/false"),
])
def test_each_cell_check_says_what_is_wrong(check, value, message):
    with pytest.raises(cells.Bad, match=message.replace("(", r"\(").replace(")", r"\)")):
        check(value)


def test_cell_checks_accept_what_a_spreadsheet_or_json_gives():
    assert cells.text_list([" a ", "", "b"]) == ["a", "b"]
    assert cells.count("", False) == 0 and cells.count(" 7 ", True) == 7
    assert [cells.boolean(v) for v in ("ja", "Nee", "", True, "1")] == [
        True, False, False, True, True]
    assert cells.url("https://voorbeeld.nl/pad") == "https://voorbeeld.nl/pad"
    assert cells.choice("", ("a", "b"), default="b") == "b"
