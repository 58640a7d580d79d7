"""Region codes the monitor accepts: national (NL), the 35 labour-market regions (AMnn) and the 12
provinces (PVnn), as the one reader of the region files (banenbrug/atlas.py) gives them; and
the region boundaries for the map, turned the way plotly.js draws them. Pure: no Django.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from banenbrug.atlas import GEOJSON, LABOUR_MARKET, NATIONAL, PROVINCE, read_atlas

FILES = {kind: GEOJSON[kind] for kind in (LABOUR_MARKET, PROVINCE)}
PATTERNS = {"labour_market": re.compile(r"AM\d\d"), "province": re.compile(r"PV\d\d")}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str  # "national", "labour_market" or "province"


@dataclass(frozen=True)
class RegionCatalogue:
    regions: dict[str, Region]
    from_files: bool  # False: the GeoJSON was not found, codes are checked by pattern only

    def check(self, code: str) -> str | None:
        """None when the code is valid, else a message saying why not."""
        if code in self.regions:
            return None
        if not self.from_files and any(p.fullmatch(code) for p in PATTERNS.values()):
            return None
        return (f"unknown region code {code!r} (use {NATIONAL}, a labour-market region AM01…AM38 "
                "or a province PV20…PV31)")

    def of_kind(self, kind: str) -> list[Region]:
        return sorted((r for r in self.regions.values() if r.kind == kind), key=lambda r: r.code)

    def name(self, code: str) -> str:
        region = self.regions.get(code)
        return region.name if region else code


def geojson_path(folder: Path | None, kind: str) -> Path | None:
    if folder is None:
        return None
    path = folder / "regions" / FILES[kind]
    return path if path.is_file() else None


@lru_cache(maxsize=4)
def load_regions(folder: Path | None) -> RegionCatalogue:
    """The regions of the data folder; without its region files, codes are checked by their
    pattern only (the monitor's own example figures still import)."""
    regions = {NATIONAL: Region(NATIONAL, "Nederland", "national")}
    if folder is None or not (folder / "regions").is_dir():
        return RegionCatalogue(regions, False)
    atlas = read_atlas(folder / "regions")  # broken files: AtlasError names the file
    for kind in FILES:
        regions.update({p.code: Region(p.code, p.name, kind) for p in atlas.of_kind(kind)})
    return RegionCatalogue(regions, True)


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in pairwise(ring)) / 2


def _orient(polygon: list[list[list[float]]]) -> list[list[list[float]]]:
    """Exterior ring clockwise, holes counter-clockwise: the order d3-geo (inside plotly.js)
    expects. RFC 7946 files use the opposite, which d3 reads as 'the whole globe but this'."""
    out = []
    for i, ring in enumerate(polygon):
        clockwise = _signed_area(ring) < 0
        out.append(ring if clockwise == (i == 0) else ring[::-1])
    return out


@lru_cache(maxsize=4)
def geojson_for_plotly(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            geometry["coordinates"] = _orient(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            geometry["coordinates"] = [_orient(p) for p in geometry["coordinates"]]
        feature["properties"] = {k: feature["properties"][k] for k in ("statcode", "statnaam")}
    return json.dumps(data, separators=(",", ":"))
