"""Overlap and fragmentation: which initiatives should talk to each other, and how scattered
each region's effort is.

Pure Python (no Django). Two initiatives overlap when they reach the same labour-market region
(through any of their places: a RES region counts in every labour-market region it touches),
serve a common target group, and work on a common occupation cluster (ISCO-08 group, 3 digits
by default; an initiative without occupations is open to every cluster). National initiatives
are compared with national ones only: each of them reaches every region, so flagging them
against every regional initiative would bury the signal. Ended initiatives are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from banenbrug.atlas import LABOUR_MARKET, NATIONAL, RES, Atlas
from banenbrug.registry.search import INITIATIVE, TABLE, Record
from banenbrug.registry.vocab import ENERGY_ISCO_PREFIXES, cluster_of, isco_matches


@dataclass(frozen=True)
class OverlapGroup:
    region: str  # labour-market region code, or NL for national initiatives
    target_group: str
    clusters: tuple[str, ...]  # the occupation clusters the members share ("" = unspecified)
    initiative_ids: tuple[int, ...]


def clusters(record: Record, digits: int = 3) -> frozenset[str]:
    return frozenset(cluster_of(code, digits) for code in record.isco_codes)


def _compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return True
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _shared(groups: list[frozenset[str]]) -> tuple[str, ...]:
    specific = [g for g in groups if g]
    if not specific:
        return ("",)
    seen: dict[str, int] = defaultdict(int)
    for g in specific:
        for c in g:
            seen[c] += 1
    shared = [c for c, n in seen.items() if n > 1] or [c for g in specific for c in g]
    return tuple(sorted(set(shared)))


def _root(parent: list[int], i: int) -> int:
    """Union-find root with path halving."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _join_compatible(sets: list[frozenset[str]], parent: list[int]) -> None:
    """Union members whose clusters are compatible, without comparing every pair: a member
    joins everyone holding one of its clusters or a broader group of it; a member without
    clusters joins everyone."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, codes in enumerate(sets):
        for code in codes:
            holders[code].append(i)
    for members in holders.values():
        for i in members[1:]:
            parent[_root(parent, i)] = _root(parent, members[0])
    for i, codes in enumerate(sets):
        if not codes:
            for j in range(len(sets)):
                parent[_root(parent, j)] = _root(parent, i)
            continue
        for code in codes:
            for cut in range(1, len(code)):
                broader = holders.get(code[:cut])
                if broader:
                    parent[_root(parent, i)] = _root(parent, broader[0])


def find_overlaps(records: Iterable[Record], digits: int = 3) -> list[OverlapGroup]:
    """Groups of two or more live initiatives per (labour-market region, target group) whose
    occupation clusters connect; sorted by region, target group."""
    buckets: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        if r.type != INITIATIVE or r.status == "ended":
            continue
        regions = (NATIONAL,) if r.national else r.labour_market_regions
        for region in regions:
            for group in r.target_groups:
                buckets[(region, group)].append(r)
    found: list[OverlapGroup] = []
    for (region, group), members in sorted(buckets.items()):
        if len(members) < 2:
            continue
        sets = [clusters(m, digits) for m in members]
        parent = list(range(len(members)))
        _join_compatible(sets, parent)
        components: dict[int, list[int]] = defaultdict(list)
        for i in range(len(members)):
            components[_root(parent, i)].append(i)
        for indices in components.values():
            if len(indices) > 1:
                found.append(OverlapGroup(
                    region, group, _shared([sets[i] for i in indices]),
                    tuple(sorted(members[i].id for i in indices))))
    return found


def overlapping_pairs(groups: Iterable[OverlapGroup]) -> set[frozenset[int]]:
    return {frozenset((a, b)) for g in groups for a in g.initiative_ids
            for b in g.initiative_ids if a < b}


# --- fragmentation --------------------------------------------------------------------------

@dataclass(frozen=True)
class RegionIndicators:
    code: str
    name: str
    initiatives: int  # regional initiatives (not ended) that reach the region
    tables: int
    structural_share: float | None  # of initiatives with a known funding type
    project_share: float | None
    structural_amount_share: float | None  # of the euros with a known funding type
    outcome_share: float | None  # initiatives with at least one measured outcome
    overlap_groups: int
    other_world: tuple[str, ...] = ()  # regions of the other kind this region touches


def _share(part: int | float, whole: int | float) -> float | None:
    return round(part / whole, 4) if whole else None


def fragmentation(records: Sequence[Record], atlas: Atlas, kind: str = LABOUR_MARKET,
                  groups: Sequence[OverlapGroup] | None = None) -> list[RegionIndicators]:
    """Per region of `kind`: how many initiatives and tables, how they are funded, how many
    measure outcomes, how many overlap groups. National records are not counted: they are the
    same everywhere and would hide the regional picture."""
    groups = find_overlaps(records) if groups is None else groups
    live = [r for r in records if not r.national and r.status != "ended"]
    overlap_count: dict[str, int] = defaultdict(int)
    by_id = {r.id: r for r in live if r.type == INITIATIVE}
    for g in groups:
        if g.region != NATIONAL:
            for code in _regions_of_group(g, atlas, kind, by_id):
                overlap_count[code] += 1
    rows: list[RegionIndicators] = []
    for place in atlas.of_kind(kind):
        area = atlas.coverage(place.code)
        here = [r for r in live if r.coverage & area]
        initiatives = [r for r in here if r.type == INITIATIVE]
        known = [r for r in initiatives if r.funding_type != "unknown"]
        structural = [r for r in known if r.funding_type == "structural"]
        amount_known = sum(r.funding_amount or 0 for r in known)
        amount_structural = sum(r.funding_amount or 0 for r in structural)
        other = RES if kind != RES else LABOUR_MARKET
        rows.append(RegionIndicators(
            place.code, place.name, len(initiatives), sum(r.type == TABLE for r in here),
            _share(len(structural), len(known)), _share(len(known) - len(structural), len(known)),
            _share(amount_structural, amount_known),
            _share(sum(r.has_outcomes for r in initiatives), len(initiatives)),
            overlap_count[place.code], tuple(atlas.overlap(place.code, other))))
    return rows


def _regions_of_group(group: OverlapGroup, atlas: Atlas, kind: str,
                      records: Mapping[int, Record]) -> set[str]:
    if kind == LABOUR_MARKET:
        return {group.region}
    # A group lives in a labour-market region; in the RES view it counts in every RES region
    # where its members meet inside that labour-market region.
    common = atlas.coverage(group.region)
    for i in group.initiative_ids:
        common = common & records[i].coverage
    return set(atlas.regions_touching(common, kind))


@dataclass(frozen=True)
class ResGap:
    code: str
    name: str
    targets: tuple[str, ...]
    labour_market_regions: tuple[str, ...]


def res_mismatch(records: Sequence[Record], atlas: Atlas,
                 targets: Mapping[str, Sequence[str]]) -> list[ResGap]:
    """RES regions with energy-transition targets but no live regional initiative, reaching
    them, for the occupations that do that work (installation, electrical, energy technicians)."""
    energy = [r for r in records if r.type == INITIATIVE and not r.national
              and r.status != "ended"
              and any(isco_matches(c, ENERGY_ISCO_PREFIXES) for c in r.isco_codes)]
    gaps: list[ResGap] = []
    for place in atlas.of_kind(RES):
        if not targets.get(place.code):
            continue
        area = atlas.coverage(place.code)
        if not any(r.coverage & area for r in energy):
            gaps.append(ResGap(place.code, place.name, tuple(targets[place.code]),
                               tuple(atlas.overlap(place.code, LABOUR_MARKET))))
    return gaps
