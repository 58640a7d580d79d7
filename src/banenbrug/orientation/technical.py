"""Which occupations count as technical work for Ontdek (pure).

The action plan's shortage is of technicians and ICT workers, so "technical" follows the ISCO
occupation groups of that work: science and engineering (21, but not life scientists, product
and garment designers or graphic designers as a whole), ICT (25, 35, ICT service managers 133),
science and engineering associates (31), health technicians (3211, 3212, 3214) and the
technical trades and operators (71, 72, 74, 81 without textile machine operators 815, 82).
Mixed groups (life scientists 213, graphic and multimedia designers 2166, handicraft and
printing 73, mobile plant operators 83) count only where the occupation is green or digital by
the shared rule (environmental scientist and digital games designer, yes; physiologist and
illustrator, no). Occupations in other groups that are plainly technical work - industrial
design, healthcare technology, technical teaching - are listed by URI with the reason in
data/technical_occupations.csv.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

TECHNICAL_GROUPS = ("21", "25", "31", "35", "133", "3211", "3212", "3214",
                    "71", "72", "74", "81", "82")
NOT_TECHNICAL_GROUPS = ("213", "2163", "2166", "815")
TECHNICAL_WHEN_GREEN_OR_DIGITAL = ("213", "2166", "73", "83")
LISTED = Path(__file__).parent / "data" / "technical_occupations.csv"


@cache
def listed_uris() -> frozenset[str]:
    with LISTED.open(encoding="utf-8") as handle:
        return frozenset(row["uri"] for row in csv.DictReader(handle))


def is_technical(uri: str, isco: str, green_or_digital: bool) -> bool:
    if uri in listed_uris():
        return True
    if isco.startswith(TECHNICAL_WHEN_GREEN_OR_DIGITAL) and green_or_digital:
        return True
    return isco.startswith(TECHNICAL_GROUPS) and not isco.startswith(NOT_TECHNICAL_GROUPS)
