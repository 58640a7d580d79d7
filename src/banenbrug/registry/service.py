"""What the pages, the API and the CLI ask of the registry: plain, JSON-ready answers.

Each function builds records from the database, runs a pure engine (search, overlap) and
dresses the result with names and labels in the active language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from banenbrug.atlas import LABOUR_MARKET, RES, Atlas, normalise
from banenbrug.language import current_lang
from banenbrug.registry import models as M
from banenbrug.registry import overlap as O
from banenbrug.registry import regions as region_api
from banenbrug.registry import search as S
from banenbrug.registry.query import ParsedQuery, parse
from banenbrug.registry.snapshot import all_records, energy_targets, initiatives_only

LABELS = {"kinds": M.Kind, "target_groups": M.TargetGroup, "statuses": M.Status,
          "funding_types": M.FundingType, "themes": M.Theme, "rhythms": M.Rhythm}
REGION_KIND_LABELS = {"municipality": M.Region.Kind.MUNICIPALITY.label,
                      "labour_market": M.Region.Kind.LABOUR_MARKET.label,
                      "res": M.Region.Kind.RES.label, "province": M.Region.Kind.PROVINCE.label}


def label(vocabulary: str, code: str) -> str:
    choices = LABELS[vocabulary]
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def coded(vocabulary: str, codes: Iterable[str]) -> list[dict[str, str]]:
    return [{"code": c, "label": label(vocabulary, c)} for c in codes]


def place_json(atlas: Atlas, code: str) -> dict[str, str]:
    place = atlas.place(code)
    if place is None:
        return {"code": code, "name": code, "kind": ""}
    kind = "national" if place.kind == "national" else place.kind
    return {"code": code, "name": place.name, "kind": kind,
            "kind_label": str(REGION_KIND_LABELS.get(kind, ""))}


def resolve_place(text: str) -> str | None:
    """A place code from a code (GM0505, AM23, ES18, PV28, NL) or a name; a name shared by
    several places reads as the municipality, the most precise of them."""
    atlas = region_api.atlas()
    if atlas.place(text.strip().upper()) is not None:
        return text.strip().upper()
    places = atlas.names.get(normalise(text), [])
    if not places:
        return None
    return sorted(places, key=lambda p: p.kind != "municipality")[0].code


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    kinds: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    funding_types: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    isco: tuple[str, ...] = ()
    has_outcomes: bool | None = None
    effect_measured: bool | None = None
    limit: int = 50


def interpretation(parsed: ParsedQuery, atlas: Atlas) -> dict[str, Any]:
    return {"places": [place_json(atlas, p.code) for p in parsed.places],
            "target_groups": coded("target_groups", parsed.target_groups),
            "kinds": coded("kinds", parsed.kinds), "themes": coded("themes", parsed.themes),
            "terms": list(parsed.terms), "scope": parsed.scope}


def search(request: SearchRequest) -> dict[str, Any]:
    atlas = region_api.atlas()
    parsed = parse(request.text, atlas)
    filters = S.Filters.from_query(
        parsed, types=frozenset(request.types), kinds=frozenset(request.kinds),
        target_groups=frozenset(request.target_groups), statuses=frozenset(request.statuses),
        funding_types=frozenset(request.funding_types), themes_any=frozenset(request.themes),
        places=tuple(request.regions), isco=tuple(request.isco),
        has_outcomes=request.has_outcomes, effect_measured=request.effect_measured)
    result = S.search(all_records(atlas), atlas, filters, limit=request.limit)
    facets = result.facets
    return {
        "query": request.text,
        "interpretation": interpretation(parsed, atlas),
        "total": result.total,
        "results": describe(result.hits, atlas),
        "facets": {
            "types": facets.types,
            "kinds": _facet("kinds", facets.kinds),
            "target_groups": _facet("target_groups", facets.target_groups),
            "statuses": _facet("statuses", facets.statuses),
            "funding_types": _facet("funding_types", facets.funding_types),
            "labour_market_regions": _region_facet(atlas, facets.labour_market_regions),
            "res_regions": _region_facet(atlas, facets.res_regions),
        },
    }


def _facet(vocabulary: str, counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"code": c, "label": label(vocabulary, c), "count": n} for c, n in counts.items()]


def _region_facet(atlas: Atlas, counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{**place_json(atlas, c), "count": n} for c, n in counts.items()]


def describe(records: Iterable[S.Record], atlas: Atlas,
             extra: dict[tuple[str, int], dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Records as JSON objects, with key, organisation and labels fetched for these ids only."""
    records = list(records)
    initiatives = M.Initiative.objects.in_bulk([r.id for r in records if r.type == S.INITIATIVE])
    tables = M.Table.objects.in_bulk([r.id for r in records if r.type == S.TABLE])
    out = []
    for r in records:
        common = {
            "type": r.type, "id": r.id, "name": r.name, "national": r.national,
            "regions": [place_json(atlas, c) for c in (("NL",) if r.national
                                                        else r.region_codes)],
            "labour_market_regions": list(r.labour_market_regions),
            "res_regions": list(r.res_regions),
            "target_groups": coded("target_groups",
                                   [g for g in M.TargetGroup.values if g in r.target_groups]),
            "is_example": r.is_example,
        }
        if r.type == S.INITIATIVE:
            obj = initiatives[r.id]
            common.update({
                "key": obj.key, "organisation": obj.organisation,
                "url": reverse("registry:initiative", args=[obj.key]),
                "kind": {"code": r.kind, "label": label("kinds", r.kind)},
                "status": {"code": r.status, "label": label("statuses", r.status)},
                "funding_type": {"code": r.funding_type,
                                 "label": label("funding_types", r.funding_type)},
                "has_outcomes": r.has_outcomes, "effect_measured": r.effect_measured})
        else:
            table = tables[r.id]
            common.update({
                "key": table.key, "organiser": table.organiser,
                "url": reverse("registry:table", args=[table.key]),
                "themes": coded("themes", table.themes),
                "rhythm": {"code": table.rhythm, "label": label("rhythms", table.rhythm)}})
        if extra and (r.type, r.id) in extra:
            common.update(extra[(r.type, r.id)])
        out.append(common)
    return out


