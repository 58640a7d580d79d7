"""Read the columns an evaluation needs from a CSV file, checking every cell.

Comma- or semicolon-separated (Dutch spreadsheets write `;` with decimal commas). Rows are
numbered as in a spreadsheet: the header is row 1, the first record row 2. Problems raise
EvaluationError naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from banenbrug.evaluation.estimators import Array
from banenbrug.evaluation.issues import EvaluationError

if TYPE_CHECKING:
    import pandas as pd

MAX_BYTES = 50 * 1024 * 1024


def read_text(source: str | Path | bytes, name: str) -> str:
    """The file's text (UTF-8, with or without BOM); bytes come from an upload."""
    try:
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise EvaluationError("unreadable", file=name, reason=exc.strerror or str(exc)) from exc
    if len(raw) > MAX_BYTES:
        raise EvaluationError("too_large", file=name, limit_mb=MAX_BYTES // 2**20)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EvaluationError("not_utf8", file=name) from exc


def read_frame(text: str, name: str) -> tuple[pd.DataFrame, str]:
    """All cells as stripped strings, and the separator used."""
    import pandas as pd  # here, not at the top: the web app and CLI start faster without it

    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                            skipinitialspace=True, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise EvaluationError("unreadable", file=name, reason=str(exc).strip()) from exc
    if frame.empty:
        raise EvaluationError("empty_file", file=name)
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda col: col.str.strip()), sep


def numeric_columns(frame: pd.DataFrame, columns: Iterable[str], name: str, sep: str = ",",
                    binary: Iterable[str] = ()) -> dict[str, Array]:
    """The named columns as floats; binary ones must hold only 0 and 1 (and both)."""
    import pandas as pd

    wanted = list(dict.fromkeys(columns))
    for column in wanted:
        if column not in frame.columns:
            raise EvaluationError("missing_column", file=name, column=column,
                                  available=", ".join(frame.columns))
    out: dict[str, Array] = {}
    for column in wanted:
        cells = frame[column]
        if sep == ";":
            cells = cells.str.replace(",", ".", regex=False)
        values = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            value = frame[column].iloc[i]
            raise EvaluationError("empty_value" if value == "" else "not_a_number",
                                  file=name, row=i + 2, column=column, value=value)
        out[column] = values
    for column in binary:
        values = out[column]
        bad = (values != 0) & (values != 1)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise EvaluationError("not_binary", file=name, row=i + 2, column=column,
                                  value=frame[column].iloc[i])
        if values.min() == values.max():
            raise EvaluationError("one_group", file=name, column=column, value=int(values[0]))
    return out


def text_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> dict[str, list[str]]:
    """The named columns as text (group columns: gender, age band, ...); no empty cells."""
    out: dict[str, list[str]] = {}
    for column in dict.fromkeys(columns):
        if column not in frame.columns:
            raise EvaluationError("missing_column", file=name, column=column,
                                  available=", ".join(frame.columns))
        values = frame[column].tolist()
        empty = [i for i, v in enumerate(values) if v == ""]
        if empty:
            raise EvaluationError("empty_value", file=name, row=empty[0] + 2, column=column,
                                  value="")
        out[column] = [str(v) for v in values]
    return out
