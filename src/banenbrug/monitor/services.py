"""What the CLI, the API and the pages share: importing indicators, reading them back as records,
and running the forecast (cached per process) with its JSON shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from banenbrug import numbers
from banenbrug.conf.paths import data_dir
from banenbrug.monitor import forecast as fc
from banenbrug.monitor import statline
from banenbrug.monitor.cbs_files import LICENCE, read_cbs_file
from banenbrug.monitor.indicators import (
    IndicatorFileError,
    IndicatorRecord,
    RowError,
    parse_indicator_csv,
    read_indicator_file,
)
from banenbrug.monitor.models import Indicator
from banenbrug.monitor.regions import NATIONAL, RegionCatalogue, load_regions
from banenbrug.monitor.scenarios import ScenarioError, load_scenario, shipped_scenarios

DATA = Path(__file__).resolve().parent / "data"
BASELINE_CSV = DATA / "baseline_indicators.csv"
EXAMPLE_CSV = DATA / "regional_example.csv"
MAX_RUNS = 10_000
FIELDS = ("period_start", "period_end", "value", "low", "high", "unit", "base_n", "source", "note",
          "example", "table_id", "label")
CBS_FILES = ("occupations_85276NED_85517NED_2023.csv", "vacatures_83599NED_2026KW02.csv")


def regions() -> RegionCatalogue:
    return load_regions(data_dir())


@dataclass(frozen=True)
class ImportReport:
    source: str
    rows: int
    created: int
    updated: int


def store(records: list[IndicatorRecord], source: str) -> ImportReport:
    """Upsert validated records in one transaction: all rows or none."""
    keys = {r.key for r in records}
    with transaction.atomic():
        existing: dict[tuple[str, ...], int] = {}
        candidates = Indicator.objects.filter(period__in={k[0] for k in keys},
                                              indicator__in={k[4] for k in keys})
        for *parts, pk in candidates.values_list(*Indicator.KEY, "pk"):
            if tuple(parts) in keys:
                existing[tuple(parts)] = pk
        new, changed = [], []
        for r in records:
            obj = Indicator(**{f: getattr(r, f) for f in (*Indicator.KEY, *FIELDS)})
            if r.key in existing:
                obj.pk = existing[r.key]
                changed.append(obj)
            else:
                new.append(obj)
        Indicator.objects.bulk_create(new, batch_size=500)
        Indicator.objects.bulk_update(changed, FIELDS, batch_size=500)
    return ImportReport(source, len(records), len(new), len(changed))


def import_file(path: Path) -> ImportReport:
    """Raises IndicatorFileError (naming file, row and column) before anything is written."""
    return store(read_indicator_file(path, regions()), str(path))


def import_text(text: str | bytes, source: str) -> ImportReport:
    return store(parse_indicator_csv(text, regions(), source=source), source)


def load_shipped() -> list[ImportReport]:
    return [import_file(BASELINE_CSV), import_file(EXAMPLE_CSV)]


# --- CBS ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CbsImport:
    files: list[tuple[str, str, int]]  # (path, what it is, records)
    created: int
    updated: int
    skipped: int  # response rows the mapping does not ask for
    notes: list[str]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise IndicatorFileError(str(path), [RowError(0, "*", "file not found")]) from exc
    except UnicodeDecodeError as exc:
        raise IndicatorFileError(str(path), [RowError(0, "*", "not UTF-8 text")]) from exc


def import_cbs(paths: list[Path], mapping: Path | None = None) -> CbsImport:
    """The CBS CSV files (recognised by their header) and StatLine OData responses (.json; the
    files of one table are its pages), all read and checked before one transaction writes them.
    Raises IndicatorFileError or statline.MappingError; nothing is written then."""
    catalogue = regions()
    records: dict[tuple[str, ...], tuple[str, IndicatorRecord]] = {}
    files: list[tuple[str, str, int]] = []
    notes: list[str] = []
    pages: dict[str, list[tuple[str, str]]] = {}
    for path in paths:
        if path.suffix.lower() != ".json":
            parsed = read_cbs_file(path, catalogue)
            _merge(records, parsed.records, str(path))
            files.append((str(path), parsed.kind, len(parsed.records)))
            notes += [f"{path.name}: {n}" for n in parsed.notes]
            continue
        text = _read_text(path)
        table = "mapping" if mapping else statline.table_of(
            statline.load_response(text, str(path))) or ""
        if not table:
            raise IndicatorFileError(str(path), [RowError(0, "odata.metadata", "no table id in "
                                                          "the response: give --mapping")])
        pages.setdefault(table, []).append((str(path), text))
    skipped = 0
    for table, texts in pages.items():
        spec = (statline.parse_mapping(mapping.read_text(encoding="utf-8"), str(mapping))
                if mapping else statline.shipped_mapping(table))
        if spec is None:
            raise statline.MappingError(f"no mapping shipped for table {table}: write one (see "
                                        "docs/monitor.md) and give it with --mapping")
        found, left = statline.parse_responses(texts, spec, catalogue)
        _merge(records, found, texts[-1][0])
        skipped += left
        files.append((", ".join(source for source, _text in texts), f"StatLine {spec.table}",
                      len(found)))
    report = store([r for _source, r in records.values()], ", ".join(str(p) for p in paths))
    return CbsImport(files, report.created, report.updated, skipped, notes)


def _merge(into: dict[tuple[str, ...], tuple[str, IndicatorRecord]],
           found: list[IndicatorRecord], source: str) -> None:
    """Files may overlap (a CSV and a StatLine response of one table): the same figure twice is
    kept once, two different figures for one cell are refused."""
    for record in found:
        earlier = into.get(record.key)
        if earlier is not None and earlier[1].value != record.value:
            raise IndicatorFileError(source, [RowError(0, "value", (
                f"{' / '.join(record.key)} is {record.value:g} here but {earlier[1].value:g} in "
                f"{earlier[0]}"))])
        into[record.key] = (source, record)


def cbs_tables() -> list[dict[str, Any]]:
    """The imported CBS tables: id, source line, rows, indicators and periods."""
    out: dict[str, dict[str, Any]] = {}
    rows = Indicator.objects.exclude(table_id="").order_by("table_id", "period_start")
    for table_id, source, indicator, period in rows.values_list("table_id", "source",
                                                                 "indicator", "period"):
        entry = out.setdefault(table_id, {"table_id": table_id, "source": source, "rows": 0,
                                          "indicators": [], "periods": [],
                                          "licence": LICENCE})
        entry["rows"] += 1
        for key, value in (("indicators", indicator), ("periods", period)):
            if value not in entry[key]:
                entry[key].append(value)
    return list(out.values())


def load_cbs_from_data_dir() -> CbsImport | None:
    """The CBS files of the data folder, when it has them (banenbrug setup)."""
    folder = data_dir()
    paths = [folder / "cbs" / name for name in CBS_FILES] if folder else []
    found = [p for p in paths if p.is_file()]
    return import_cbs(found) if found else None


STOCK_MARGIN = 0.02  # CBS's labour force survey is a sample: ±2% (our assumption)


@dataclass(frozen=True)
class StartingStock:
    """The forecast's starting stock from CBS: people in work in technical (BRC 07) and ICT
    (BRC 08) occupations."""

    technical: float
    ict: float
    period: str
    table_id: str

    @property
    def total(self) -> float:
        return self.technical + self.ict

    def parameter(self) -> fc.Parameter:
        base = fc.PARAMETERS["stock_2021"]
        return replace(
            base, low=round(self.total * (1 - STOCK_MARGIN)), central=self.total,
            high=round(self.total * (1 + STOCK_MARGIN)), unit="personen",
            source=f"CBS StatLine {self.table_id} ({self.period}): technische beroepen (BRC 07) "
                   f"{numbers.number(self.technical)} + ICT-beroepen (BRC 08) "
                   f"{numbers.number(self.ict)}; bandbreedte ±{numbers.percent(STOCK_MARGIN)} "
                   "aangenomen; "
                   + LICENCE,
            nl=f"Werkzame technici en ICT'ers bij de start (CBS, {self.period})",
            en=f"Technical and ICT workers at the start (CBS, {self.period})")


def starting_stock() -> StartingStock | None:
    """The latest year with CBS employment for both BRC 07 and BRC 08, or None."""
    rows = Indicator.objects.filter(indicator="employment", region=NATIONAL,
                                    population_group="all",
                                    occupation_group__in=("brc:07", "brc:08")).exclude(
        table_id="").order_by("-period_start")
    by_period: dict[str, dict[str, Indicator]] = {}
    for row in rows:
        by_period.setdefault(row.period, {})[row.occupation_group] = row
    for period, found in by_period.items():
        if len(found) == 2 and len(period) == 4:  # a year
            return StartingStock(found["brc:07"].value, found["brc:08"].value, period,
                                 found["brc:07"].table_id)
    return None


def forecast_parameters(stock: StartingStock | None) -> dict[str, fc.Parameter]:
    params = dict(fc.PARAMETERS)
    if stock is not None:
        params["stock_2021"] = stock.parameter()
    return params


def with_starting_stock(scenarios: Iterable[fc.Scenario],
                        stock: StartingStock | None) -> list[fc.Scenario]:
    """The scenarios with CBS's starting stock as the base of their own overrides (a scenario
    that sets the stock itself keeps its value)."""
    if stock is None:
        return list(scenarios)
    p = stock.parameter()
    first = ("stock_2021", p.low, p.central, p.high)
    return [replace(s, overrides=(first, *s.overrides)) for s in scenarios]


def to_record(row: Indicator) -> IndicatorRecord:
    return IndicatorRecord(**{f: getattr(row, f) for f in (*Indicator.KEY, *FIELDS)})


def records(**filters: Any) -> list[IndicatorRecord]:
    """Indicator records matching Django lookups on Indicator, oldest period first. A field
    given as None or "" is not filtered on (an empty query parameter); lookups (`__`) always
    are."""
    rows = Indicator.objects.filter(**{k: v for k, v in filters.items()
                                       if "__" in k or v not in (None, "")})
    return [to_record(r) for r in rows.order_by("period_start", "region", "indicator")]


ORIGINS: dict[str, dict[str, Any]] = {"voorbeeld": {"example": True}, "CBS": {"table_id__gt": ""},
           "publicatie": {"example": False, "table_id__in": [""]}}


def origin_lookups(origin: str) -> dict[str, Any]:
    """Lookups for records() that select one origin (voorbeeld, CBS, publicatie); '' for all."""
    if origin and origin not in ORIGINS:
        raise ValueError(f"unknown origin {origin!r} (known: {', '.join(ORIGINS)})")
    return dict(ORIGINS.get(origin, {}))


def periods(indicator: str, occupation_group: str | None = None) -> list[str]:
    rows = Indicator.objects.filter(indicator=indicator)
    if occupation_group:
        rows = rows.filter(occupation_group=occupation_group)
    return list(dict.fromkeys(rows.order_by("period_start").values_list("period", flat=True)))


# --- forecast -----------------------------------------------------------------------------

def resolve_scenarios(names: Iterable[str]) -> list[fc.Scenario]:
    """Shipped scenario keys or paths to TOML files; raises ScenarioError."""
    shipped = shipped_scenarios()
    out = []
    for name in names:
        if name in shipped:
            out.append(shipped[name])
        elif name.endswith(".toml") or Path(name).exists():
            out.append(load_scenario(Path(name)))
        else:
            raise ScenarioError(f"unknown scenario {name!r} (shipped: {', '.join(shipped)}; "
                                "or give a path to a .toml file)")
    return out


def check_forecast_args(to_year: int, runs: int) -> None:
    if not fc.BASE_YEAR < to_year <= 2050:
        raise ValueError(f"to must be a year from {fc.BASE_YEAR + 1} to 2050")
    if not 1 <= runs <= MAX_RUNS:
        raise ValueError(f"runs must be between 1 and {MAX_RUNS}")


@lru_cache(maxsize=32)
def _cached(baseline: fc.Scenario, scenarios: tuple[fc.Scenario, ...], to_year: int, runs: int,
            seed: int) -> fc.ForecastResult:
    years = sorted({y for y in (2030, to_year) if y <= to_year})
    return fc.run_forecast(scenarios, to_year=to_year, runs=runs, seed=seed,
                           contribution_years=years, baseline=baseline)


def run_forecast(scenarios: Iterable[fc.Scenario], to_year: int = 2030, runs: int = 2000,
                 seed: int = 2022) -> fc.ForecastResult:
    """The one call behind every forecast (CLI, API, pages): the starting stock is CBS's when
    its figures are imported (starting_stock), else the model's assumption."""
    check_forecast_args(to_year, runs)
    stock = starting_stock()
    baseline, *chosen = with_starting_stock((fc.BASELINE, *scenarios), stock)
    return _cached(baseline, tuple(chosen), to_year, runs, seed)


