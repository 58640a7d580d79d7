"""The map of the two worlds: municipalities, labour-market regions, RES regions and provinces.

Pure Python (no Django). Every place is reduced to the set of municipalities it covers, so an
initiative in a RES region and a table in a labour-market region meet where those sets meet.
Built from the CBS region files (`read_atlas`, or `files_atlas()` for the data dir, read once
per process) or from the database (`registry.regions.atlas()`). The files also give each
municipality's centroid (`centroids`, from its boundary in gemeente_2025.geojson): the point
that matching measures travel distance from. This is the one reader of the region files.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from banenbrug.conf.paths import data_dir

NATIONAL = "NL"  # the region code that means "the whole country"
MUNICIPALITY, LABOUR_MARKET, RES, PROVINCE = "municipality", "labour_market", "res", "province"
REGION_KINDS = (LABOUR_MARKET, RES, PROVINCE)
PREFIX_KIND = {"GM": MUNICIPALITY, "AM": LABOUR_MARKET, "ES": RES, "PV": PROVINCE}
GEOJSON = {LABOUR_MARKET: "arbeidsmarktregio_2025.geojson",
           RES: "regionale_energiestrategie_2025.geojson", PROVINCE: "provincie_2025.geojson",
           MUNICIPALITY: "gemeente_2025.geojson"}
MUNICIPALITIES_CSV = "municipalities_2025.csv"
CSV_COLUMNS = ("municipality_code", "municipality", "labour_market_region_code",
               "labour_market_region", "res_region_code", "res_region", "province_code",
               "province")


@dataclass(frozen=True)
class Place:
    code: str  # GM0014, AM01, ES18, PV20 or NL
    name: str
    kind: str  # one of MUNICIPALITY, LABOUR_MARKET, RES, PROVINCE, or "national"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    labour_market: str
    res: str
    province: str


class AtlasError(ValueError):
    """The region file is not what we expect; the message names file, row and column."""


def normalise(text: str) -> str:
    """Lower case, accents stripped, punctuation to spaces ('Fryslân' becomes 'fryslan')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@dataclass
