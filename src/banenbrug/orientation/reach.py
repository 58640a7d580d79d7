"""Measured reach: anonymous monthly counts, exported in the monitor's long indicator format.

What is counted: a story page shown (per occupation), a questionnaire completed (per route, the
person's top-two interest code) and each occupation suggested after it (per route). Nothing
else: no answers, no address, no cookie, no time finer than the month. A shared result link
that is opened again is not counted (only a submitted questionnaire is).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from banenbrug.orientation.models import ReachCount
from banenbrug.taxonomy.models import Occupation

SUPPRESS_BELOW = 10
COLUMNS = ("period", "region", "occupation_group", "population_group", "indicator", "value",
           "unit", "source", "note")
REGION = "NL"
ALL = "alle"
SOURCE = "Banenbrug Ontdek, anonieme tellingen"
INDICATORS = {
    ReachCount.Kind.STORY_VIEW: "ontdek_beroepsverhaal_bekeken",
    ReachCount.Kind.SUGGESTION: "ontdek_voorgesteld",
    ReachCount.Kind.COMPLETED: "ontdek_vragenlijst_ingevuld",
}


def _bump(kind: str, route: str = "", occupation_uri: str = "") -> None:
    keys = {"period": timezone.now().strftime("%Y-%m"), "kind": kind, "route": route,
            "occupation_uri": occupation_uri}
    if ReachCount.objects.filter(**keys).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ReachCount.objects.create(**keys, count=1)
    except IntegrityError:  # created by a parallel request in the meantime
        ReachCount.objects.filter(**keys).update(count=F("count") + 1)


def story_viewed(occupation_uri: str) -> None:
    _bump(ReachCount.Kind.STORY_VIEW, occupation_uri=occupation_uri)


def questionnaire_completed(route: str, suggested: Iterable[str]) -> None:
    with transaction.atomic():
        _bump(ReachCount.Kind.COMPLETED, route=route)
        for uri in suggested:
            _bump(ReachCount.Kind.SUGGESTION, route=route, occupation_uri=uri)


def export_rows() -> list[dict[str, str]]:
    """Long-format rows: per month, occupation group (ISCO sub-major group, 2 digits) and
    population group (everyone, or people whose questionnaire put two interests on top)."""
    groups = dict(Occupation.objects.values_list("uri", "isco_code"))
    totals: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for period, kind, route, uri, count in ReachCount.objects.values_list(
            "period", "kind", "route", "occupation_uri", "count"):
        group = groups.get(uri, "")[:2] if uri else ALL
        if uri and not group:
            continue  # an occupation that left ESCO
        indicator = INDICATORS[ReachCount.Kind(kind)]
        populations = [ALL, f"interesse {route}"] if route else [ALL]
        for occupation_group in ([group, ALL] if uri else [ALL]):
            for population in populations:
                totals[(period, occupation_group, population, indicator)] += count
    rows = []
    for (period, group, population, indicator), value in sorted(totals.items()):
        suppressed = value < SUPPRESS_BELOW
        rows.append({
            "period": period, "region": REGION, "occupation_group": group,
            "population_group": population, "indicator": indicator,
            "value": "" if suppressed else str(value), "unit": "aantal", "source": SOURCE,
            "note": f"onderdrukt: minder dan {SUPPRESS_BELOW}" if suppressed else ""})
    return rows


def write_csv(path: Path) -> int:
    rows = export_rows()
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)
    return len(rows)