def finder(place: str, theme: str | None, target_group: str | None, limit: int = 10
           ) -> dict[str, Any]:
    atlas = region_api.atlas()
    records = all_records(atlas)
    result = S.find(records, atlas, place, theme, target_group, limit)
    suggested = result.tables + result.initiatives
    extra = {(s.record.type, s.record.id): {"score": s.score, "reasons": list(s.reasons)}
             for s in suggested}
    chosen_ids = {s.record.id for s in result.initiatives}
    groups = [g for g in O.find_overlaps(r for r in records if r.id in chosen_ids
                                         and r.type == S.INITIATIVE)]
    return {
        "place": place_json(atlas, place),
        "theme": {"code": theme, "label": label("themes", theme)} if theme else None,
        "target_group": ({"code": target_group, "label": label("target_groups", target_group)}
                         if target_group else None),
        "tables": describe([s.record for s in result.tables], atlas, extra),
        "initiatives": describe([s.record for s in result.initiatives], atlas, extra),
        "overlaps": _groups_json(groups, atlas, records),
    }


def _groups_json(groups: list[O.OverlapGroup], atlas: Atlas,
                 records: list[S.Record]) -> list[dict[str, Any]]:
    by_id = {r.id: r for r in records if r.type == S.INITIATIVE}
    keys = dict(M.Initiative.objects.filter(
        id__in={i for g in groups for i in g.initiative_ids}).values_list("id", "key"))
    return [{
        "region": place_json(atlas, g.region),
        "target_group": {"code": g.target_group, "label": label("target_groups", g.target_group)},
        "clusters": [c for c in g.clusters if c],
        "initiatives": [{"id": i, "key": keys.get(i, ""), "name": by_id[i].name,
                         "url": reverse("registry:initiative", args=[keys[i]]) if i in keys
                         else ""} for i in g.initiative_ids],
    } for g in groups]


