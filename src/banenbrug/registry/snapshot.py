"""From the database to the engines' plain records (the only place that knows both).

Records are built with flat `values_list` queries (no model instances) and kept per process
until the registry changes: the cache key is a handful of counts and latest timestamps, one
cheap query each, so every page view does not rebuild thousands of records.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Max

from banenbrug.memo import Memo
from banenbrug.registry import findings
from banenbrug.registry import regions as region_api
from banenbrug.registry.atlas import LABOUR_MARKET, RES, Atlas, normalise
from banenbrug.registry.models import EnergyTarget, Initiative, Outcome, Region, Table, TableMember
from banenbrug.registry.search import INITIATIVE, TABLE, Record

memo = Memo()


def _version() -> tuple:
    parts: list[Any] = []
    for model, stamp in ((Initiative, "updated_at"), (Table, "updated_at"), (Outcome, "id"),
                         (TableMember, "id"), (Region, "id")):
        found = model.objects.aggregate(n=Count("id"), last=Max(stamp))
        parts += [found["n"], found["last"]]
    return (*parts, *findings.current().version())


def _links(model: type[Initiative] | type[Table]) -> tuple[dict, dict]:
    owner = f"{model._meta.model_name}_id"
    regions: dict[int, list[str]] = defaultdict(list)
    for owner_id, code in model.regions.through.objects.values_list(owner, "region__code"):
        regions[owner_id].append(code)
    occupations: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for owner_id, *values in model.occupations.through.objects.values_list(
            owner, "occupation__isco_code", "occupation__label_nl", "occupation__label_en"):
        occupations[owner_id].append(tuple(values))
    return regions, occupations


def _placed(atlas: Atlas, national: bool, codes: list[str],
            occupations: list[tuple[str, str, str]], target_groups: list[str],
            is_example: bool) -> dict[str, Any]:
    codes_ = tuple(sorted(codes))
    coverage = atlas.all_municipalities if national else atlas.coverage_of(codes_)
    return {"coverage": coverage, "national": national, "region_codes": codes_,
            "labour_market_regions": tuple(atlas.regions_touching(coverage, LABOUR_MARKET)),
            "res_regions": tuple(atlas.regions_touching(coverage, RES)),
            "target_groups": frozenset(target_groups), "is_example": is_example,
            "isco_codes": frozenset(isco for isco, _, _ in occupations if isco)}


def _labels(occupations: list[tuple[str, str, str]]) -> str:
    return " ".join(f"{nl} {en}" for _, nl, en in occupations)


def initiative_records(atlas: Atlas) -> list[Record]:
    regions, occupations = _links(Initiative)
    measured = set(Outcome.objects.values_list("initiative_id", flat=True))
    effects = findings.current().measured_ids()
    records = []
    for (pk, name, organisation, description, kind, status, funding_type, amount, national,
         groups, isco_groups, is_example) in Initiative.objects.values_list(
            "id", "name", "organisation", "description", "kind", "status", "funding_type",
            "funding_amount", "national", "target_groups", "isco_groups", "is_example"):
        occ = occupations.get(pk, [])
        placed = _placed(atlas, national, regions.get(pk, []), occ, groups, is_example)
        placed["isco_codes"] |= frozenset(isco_groups)
        records.append(Record(
            id=pk, type=INITIATIVE, name=name,
            text=normalise(f"{name} {organisation} {description} {_labels(occ)}"), kind=kind,
            status=status, funding_type=funding_type,
            funding_amount=float(amount) if amount is not None else None,
            has_outcomes=pk in measured, effect_measured=pk in effects, **placed))
    return records


def table_records(atlas: Atlas) -> list[Record]:
    regions, occupations = _links(Table)
    members: dict[int, list[str]] = defaultdict(list)
    for table_id, organisation in TableMember.objects.values_list("table_id", "organisation"):
        members[table_id].append(organisation)
    records = []
    for pk, name, organiser, description, national, groups, themes, is_example in \
            Table.objects.values_list("id", "name", "organiser", "description", "national",
                                      "target_groups", "themes", "is_example"):
        occ = occupations.get(pk, [])
        text = f"{name} {organiser} {description} {_labels(occ)} {' '.join(members[pk])}"
        records.append(Record(
            id=pk, type=TABLE, name=name, text=normalise(text), themes=frozenset(themes),
            **_placed(atlas, national, regions.get(pk, []), occ, groups, is_example)))
    return records


def all_records(atlas: Atlas | None = None) -> list[Record]:
    """Every initiative and table as a record, cached until the registry changes (its regions
    included, so the atlas they are placed on is part of the version)."""
    def build() -> list[Record]:
        placed_on = atlas or region_api.atlas()
        return initiative_records(placed_on) + table_records(placed_on)
    return memo.get("records", _version(), build)


def initiatives_only(atlas: Atlas | None = None) -> list[Record]:
    return [r for r in all_records(atlas) if r.type == INITIATIVE]


def energy_targets() -> dict[str, list[str]]:
    targets: dict[str, list[str]] = {}
    for code, description in EnergyTarget.objects.values_list("region__code", "description"):
        targets.setdefault(code, []).append(description)
    return targets
