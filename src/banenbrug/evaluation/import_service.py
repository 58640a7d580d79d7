"""Import an outcome file into the database, then compute each initiative's report.

Transactional and idempotent: the uploaded records of every initiative named in the file are
replaced as a whole (same file twice, same state), and a problem anywhere leaves the database
untouched. Records the outcome loop wrote (with a `source`) stay: they are the loop's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from banenbrug.evaluation.estimators import Options
from banenbrug.evaluation.models import Initiative, OutcomeRecord
from banenbrug.evaluation.outcome_format import parse_outcome_file
from banenbrug.evaluation.report_engine import build_report, fingerprint

# page addresses next to the reports
RESERVED_SLUGS = {"uploaden", "uitkomstenlus", "vervolgvragen"}
RECORD_FIELDS = [f.name for f in OutcomeRecord._meta.get_fields()
                 if f.concrete and f.name not in ("id", "initiative", "source", "source_key")]


@dataclass(frozen=True)
class ImportSummary:
    initiatives: list[str]
    created: list[str]
    records: int


def import_outcomes(source: str | bytes, name: str, *, example: bool = False,
                    options: Options | None = None) -> ImportSummary:
    options = options or Options()
    parsed = parse_outcome_file(source, name)
    created = []
    with transaction.atomic():
        for initiative_name, rows in parsed.records.items():
            initiative = Initiative.objects.filter(name=initiative_name).first()
            if initiative is None:
                initiative = Initiative(name=initiative_name, slug=free_slug(initiative_name))
                created.append(initiative_name)
            cost = (Decimal(str(parsed.costs[initiative_name]))
                    if initiative_name in parsed.costs else initiative.cost_total)
            if initiative.pk and (initiative.cost_total, initiative.is_example) == (
                    cost, example) and _stored(initiative) == _canonical(rows):
                continue  # the same data again: nothing written (idempotent)
            initiative.cost_total = cost
            initiative.is_example = example
            initiative.save()
            initiative.records.filter(source="").delete()
            OutcomeRecord.objects.bulk_create(
                [OutcomeRecord(initiative=initiative, **row) for row in rows], batch_size=2000)
            refresh_report(initiative, options)
    return ImportSummary(initiatives=list(parsed.records), created=created,
                         records=parsed.n_records)


def _canonical(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    # as the database gives them back: the model's field order, row order
    return sorted(tuple(row.get(f) for f in RECORD_FIELDS) for row in rows)


def _stored(initiative: Initiative) -> list[tuple[Any, ...]]:
    return sorted(initiative.records.filter(source="").values_list(*RECORD_FIELDS))


def refresh_report(initiative: Initiative, options: Options | None = None) -> None:
    """Recompute the report unless its records and options are unchanged (fast re-imports)."""
    options = options or Options()
    records = list(initiative.records.order_by("row").values(*RECORD_FIELDS))
    if (initiative.report or {}).get("fingerprint") == fingerprint(records, options):
        return
    initiative.report = build_report(records, options)
    initiative.save(update_fields=["report", "updated_at"])


def free_slug(name: str) -> str:
    base = slugify(name)[:200] or "initiatief"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Initiative.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