class Atlas:
    municipalities: dict[str, Municipality]
    regions: dict[str, Place]  # labour-market, RES and province regions by code
    # municipality code -> (latitude, longitude) in degrees; empty when built without the map
    centroids: dict[str, tuple[float, float]] = field(default_factory=dict)
    _members: dict[str, frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        members: dict[str, set[str]] = {code: set() for code in self.regions}
        for m in self.municipalities.values():
            for code in (m.labour_market, m.res, m.province):
                members.setdefault(code, set()).add(m.code)
        self._members = {code: frozenset(s) for code, s in members.items()}

    # --- reading the two worlds -------------------------------------------------------------
    def place(self, code: str) -> Place | None:
        if code == NATIONAL:
            return Place(NATIONAL, "Nederland", "national")
        if code in self.municipalities:
            m = self.municipalities[code]
            return Place(m.code, m.name, MUNICIPALITY)
        return self.regions.get(code)

    def of_kind(self, kind: str) -> list[Place]:
        return sorted((p for p in self.regions.values() if p.kind == kind), key=lambda p: p.code)

    def coverage(self, code: str) -> frozenset[str]:
        """The municipalities a place covers (all of them for NL; empty for an unknown code)."""
        if code == NATIONAL:
            return self.all_municipalities
        if code in self.municipalities:
            return frozenset((code,))
        return self._members.get(code, frozenset())

    def coverage_of(self, codes: Iterable[str]) -> frozenset[str]:
        covered: set[str] = set()
        for code in codes:
            covered |= self.coverage(code)
        return frozenset(covered)

    @cached_property
    def all_municipalities(self) -> frozenset[str]:
        return frozenset(self.municipalities)

    def regions_touching(self, municipalities: Iterable[str], kind: str) -> list[str]:
        """Codes of the `kind` regions that hold at least one of the municipalities, sorted."""
        attribute = {LABOUR_MARKET: "labour_market", RES: "res", PROVINCE: "province"}[kind]
        return sorted({getattr(self.municipalities[m], attribute) for m in municipalities
                       if m in self.municipalities})

    def overlap(self, code: str, kind: str) -> dict[str, int]:
        """How many municipalities a region shares with each region of another kind."""
        counts = Counter(self.regions_touching([m], kind)[0] for m in self.coverage(code))
        return dict(sorted(counts.items()))

    # --- names people type ------------------------------------------------------------------
    @cached_property
    def names(self) -> dict[str, list[Place]]:
        """Normalised name → the places with that name ('groningen' is four of them)."""
        index: dict[str, list[Place]] = {}
        for m in self.municipalities.values():
            index.setdefault(normalise(m.name), []).append(Place(m.code, m.name, MUNICIPALITY))
        for place in self.regions.values():
            index.setdefault(normalise(place.name), []).append(place)
        for alias, code in _ALIASES.items():
            aliased = self.place(code)
            if aliased is not None and aliased not in index.get(alias, []):
                index.setdefault(alias, []).append(aliased)
        return index


# Names in common use that differ from the CBS names.
_ALIASES = {"friesland": "PV21", "den haag": "GM0518", "s gravenhage": "GM0518",
            "den bosch": "GM0796", "s hertogenbosch": "GM0796", "brabant": "PV30"}


def from_csv(path: Path) -> Atlas:
    """Read municipalities_2025.csv; every row must name one region of each kind."""
    municipalities: dict[str, Municipality] = {}
    regions: dict[str, Place] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise AtlasError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            for column in CSV_COLUMNS:
                if not (row[column] or "").strip():
                    raise AtlasError(f"{path.name} row {number}: empty {column}")
            code = row["municipality_code"].strip()
            if code in municipalities:
                raise AtlasError(f"{path.name} row {number}: municipality {code} appears twice")
            for kind, code_column, name_column in (
                    (LABOUR_MARKET, "labour_market_region_code", "labour_market_region"),
                    (RES, "res_region_code", "res_region"),
                    (PROVINCE, "province_code", "province")):
                region = Place(row[code_column].strip(), row[name_column].strip(), kind)
                if PREFIX_KIND.get(region.code[:2]) != kind:
                    raise AtlasError(f"{path.name} row {number}: {code_column} {region.code!r} "
                                     f"is not a {kind} code")
                if regions.setdefault(region.code, region) != region:
                    raise AtlasError(f"{path.name} row {number}: {region.code} has two names")
            municipalities[code] = Municipality(
                code, row["municipality"].strip(), row["labour_market_region_code"].strip(),
                row["res_region_code"].strip(), row["province_code"].strip())
    return Atlas(municipalities, regions)


# --- the files ----------------------------------------------------------------------------

def regions_dir(base: Path | None = None) -> Path:
    root = base or data_dir()
    folder = root / "regions" if root else None
    if folder is None or not folder.is_dir():
        raise AtlasError("region data not found: set BANENBRUG_DATA_DIR to the folder that "
                         "holds regions/ (see docs/registry.md)")
    return folder


def _features(path: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(code, name, geometry) of every feature of a CBS region layer."""
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return [(f["properties"]["statcode"], f["properties"]["statnaam"], f.get("geometry"))
                for f in features]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AtlasError(f"{path.name}: not a CBS region GeoJSON ({exc})") from exc


def centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """(latitude, longitude) of the area centroid of a GeoJSON Polygon or MultiPolygon in
    degrees. Computed in the plane of longitude and latitude: the centroid is preserved by any
    affine map, and over a municipality the map projection is affine to well under 100 m.
    Holes count negatively whatever their winding."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    polygons: list[Any] | None = ([coordinates] if kind == "Polygon" else coordinates
                                  if kind == "MultiPolygon" else None)
    if not polygons:
        raise AtlasError(f"not a polygon: {kind}")
    area = cx = cy = 0.0
    for polygon in polygons:
        for number, ring in enumerate(polygon):
            a, x, y = _ring_moments(ring)
            sign = 1.0 if (a >= 0) == (number == 0) else -1.0
            if a < 0:
                a, x, y = -a, -x, -y
            area, cx, cy = area + sign * a, cx + sign * x, cy + sign * y
    if area <= 0:
        raise AtlasError("a polygon without area")
    return cy / area, cx / area


def _ring_moments(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """Signed area and first moments (shoelace) of one closed ring of (lon, lat) points."""
    a = x = y = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        x += (x0 + x1) * cross
        y += (y0 + y1) * cross
    return a / 2, x / 6, y / 6


def read_atlas(folder: Path) -> Atlas:
    """The atlas from the files: region lists from the GeoJSON layers (complete even where a
    region had no municipality in the CSV), placement of municipalities from the CSV,
    centroids from the municipality boundaries."""
    missing = [name for name in (MUNICIPALITIES_CSV, *GEOJSON.values())
               if not (folder / name).is_file()]
    if missing:
        raise AtlasError(f"{folder}: region file(s) missing: {', '.join(missing)}")
    from_files = from_csv(folder / MUNICIPALITIES_CSV)
    places: dict[str, Place] = {}
    centroids: dict[str, tuple[float, float]] = {}
    for kind, filename in GEOJSON.items():
        features = _features(folder / filename)
        if kind == MUNICIPALITY:
            unplaced = sorted({code for code, _n, _g in features}
                              - set(from_files.municipalities))
            if unplaced:
                raise AtlasError(f"{MUNICIPALITIES_CSV}: municipalities without regions: "
                                 f"{', '.join(unplaced[:10])}")
            for code, _name, geometry in features:
                try:
                    centroids[code] = centroid(geometry or {})
                except (AtlasError, TypeError, ValueError) as exc:
                    raise AtlasError(f"{filename}: {code}: {exc}") from exc
            continue
        places.update({code: Place(code, name, kind) for code, name, _g in features})
    unknown = sorted(set(from_files.regions) - set(places))
    if unknown:
        raise AtlasError(f"{MUNICIPALITIES_CSV}: region codes not in the GeoJSON layers: "
                         f"{', '.join(unknown)}")
    return Atlas(from_files.municipalities, places, centroids)


@cache
def files_atlas() -> Atlas:
    """The atlas of the data dir's region files, read once per process (about 40 ms)."""
    return read_atlas(regions_dir())
