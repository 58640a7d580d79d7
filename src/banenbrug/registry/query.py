"""Free text → filters: 'initiatieven voor vrouwen in ICT in Groningen'.

Pure Python (no Django). Place names (municipality, province, labour-market or RES region; an
optional qualifier such as 'RES-regio' or 'gemeente' narrows the kind), target-group words,
kind words and theme words become filters; the words left over must all occur in a record's
text. The parse is returned whole so the interface can show what it understood.
"""

from __future__ import annotations

from dataclasses import dataclass

from banenbrug.atlas import (
    LABOUR_MARKET,
    MUNICIPALITY,
    PROVINCE,
    RES,
    Atlas,
    Place,
    normalise,
)
from banenbrug.registry.vocab import KIND_WORDS, TARGET_GROUP_WORDS, THEMES

QUALIFIERS: dict[str, str] = {
    "gemeente": MUNICIPALITY, "municipality": MUNICIPALITY, "provincie": PROVINCE,
    "province": PROVINCE, "arbeidsmarktregio": LABOUR_MARKET, "labour market region":
    LABOUR_MARKET, "labor market region": LABOUR_MARKET, "res regio": RES, "res region": RES,
    "energieregio": RES, "res": RES,
}
# Place names that are also everyday words: only a place after 'in' or a qualifier.
NEEDS_CONTEXT = frozenset({"best", "goes", "beek", "stein", "epe", "ede"})
STOP_WORDS = frozenset((
    "de", "het", "een", "en", "of", "van", "voor", "naar", "in", "op", "met", "over", "bij",
    "rond", "om", "te", "aan", "uit", "door", "die", "dat", "wat", "welke", "zijn", "is", "mijn",
    "onze", "alle", "ook", "als", "regio", "regionale", "landelijke", "landelijk", "nationaal",
    "the", "a", "an", "and", "or", "of", "for", "into", "in", "on", "with", "about", "at", "by",
    "to", "which", "what", "my", "our", "all", "region", "regional", "national", "res",
))
TABLE_WORDS = ("tafel", "overlegtafel", "table", "tables", "overleg")
INITIATIVE_WORDS = ("initiatief", "initiatieven", "initiative", "programma", "programme",
                    "program", "project", "regeling", "scheme")
MAX_PLACE_WORDS = 5


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    places: tuple[Place, ...] = ()
    target_groups: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    scope: str | None = None  # "table" or "initiative" when the text asks for one of them

    @property
    def is_empty(self) -> bool:
        return not (self.places or self.target_groups or self.kinds or self.themes
                    or self.terms)


def _stems(words: tuple[str, ...]) -> list[list[str]]:
    return [normalise(w).split() for w in words]


_TARGET_STEMS = {code: _stems(words) for code, words in TARGET_GROUP_WORDS.items()}
_KIND_STEMS = {code: _stems(words) for code, words in KIND_WORDS.items()}
_THEME_STEMS = {t.code: _stems(t.words) for t in THEMES}
_QUALIFIER_STEMS = sorted(((normalise(q).split(), kind) for q, kind in QUALIFIERS.items()),
                          key=lambda item: -len(item[0]))


def _match_at(tokens: list[str], i: int, stem: list[str]) -> int:
    """How many tokens from i a stem covers (0 if none). Short last words must match whole."""
    n = len(stem)
    if i + n > len(tokens) or tokens[i:i + n - 1] != stem[:-1]:
        return 0
    last, token = stem[-1], tokens[i + n - 1]
    hit = token == last if len(last) <= 3 else token.startswith(last)
    return n if hit else 0


def _vocabulary_at(tokens: list[str], i: int,
                   table: dict[str, list[list[str]]]) -> tuple[str, int] | None:
    for code, stems in table.items():
        for stem in stems:
            width = _match_at(tokens, i, stem)
            if width:
                return code, width
    return None


def _place_at(tokens: list[str], i: int, atlas: Atlas) -> tuple[list[Place], int] | None:
    kind = None
    start = i
    for stem, qualifier_kind in _QUALIFIER_STEMS:
        if tokens[i:i + len(stem)] == stem:
            kind, start = qualifier_kind, i + len(stem)
            break
    for width in range(min(MAX_PLACE_WORDS, len(tokens) - start), 0, -1):
        name = " ".join(tokens[start:start + width])
        places = atlas.names.get(name)
        if not places:
            continue
        if kind is None and name in NEEDS_CONTEXT and (i == 0 or tokens[i - 1] != "in"):
            continue
        chosen = [p for p in places if kind is None or p.kind == kind]
        if chosen:
            return chosen, start + width - i
    return None


def parse(text: str, atlas: Atlas) -> ParsedQuery:
    tokens = normalise(text).split()
    places: list[Place] = []
    groups: list[str] = []
    kinds: list[str] = []
    themes: list[str] = []
    terms: list[str] = []
    scope: str | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        place = _place_at(tokens, i, atlas)
        if place:
            places.extend(p for p in place[0] if p not in places)
            i += place[1]
            continue
        for table, found in ((_KIND_STEMS, kinds), (_TARGET_STEMS, groups),
                             (_THEME_STEMS, themes)):
            hit = _vocabulary_at(tokens, i, table)
            if hit:
                if hit[0] not in found:
                    found.append(hit[0])
                i += hit[1]
                break
        else:
            if token.startswith(TABLE_WORDS):
                scope = "table"
            elif token.startswith(INITIATIVE_WORDS):
                scope = "initiative"
            elif token not in STOP_WORDS and len(token) > 1:
                terms.append(token)
            i += 1
    return ParsedQuery(text, tuple(places), tuple(groups), tuple(kinds), tuple(themes),
                       tuple(terms), scope)
