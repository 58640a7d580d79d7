"""Read the official ESCO CSV downloads (zips or extracted folders) into one validated bundle.

Pure Python, no Django: the importer applies the bundle to the database. Every problem is raised
as `EscoInputError` naming the file, the row (the header is row 1) and the field.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, cast

OnBytes = Callable[[int], None] | None  # progress callback: bytes just read

csv.field_size_limit(2**31 - 1)  # conceptSchemes_en.csv has cells of several MB

ESCO_PREFIX = "http://data.europa.eu/esco/"
CONCEPT_KINDS = ("occupation", "skill", "isco_group", "skill_group")
COLLECTIONS = ("green", "digital", "digcomp", "transversal", "language", "research")
BASE_LANGUAGE = "en"  # concepts are created from the English files; others add labels
LANGUAGES = ("en", "nl")


class EscoInputError(Exception):
    """A problem in the input, located as precisely as we can: file, row, field."""

    def __init__(self, message: str, file: str = "", row: int | None = None, column: str = ""):
        self.file, self.row, self.column, self.message = file, row, column, message
        where = ", ".join(
            part
            for part in (
                file,
                f"row {row}" if row is not None else "",
                f"field '{column}'" if column else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


@dataclass(frozen=True)
class EscoFile:
    """One recognised CSV file inside a zip or a folder."""

    name: str
    source: str  # what we show the user: path, or zip path + member
    kind: str
    lang: str | None
    collection: str | None
    size: int
    open: Callable[[], IO[bytes]] = field(repr=False, compare=False)


@dataclass
class Labels:
    preferred: str
    alt: list[str]
    hidden: list[str]
    description: str


@dataclass
class EscoBundle:
    """What a set of ESCO files says. `None` for a relation set means: no file gave it."""

    concepts: dict[str, dict[str, dict[str, str]]] = field(
        default_factory=lambda: {kind: {} for kind in CONCEPT_KINDS}
    )
    labels: dict[str, dict[str, dict[str, Labels]]] = field(
        default_factory=lambda: {kind: {} for kind in CONCEPT_KINDS}
    )
    # Skill labels from collection files: used where the skills file of that language is absent.
    collection_labels: dict[str, dict[str, Labels]] = field(default_factory=dict)
    collections: dict[str, set[str]] = field(default_factory=dict)
    green_share: dict[str, float] = field(default_factory=dict)
    occupation_skills: dict[tuple[str, str], str] | None = None  # (occ, skill) -> relation
    skill_skills: dict[tuple[str, str], str] | None = None  # (skill, related) -> relation
    broader: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # pillar -> edges
    row_of: dict[tuple[str, str, str], tuple[str, int]] = field(default_factory=dict)
    # concepts a file lists twice with the same content (ESCO's occupations_nl.csv v1.2.1 has
    # four, differing only in modifiedDate): kept once and counted, per file name
    repeated: Counter[str] = field(default_factory=Counter)
    ignored: list[str] = field(default_factory=list)
    files: list[EscoFile] = field(default_factory=list)


# name pattern -> (kind, collection)
_LANGUAGE_FILES = {
    "occupations": ("occupation", None),
    "skills": ("skill", None),
    "ISCOGroups": ("isco_group", None),
    "skillGroups": ("skill_group", None),
    "skillsHierarchy": ("skills_hierarchy", None),
    "greenSkillsCollection": ("collection", "green"),
    "digitalSkillsCollection": ("collection", "digital"),
    "digCompSkillsCollection": ("collection", "digcomp"),
    "transversalSkillsCollection": ("collection", "transversal"),
    "languageSkillsCollection": ("collection", "language"),
    "researchSkillsCollection": ("collection", "research"),
    "greenShareOcc": ("green_share", None),
}
_RELATION_FILES = {
    "occupationSkillRelations.csv": "occupation_skill",
    "skillSkillRelations.csv": "skill_skill",
    "broaderRelationsSkillPillar.csv": "broader_skill",
    "broaderRelationsOccPillar.csv": "broader_occupation",
}
_LANG_NAME = re.compile(r"^(?P<stem>[A-Za-z]+)_(?P<lang>[a-z]{2}(?:-[a-z]+)?)\.csv$")

REQUIRED_COLUMNS = {
    "occupation": ("conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "iscoGroup",
                   "code", "description", "status"),
    "skill": ("conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "skillType",
              "reuseLevel", "description", "status"),
    "isco_group": ("conceptUri", "code", "preferredLabel", "altLabels", "description"),
    "skill_group": ("conceptUri", "preferredLabel", "altLabels", "hiddenLabels", "description",
                    "code"),
    "collection": ("conceptUri", "preferredLabel", "altLabels", "description"),
    "skills_hierarchy": ("Level 0 URI", "Level 1 URI", "Level 2 URI", "Level 3 URI"),
    "green_share": ("conceptType", "conceptUri", "greenShare"),
    "occupation_skill": ("occupationUri", "relationType", "skillType", "skillUri"),
    "skill_skill": ("originalSkillUri", "relationType", "relatedSkillUri"),
    "broader_skill": ("conceptType", "conceptUri", "broaderType", "broaderUri"),
    "broader_occupation": ("conceptType", "conceptUri", "broaderType", "broaderUri"),
}
_RELATION_TYPES = {"occupation_skill": {"essential", "optional"}, "skill_skill": {
    "essential", "optional"}}


def classify(name: str) -> tuple[str, str | None, str | None]:
    """(kind, lang, collection) for a file name; kind 'ignored' for files we do not use."""
    if name in _RELATION_FILES:
        return _RELATION_FILES[name], None, None
    match = _LANG_NAME.match(name)
    if match and match["stem"] in _LANGUAGE_FILES:
        kind, collection = _LANGUAGE_FILES[match["stem"]]
        return kind, match["lang"], collection
    return "ignored", None, None


def discover(paths: Iterable[str | Path]) -> list[EscoFile]:
    """The CSV files inside the given zips and folders (any order, nested folders allowed)."""
    found: list[EscoFile] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise EscoInputError("no such file or folder", file=str(path))
        if path.is_dir():
            for csv_path in sorted(path.rglob("*.csv")):
                found.append(_file_entry(csv_path.name, str(csv_path), csv_path.stat().st_size,
                                         partial(_open_file, csv_path)))
            for zip_path in sorted(path.rglob("*.zip")):
                found.extend(_zip_entries(zip_path))
        elif path.suffix.lower() == ".zip":
            found.extend(_zip_entries(path))
        elif path.suffix.lower() == ".csv":
            found.append(_file_entry(path.name, str(path), path.stat().st_size,
                                     partial(_open_file, path)))
        else:
            raise EscoInputError("not an ESCO CSV file, zip or folder", file=str(path))
    found = _drop_identical_copies(found)
    names = [f.name for f in found if f.kind not in ("ignored", "copy")]
    if not names:
        raise EscoInputError(
            "no ESCO CSV files found (expected names like occupations_en.csv, "
            "occupationSkillRelations.csv)",
            file=", ".join(str(p) for p in paths),
        )
    return found


def _drop_identical_copies(found: list[EscoFile]) -> list[EscoFile]:
    """The same file name twice (the full Dutch zip next to loose Dutch CSVs): a byte-identical
    copy is used once and listed as not used; copies that differ are refused, naming both."""
    first: dict[str, EscoFile] = {}
    result: list[EscoFile] = []
    for esco_file in found:
        if esco_file.kind == "ignored":
            result.append(esco_file)
            continue
        earlier = first.setdefault(esco_file.name, esco_file)
        if earlier is esco_file:
            result.append(esco_file)
        elif earlier.size == esco_file.size and _digest(earlier) == _digest(esco_file):
            result.append(replace(esco_file, kind="copy", source=f"{esco_file.source} "
                                  f"(identical to {earlier.source})"))
        else:
            raise EscoInputError(
                f"the same file is given twice with different content: {earlier.source} and "
                f"{esco_file.source}; give only one of them (e.g. the full download instead of "
                "the loose files)", file=esco_file.name)
    return result


def _digest(esco_file: EscoFile) -> str:
    digest = hashlib.sha256()
    try:
        with esco_file.open() as raw:
            for block in iter(partial(raw.read, 1 << 20), b""):
                digest.update(block)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise EscoInputError(f"file is truncated or unreadable ({exc})",
                             file=esco_file.source) from exc
    return digest.hexdigest()


def _file_entry(name: str, source: str, size: int, opener: Callable[[], IO[bytes]]) -> EscoFile:
    kind, lang, collection = classify(name)
    return EscoFile(name, source, kind, lang, collection, size, opener)


def _open_file(path: Path) -> IO[bytes]:
    return path.open("rb")


def _open_member(path: Path, member: zipfile.ZipInfo) -> IO[bytes]:
    return zipfile.ZipFile(path).open(member)


def _zip_entries(path: Path) -> list[EscoFile]:
    try:
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
        bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise EscoInputError(f"not a readable zip file ({exc})", file=str(path)) from exc
    if bad:
        raise EscoInputError("zip member is damaged (CRC mismatch)", file=f"{path}:{bad}")
    return [
        _file_entry(
            Path(m.filename).name, f"{path}:{m.filename}", m.file_size,
            partial(_open_member, path, m),
        )
        for m in members
    ]


def read_rows(
    esco_file: EscoFile, required: Sequence[str], progress: OnBytes = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, row) with the header checked and every row as wide as the header."""
    with esco_file.open() as raw:
        counter = _CountingReader(raw, progress)
        text = io.TextIOWrapper(cast(IO[bytes], counter), encoding="utf-8-sig", newline="")
        reader = csv.reader(text, strict=True)
        row_number = 1
        try:
            header = next(reader, None)
            if not header:
                raise EscoInputError("file is empty", file=esco_file.source, row=1)
            missing = [c for c in required if c not in header]
            if missing:
                raise EscoInputError(
                    f"missing column(s) {', '.join(missing)}; found {', '.join(header)}",
                    file=esco_file.source, row=1, column=missing[0],
                )
            # Some official files omit trailing empty fields; a row may be short, but never
            # shorter than the last column we need, nor longer than the header.
            needed = max(header.index(c) for c in required) + 1 if required else 1
            for row_number, values in enumerate(reader, start=2):
                if values == [] or values == [""]:
                    continue
                if needed <= len(values) < len(header):
                    values = values + [""] * (len(header) - len(values))
                if len(values) != len(header):
                    raise EscoInputError(
                        f"has {len(values)} fields, the header has {len(header)} "
                        "(truncated or broken line?)",
                        file=esco_file.source, row=row_number,
                    )
                yield row_number, dict(zip(header, values, strict=True))
            if counter.last not in (b"\n", b"\r"):
                # every official file ends with a line break: one cut off mid-line is truncated
                # even where the cut left the last row with all its fields
                raise EscoInputError("the last line has no line break: the file is truncated",
                                     file=esco_file.source, row=row_number)
        except csv.Error as exc:
            raise EscoInputError(f"broken CSV: {exc}", file=esco_file.source,
                                 row=row_number + 1) from exc
        except UnicodeDecodeError as exc:
            raise EscoInputError(f"not UTF-8 text: {exc.reason}", file=esco_file.source,
                                 row=row_number + 1) from exc
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise EscoInputError(f"file is truncated or unreadable ({exc})",
                                 file=esco_file.source, row=row_number + 1) from exc


