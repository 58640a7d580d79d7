"""The outcome loop, writing part: the sources' facts into the OutcomeRecords of each registry
initiative's evaluation, and the counts that pages, API and CLI show.

One transaction for the whole run: a row that cannot be written leaves every initiative as it
was. Idempotent: a record is found again by its source and key, so a rerun adds nothing; a
person no longer in the facts (consent withdrawn, placement undone) loses their records.
Intake facts are kept as first written (they describe the start); later runs only fill in
the outcomes. Uploaded records (without a source) are never touched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q

from banenbrug.evaluation.estimators import MIN_CELL, Options
from banenbrug.evaluation.import_service import free_slug, refresh_report
from banenbrug.evaluation.models import Initiative, OutcomeRecord
from banenbrug.evaluation.outcome_loop import OUTCOME_FIELDS, build_rows, facts_for
from banenbrug.evaluation.outcome_sources import consenting_people, placements
from banenbrug.evaluation.power import TARGET_EFFECT, records_needed
from banenbrug.evaluation.power_counts import initiative_power, power_text
from banenbrug.jobs.kinds import Progress
from banenbrug.registry.models import Initiative as RegistryInitiative


@dataclass(frozen=True)
class RunSummary:
    initiatives: int
    created: int
    updated: int
    removed: int
    left_out: int


def run_outcome_loop(progress: Progress | None = None,
                     options: Options | None = None) -> RunSummary:
    report = progress or (lambda fraction, message="": None)
    report(0.0, "Bronnen lezen / reading sources")
    rows = build_rows(facts_for(placements(), consenting_people()), settings.SECRET_KEY)
    totals: Counter[str] = Counter()
    with transaction.atomic():
        targets = _evaluations(set(rows.rows))
        for i, (registry_id, initiative) in enumerate(sorted(targets.items())):
            report(0.1 + 0.9 * i / max(len(targets), 1),
                   f"{initiative.name}: records / uitkomsten schrijven")
            done = _write(initiative, rows.rows.get(registry_id, {}))
            totals.update(done)
            loop = {"left_out": dict(rows.left_out.get(registry_id, Counter()))}
            if initiative.loop != loop:
                initiative.loop = loop
                initiative.save(update_fields=["loop", "updated_at"])
            if sum(done.values()) or initiative.report is None:  # else the report stands
                refresh_report(initiative, options)
    report(1.0, "Klaar / done")
    return RunSummary(initiatives=len(targets), created=totals["created"],
                      updated=totals["updated"], removed=totals["removed"],
                      left_out=sum(sum(c.values()) for c in rows.left_out.values()))


def _evaluations(registry_ids: set[int]) -> dict[int, Initiative]:
    """The evaluation of every registry initiative with facts (created when missing), and of
    every one that has loop records from an earlier run (they may have to go)."""
    found = {i.registry_initiative_id: i for i in Initiative.objects.filter(
        Q(registry_initiative_id__in=registry_ids)
        | Q(records__source__gt="")).distinct() if i.registry_initiative_id is not None}
    for registry in RegistryInitiative.objects.filter(pk__in=registry_ids - set(found)):
        name = registry.name
        if Initiative.objects.filter(name=name).exists():  # an unlinked upload of that name
            name = f"{name} ({registry.key})"
        found[registry.pk] = Initiative.objects.create(
            name=name, slug=free_slug(name), description=registry.description,
            cost_total=registry.funding_amount, is_example=registry.is_example,
            registry_initiative=registry)
    return found


def _write(initiative: Initiative, desired: dict[str, dict[str, Any]]) -> Counter[str]:
    done: Counter[str] = Counter()
    stored = {r.source_key: r for r in initiative.records.exclude(source="")}
    gone = [r.pk for key, r in stored.items() if key not in desired]
    if gone:
        done["removed"] = OutcomeRecord.objects.filter(pk__in=gone).delete()[0]
    changed = []
    for key, row in desired.items():
        record = stored.get(key)
        if record is not None and any(getattr(record, f) != row[f] for f in OUTCOME_FIELDS):
            for name in OUTCOME_FIELDS:
                setattr(record, name, row[name])
            changed.append(record)
    OutcomeRecord.objects.bulk_update(changed, OUTCOME_FIELDS)
    done["updated"] = len(changed)
    new = [(key, row) for key, row in desired.items() if key not in stored]
    first = (initiative.records.aggregate(last=Max("row"))["last"] or 0) + 1
    OutcomeRecord.objects.bulk_create(
        [OutcomeRecord(initiative=initiative, row=first + n, source_key=key, **row)
         for n, (key, row) in enumerate(new)], batch_size=2000)
    done["created"] = len(new)
    return done


def shown(n: int) -> int | None:
    """A count as pages and the API show it: none from 1 to MIN_CELL - 1 ("fewer than 10")."""
    return n if n == 0 or n >= MIN_CELL else None


def loop_counts(initiative: Initiative) -> dict[str, Any]:
    """What anyone who may see the initiative's figures reads of its outcome records: counts
    (suppressed under MIN_CELL), the power now, and the records an effect of 5 points needs."""
    counts = initiative.records.aggregate(
        participants=Count("id", filter=Q(participant=True)),
        comparison=Count("id", filter=Q(participant=False)),
        participants_12m=Count("id", filter=Q(participant=True, employed_12m__isnull=False)),
        comparison_12m=Count("id", filter=Q(participant=False, employed_12m__isnull=False)),
        from_loop=Count("id", filter=~Q(source="")))
    left_out = (initiative.loop or {}).get("left_out", {})
    power = initiative_power(initiative)
    # the ratio of the groups and the base rate only once they are shown themselves
    needed = records_needed(TARGET_EFFECT, power.base_rate if power else None,
                            power.n_control / power.n_treated if power else 1.0)
    return {
        "slug": initiative.slug, "name": initiative.name, "is_example": initiative.is_example,
        "registry_key": initiative.registry_initiative.key
        if initiative.registry_initiative else None,
        **{name: shown(n) for name, n in counts.items()},
        "left_out": {reason: shown(n) for reason, n in sorted(left_out.items())},
        "left_out_total": shown(sum(left_out.values())),
        "power": power.as_dict() if power else None,
        "power_text": power_text(power),
        "needed": needed.__dict__,
    }


def all_loop_counts() -> list[dict[str, Any]]:
    """`loop_counts` of every evaluation (all are registry initiatives' evaluations)."""
    return [loop_counts(i) for i in Initiative.objects.filter(
        registry_initiative__isnull=False).select_related("registry_initiative")]