def _band(band: fc.Band, i: int) -> dict[str, float]:
    return {"median": round(float(band.median[i])), "p5": round(float(band.p5[i])),
            "p95": round(float(band.p95[i]))}


def forecast_json(result: fc.ForecastResult, lang: str = "nl") -> dict[str, Any]:
    """The JSON shape of `banenbrug forecast --format json` and the API."""
    stock = starting_stock()
    return {
        "base_year": fc.BASE_YEAR, "to": result.to_year, "runs": result.runs,
        "seed": result.seed, "unit": "persons (supply) and jobs (demand, gap)",
        "starting_stock": None if stock is None else {
            "value": stock.total, "technical_brc07": stock.technical, "ict_brc08": stock.ict,
            "period": stock.period, "table_id": stock.table_id, "licence": LICENCE},
        "scenarios": [{
            "key": s.scenario.key, "name": s.scenario.label(lang),
            "description": s.scenario.summary(lang),
            "levers": s.scenario.levers.active(),
            "years": [{"year": int(year), "demand": _band(s.demand, i),
                       "supply": _band(s.supply, i), "gap": _band(s.gap, i)}
                      for i, year in enumerate(s.years)],
            "contributions": [{"lever": c.lever, "year": c.year,
                               "gap_closed": {"median": round(c.median), "p5": round(c.p5),
                                              "p95": round(c.p95)}}
                              for c in s.contributions],
        } for s in result.scenarios],
    }


def parameters_json(lang: str = "nl") -> list[dict[str, Any]]:
    return [{"name": p.name, "label": p.en if lang == "en" else p.nl, "low": p.low,
             "central": p.central, "high": p.high, "unit": p.unit, "source": p.source,
             "assumption": p.assumed}
            for p in forecast_parameters(starting_stock()).values()]