class _CountingReader(io.RawIOBase):
    """Passes bytes through and reports how many were read, for the progress bar."""

    def __init__(self, raw: IO[bytes], progress: OnBytes):
        self._raw, self._progress = raw, progress
        self.last = b""  # the last byte read so far

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        if data:
            self.last = data[-1:]
            if self._progress:
                self._progress(len(data))
        return len(data)


def read_bundle(
    files: list[EscoFile], progress: OnBytes = None
) -> EscoBundle:
    """Parse and validate every recognised file into one bundle."""
    bundle = EscoBundle(files=files)
    # by name, so that what the files say never depends on the order they were given in
    for esco_file in sorted(files, key=lambda f: (f.name, f.source)):
        if esco_file.kind in ("ignored", "copy"):
            bundle.ignored.append(esco_file.source)
            if progress:
                progress(esco_file.size)
            continue
        _READERS[esco_file.kind](bundle, esco_file, progress)
    return bundle


def _check_uri(value: str, esco_file: EscoFile, row: int, column: str) -> str:
    value = value.strip()
    if not value:
        raise EscoInputError("is empty", file=esco_file.source, row=row, column=column)
    if not value.startswith(ESCO_PREFIX):
        raise EscoInputError(f"'{value[:80]}' is not an ESCO URI", file=esco_file.source,
                             row=row, column=column)
    return value


