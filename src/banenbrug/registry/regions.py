"""Placing anything in both worlds: the small API other pillars use.

    from banenbrug.registry import regions
    regions.region_for_municipality("GM0505")             # Region AM23 Drechtsteden
    regions.region_for_municipality("Dordrecht", "res")   # Region ES18 Drechtsteden
    regions.regions_for_municipality("'s-Gravenhage")     # {"labour_market": ..., "res": ..., ...}
    regions.municipalities_in("ES18")                     # [Region GM0482 ...]
    regions.atlas()                                       # the pure Atlas, cached

Regions come from the CBS region files in the data dir (`load_regions`); postcodes are not
covered (that needs a postcode → municipality table we do not have).
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from banenbrug.atlas import (
    LABOUR_MARKET,
    MUNICIPALITY,
    PROVINCE,
    RES,
    Atlas,
    Municipality,
    Place,
    normalise,
    read_atlas,
    regions_dir,
)
from banenbrug.memo import Memo
from banenbrug.registry.models import Region

memo = Memo()


@transaction.atomic
def load_regions(base: Path | None = None) -> dict[str, int]:
    """Import (or refresh) every region and municipality; idempotent. Returns counts by kind."""
    atlas_ = read_atlas(regions_dir(base))
    existing = {r.code: r for r in Region.objects.all()}

    def sync(wanted: list[Region], fields: list[str]) -> None:
        new = [r for r in wanted if r.code not in existing]
        changed = []
        for r in wanted:
            old = existing.get(r.code)
            if old is not None and any(getattr(old, f) != getattr(r, f) for f in fields):
                for f in fields:
                    setattr(old, f, getattr(r, f))
                changed.append(old)
        Region.objects.bulk_create(new)
        Region.objects.bulk_update(changed, fields)
        existing.update({r.code: r for r in Region.objects.filter(
            code__in=[r.code for r in new])})

    sync([Region(code=p.code, name=p.name, kind=p.kind) for p in atlas_.regions.values()],
         ["name", "kind"])
    sync([Region(code=m.code, name=m.name, kind=MUNICIPALITY,
                 labour_market_region_id=existing[m.labour_market].id,
                 res_region_id=existing[m.res].id, province_id=existing[m.province].id)
          for m in atlas_.municipalities.values()],
         ["name", "kind", "labour_market_region_id", "res_region_id", "province_id"])
    memo.clear()  # a rename keeps the count: build the atlas afresh
    return {kind: Region.objects.filter(kind=kind).count()
            for kind in (LABOUR_MARKET, RES, PROVINCE, MUNICIPALITY)}


def atlas() -> Atlas:
    """The atlas as stored in the database (cached per process until the regions change)."""
    def build() -> Atlas:
        rows = list(Region.objects.values_list(
            "code", "name", "kind", "labour_market_region__code", "res_region__code",
            "province__code"))
        municipalities = {code: Municipality(code, name, am, res, pv)
                          for code, name, kind, am, res, pv in rows if kind == MUNICIPALITY}
        regions = {code: Place(code, name, kind)
                   for code, name, kind, *_ in rows if kind != MUNICIPALITY}
        return Atlas(municipalities, regions)
    return memo.get("atlas", Region.objects.count(), build)


def municipality(code_or_name: str) -> Region | None:
    """A municipality by CBS code (GM0505) or name (any case, accents optional)."""
    text = code_or_name.strip()
    if text.upper().startswith("GM"):
        return Region.objects.filter(kind=MUNICIPALITY, code=text.upper()).first()
    for place in atlas().names.get(normalise(text), []):
        if place.kind == MUNICIPALITY:
            return Region.objects.get(code=place.code)
    return None


def regions_for_municipality(code_or_name: str) -> dict[str, Region | None] | None:
    """The labour-market region, RES region and province of a municipality."""
    found = municipality(code_or_name)
    if found is None:
        return None
    return {LABOUR_MARKET: found.labour_market_region, RES: found.res_region,
            PROVINCE: found.province}


def region_for_municipality(code_or_name: str, kind: str = LABOUR_MARKET) -> Region | None:
    """The region of `kind` (labour_market, res or province) a municipality lies in."""
    placed = regions_for_municipality(code_or_name)
    return placed[kind] if placed else None


def municipalities_in(region_code: str) -> list[Region]:
    codes = atlas().coverage(region_code)
    return list(Region.objects.filter(kind=MUNICIPALITY, code__in=codes).order_by("name"))
