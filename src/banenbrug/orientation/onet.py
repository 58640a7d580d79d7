"""Read the O*NET files Ontdek uses: interest profiles, job zones and the ESCO→O*NET crosswalk.

Plain Python (no Django). Bad files raise `OnetInputError` naming the file, row and column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

RIASEC = ("R", "I", "A", "S", "E", "C")
ELEMENTS = {"1.B.1.a": "R", "1.B.1.b": "I", "1.B.1.c": "A", "1.B.1.d": "S", "1.B.1.e": "E",
            "1.B.1.f": "C"}
INTERESTS = "Interests.txt"
JOB_ZONES = "Job Zones.txt"
CROSSWALK = "ESCO_to_ONET-SOC.xlsx"
CROSSWALK_HEADER = ("ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code",
                    "O*NET-SOC 2019 Title")
FILES = (INTERESTS, JOB_ZONES, CROSSWALK)

FloatArray = npt.NDArray[np.float64]


class OnetInputError(ValueError):
    """A missing or malformed O*NET file; the message names file, row and column."""


@dataclass(frozen=True)
class OnetData:
    interests: dict[str, FloatArray]  # O*NET-SOC code -> RIASEC scores (scale OI, 1-7)
    job_zones: dict[str, int]  # O*NET-SOC code -> job zone 1-5
    crosswalk: tuple[tuple[str, str], ...]  # (ESCO code or ISCO unit group, O*NET-SOC code)


def _tsv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise OnetInputError(f"{path}: file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise OnetInputError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [(number, row) for number, row in enumerate(reader, start=2)]


def read_interests(path: Path) -> dict[str, FloatArray]:
    """RIASEC scores per O*NET occupation; only occupations with all six scores are kept."""
    found: dict[str, dict[str, float]] = {}
    rows = _tsv(path, ("O*NET-SOC Code", "Element ID", "Scale ID", "Data Value"))
    for number, row in rows:
        if row["Scale ID"] != "OI" or row["Element ID"] not in ELEMENTS:
            continue
        try:
            value = float(row["Data Value"])
        except ValueError:
            raise OnetInputError(f"{path.name}, row {number}, column 'Data Value': "
                                 f"not a number: {row['Data Value']!r}") from None
        if not 1.0 <= value <= 7.0:
            raise OnetInputError(f"{path.name}, row {number}, column 'Data Value': "
                                 f"{value} is outside the OI scale 1-7")
        found.setdefault(row["O*NET-SOC Code"], {})[ELEMENTS[row["Element ID"]]] = value
    return {code: np.array([scores[t] for t in RIASEC]) for code, scores in found.items()
            if len(scores) == len(RIASEC)}


def read_job_zones(path: Path) -> dict[str, int]:
    zones: dict[str, int] = {}
    for number, row in _tsv(path, ("O*NET-SOC Code", "Job Zone")):
        zone = row["Job Zone"].strip()
        if zone not in {"1", "2", "3", "4", "5"}:
            raise OnetInputError(f"{path.name}, row {number}, column 'Job Zone': "
                                 f"expected 1-5, got {zone!r}")
        zones[row["O*NET-SOC Code"]] = int(zone)
    return zones


def read_crosswalk(path: Path) -> tuple[tuple[str, str], ...]:
    """Pairs (ESCO code or 4-digit ISCO code, O*NET-SOC code); the header is on the 4th row."""
    from openpyxl import load_workbook  # only needed when the cache is cold

    if not path.is_file():
        raise OnetInputError(f"{path}: file not found")
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        pairs: list[tuple[str, str]] = []
        header_seen = False
        for number, row in enumerate(rows, start=1):
            cells = tuple("" if c is None else str(c).strip() for c in row[:4])
            if number < 4:
                continue
            if number == 4:
                if cells != CROSSWALK_HEADER:
                    raise OnetInputError(f"{path.name}, row 4: expected header "
                                         f"{CROSSWALK_HEADER}, got {cells}")
                header_seen = True
                continue
            if not cells[0] and not cells[2]:
                continue  # blank rows and the notes below the table
            if not cells[0] or not cells[2]:
                column = CROSSWALK_HEADER[0] if not cells[0] else CROSSWALK_HEADER[2]
                raise OnetInputError(f"{path.name}, row {number}, column '{column}': empty")
            pairs.append((cells[0], cells[2]))
    finally:
        workbook.close()
    if not header_seen:
        raise OnetInputError(f"{path.name}, row 4: expected header {CROSSWALK_HEADER}, "
                             "found too few rows")
    return tuple(pairs)


def read_onet(folder: Path) -> OnetData:
    return OnetData(read_interests(folder / INTERESTS), read_job_zones(folder / JOB_ZONES),
                    read_crosswalk(folder / CROSSWALK))


def data_key(folder: Path) -> str:
    """Identifies the version of the files (names, sizes, mtimes) for cache keys."""
    parts = []
    for name in FILES:
        stat = (folder / name).stat()
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)