def _split(value: str, separator: str) -> list[str]:
    seen: dict[str, None] = {}
    for part in value.split(separator):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def _read_concepts(bundle: EscoBundle, f: EscoFile, progress: OnBytes) -> None:
    kind, lang = f.kind, f.lang or BASE_LANGUAGE
    labels = bundle.labels[kind].setdefault(lang, {})
    for row_number, row in read_rows(f, REQUIRED_COLUMNS[kind], progress):
        uri = _check_uri(row["conceptUri"], f, row_number, "conceptUri")
        label = row["preferredLabel"].strip()
        if not label:
            raise EscoInputError("is empty", file=f.source, row=row_number,
                                 column="preferredLabel")
        found = Labels(label, _split(row["altLabels"], "\n"),
                       _split(row.get("hiddenLabels", ""), "\n"), row["description"].strip())
        base = _base_fields(kind, row) if lang == BASE_LANGUAGE else None
        if uri in labels:
            # a URI listed twice: harmless if it says the same, refused if it contradicts itself
            _, first_row = bundle.row_of[(f.name, kind, uri)]
            if labels[uri] != found or (base is not None and bundle.concepts[kind][uri] != base):
                raise EscoInputError(
                    f"{uri} is listed twice with different content (first in row {first_row})",
                    file=f.source, row=row_number, column="conceptUri")
            bundle.repeated[f.name] += 1
            continue
        labels[uri] = found
        if base is not None:
            bundle.concepts[kind][uri] = base
        bundle.row_of[(f.name, kind, uri)] = (f.source, row_number)