def overlaps(digits: int = 3) -> dict[str, Any]:
    atlas = region_api.atlas()
    records = initiatives_only(atlas)
    groups = O.find_overlaps(records, digits)
    return {"cluster_digits": digits, "groups": _groups_json(groups, atlas, records)}


def fragmentation(kind: str = LABOUR_MARKET) -> dict[str, Any]:
    atlas = region_api.atlas()
    records = all_records(atlas)
    groups = O.find_overlaps(records)
    rows = O.fragmentation(records, atlas, kind, groups)
    gaps = O.res_mismatch(records, atlas, energy_targets())
    return {
        "kind": kind,
        "regions": [{
            "code": r.code, "name": r.name, "initiatives": r.initiatives, "tables": r.tables,
            "structural_share": r.structural_share, "project_share": r.project_share,
            "structural_amount_share": r.structural_amount_share,
            "outcome_share": r.outcome_share, "overlap_groups": r.overlap_groups,
            "other_world": [place_json(atlas, c) for c in r.other_world],
        } for r in rows],
        "res_mismatch": [{
            "code": g.code, "name": g.name, "targets": list(g.targets),
            "labour_market_regions": [place_json(atlas, c) for c in g.labour_market_regions],
        } for g in gaps],
        "national_initiatives": sum(r.national and r.type == S.INITIATIVE for r in records),
        "kind_label": str(REGION_KIND_LABELS[kind if kind in (LABOUR_MARKET, RES)
                                             else LABOUR_MARKET]),
    }



def _occupations_json(obj: M.Initiative | M.Table) -> list[dict[str, str]]:
    lang = current_lang()
    return [{"uri": o.uri, "label": o.label(lang), "isco_group": o.isco_code,
             "uuid": o.uuid} for o in obj.occupations.all()]


def _pledge_json(p: M.Pledge) -> dict[str, Any]:
    return {"key": p.key, "employer": p.employer, "initiative": p.initiative.name,
            "initiative_key": p.initiative.key, "table": p.table.name if p.table else "",
            "table_key": p.table.key if p.table else "",
            "cohort": p.cohort.title if p.cohort else "", "cohort_id": p.cohort_id,
            "occupation": p.occupation.label(current_lang()) if p.occupation else "",
            "jobs_pledged": p.jobs_pledged, "jobs_delivered": p.jobs_delivered,
            "delivery_rate": p.delivery_rate,
            "pledged_on": p.pledged_on.isoformat() if p.pledged_on else None,
            "deadline": p.deadline.isoformat() if p.deadline else None,
            "is_example": p.is_example}


def _worlds(obj: M.Initiative | M.Table, atlas: Atlas) -> dict[str, Any]:
    codes = sorted(r.code for r in obj.regions.all())
    coverage = atlas.all_municipalities if obj.national else atlas.coverage_of(codes)
    return {
        "national": obj.national,
        "regions": [place_json(atlas, c) for c in (["NL"] if obj.national else codes)],
        "labour_market_regions": [] if obj.national else [
            place_json(atlas, c) for c in atlas.regions_touching(coverage, LABOUR_MARKET)],
        "res_regions": [] if obj.national else [
            place_json(atlas, c) for c in atlas.regions_touching(coverage, RES)],
    }


