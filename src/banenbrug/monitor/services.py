"""What the CLI, the API and the pages share: importing indicators, reading them back as records,
and running the forecast (cached per process) with its JSON shape."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from banenbrug.conf.paths import data_dir
from banenbrug.monitor import forecast as fc
from banenbrug.monitor.indicators import IndicatorRecord, parse_indicator_csv, read_indicator_file
from banenbrug.monitor.models import Indicator
from banenbrug.monitor.regions import RegionCatalogue, load_regions
from banenbrug.monitor.scenarios import ScenarioError, load_scenario, shipped_scenarios

DATA = Path(__file__).resolve().parent / "data"
BASELINE_CSV = DATA / "baseline_indicators.csv"
EXAMPLE_CSV = DATA / "regional_example.csv"
MAX_RUNS = 10_000
FIELDS = ("period_start", "period_end", "value", "low", "high", "unit", "base_n", "source", "note",
          "example")


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


def import_text(text: str, source: str) -> ImportReport:
    return store(parse_indicator_csv(text, regions(), source=source), source)


def load_shipped() -> list[ImportReport]:
    return [import_file(BASELINE_CSV), import_file(EXAMPLE_CSV)]


def to_record(row: Indicator) -> IndicatorRecord:
    return IndicatorRecord(**{f: getattr(row, f) for f in (*Indicator.KEY, *FIELDS)})


def records(**filters: Any) -> list[IndicatorRecord]:
    """Indicator records matching Django lookups on Indicator, oldest period first."""
    rows = Indicator.objects.filter(**{k: v for k, v in filters.items() if v not in (None, "")})
    return [to_record(r) for r in rows.order_by("period_start", "region", "indicator")]


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
def _cached(scenarios: tuple[fc.Scenario, ...], to_year: int, runs: int,
            seed: int) -> fc.ForecastResult:
    years = sorted({y for y in (2030, to_year) if y <= to_year})
    return fc.run_forecast(scenarios, to_year=to_year, runs=runs, seed=seed,
                           contribution_years=years)


def run_forecast(scenarios: Iterable[fc.Scenario], to_year: int = 2030, runs: int = 2000,
                 seed: int = 2022) -> fc.ForecastResult:
    check_forecast_args(to_year, runs)
    return _cached(tuple(scenarios), to_year, runs, seed)


def _band(band: fc.Band, i: int) -> dict[str, float]:
    return {"median": round(float(band.median[i])), "p5": round(float(band.p5[i])),
            "p95": round(float(band.p95[i]))}


def forecast_json(result: fc.ForecastResult, lang: str = "nl") -> dict[str, Any]:
    """The JSON shape of `banenbrug forecast --format json` and the API."""
    return {
        "base_year": fc.BASE_YEAR, "to": result.to_year, "runs": result.runs,
        "seed": result.seed, "unit": "persons (supply) and jobs (demand, gap)",
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
             "assumption": p.assumed} for p in fc.PARAMETERS.values()]
