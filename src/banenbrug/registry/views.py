"""Registry pages: search with facets, details, the finder, fragmentation, regions, pledges."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from banenbrug.atlas import LABOUR_MARKET, RES
from banenbrug.registry import findings, service
from banenbrug.registry import models as M
from banenbrug.registry.regions import atlas

MAX_QUERY = 200
FACETS = {"kind": ("kinds", M.Kind), "target_group": ("target_groups", M.TargetGroup),
          "status": ("statuses", M.Status), "funding_type": ("funding_types", M.FundingType),
          "theme": ("themes", M.Theme)}


def _values(request: HttpRequest, name: str, allowed: list[str]) -> tuple[str, ...]:
    return tuple(v for v in request.GET.getlist(name) if v in allowed)


def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    known = atlas()
    selected = {name: _values(request, name, list(choices.values))
                for name, (_, choices) in FACETS.items()}
    regions = tuple(c for c in request.GET.getlist("region") if known.place(c) is not None)
    types = _values(request, "type", ["initiative", "table"])
    effect = request.GET.get("effect") == "1"
    result = service.search(service.SearchRequest(
        text=query, kinds=selected["kind"], target_groups=selected["target_group"],
        statuses=selected["status"], funding_types=selected["funding_type"],
        themes=selected["theme"], regions=regions, types=types,
        effect_measured=True if effect else None, limit=100))
    facet_options = [
        {"name": name, "legend": legend, "options": [
            {"value": value, "label": text, "checked": value in selected[name]}
            for value, text in choices.choices]}
        for name, (legend, choices) in FACETS.items()]
    context = {"query": query, "result": result, "facets": facet_options,
               "types": types, "effect": effect,
               "regions": [service.place_json(known, c) for c in regions],
               "initiatives": [r for r in result["results"] if r["type"] == "initiative"],
               "tables": [r for r in result["results"] if r["type"] == "table"]}
    template = "registry/_results.html" if request.htmx else "registry/index.html"
    return render(request, template, context)


def initiative(request: HttpRequest, key: str) -> HttpResponse:
    detail = service.initiative_detail(key)
    if detail is None:
        raise Http404
    found = findings.current()
    return render(request, "registry/initiative.html", {
        "i": detail, "evaluations": found.evaluations_of(detail["id"], request.user),
        "placements": found.placements(detail["id"])})


def table(request: HttpRequest, key: str) -> HttpResponse:
    detail = service.table_detail(key)
    if detail is None:
        raise Http404
    return render(request, "registry/table.html", {"t": detail})


def finder(request: HttpRequest) -> HttpResponse:
    place_text = request.GET.get("plaats", "").strip()[:MAX_QUERY]
    theme = request.GET.get("thema") or None
    group = request.GET.get("doelgroep") or None
    theme = theme if theme in M.Theme.values else None
    group = group if group in M.TargetGroup.values else None
    result, error = None, None
    if place_text:
        code = service.resolve_place(place_text)
        if code is None:
            error = place_text
        else:
            result = service.finder(code, theme, group)
    known = atlas()
    names = sorted({m.name for m in known.municipalities.values()}
                   | {p.name for p in known.regions.values()})
    return render(request, "registry/finder.html", {
        "place_text": place_text, "theme": theme, "group": group, "result": result,
        "error": error, "themes": M.Theme.choices, "groups": M.TargetGroup.choices,
        "place_names": names})


def fragmentation(request: HttpRequest) -> HttpResponse:
    kind = RES if request.GET.get("soort") == RES else LABOUR_MARKET
    data = service.fragmentation(kind)
    overlaps = service.overlaps()
    chart = {"names": [r["name"] for r in data["regions"]],
             "initiatives": [r["initiatives"] for r in data["regions"]],
             "tables": [r["tables"] for r in data["regions"]],
             "structural": [r["structural_share"] for r in data["regions"]]}
    return render(request, "registry/fragmentation.html", {
        "data": data, "kind": kind, "overlaps": overlaps, "chart": chart})


def regions(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/regions.html", {
        "labour_market": service.regions_overview(LABOUR_MARKET),
        "res": service.regions_overview(RES)})


def region(request: HttpRequest, code: str) -> HttpResponse:
    detail = service.region_detail(code.upper())
    if detail is None:
        raise Http404
    return render(request, "registry/region.html", {"r": detail})


def pledges(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/pledges.html", {"data": service.pledges()})
