"""UWV's tension indicator from indicator records: vacancies per short-term job seeker, banded,
with small cells suppressed. Pure: no Django."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from banenbrug.monitor.indicators import MIN_CELL, IndicatorRecord
from banenbrug.monitor.vocabulary import Term, tension_band


@dataclass(frozen=True)
class TensionCell:
    period: str
    period_start: date
    region: str
    occupation_group: str
    vacancies: float | None  # None: unknown or suppressed
    job_seekers: float | None
    tension: float | None
    band: Term | None
    suppressed: bool
    example: bool
    origin: str  # "voorbeeld" when any of its figures is made up, "CBS" when all are CBS's


def _origin(origins: set[str]) -> str:
    if "voorbeeld" in origins:
        return "voorbeeld"
    return "CBS" if origins == {"CBS"} else "publicatie"


def tension_cells(records: Iterable[IndicatorRecord]) -> list[TensionCell]:
    """One cell per (period, region, occupation group) with vacancies, job seekers or an
    imported tension value, population group `all`. A tension built on fewer than 10 job
    seekers is suppressed, and so is the job-seeker count itself."""
    cells: dict[tuple[str, str, str], dict[str, IndicatorRecord]] = {}
    for r in records:
        if r.population_group == "all" and r.indicator in (
                "vacancies_open", "job_seekers_short", "tension"):
            cells.setdefault((r.period, r.region, r.occupation_group), {})[r.indicator] = r
    out = []
    for (period, region, group), found in cells.items():
        vac, seekers, given = (found.get(k) for k in (
            "vacancies_open", "job_seekers_short", "tension"))
        small = seekers is not None and seekers.value < MIN_CELL
        tension: float | None = None
        if vac is not None and seekers is not None and not small:
            tension = vac.value / seekers.value
        elif given is not None and not given.suppressed and not small:
            tension = given.value
        any_record = next(iter(found.values()))
        out.append(TensionCell(
            period=period, period_start=any_record.period_start, region=region,
            occupation_group=group, vacancies=vac.value if vac else None,
            job_seekers=None if seekers is None or small else seekers.value,
            tension=tension, band=None if tension is None else tension_band(tension),
            suppressed=small or (given is not None and given.suppressed),
            example=any(r.example for r in found.values()),
            origin=_origin({r.origin for r in found.values()})))
    return sorted(out, key=lambda c: (c.period_start, c.region, c.occupation_group))
