"""The map of the two worlds: municipalities, labour-market regions, RES regions and provinces.

Pure Python (no Django). Every place is reduced to the set of municipalities it covers, so an
initiative in a RES region and a table in a labour-market region meet where those sets meet.
Built from `municipalities_2025.csv` (see `from_csv`) or from the database (`regions.atlas()`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from banenbrug.registry.vocab import NATIONAL

MUNICIPALITY, LABOUR_MARKET, RES, PROVINCE = "municipality", "labour_market", "res", "province"
REGION_KINDS = (LABOUR_MARKET, RES, PROVINCE)
PREFIX_KIND = {"GM": MUNICIPALITY, "AM": LABOUR_MARKET, "ES": RES, "PV": PROVINCE}
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