def _base_fields(kind: str, row: dict[str, str]) -> dict[str, str]:
    if kind == "occupation":
        return {"code": row["code"].strip(), "isco_code": row["iscoGroup"].strip(),
                "status": row["status"].strip()}
    if kind == "skill":
        return {"skill_type": row["skillType"].strip(), "reuse_level": row["reuseLevel"].strip(),
                "status": row["status"].strip()}
    return {"code": row["code"].strip()}


def _read_collection(
    bundle: EscoBundle, f: EscoFile, progress: OnBytes
) -> None:
    assert f.collection is not None
    members = bundle.collections.setdefault(f.collection, set())
    labels = bundle.collection_labels.setdefault(f.lang or BASE_LANGUAGE, {})
    for row_number, row in read_rows(f, REQUIRED_COLUMNS["collection"], progress):
        uri = _check_uri(row["conceptUri"], f, row_number, "conceptUri")
        members.add(uri)
        labels.setdefault(uri, Labels(row["preferredLabel"].strip(),
                                      _split(row["altLabels"], "|"), [],
                                      row["description"].strip()))


def _read_hierarchy(bundle: EscoBundle, f: EscoFile, progress: OnBytes) -> None:
    edges = bundle.broader.setdefault("skill", set())
    levels = [f"Level {i} URI" for i in range(4)]
    for row_number, row in read_rows(f, REQUIRED_COLUMNS["skills_hierarchy"], progress):
        chain = [row[c].strip() for c in levels if row[c].strip()]
        for column, uri in zip(levels, chain, strict=False):
            _check_uri(uri, f, row_number, column)
        edges.update(zip(chain[1:], chain[:-1], strict=True))


def _read_green_share(
    bundle: EscoBundle, f: EscoFile, progress: OnBytes
) -> None:
    first_rows: dict[str, int] = {}
    for row_number, row in read_rows(f, REQUIRED_COLUMNS["green_share"], progress):
        uri = _check_uri(row["conceptUri"], f, row_number, "conceptUri")
        try:
            share = float(row["greenShare"])
        except ValueError:
            share = math.nan
        if not 0.0 <= share <= 1.0:
            raise EscoInputError(f"'{row['greenShare']}' is not a share between 0 and 1",
                                 file=f.source, row=row_number, column="greenShare")
        if uri in first_rows and bundle.green_share[uri] != share:
            # a concept listed twice: refused when it contradicts itself (no last row wins)
            raise EscoInputError(
                f"{uri} is listed twice with different shares (first in row "
                f"{first_rows[uri]})", file=f.source, row=row_number, column="conceptUri")
        first_rows.setdefault(uri, row_number)
        bundle.green_share[uri] = share


def _read_pairs(bundle: EscoBundle, f: EscoFile, progress: OnBytes) -> None:
    columns = {
        "occupation_skill": ("occupationUri", "skillUri"),
        "skill_skill": ("originalSkillUri", "relatedSkillUri"),
        "broader_skill": ("conceptUri", "broaderUri"),
        "broader_occupation": ("conceptUri", "broaderUri"),
    }[f.kind]
    relations: dict[tuple[str, str], str] = {}
    allowed = _RELATION_TYPES.get(f.kind)
    for row_number, row in read_rows(f, REQUIRED_COLUMNS[f.kind], progress):
        pair = (_check_uri(row[columns[0]], f, row_number, columns[0]),
                _check_uri(row[columns[1]], f, row_number, columns[1]))
        relation = row.get("relationType", "").strip()
        if allowed is not None and relation not in allowed:
            raise EscoInputError(
                f"'{relation}' is not one of {', '.join(sorted(allowed))}",
                file=f.source, row=row_number, column="relationType",
            )
        # essential wins when a pair is listed twice
        if relations.get(pair) != "essential":
            relations[pair] = relation
        bundle.row_of[(f.name, *pair)] = (f.source, row_number)
    if f.kind == "occupation_skill":
        bundle.occupation_skills = relations
    elif f.kind == "skill_skill":
        bundle.skill_skills = relations
    else:
        pillar = "skill" if f.kind == "broader_skill" else "occupation"
        bundle.broader.setdefault(pillar, set()).update(relations)


_READERS: dict[str, Callable[[EscoBundle, EscoFile, OnBytes], None]] = {
    "occupation": _read_concepts,
    "skill": _read_concepts,
    "isco_group": _read_concepts,
    "skill_group": _read_concepts,
    "collection": _read_collection,
    "skills_hierarchy": _read_hierarchy,
    "green_share": _read_green_share,
    "occupation_skill": _read_pairs,
    "skill_skill": _read_pairs,
    "broader_skill": _read_pairs,
    "broader_occupation": _read_pairs,
}