def initiative_detail(key: str) -> dict[str, Any] | None:
    obj = (M.Initiative.objects.prefetch_related("regions", "occupations", "outcomes")
           .filter(key=key).first())
    if obj is None:
        return None
    atlas = region_api.atlas()
    records = initiatives_only(atlas)
    groups = [g for g in O.find_overlaps(records) if obj.id in g.initiative_ids]
    return {
        "key": obj.key, "name": obj.name, "organisation": obj.organisation,
        "description": obj.description,
        "kind": {"code": obj.kind, "label": label("kinds", obj.kind)},
        "target_groups": coded("target_groups", obj.target_groups),
        **_worlds(obj, atlas),
        "occupations": _occupations_json(obj), "isco_groups": list(obj.isco_groups),
        "status": {"code": obj.status, "label": label("statuses", obj.status)},
        "funding": {
            "amount": float(obj.funding_amount) if obj.funding_amount is not None else None,
            "source": obj.funding_source,
            "start": obj.funding_start.isoformat() if obj.funding_start else None,
            "end": obj.funding_end.isoformat() if obj.funding_end else None,
            "type": {"code": obj.funding_type, "label": label("funding_types",
                                                              obj.funding_type)}},
        "contact": obj.contact, "website": obj.website, "source": obj.source,
        "outcomes": [{"label": o.label, "url": o.url} for o in obj.outcomes.all()],
        "pledges": [_pledge_json(p) for p in obj.pledges.select_related(
            "initiative", "table", "occupation")],
        "overlaps": _groups_json(groups, atlas, records),
        "is_example": obj.is_example,
        "id": obj.id,
    }


def table_detail(key: str) -> dict[str, Any] | None:
    obj = (M.Table.objects.prefetch_related("regions", "occupations", "members")
           .filter(key=key).first())
    if obj is None:
        return None
    atlas = region_api.atlas()
    return {
        "key": obj.key, "name": obj.name, "organiser": obj.organiser,
        "description": obj.description, **_worlds(obj, atlas),
        "themes": coded("themes", obj.themes),
        "rhythm": {"code": obj.rhythm, "label": label("rhythms", obj.rhythm)},
        "target_groups": coded("target_groups", obj.target_groups),
        "occupations": _occupations_json(obj),
        "members": [{"organisation": m.organisation, "role": m.role}
                    for m in obj.members.all()],
        "contact": obj.contact, "website": obj.website, "source": obj.source,
        "pledges": [_pledge_json(p) for p in obj.pledges.select_related(
            "initiative", "table", "occupation")],
        "is_example": obj.is_example,
    }


def pledges() -> dict[str, Any]:
    rows = [_pledge_json(p) for p in M.Pledge.objects.select_related(
        "initiative", "table", "occupation", "cohort").order_by("employer")]
    pledged = sum(r["jobs_pledged"] for r in rows)
    delivered = sum(r["jobs_delivered"] for r in rows)
    return {"pledges": rows, "jobs_pledged": pledged, "jobs_delivered": delivered,
            "delivery_rate": round(delivered / pledged, 4) if pledged else None}


def regions_overview(kind: str = LABOUR_MARKET) -> list[dict[str, Any]]:
    atlas = region_api.atlas()
    other = RES if kind == LABOUR_MARKET else LABOUR_MARKET
    return [{**place_json(atlas, p.code), "municipalities": len(atlas.coverage(p.code)),
             "overlap": [{**place_json(atlas, c), "municipalities": n}
                         for c, n in atlas.overlap(p.code, other).items()]}
            for p in atlas.of_kind(kind)]


def region_detail(code: str) -> dict[str, Any] | None:
    atlas = region_api.atlas()
    place = atlas.place(code)
    if place is None or place.kind == "national":
        return None
    members = sorted(atlas.coverage(code), key=lambda m: atlas.municipalities[m].name)
    overlaps_ = {kind: [{**place_json(atlas, c), "municipalities": n}
                        for c, n in atlas.overlap(code, kind).items()]
                 for kind in (LABOUR_MARKET, RES, "province") if kind != place.kind}
    found = search(SearchRequest(regions=(code,), limit=500))
    return {**place_json(atlas, code),
            "municipalities": [place_json(atlas, m) for m in members],
            "overlap": overlaps_, "records": found["results"]}
