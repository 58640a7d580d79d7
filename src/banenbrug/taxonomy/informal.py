"""Informal Dutch words for jobs that ESCO's labels lack ("cv-monteur", "netbeheerder").

A short hand-written list (data/informal_terms_nl.csv; add a row where coaches meet a word people
use and ESCO does not know): search looks for the query as written and with each such word
replaced by words ESCO's labels do use. Neither trigrams nor the small text model can know that
"cv" means central heating here, not a résumé.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from banenbrug.taxonomy.search import normalise

TERMS_FILE = Path(__file__).parent / "data" / "informal_terms_nl.csv"


def _load() -> tuple[tuple[re.Pattern[str], str], ...]:
    with TERMS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [(normalise(r["term"]), normalise(r["expansion"])) for r in csv.DictReader(handle)]
    rows.sort(key=lambda r: -len(r[0]))  # "vig er" before "vig"
    return tuple((re.compile(rf"(?<!\S){re.escape(term)}(?!\S)"), expansion)
                 for term, expansion in rows)


TERMS = _load()  # a few rows: read once at import


def expand(query: str) -> str | None:
    """The query with its informal words replaced (normalised), or None when it has none."""
    text = normalise(query)
    expanded = text
    for pattern, expansion in TERMS:
        expanded = pattern.sub(expansion, expanded)
    return expanded if expanded != text else None
