"""Faceted search and the 'which table is mine' finder over registry records.

Pure Python (no Django): records are plain dataclasses built once from the database
(`snapshot.py`); every filter is a set operation. Within one facet the values are alternatives
(OR); different facets all apply (AND). Themes named in free text must all match (AND):
'heat-pump installers' wants heat pumps *and* installation work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from banenbrug.atlas import Atlas, normalise
from banenbrug.registry.query import ParsedQuery
from banenbrug.registry.vocab import THEMES_BY_CODE, isco_matches

INITIATIVE, TABLE = "initiative", "table"


@dataclass(frozen=True)
class Record:
    """One initiative or table, flattened for searching."""

    id: int
    type: str  # INITIATIVE or TABLE
    name: str
    text: str  # normalised: name, organisation, description, occupation labels, members
    coverage: frozenset[str]  # municipality codes (all of them for a national record)
    national: bool = False
    region_codes: tuple[str, ...] = ()
    labour_market_regions: tuple[str, ...] = ()
    res_regions: tuple[str, ...] = ()
    kind: str = ""
    target_groups: frozenset[str] = frozenset()
    isco_codes: frozenset[str] = frozenset()  # of its occupations and sectors
    themes: frozenset[str] = frozenset()  # named explicitly (tables)
    status: str = "active"
    funding_type: str = "unknown"
    funding_amount: float | None = None
    has_outcomes: bool = False
    effect_measured: bool = False  # an evaluation estimated its effect (evaluation pillar)
    is_example: bool = False


@dataclass(frozen=True)
class Filters:
    types: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    funding_types: frozenset[str] = frozenset()
    themes_any: frozenset[str] = frozenset()  # facet: one of these
    themes_all: tuple[str, ...] = ()  # from free text: every one of these
    places: tuple[str, ...] = ()  # place codes (GM/AM/ES/PV/NL); their coverage is unioned
    isco: tuple[str, ...] = ()  # ISCO prefixes, one of which must match
    terms: tuple[str, ...] = ()  # normalised words that must all occur in the text
    has_outcomes: bool | None = None
    effect_measured: bool | None = None

    @classmethod
    def from_query(cls, parsed: ParsedQuery, **facets: object) -> Filters:
        """Free-text parse and explicit facets together (both narrow the result)."""
        base = cls(**facets)  # type: ignore[arg-type]
        return cls(
            types=base.types or (frozenset({parsed.scope}) if parsed.scope else frozenset()),
            kinds=base.kinds | frozenset(parsed.kinds),
            target_groups=base.target_groups | frozenset(parsed.target_groups),
            statuses=base.statuses, funding_types=base.funding_types,
            themes_any=base.themes_any, themes_all=tuple(parsed.themes),
            places=base.places + tuple(p.code for p in parsed.places),
            isco=base.isco, terms=base.terms + parsed.terms, has_outcomes=base.has_outcomes,
            effect_measured=base.effect_measured)


def theme_matches(record: Record, theme: str) -> bool:
    """A record is about a theme when it names it, has an occupation in it, or uses its words."""
    if theme in record.themes:
        return True
    spec = THEMES_BY_CODE[theme]
    if any(isco_matches(code, spec.isco_prefixes) for code in record.isco_codes):
        return True
    return text_mentions(record.text, spec.words)


def text_mentions(text: str, stems: Iterable[str]) -> bool:
    """Whether normalised text holds a word starting with a stem (short stems: the whole word;
    stems of several words: the phrase)."""
    words = text.split()
    padded = f" {text} "
    for stem in stems:
        stem = normalise(stem)
        if " " in stem:
            if f" {stem}" in padded:
                return True
        elif any(w == stem if len(stem) <= 3 else w.startswith(stem) for w in words):
            return True
    return False


def _matches(record: Record, f: Filters, coverage: frozenset[str] | None) -> bool:
    return (
        (not f.types or record.type in f.types)
        and (not f.kinds or record.kind in f.kinds)
        and (not f.target_groups or bool(record.target_groups & f.target_groups))
        and (not f.statuses or record.status in f.statuses)
        and (not f.funding_types or record.funding_type in f.funding_types)
        and (f.has_outcomes is None or record.has_outcomes == f.has_outcomes)
        and (f.effect_measured is None or record.effect_measured == f.effect_measured)
        and (coverage is None or bool(record.coverage & coverage))
        and (not f.isco or any(isco_matches(c, f.isco) for c in record.isco_codes))
        and (not f.themes_any or any(theme_matches(record, t) for t in f.themes_any))
        and all(theme_matches(record, t) for t in f.themes_all)
        and all(term in record.text for term in f.terms)
    )


@dataclass(frozen=True)
class Facets:
    types: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    target_groups: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    funding_types: dict[str, int] = field(default_factory=dict)
    labour_market_regions: dict[str, int] = field(default_factory=dict)
    res_regions: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchResult:
    hits: list[Record]
    facets: Facets
    total: int


def _facets(records: Sequence[Record]) -> Facets:
    def count(values: Iterable[str]) -> dict[str, int]:
        return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))

    return Facets(
        types=count(r.type for r in records),
        kinds=count(r.kind for r in records if r.kind),
        target_groups=count(g for r in records for g in r.target_groups),
        statuses=count(r.status for r in records),
        funding_types=count(r.funding_type for r in records if r.type == INITIATIVE),
        labour_market_regions=count(c for r in records if not r.national
                                    for c in r.labour_market_regions),
        res_regions=count(c for r in records if not r.national for c in r.res_regions),
    )


def _rank(record: Record, f: Filters) -> tuple[int, int, str]:
    name_hits = sum(term in record.text[: len(record.name) + 1] for term in f.terms)
    return (-name_hits, int(record.national), record.name.lower())


def search(records: Sequence[Record], atlas: Atlas, f: Filters, limit: int = 50) -> SearchResult:
    """Records matching every filter, regional before national, then by name; with facets."""
    coverage = atlas.coverage_of(f.places) if f.places else None
    found = [r for r in records if _matches(r, f, coverage)]
    found.sort(key=lambda r: _rank(r, f))
    return SearchResult(found[:limit], _facets(found), len(found))


# --- the finder ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    record: Record
    score: float
    reasons: tuple[str, ...]  # codes: "region", "national", "theme", "target_group", "open"


@dataclass(frozen=True)
class FinderResult:
    tables: list[Suggestion]
    initiatives: list[Suggestion]


def find(records: Sequence[Record], atlas: Atlas, place: str, theme: str | None = None,
         target_group: str | None = None, limit: int = 10) -> FinderResult:
    """Tables to join and initiatives that could reinforce each other, for an organisation in
    `place` working on `theme` for `target_group`.

    A suggestion must reach the place (national ones always do, ranked lower) and, when a theme
    is given, be about that theme; a table without target groups is open to every group.
    Initiatives must also serve the target group when one is given. Ended work is left out.
    """
    coverage = atlas.coverage(place)
    tables: list[Suggestion] = []
    initiatives: list[Suggestion] = []
    for r in records:
        if r.status == "ended" or not (r.coverage & coverage):
            continue
        if theme and not theme_matches(r, theme):
            continue
        reasons = ["national" if r.national else "region"]
        score = 1.0 if r.national else 3.0
        if theme:
            reasons.append("theme")
            score += 2
        if target_group and target_group in r.target_groups:
            reasons.append("target_group")
            score += 1
        elif target_group and r.type == TABLE and not r.target_groups:
            reasons.append("open")
            score += 0.5
        elif target_group and r.type == INITIATIVE:
            continue
        (tables if r.type == TABLE else initiatives).append(
            Suggestion(r, score, tuple(reasons)))
    return FinderResult(sorted(tables, key=_best_first)[:limit],
                        sorted(initiatives, key=_best_first)[:limit])


def _best_first(s: Suggestion) -> tuple[float, str]:
    return (-s.score, s.record.name.lower())
