"""The 35 Dutch labour-market regions and their provinces, read once from the reference data.

The registry app will own Region models; until then matching stores a region as its CBS code
(AM01…AM38) and validates it here. Each region's province is the province of most of its
municipalities (a few regions cross a provincial border).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache

from banenbrug.conf.paths import data_dir


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    province_code: str
    province: str


class RegionDataMissing(RuntimeError):
    pass


@cache
def regions() -> tuple[Region, ...]:
    """All labour-market regions in code order."""
    base = data_dir()
    folder = base / "regions" if base else None
    if folder is None or not (folder / "arbeidsmarktregio_2025.geojson").exists():
        raise RegionDataMissing("regions/arbeidsmarktregio_2025.geojson not found; "
                                "set BANENBRUG_DATA_DIR")
    with (folder / "arbeidsmarktregio_2025.geojson").open(encoding="utf-8") as handle:
        names = {f["properties"]["statcode"]: f["properties"]["statnaam"]
                 for f in json.load(handle)["features"]}
    votes: dict[str, Counter[tuple[str, str]]] = {code: Counter() for code in names}
    with (folder / "municipalities_2025.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region = row["labour_market_region_code"]
            if region in votes:
                votes[region][(row["province_code"], row["province"])] += 1
    result = []
    for code in sorted(names):
        (province_code, province), _n = votes[code].most_common(1)[0] if votes[code] else (
            ("", ""), 0)
        result.append(Region(code, names[code], province_code, province))
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
