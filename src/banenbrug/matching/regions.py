"""Labour-market regions and municipalities as matching and people use them, read through the
one region reader (src/banenbrug/atlas.py, `files_atlas`).

A place is stored as its CBS code: the region AM01…AM38 and, optionally, the municipality
GM0014…; both are validated here. Each region's province is the province of most of its
municipalities (a few regions cross a provincial border).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from banenbrug.atlas import LABOUR_MARKET, Atlas, AtlasError, Municipality, files_atlas


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    province_code: str
    province: str


class RegionDataMissing(RuntimeError):
    pass


def _atlas() -> Atlas:
    try:
        return files_atlas()
    except AtlasError as exc:
        raise RegionDataMissing(str(exc)) from exc


@cache
def regions() -> tuple[Region, ...]:
    """All labour-market regions in code order."""
    atlas = _atlas()
    votes: dict[str, Counter[str]] = {}
    for m in atlas.municipalities.values():
        votes.setdefault(m.labour_market, Counter())[m.province] += 1
    result = []
    for place in atlas.of_kind(LABOUR_MARKET):
        province_code = votes[place.code].most_common(1)[0][0] if place.code in votes else ""
        province = atlas.regions.get(province_code)
        result.append(Region(place.code, place.name, province_code,
                             province.name if province else ""))
    return tuple(result)


@cache
def by_code() -> dict[str, Region]:
    return {r.code: r for r in regions()}


@cache
def region_index() -> dict[str, int]:
    """Region code -> 0..34, the engine's region numbering."""
    return {r.code: i for i, r in enumerate(regions())}


@cache
def province_index() -> dict[str, int]:
    """Province code -> 0..11."""
    return {code: i for i, code in enumerate(sorted({r.province_code for r in regions()}))}


def name(code: str) -> str:
    """The region's name; the code itself when it is not a known region."""
    region = by_code().get(code)
    return region.name if region else code


def is_region(code: str) -> bool:
    try:
        return code in by_code()
    except RegionDataMissing:
        return False


def choices() -> list[tuple[str, str]]:
    return [(r.code, f"{r.name}") for r in regions()]


# ------------------------------------------------------------------ municipalities

def municipality(code: str) -> Municipality | None:
    try:
        return _atlas().municipalities.get(code)
    except RegionDataMissing:
        return None


def centroid(code: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a municipality's centroid; None for an unknown code."""
    return _atlas().centroids.get(code) if code else None


@cache
def municipality_choices() -> list[tuple[str, str]]:
    """(code, name) of every municipality, by Dutch name."""
    return sorted(((m.code, m.name) for m in _atlas().municipalities.values()),
                  key=lambda pair: (pair[1].casefold(), pair[0]))


def municipalities_in(region: str) -> list[str]:
    """Codes of the municipalities of a labour-market region, in code order."""
    return sorted(_atlas().coverage(region)) if is_region(region) else []
