"""Shortage monitor and stock-flow forecast."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from banenbrug.api.permissions import Permission
from banenbrug.api.problems import Problem
from banenbrug.monitor import services
from banenbrug.monitor.indicators import IndicatorFileError, IndicatorRow
from banenbrug.monitor.scenarios import ScenarioError, parse_scenario, shipped_scenarios
from banenbrug.monitor.tension import tension_cells
from banenbrug.tables.models import upload_schema

router = Router(tags=["monitor"])
MAX_UPLOAD = 5 * 1024 * 1024


class IndicatorOut(Schema):
    period: str
    region: str
    occupation_group: str
    population_group: str
    indicator: str
    value: float | None  # None: suppressed (built on fewer than 10 people)
    low: float | None
    high: float | None
    unit: str
    source: str
    note: str
    suppressed: bool
    example: bool
    origin: str  # "voorbeeld" (made up), "CBS" or "publicatie" (another published source)
    table_id: str  # the CBS StatLine table, e.g. 85276NED; empty for other sources
    label: str  # the source's title of the category (a BRC occupation's name)


class IndicatorList(Schema):
    count: int
    results: list[IndicatorOut]


class ImportOut(Schema):
    source: str
    rows: int
    created: int
    updated: int


class TensionOut(Schema):
    period: str
    region: str
    occupation_group: str
    vacancies: float | None
    job_seekers_short: float | None
    tension: float | None
    band: str | None
    suppressed: bool
    example: bool
    origin: str  # "voorbeeld", "CBS" or "publicatie"


SEED_MAX = 2**63 - 1  # numpy's generators take seeds >= 0


class ForecastIn(Schema):
    scenarios: list[str] = []  # shipped scenario keys
    toml: list[str] = []  # scenario files as TOML text
    to: int = 2030
    runs: int = 2000
    seed: int = Field(2022, ge=0, le=SEED_MAX)


class CbsTableOut(Schema):
    table_id: str
    source: str
    rows: int
    indicators: list[str]
    periods: list[str]
    licence: str


@router.get("/indicators", response=IndicatorList, summary="Indicators in the long format; "
            "origin=CBS lists the imported CBS figures with their table ids")
def list_indicators(request: HttpRequest, indicator: str = "", region: str = "",
                    occupation_group: str = "", population_group: str = "", period: str = "",
                    origin: str = "", table_id: str = ""):
    try:
        lookups = services.origin_lookups(origin)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    records = services.records(indicator=indicator, region=region, period=period,
                               occupation_group=occupation_group, table_id=table_id,
                               population_group=population_group, **lookups)
    return {"count": len(records), "results": [{
        **{k: getattr(r, k) for k in ("period", "region", "occupation_group", "population_group",
                                      "indicator", "unit", "source", "note", "example", "origin",
                                      "table_id", "label")},
        "value": None if r.suppressed else r.value, "low": None if r.suppressed else r.low,
        "high": None if r.suppressed else r.high, "suppressed": r.suppressed}
        for r in records]}


@router.get("/cbs/tables", response=list[CbsTableOut],
            summary="The imported CBS StatLine tables with their indicators and periods")
def cbs_tables(request: HttpRequest):
    return services.cbs_tables()


@router.post("/indicators/import", response={200: ImportOut, 413: Problem},
             auth=Permission("monitor.add_indicator"),
             summary="Import a long-format indicator CSV (all rows or none)",
             openapi_extra=upload_schema(
                 "CSV, one column per field of IndicatorRow (`origin` of an export is ignored), "
                 "checked by the same model as `banenbrug indicators import`", IndicatorRow,
                 json=False))
def import_indicators(request: HttpRequest, file: File[UploadedFile]):
    if file.size and file.size > MAX_UPLOAD:
        raise HttpError(413, "file larger than 5 MB")
    try:  # the bytes as uploaded: the reader checks the encoding (and says which it looks like)
        report = services.import_text(file.read(), file.name or "upload.csv")
    except IndicatorFileError as exc:
        raise HttpError(422, f"{exc}\nNothing was imported.") from exc
    return report.__dict__


@router.get("/tension", response=list[TensionOut],
            summary="UWV tension indicator (vacancies per short-term job seeker), banded")
def tension(request: HttpRequest, occupation_group: str = "technical_ict", period: str = "",
            region: str = ""):
    cells = tension_cells(services.records(
        occupation_group=occupation_group, population_group="all", period=period, region=region,
        indicator__in=("vacancies_open", "job_seekers_short", "tension")))
    return [{"period": c.period, "region": c.region, "occupation_group": c.occupation_group,
             "vacancies": c.vacancies, "job_seekers_short": c.job_seekers, "tension": c.tension,
             "band": c.band.code if c.band else None, "suppressed": c.suppressed,
             "example": c.example, "origin": c.origin} for c in cells]


@router.get("/scenarios", summary="The shipped example scenarios")
def scenarios(request: HttpRequest, lang: str = "nl") -> list[dict[str, Any]]:
    return [{"key": k, "name": s.label(lang), "description": s.summary(lang),
             "levers": s.levers.active(), "start_year": s.levers.start_year,
             "full_effect_year": s.levers.full_effect_year,
             "parameters": [{"name": n, "low": lo, "central": c, "high": hi}
                            for n, lo, c, hi in s.overrides]}
            for k, s in shipped_scenarios().items()]


@router.get("/parameters", summary="Forecast parameters with ranges and sources")
def parameters(request: HttpRequest, lang: str = "nl") -> list[dict[str, Any]]:
    return services.parameters_json(lang)


def _forecast(names: list[str], toml: list[str], to: int, runs: int, seed: int,
              lang: str) -> dict[str, Any]:
    try:
        services.check_forecast_args(to, runs)
        chosen = [k for k in names if k]
        shipped = shipped_scenarios()
        unknown = [k for k in chosen if k not in shipped]
        if unknown:
            raise ScenarioError(f"unknown scenario(s) {', '.join(unknown)} (shipped: "
                                f"{', '.join(shipped)})")
        found = [shipped[k] for k in chosen]
        found += [parse_scenario(text, f"toml-{i + 1}") for i, text in enumerate(toml)]
    except (ValueError, ScenarioError) as exc:
        raise HttpError(422, str(exc)) from exc
    return services.forecast_json(services.run_forecast(found, to, runs, seed), lang)


@router.get("/forecast", summary="Forecast: yearly median and 5-95% band of demand, supply "
            "and gap, baseline first, then each shipped scenario asked for")
def forecast_get(request: HttpRequest, scenario: list[str] = Query([]), to: int = 2030,
                 runs: int = 2000, seed: int = Query(2022, ge=0, le=SEED_MAX),
                 lang: str = "nl") -> dict[str, Any]:
    return _forecast(scenario, [], to, runs, seed, lang)


@router.post("/forecast", summary="Forecast with shipped scenarios and/or scenario TOML text")
def forecast_post(request: HttpRequest, body: ForecastIn, lang: str = "nl") -> dict[str, Any]:
    return _forecast(body.scenarios, body.toml, body.to, body.runs, body.seed, lang)
