"""Registry API: search, details, finder, overlaps, fragmentation, regions, pledges, export."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from banenbrug.api.problems import file_download
from banenbrug.atlas import LABOUR_MARKET, PROVINCE, RES
from banenbrug.registry import findings, service
from banenbrug.registry import regions as region_api
from banenbrug.registry.exchange import export_text

router = Router(tags=["registry"])

KindCode = Literal["technical_education", "side_entry", "matching", "retention", "inclusion",
                   "process_innovation"]
GroupCode = Literal["women", "youth", "migration", "benefits", "switchers", "employees"]
StatusCode = Literal["planned", "active", "ended"]
FundingCode = Literal["structural", "project", "unknown"]
ThemeCode = Literal["ict", "heat_pump", "installation", "electrical", "solar_wind", "grid",
                    "construction", "manufacturing"]
RegionKind = Literal["labour_market", "res", "province"]


class Coded(Schema):
    code: str
    label: str


class PlaceOut(Schema):
    code: str
    name: str
    kind: str
    kind_label: str = ""


class CountedCode(Coded):
    count: int


class CountedPlace(PlaceOut):
    count: int


class Interpretation(Schema):
    places: list[PlaceOut]
    target_groups: list[Coded]
    kinds: list[Coded]
    themes: list[Coded]
    terms: list[str]
    scope: str | None


class Hit(Schema):
    type: Literal["initiative", "table"]
    id: int
    key: str
    name: str
    url: str
    national: bool
    regions: list[PlaceOut]
    labour_market_regions: list[str]
    res_regions: list[str]
    target_groups: list[Coded]
    is_example: bool
    organisation: str | None = None
    organiser: str | None = None
    kind: Coded | None = None
    status: Coded | None = None
    funding_type: Coded | None = None
    has_outcomes: bool | None = None
    effect_measured: bool | None = None
    themes: list[Coded] | None = None
    rhythm: Coded | None = None
    score: float | None = None
    reasons: list[str] | None = None


class Facets(Schema):
    types: dict[str, int]
    kinds: list[CountedCode]
    target_groups: list[CountedCode]
    statuses: list[CountedCode]
    funding_types: list[CountedCode]
    labour_market_regions: list[CountedPlace]
    res_regions: list[CountedPlace]


class SearchOut(Schema):
    query: str
    interpretation: Interpretation
    total: int
    results: list[Hit]
    facets: Facets


class InitiativeRef(Schema):
    id: int
    key: str
    name: str
    url: str


class OverlapGroupOut(Schema):
    region: PlaceOut
    target_group: Coded
    clusters: list[str]
    initiatives: list[InitiativeRef]


class OverlapsOut(Schema):
    cluster_digits: int
    groups: list[OverlapGroupOut]


class FinderOut(Schema):
    place: PlaceOut
    theme: Coded | None
    target_group: Coded | None
    tables: list[Hit]
    initiatives: list[Hit]
    overlaps: list[OverlapGroupOut]


class RegionIndicatorsOut(Schema):
    code: str
    name: str
    initiatives: int
    tables: int
    structural_share: float | None
    project_share: float | None
    structural_amount_share: float | None
    outcome_share: float | None
    overlap_groups: int
    other_world: list[PlaceOut]


class ResGapOut(Schema):
    code: str
    name: str
    targets: list[str]
    labour_market_regions: list[PlaceOut]


class FragmentationOut(Schema):
    kind: str
    kind_label: str
    regions: list[RegionIndicatorsOut]
    res_mismatch: list[ResGapOut]
    national_initiatives: int


class OccupationOut(Schema):
    uri: str
    label: str
    isco_group: str


class Funding(Schema):
    amount: float | None
    source: str
    start: str | None
    end: str | None
    type: Coded


class OutcomeOut(Schema):
    label: str
    url: str


class PowerOut(Schema):
    n_treated: int
    n_control: int
    base_rate: float | None
    mde_share: float | None
    earnings_sd: float | None
    mde_earnings: float | None


class EvaluationOut(Schema):
    name: str
    is_example: bool
    visible: bool
    url: str
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    power: PowerOut | None
    power_text: str
    records_participants: int | None = None
    records_comparison: int | None = None


class PledgeOut(Schema):
    key: str
    employer: str
    initiative: str
    initiative_key: str
    table: str
    table_key: str
    cohort: str = Field(description="the training cohort the jobs are promised to, if any")
    cohort_id: int | None
    occupation: str
    jobs_pledged: int
    jobs_delivered: int
    delivery_rate: float | None
    pledged_on: str | None
    deadline: str | None
    is_example: bool


class PledgesOut(Schema):
    pledges: list[PledgeOut]
    jobs_pledged: int
    jobs_delivered: int
    delivery_rate: float | None


class InitiativeOut(Schema):
    key: str
    name: str
    organisation: str
    description: str
    kind: Coded
    target_groups: list[Coded]
    national: bool
    regions: list[PlaceOut]
    labour_market_regions: list[PlaceOut]
    res_regions: list[PlaceOut]
    occupations: list[OccupationOut]
    isco_groups: list[str]
    status: Coded
    funding: Funding
    contact: str
    website: str
    source: str
    outcomes: list[OutcomeOut]
    pledges: list[PledgeOut]
    overlaps: list[OverlapGroupOut]
    evaluations: list[EvaluationOut]
    potential_outcome_records: int | None = Field(
        None, description="people placed with consent via Open Hiring queues of its vacancies "
                          "(null below 10)")
    is_example: bool


class Member(Schema):
    organisation: str
    role: str


class TableOut(Schema):
    key: str
    name: str
    organiser: str
    description: str
    national: bool
    regions: list[PlaceOut]
    labour_market_regions: list[PlaceOut]
    res_regions: list[PlaceOut]
    themes: list[Coded]
    rhythm: Coded
    target_groups: list[Coded]
    occupations: list[OccupationOut]
    members: list[Member]
    contact: str
    website: str
    source: str
    pledges: list[PledgeOut]
    is_example: bool


class OverlapCount(PlaceOut):
    municipalities: int


class RegionSummary(PlaceOut):
    municipalities: int
    overlap: list[OverlapCount]


class MunicipalityRegions(Schema):
    municipality: PlaceOut
    labour_market_region: PlaceOut
    res_region: PlaceOut
    province: PlaceOut


@router.get("/search", response=SearchOut, summary="Faceted search of initiatives and tables")
def search(request: HttpRequest, q: str = Query("", max_length=200),
           kind: list[KindCode] = Query([]), target_group: list[GroupCode] = Query([]),
           status: list[StatusCode] = Query([]), funding_type: list[FundingCode] = Query([]),
           theme: list[ThemeCode] = Query([]),
           region: list[str] = Query([], description="GM/AM/ES/PV code, or NL"),
           type: list[Literal["initiative", "table"]] = Query([]),
           isco: list[str] = Query([], description="ISCO-08 code prefix"),
           has_outcomes: bool | None = None,
           effect_measured: bool | None = Query(None, description="an evaluation measured "
                                                "its effect (effect gemeten)"),
           limit: int = Query(50, ge=1, le=500)):
    atlas = region_api.atlas()
    unknown = [c for c in region if atlas.place(c.upper()) is None]
    if unknown:
        raise HttpError(422, f"unknown region code(s): {', '.join(unknown)}")
    return service.search(service.SearchRequest(
        text=q, kinds=tuple(kind), target_groups=tuple(target_group), statuses=tuple(status),
        funding_types=tuple(funding_type), themes=tuple(theme),
        regions=tuple(c.upper() for c in region), types=tuple(type), isco=tuple(isco),
        has_outcomes=has_outcomes, effect_measured=effect_measured, limit=limit))


@router.get("/initiatives/{key}", response=InitiativeOut, summary="One initiative")
def initiative(request: HttpRequest, key: str):
    detail = service.initiative_detail(key)
    if detail is None:
        raise HttpError(404, f"no initiative {key!r}")
    found = findings.current()
    return {**detail, "evaluations": found.evaluations_of(detail["id"], request.user),
            "potential_outcome_records": found.placements(detail["id"])}


@router.get("/tables/{key}", response=TableOut, summary="One consultation table")
def table(request: HttpRequest, key: str):
    detail = service.table_detail(key)
    if detail is None:
        raise HttpError(404, f"no table {key!r}")
    return detail


@router.get("/finder", response=FinderOut, summary="Which table is mine")
def finder(request: HttpRequest,
           place: str = Query(..., max_length=100,
                              description="municipality or region: name or CBS code"),
           theme: ThemeCode | None = None, target_group: GroupCode | None = None,
           limit: int = Query(10, ge=1, le=100)):
    code = service.resolve_place(place)
    if code is None:
        raise HttpError(422, f"unknown place {place!r}")
    return service.finder(code, theme, target_group, limit)


@router.get("/overlaps", response=OverlapsOut,
            summary="Initiatives serving the same region, target group and occupation cluster")
def overlaps(request: HttpRequest, digits: int = Query(3, ge=2, le=4)):
    return service.overlaps(digits)


@router.get("/fragmentation", response=FragmentationOut,
            summary="Fragmentation indicators per region, and RES regions without initiatives")
def fragmentation(request: HttpRequest, kind: RegionKind = "labour_market"):
    return service.fragmentation({"labour_market": LABOUR_MARKET, "res": RES,
                                  "province": PROVINCE}[kind])


@router.get("/pledges", response=PledgesOut, summary="Employer pledges and their delivery")
def pledges(request: HttpRequest):
    return service.pledges()


@router.get("/regions", response=list[RegionSummary],
            summary="Labour-market, RES or province regions, with their overlap")
def regions(request: HttpRequest, kind: RegionKind = "labour_market"):
    return service.regions_overview(kind)


@router.get("/municipalities/{municipality}", response=MunicipalityRegions,
            summary="The regions of a municipality (CBS code or name)")
def municipality_regions(request: HttpRequest, municipality: str):
    found = region_api.municipality(municipality)
    if found is None:
        raise HttpError(404, f"no municipality {municipality!r}")
    atlas = region_api.atlas()
    return {"municipality": service.place_json(atlas, found.code),
            "labour_market_region": service.place_json(atlas, found.labour_market_region.code),
            "res_region": service.place_json(atlas, found.res_region.code),
            "province": service.place_json(atlas, found.province.code)}


@router.get("/export", summary="Export: CSV (initiatives) or JSON (everything)",
            response={200: None}, openapi_extra=file_download("text/csv", "application/json"))
def export(request: HttpRequest, format: Literal["csv", "json"] = "json"):
    text = export_text(format)
    content_type = "text/csv; charset=utf-8" if format == "csv" else "application/json"
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="registry.{format}"'
    return response
