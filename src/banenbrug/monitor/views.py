"""Monitor pages: key figures, tension by region, education inflow and outflow, forecast with
scenarios. Views only present: numbers come from services (DB) and the pure engines."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenbrug import numbers
from banenbrug.conf.paths import data_dir
from banenbrug.jobs import service as jobs
from banenbrug.language import current_lang
from banenbrug.monitor import charts, services
from banenbrug.monitor import jobs as forecast_jobs
from banenbrug.monitor.indicators import IndicatorRecord, to_csv_rows
from banenbrug.monitor.regions import NATIONAL, geojson_for_plotly, geojson_path
from banenbrug.monitor.scenarios import shipped_scenarios
from banenbrug.monitor.tension import tension_cells
from banenbrug.monitor.vocabulary import (
    INDICATORS,
    OCCUPATION_GROUPS,
    POPULATION_GROUPS,
    SBI_SECTIONS,
    TENSION_BANDS,
    TENSION_BOUNDS,
    group_label,
)

LEVER_LABELS = {
    "women_tech_share": _("Meer vrouwen kiezen een technische opleiding"),
    "women_outflow_factor": _("Minder vrouwen verlaten technisch werk"),
    "side_entry_programme": _("Zij-instroomprogramma's"),
    "open_hiring": _("Open Hiring"),
    "productivity_growth": _("Procesinnovatie (minder arbeid nodig)"),
    "migration_background_mbo_share": _("Meer jongeren met migratieachtergrond kiezen "
                                        "technisch mbo"),
    "all": _("Alle hefbomen van het scenario samen"),
}
HORIZONS = (2030, 2035, 2040, 2050)
RUN_CHOICES = (1000, 2000, 5000)  # 10,000 through the CLI and API: pages stay quick
TENSION_INDICATORS = ("vacancies_open", "job_seekers_short", "tension")



def _csv(rows: list[list[Any]], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response, lineterminator="\n").writerows(rows)
    return response


@dataclass(frozen=True)
class FigureRow:
    record: IndicatorRecord
    indicator: str
    group: str
    population: str
    region: str


def _figure_rows(records: list[IndicatorRecord], lang: str) -> list[FigureRow]:
    names = services.regions()
    return [FigureRow(r, INDICATORS[r.indicator].label(lang),
                      group_label(r.occupation_group, lang, r.label),
                      POPULATION_GROUPS[r.population_group].label(lang), names.name(r.region))
            for r in records]


def _cbs_line(*tables: str) -> str:
    """The licence line under every chart of CBS figures."""
    return str(_("Bron: CBS, StatLine-tabel %(tables)s (CC BY 4.0)") % {
        "tables": " en ".join(tables)})


def index(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    baseline = services.records(region=NATIONAL, example=False, table_id__in=[""])
    cbs = services.records(region=NATIONAL, occupation_group__in=("brc:07", "brc:08"),
                           indicator="employment", table_id="85276NED")
    vacancies = services.records(region=NATIONAL, occupation_group="all",
                                 indicator="vacancies_open", table_id="83599NED")
    return render(request, "monitor/index.html", {
        "figures": _figure_rows(baseline, lang), "lang": lang,
        "cbs_figures": _figure_rows(cbs + vacancies[-1:], lang)})


def tension(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    group = request.GET.get("beroepsgroep", "technical_ict")
    if group not in OCCUPATION_GROUPS:
        group = "technical_ict"
    records = services.records(occupation_group=group, indicator__in=TENSION_INDICATORS,
                               population_group="all")
    cells = tension_cells(records)
    if request.GET.get("format") == "csv":
        return _csv([["period", "region", "occupation_group", "vacancies", "job_seekers_short",
                      "tension", "band", "suppressed", "example", "origin"]] + [
            [c.period, c.region, c.occupation_group, "" if c.vacancies is None else
             f"{c.vacancies:g}", "" if c.job_seekers is None else f"{c.job_seekers:g}",
             "" if c.tension is None else f"{c.tension:.3f}", c.band.code if c.band else "",
             str(c.suppressed).lower(), str(c.example).lower(), c.origin] for c in cells],
            f"spanning-{group}.csv")
    periods = list(dict.fromkeys(c.period for c in cells))
    period = request.GET.get("periode")
    if period not in periods:
        period = periods[-1] if periods else ""
    catalogue = services.regions()
    regional = catalogue.of_kind("labour_market")
    region = request.GET.get("regio", NATIONAL)
    if region != NATIONAL and region not in {r.code for r in regional}:
        region = NATIONAL
    names = {r.code: r.name for r in regional}
    map_cells = [c for c in cells if c.period == period and c.region in names]
    series = [c for c in cells if c.region == region]
    suppressed = str(_("onderdrukt (minder dan 10 personen)"))
    map_spec = charts.tension_map(
        map_cells, names, reverse("monitor:regions_geojson", args=["arbeidsmarktregio"]),
        reverse("monitor:index") + "topojson/", lang,
        str(_("Spanningsindicator per arbeidsmarktregio, %(period)s") % {"period": period}),
        suppressed) if map_cells else None
    series_spec = charts.lines(
        [c.period for c in series], [(str(_("Spanningsindicator")), [c.tension for c in series])],
        str(_("Verloop in %(region)s") % {"region": catalogue.name(region)}),
        str(_("vacatures per kortdurend werkzoekende"))) if series else None
    return render(request, "monitor/tension.html", {
        "lang": lang, "groups": [OCCUPATION_GROUPS[g] for g in ("technical_ict", "technical",
                                                                "ict")],
        "group": group, "group_label": OCCUPATION_GROUPS[group].label(lang),
        "periods": periods, "period": period, "regions": regional, "region": region,
        "region_name": catalogue.name(region), "series": series,
        "map_rows": [(names[c.region], c) for c in map_cells], "map_spec": map_spec,
        "series_spec": series_spec,
        "bands": list(zip(TENSION_BANDS, _band_ranges(), strict=True)),
        "has_examples": any(c.example for c in cells),
        "suppressed_count": sum(c.suppressed for c in map_cells),
    })


TECH_ICT_CLASSES = ("brc:07", "brc:08")
VACANCY_SECTORS = ("all", "sbi:C", "sbi:F")


def _level(code: str) -> int:
    return len(code) - len("brc:")


def cbs(request: HttpRequest) -> HttpResponse:
    """Real CBS figures: people in work by BRC 2014 occupation with wages, open vacancies by
    province and sector."""
    lang = current_lang()
    employment = services.records(region=NATIONAL, indicator="employment",
                                  occupation_group__startswith="brc:", table_id="85276NED")
    years = sorted({r.period for r in employment})
    year = years[-1] if years else ""
    jobs = {r.occupation_group: r for r in employment if r.period == year}
    wages = {r.occupation_group: r for r in services.records(
        region=NATIONAL, indicator="median_hourly_wage", period=year,
        occupation_group__startswith="brc:")}
    classes = [r for g, r in sorted(jobs.items()) if _level(g) == 2]
    segments = [r for g, r in sorted(jobs.items())
                if _level(g) == 3 and g[:6] in TECH_ICT_CLASSES]
    classes_spec = charts.hbars(
        [group_label(r.occupation_group, lang, r.label) for r in classes],
        [r.value for r in classes],
        [r.occupation_group in TECH_ICT_CLASSES for r in classes],
        str(_("Werkzame personen per beroepsklasse, %(year)s") % {"year": year}),
        str(_("werkzame personen"))) if classes else None
    segments_spec = charts.hbars(
        [group_label(r.occupation_group, lang, r.label) for r in segments],
        [r.value for r in segments], [r.occupation_group.startswith("brc:08") for r in segments],
        str(_("Technische en ICT-beroepen per beroepssegment, %(year)s") % {"year": year}),
        str(_("werkzame personen"))) if segments else None

    sector = request.GET.get("sector", "all")
    sector = sector if sector in VACANCY_SECTORS else "all"
    vacancies = services.records(indicator="vacancies_open", table_id="83599NED")
    quarters = sorted({r.period for r in vacancies})
    catalogue = services.regions()
    by_cell = {(r.region, r.occupation_group, r.period): r for r in vacancies}
    regions_shown = sorted({r.region for r in vacancies}, key=lambda c: (c != NATIONAL,
                                                                        catalogue.name(c)))
    vacancy_rows = [(catalogue.name(code), code,
                     [by_cell.get((code, sector, q)) for q in quarters]) for code in regions_shown]
    provinces = [row for row in vacancy_rows if row[1] != NATIONAL]
    vacancy_spec = charts.bars(
        [name for name, _c, _v in provinces],
        [(q, [values[i].value if values[i] else None for _n, _c, values in provinces])
         for i, q in enumerate(quarters)],
        str(_("Openstaande vacatures per provincie: %(sector)s") % {
            "sector": _sector_label(sector, lang)}),
        str(_("openstaande vacatures"))) if provinces else None
    if vacancy_spec:
        vacancy_spec["layout"]["yaxis"]["tickformat"] = ",.0f"  # 80.000, not 80k
    return render(request, "monitor/cbs.html", {
        "lang": lang, "year": year,
        "classes": [(f, wages.get(f.record.occupation_group)) for f in _figure_rows(classes,
                                                                                    lang)],
        "segments": [(f, wages.get(f.record.occupation_group))
                     for f in _figure_rows(segments, lang)],
        "classes_spec": classes_spec, "segments_spec": segments_spec,
        "employment_source": _cbs_line("85276NED"),
        "segments_source": _cbs_line("85276NED", "85517NED"),
        "vacancy_source": _cbs_line("83599NED"),
        "sectors": [(s, _sector_label(s, lang)) for s in VACANCY_SECTORS], "sector": sector,
        "sector_label": _sector_label(sector, lang), "quarters": quarters,
        "vacancy_rows": vacancy_rows, "vacancy_spec": vacancy_spec,
        "tech_ict_total": sum(jobs[g].value for g in TECH_ICT_CLASSES if g in jobs),
    })


def _sector_label(code: str, lang: str) -> str:
    if code == "all":
        return str(_("alle sectoren"))
    return SBI_SECTIONS[code].label(lang)


def _band_ranges() -> list[str]:
    bounds = [numbers.number(b, 2, current_lang()) for b in TENSION_BOUNDS]
    return [f"< {bounds[0]}", *(f"{lo} – {hi}" for lo, hi in pairwise(bounds)),
            f"≥ {bounds[-1]}"]


def education(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    region = request.GET.get("regio", NATIONAL)
    if services.regions().check(region) is not None:
        region = NATIONAL
    inflow = services.records(region=region, indicator__in=("tech_inflow_share_mbo",
                                                            "tech_inflow_share_hbo"))
    outflow = services.records(region=region, indicator="tech_outflow_rate")
    shown = [r for r in inflow if not r.suppressed]
    populations = list(dict.fromkeys(r.population_group for r in shown))
    inflow_spec = charts.bars(
        [POPULATION_GROUPS[p].label(lang) for p in populations],
        [(level, [next((r.value for r in shown if r.population_group == p
                        and r.indicator == f"tech_inflow_share_{level}"), None)
                  for p in populations]) for level in ("mbo", "hbo")],
        str(_("Kiest een technische opleiding, naar niveau en groep")), "%") if shown else None
    out_shown = [r for r in outflow if not r.suppressed]
    out_periods = list(dict.fromkeys(r.period for r in out_shown))
    outflow_spec = charts.bars(
        [POPULATION_GROUPS[g].label(lang) for g in ("women", "men")],
        [(period, [next((r.value for r in out_shown if r.period == period
                         and r.population_group == g), None) for g in ("women", "men")])
         for period in out_periods],
        str(_("Stapt per jaar over van technisch naar niet-technisch werk")),
        "%") if out_shown else None
    return render(request, "monitor/education.html", {
        "lang": lang, "region_name": services.regions().name(region),
        "inflow": _figure_rows(inflow, lang), "outflow": _figure_rows(outflow, lang),
        "inflow_spec": inflow_spec, "outflow_spec": outflow_spec,
    })


def _forecast_choices(request: HttpRequest) -> tuple[list[str], int, int]:
    shipped = shipped_scenarios()
    if "to" in request.GET:  # the form was sent: take its choices, even none
        chosen = [k for k in request.GET.getlist("scenario") if k in shipped]
    else:
        chosen = list(shipped)
    to_year = int(request.GET["to"]) if request.GET.get("to", "").isdigit() else 2030
    to_year = to_year if to_year in HORIZONS else 2030
    runs = int(request.GET["runs"]) if request.GET.get("runs", "").isdigit() else 2000
    runs = runs if runs in RUN_CHOICES else 2000
    return chosen, to_year, runs


def forecast(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    chosen, to_year, runs = _forecast_choices(request)
    if forecast_jobs.is_large(to_year, runs):  # seconds of simulation: a background job
        params = {"scenarios": chosen, "to": to_year, "runs": runs}
        result = forecast_jobs.finished(request.GET.get("taak", ""), params, request.user,
                                        request.session.session_key or "")
        if result is None:
            return redirect(jobs.start("forecast", params, request.user,
                                       session_key=_session_key(request)))
    else:
        result = services.run_forecast(services.resolve_scenarios(chosen), to_year, runs)
    stock = services.starting_stock()
    stock_origin = f"CBS {stock.table_id} {stock.period}" if stock else "aanname"
    if request.GET.get("format") == "csv":
        rows: list[list[Any]] = [["scenario", "year", "series", "p5", "median", "p95",
                                  "starting_stock"]]
        for s in result.scenarios:
            for i, year in enumerate(s.years):
                for name, band in (("demand", s.demand), ("supply", s.supply), ("gap", s.gap)):
                    rows.append([s.scenario.key, int(year), name, round(band.p5[i]),
                                 round(band.median[i]), round(band.p95[i]), stock_origin])
        return _csv(rows, f"prognose-{to_year}.csv")
    baseline = result.scenarios[0]
    supply_demand = charts.bands(baseline.years, [
        (str(_("Vraag")), baseline.demand, True), (str(_("Aanbod")), baseline.supply, True)],
        str(_("Basispad: vraag en aanbod van technici en ICT'ers")), str(_("personen / banen")))
    gaps = charts.bands(baseline.years, [
        (s.scenario.label(lang), s.gap, i == 0) for i, s in enumerate(result.scenarios)],
        str(_("Tekort (vraag min aanbod) per scenario")), str(_("banen")))
    contributions = [(s, c) for s in result.scenarios for c in s.contributions
                     if c.year == min(2030, to_year)]
    contribution_spec = charts.contributions(
        [f"{LEVER_LABELS[c.lever]} ({s.scenario.label(lang)})" for s, c in contributions],
        [c.median for _s, c in contributions], [c.p5 for _s, c in contributions],
        [c.p95 for _s, c in contributions],
        str(_("Hoeveel van het tekort elke hefboom dicht in %(year)s") % {
            "year": min(2030, to_year)}), str(_("banen minder tekort"))) if contributions else None
    table_years = [i for i, y in enumerate(baseline.years) if y <= 2030 or y % 5 == 0]
    return render(request, "monitor/forecast.html", {
        "lang": lang, "result": result, "baseline": baseline, "scenarios": shipped_scenarios(),
        "chosen": chosen, "to_year": to_year, "runs": runs, "horizons": HORIZONS,
        "run_choices": RUN_CHOICES, "supply_demand": supply_demand, "gaps": gaps,
        "contribution_spec": contribution_spec,
        "contribution_rows": [(s.scenario.label(lang), LEVER_LABELS[c.lever], c)
                              for s, c in contributions],
        "baseline_rows": [(int(baseline.years[i]), *(
            (round(b.median[i]), round(b.p5[i]), round(b.p95[i]))
            for b in (baseline.demand, baseline.supply, baseline.gap))) for i in table_years],
        "gap_header": [s.scenario.label(lang) for s in result.scenarios],
        "gap_rows": [(int(baseline.years[i]), [round(s.gap.median[i]) for s in result.scenarios])
                     for i in table_years],
        "parameters": [(p, p.en if lang == "en" else p.nl)
                       for p in services.forecast_parameters(stock).values()],
        "stock": stock, "stock_source": _cbs_line(stock.table_id) if stock else "",
        "query": request.GET.urlencode(),
    })


def _session_key(request: HttpRequest) -> str:
    if request.session.session_key is None:
        request.session.save()  # an anonymous visitor follows their job by their session
    return request.session.session_key or ""


def indicators_csv(request: HttpRequest) -> HttpResponse:
    filters = {k: request.GET.get(k) for k in ("indicator", "region", "occupation_group",
                                              "population_group", "period", "table_id")}
    try:
        filters.update(services.origin_lookups(request.GET.get("origin", "")))
    except ValueError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return _csv(to_csv_rows(services.records(**filters)), "indicatoren.csv")


EMPTY_TOPOLOGY = json.dumps({"type": "Topology", "arcs": [], "objects": {
    layer: {"type": "GeometryCollection", "geometries": []}
    for layer in ("land", "ocean", "lakes", "rivers", "coastlines", "countries", "subunits")}})


def empty_topojson(request: HttpRequest, name: str) -> HttpResponse:
    """The base map plotly.js insists on loading, empty: our maps draw only CBS regions."""
    return HttpResponse(EMPTY_TOPOLOGY, content_type="application/json")


def regions_geojson(request: HttpRequest, kind: str) -> HttpResponse:
    """The CBS boundaries from the data folder (not copied into the repository), with rings
    wound the way plotly.js draws them."""
    kinds = {"arbeidsmarktregio": "labour_market", "provincie": "province"}
    path = geojson_path(data_dir(), kinds[kind]) if kind in kinds else None
    if path is None:
        raise Http404("region boundaries not available")
    response = HttpResponse(geojson_for_plotly(path), content_type="application/geo+json")
    response["Cache-Control"] = "max-age=86400"
    return response
