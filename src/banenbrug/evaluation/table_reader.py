"""Read the columns an evaluation needs from a CSV file, checking every cell.

Comma- or semicolon-separated (Dutch spreadsheets write `;` with decimal commas). Rows are
numbered as in a spreadsheet: the header is row 1, the first record row 2. Problems raise
EvaluationError naming the file, the row and the column.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from banenbrug.evaluation.estimators import Array
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.tables.errors import RowsInvalid
from banenbrug.tables.reading import Limits, Source, Table
from banenbrug.tables.reading import read_text as tables_text

if TYPE_CHECKING:
    import pandas as pd

MAX_BYTES = 50 * 1024 * 1024


def read_text(source: str | Path | bytes, name: str) -> str:
    """The file's text (a str is a path here), checked as `banenbrug.tables` checks a file."""
    try:
        return tables_text(Path(source) if isinstance(source, str) else source, name,
                           Limits(max_bytes=MAX_BYTES))
    except RowsInvalid as exc:
        raise _file_error(exc, name) from None


def read_table(source: Source, name: str, columns: Iterable[str] | None = None,
               required: Iterable[str] = ()) -> tuple[pd.DataFrame, str]:
    """All cells as stripped strings, and the separator used. `source` is a path, an upload's
    bytes or text (a str is text, not a path). Read by `banenbrug.tables` (streamed,
    truncation refused); its refusals become EvaluationErrors, except header errors (with
    `columns` given), which the caller words."""
    import pandas as pd  # here, not at the top: the web app and CLI start faster without it

    try:
        table = Table(source, columns, required, name=name,
                      limits=Limits(max_bytes=MAX_BYTES))
        cells = [[cell.strip() for cell in row.values()] for _, row in table.rows()]
    except RowsInvalid as exc:
        if exc.kind == "header":
            raise
        raise _file_error(exc, name) from None
    if table.errors:
        first = table.errors.kept[0]
        raise EvaluationError("unreadable", file=name, reason=f"row {first.row}: {first.message}")
    if not cells:
        raise EvaluationError("empty_file", file=name)
    return pd.DataFrame(cells, columns=table.header, dtype=str), table.delimiter


def _file_error(exc: RowsInvalid, name: str) -> EvaluationError:
    if exc.kind in ("too_large", "not_utf8", "empty"):
        code = {"empty": "empty_file"}.get(exc.kind, exc.kind)
        return EvaluationError(code, file=name, limit_mb=MAX_BYTES // 2**20)
    first = exc.errors[0]
    return EvaluationError("unreadable", file=name, reason=(
        f"row {first.row}: {first.message}" if first.row else first.message))


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
