"""Import and export of the registry (CSV: initiatives; JSON: every section).

All rows are checked before anything is written; one bad row rejects the whole file, with row
and reason (`rows.RowsInvalid`). Records are matched on their `key`, so importing the same file
twice changes nothing, and an export imported elsewhere exports to the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from banenbrug.atlas import NATIONAL
from banenbrug.registry import rows as R
from banenbrug.registry.models import (
    EnergyTarget,
    Initiative,
    Outcome,
    Pledge,
    Region,
    Table,
    TableMember,
)
from banenbrug.tables.errors import RowsInvalid
from banenbrug.taxonomy.models import IscoGroup, Occupation


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, section: str) -> None:
        counts = getattr(self, bucket)
        counts[section] = counts.get(section, 0) + 1

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


def known(extra_initiatives: set[str] | None = None, extra_tables: set[str] | None = None
          ) -> R.Known:
    return R.Known(
        regions=frozenset(Region.objects.values_list("code", flat=True)),
        occupations=frozenset(Occupation.objects.values_list("uri", flat=True)),
        isco_codes=frozenset(IscoGroup.objects.values_list("code", flat=True)),
        initiatives=frozenset(Initiative.objects.values_list("key", flat=True))
        | frozenset(extra_initiatives or ()),
        tables=frozenset(Table.objects.values_list("key", flat=True))
        | frozenset(extra_tables or ()))


def check(payload: R.Payload, source: str) -> dict[str, list[dict[str, Any]]]:
    """Every section checked; raises RowsInvalid listing every problem."""
    base = known()
    initiatives, errors = R.check_initiatives(payload.initiatives, base, payload.numbers)
    errors = payload.errors + errors
    tables, table_errors = R.check_tables(payload.tables, base)
    refs = known({r["key"] for r in initiatives}, {t["key"] for t in tables})
    pledges, pledge_errors = R.check_pledges(payload.pledges, refs)
    targets, target_errors = R.check_energy_targets(payload.energy_targets, base)
    errors += table_errors + pledge_errors + target_errors
    if errors:
        raise RowsInvalid(source, errors)
    return {"initiatives": initiatives, "tables": tables, "pledges": pledges,
            "energy_targets": targets}


def import_file(path: Path) -> ImportReport:
    return import_payload(R.read_file(path), path.name)


@transaction.atomic
def import_payload(payload: R.Payload, source: str = "import") -> ImportReport:
    clean = check(payload, source)
    report = ImportReport()
    regions = {r.code: r for r in Region.objects.exclude(kind=Region.Kind.MUNICIPALITY)} | {
        r.code: r for r in Region.objects.filter(
            code__in={c for s in ("initiatives", "tables") for row in clean[s]
                      for c in row["regions"]})}
    uris = {u for s in ("initiatives", "tables") for row in clean[s] for u in row["occupations"]}
    uris |= {p["occupation"] for p in clean["pledges"] if p["occupation"]}
    occupations = {o.uri: o for o in Occupation.objects.filter(uri__in=uris)}
    current_initiatives = {i["key"]: i for i in initiative_rows()}
    current_tables = {t["key"]: t for t in table_rows()}
    new = [row for row in clean["initiatives"] if row["key"] not in current_initiatives]
    _create_initiatives(new, regions, occupations, report)
    for row in clean["initiatives"]:
        if row["key"] in current_initiatives:
            _save_initiative(row, current_initiatives[row["key"]], regions, occupations, report)
    for row in clean["tables"]:
        _save_table(row, current_tables.get(row["key"]), regions, occupations, report)
    current_pledges = {p["key"]: p for p in pledge_rows()}
    for row in clean["pledges"]:
        _save_pledge(row, current_pledges.get(row["key"]), occupations, report)
    for row in clean["energy_targets"]:
        target, created = EnergyTarget.objects.get_or_create(
            region=regions[row["region"]], description=row["description"],
            defaults={"source": row["source"], "is_example": row["is_example"]})
        changed = (target.source, target.is_example) != (row["source"], row["is_example"])
        if changed:
            target.source, target.is_example = row["source"], row["is_example"]
            target.save()
        report.count("created" if created else "updated" if changed else "unchanged",
                     "energy_targets")
    return report


def _placed_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {"name": row["name"], "description": row["description"],
            "national": row["regions"] == [NATIONAL], "target_groups": row["target_groups"],
            "contact": row["contact"], "website": row["website"], "source": row["source"],
            "is_example": row["is_example"]}


def _set_places(obj: Initiative | Table, row: dict[str, Any], regions: dict[str, Region],
                occupations: dict[str, Occupation]) -> None:
    obj.regions.set([regions[c] for c in row["regions"] if c != NATIONAL])
    obj.occupations.set([occupations[u] for u in row["occupations"]])


def _initiative_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {**_placed_fields(row), "organisation": row["organisation"], "kind": row["kind"],
            "isco_groups": row["isco_groups"], "status": row["status"],
            "funding_amount": Decimal(row["funding_amount"]) if row["funding_amount"] else None,
            "funding_source": row["funding_source"],
            "funding_start": _day(row["funding_start"]), "funding_end": _day(row["funding_end"]),
            "funding_type": row["funding_type"]}


def _create_initiatives(rows: list[dict[str, Any]], regions: dict[str, Region],
                        occupations: dict[str, Occupation], report: ImportReport) -> None:
    """New initiatives in bulk: a first import of thousands of rows takes a few queries."""
    if not rows:
        return
    Initiative.objects.bulk_create(Initiative(key=row["key"], **_initiative_fields(row))
                                   for row in rows)
    ids = dict(Initiative.objects.filter(key__in=[r["key"] for r in rows])
               .values_list("key", "id"))
    Initiative.regions.through.objects.bulk_create(
        Initiative.regions.through(initiative_id=ids[row["key"]], region_id=regions[code].id)
        for row in rows for code in row["regions"] if code != NATIONAL)
    Initiative.occupations.through.objects.bulk_create(
        Initiative.occupations.through(initiative_id=ids[row["key"]],
                                       occupation_id=occupations[uri].id)
        for row in rows for uri in row["occupations"])
    Outcome.objects.bulk_create(Outcome(initiative_id=ids[row["key"]], **o)
                                for row in rows for o in row["outcomes"])
    report.created["initiatives"] = report.created.get("initiatives", 0) + len(rows)


def _save_initiative(row: dict[str, Any], current: dict[str, Any] | None,
                     regions: dict[str, Region], occupations: dict[str, Occupation],
                     report: ImportReport) -> None:
    if current == row:
        report.count("unchanged", "initiatives")
        return
    initiative, created = Initiative.objects.update_or_create(
        key=row["key"], defaults=_initiative_fields(row))
    _set_places(initiative, row, regions, occupations)
    initiative.outcomes.all().delete()
    Outcome.objects.bulk_create(Outcome(initiative=initiative, **o) for o in row["outcomes"])
    report.count("created" if created else "updated", "initiatives")


def _save_table(row: dict[str, Any], current: dict[str, Any] | None, regions: dict[str, Region],
                occupations: dict[str, Occupation], report: ImportReport) -> None:
    if current == row:
        report.count("unchanged", "tables")
        return
    values = {**_placed_fields(row), "organiser": row["organiser"], "themes": row["themes"],
              "rhythm": row["rhythm"]}
    table, created = Table.objects.update_or_create(key=row["key"], defaults=values)
    _set_places(table, row, regions, occupations)
    table.members.all().delete()
    TableMember.objects.bulk_create(TableMember(table=table, **m) for m in row["members"])
    report.count("created" if created else "updated", "tables")


def _save_pledge(row: dict[str, Any], current: dict[str, Any] | None,
                 occupations: dict[str, Occupation], report: ImportReport) -> None:
    if current == row:
        report.count("unchanged", "pledges")
        return
    _, created = Pledge.objects.update_or_create(key=row["key"], defaults={
        "employer": row["employer"],
        "initiative": Initiative.objects.get(key=row["initiative"]),
        "table": Table.objects.get(key=row["table"]) if row["table"] else None,
        "occupation": occupations.get(row["occupation"]),
        "jobs_pledged": row["jobs_pledged"], "jobs_delivered": row["jobs_delivered"],
        "pledged_on": _day(row["pledged_on"]), "deadline": _day(row["deadline"]),
        "is_example": row["is_example"]})
    report.count("created" if created else "updated", "pledges")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- export: the same canonical rows the checker produces ----------------------------------

def _places(obj: Initiative | Table) -> dict[str, Any]:
    return {"regions": [NATIONAL] if obj.national else sorted(r.code for r in obj.regions.all()),
            "occupations": sorted(o.uri for o in obj.occupations.all())}


def initiative_rows() -> list[dict[str, Any]]:
    """Every initiative as a canonical row (flat queries: export of thousands stays quick)."""
    regions: dict[int, list[str]] = defaultdict(list)
    for owner, code in Initiative.regions.through.objects.values_list("initiative_id",
                                                                      "region__code"):
        regions[owner].append(code)
    uris: dict[int, list[str]] = defaultdict(list)
    for owner, uri in Initiative.occupations.through.objects.values_list("initiative_id",
                                                                         "occupation__uri"):
        uris[owner].append(uri)
    outcomes: dict[int, list[dict[str, str]]] = defaultdict(list)
    for owner, label, url in Outcome.objects.order_by("id").values_list("initiative_id",
                                                                         "label", "url"):
        outcomes[owner].append({"label": label, "url": url})
    fields = ("id", "key", "name", "organisation", "kind", "description", "target_groups",
              "national", "isco_groups", "status", "funding_amount", "funding_source",
              "funding_start", "funding_end", "funding_type", "contact", "website", "source",
              "is_example")
    rows = []
    for values in Initiative.objects.order_by("key").values_list(*fields):
        i = dict(zip(fields, values, strict=True))
        amount = i["funding_amount"]
        rows.append({
            **{k: i[k] for k in ("key", "name", "organisation", "kind", "description")},
            "target_groups": list(i["target_groups"]),
            "regions": [NATIONAL] if i["national"] else sorted(regions[i["id"]]),
            "occupations": sorted(uris[i["id"]]), "isco_groups": list(i["isco_groups"]),
            "status": i["status"],
            "funding_amount": None if amount is None else
            str(Decimal(amount).quantize(Decimal("0.01"))),
            "funding_source": i["funding_source"], "funding_start": _iso(i["funding_start"]),
            "funding_end": _iso(i["funding_end"]), "funding_type": i["funding_type"],
            "contact": i["contact"], "website": i["website"], "source": i["source"],
            "outcomes": outcomes[i["id"]], "is_example": i["is_example"]})
    return [{k: row[k] for k in R.INITIATIVE_COLUMNS} for row in rows]


def table_rows() -> list[dict[str, Any]]:
    return [{
        "key": t.key, "name": t.name, "organiser": t.organiser, "description": t.description,
        "regions": _places(t)["regions"], "themes": list(t.themes), "rhythm": t.rhythm,
        "target_groups": list(t.target_groups), "occupations": _places(t)["occupations"],
        "members": [{"organisation": m.organisation, "role": m.role} for m in t.members.all()],
        "contact": t.contact, "website": t.website, "source": t.source,
        "is_example": t.is_example,
    } for t in Table.objects.prefetch_related("regions", "occupations", "members"
                                              ).order_by("key")]


def pledge_rows() -> list[dict[str, Any]]:
    return [{
        "key": p.key, "employer": p.employer, "initiative": p.initiative.key,
        "table": p.table.key if p.table else "",
        "occupation": p.occupation.uri if p.occupation else "",
        "jobs_pledged": p.jobs_pledged, "jobs_delivered": p.jobs_delivered,
        "pledged_on": _iso(p.pledged_on), "deadline": _iso(p.deadline),
        "is_example": p.is_example,
    } for p in Pledge.objects.select_related("initiative", "table", "occupation").order_by("key")]


def energy_target_rows() -> list[dict[str, Any]]:
    return [{"region": t.region.code, "description": t.description, "source": t.source,
             "is_example": t.is_example}
            for t in EnergyTarget.objects.select_related("region").order_by("region__code",
                                                                            "description")]


def export_text(fmt: str) -> str:
    if fmt == "csv":
        return R.write_csv(initiative_rows())
    data = {"format": "banenbrug-registry/1", "initiatives": initiative_rows(),
            "tables": table_rows(), "pledges": pledge_rows(),
            "energy_targets": energy_target_rows()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_file(path: Path) -> dict[str, int]:
    fmt = "csv" if path.suffix.lower() == ".csv" else "json"
    text = export_text(fmt)
    path.write_text(text, encoding="utf-8")
    return {"initiatives": Initiative.objects.count(),
            **({} if fmt == "csv" else {"tables": Table.objects.count(),
                                        "pledges": Pledge.objects.count(),
                                        "energy_targets": EnergyTarget.objects.count()})}
