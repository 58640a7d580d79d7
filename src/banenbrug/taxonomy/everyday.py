"""Everyday Dutch names for occupations whose ESCO preferred label people do not use.

"technicus koel-, lucht- en verwarmingstechniek" is the heat-pump job; a plumber looking for
it says "warmtepompmonteur". The rule, one place for every page:

- a short curated list (data/everyday_names_nl.csv: the energy-transition trades, one row per
  occupation with the reason) names the word people use;
- it is shown only when it is one of that occupation's own Dutch ESCO alternative labels,
  spelled the same apart from case, spaces and hyphens ("warmtepomp monteur" backs
  "warmtepompmonteur"), and is not the preferred label itself.

So the list chooses among ESCO's own names and may fix their spelling, but never invents one;
a row that ESCO stops backing (after an update) is not shown. Choosing automatically from the
alternative labels was tried and rejected (docs/transitions-engine.md: ESCO's alternative
labels are often narrower or broader jobs, "boer" for an agricultural product manager).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Protocol

NAMES_FILE = Path(__file__).parent / "data" / "everyday_names_nl.csv"
COLUMNS = ("uri", "everyday_name", "esco_label_nl", "why")
URI_PREFIX = "http://data.europa.eu/esco/occupation/"


class EverydayNamesError(ValueError):
    """A bad row in the curated list, named by file, row and field."""


class Labelled(Protocol):
    uri: str
    label_nl: str

    def alt_labels(self, lang: str) -> list[str]: ...


def spelling_key(name: str) -> str:
    """What two spellings of one name share: 'warmtepomp monteur' ~ 'Warmtepompmonteur'."""
    return "".join(ch for ch in name.casefold() if ch not in " -\u2010\u00a0")


def load(path: Path = NAMES_FILE) -> dict[str, str]:
    """URI -> everyday name. Every row is checked; the first bad one raises."""
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise EverydayNamesError(
                f"{path.name}: header must be {','.join(COLUMNS)}, found "
                f"{','.join(reader.fieldnames or ())}")
        for row_number, row in enumerate(reader, start=2):
            where = f"{path.name} row {row_number}"
            uri, name = (row["uri"] or "").strip(), (row["everyday_name"] or "").strip()
            if not uri.startswith(URI_PREFIX):
                raise EverydayNamesError(f"{where}, field uri: not an ESCO occupation URI: "
                                         f"{uri!r}")
            if not name:
                raise EverydayNamesError(f"{where}, field everyday_name: empty")
            if not (row["why"] or "").strip():
                raise EverydayNamesError(f"{where}, field why: say why people use this name")
            if uri in names:
                raise EverydayNamesError(f"{where}, field uri: {uri} is listed twice")
            names[uri] = name
    return names


NAMES = load()  # a few rows: read once at import


def everyday_name(occupation: Labelled, names: dict[str, str] | None = None) -> str | None:
    """The everyday name to show next to the ESCO label, or None (see the module's rule)."""
    name = (NAMES if names is None else names).get(occupation.uri)
    if name is None or spelling_key(name) == spelling_key(occupation.label_nl or ""):
        return None
    backed = {spelling_key(label) for label in occupation.alt_labels("nl")}
    return name if spelling_key(name) in backed else None
