"""Import and export of the training catalogue and the funding schemes (CSV and JSON).

All rows are checked before anything is written; one bad row rejects the whole file, with row,
field and reason (`RowsInvalid`). Records are matched on their `key`: a row equal to what is
stored is not written at all, so importing the same file twice changes nothing (not even
`updated_at`), and an export imported elsewhere exports to the same bytes. Records missing
from a file are left alone (an import adds and updates, it never deletes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from banenbrug.matching import regions
from banenbrug.people.models import Sector
from banenbrug.plans import plan_rows as P
from banenbrug.plans.models import (
    Award,
    CapBasis,
    Delivery,
    FundingScheme,
    ModuleForm,
    ModuleSkill,
    PaysFor,
    SchemeKind,
    TrainingModule,
)
from banenbrug.registry.exchange import ImportReport, _day, _iso
from banenbrug.tables.errors import RowsInvalid
from banenbrug.taxonomy.models import Skill

CHOICES = P.Choices(
    forms=tuple(ModuleForm.values), deliveries=tuple(Delivery.values),
    awards=tuple(Award.values), kinds=tuple(SchemeKind.values), pays_for=tuple(PaysFor.values),
    cap_bases=tuple(CapBasis.values), sectors=tuple(Sector.values))


def known(with_skills: bool = True) -> P.Known:
    try:
        provinces = frozenset(r.province_code for r in regions.regions())
    except regions.RegionDataMissing:
        # Without the region files every region code reads as unknown (is_region), which
        # shows up in the errors; province codes are then not checked.
        provinces = frozenset()
    return P.Known(
        skills=frozenset(Skill.objects.values_list("uri", flat=True)) if with_skills
        else frozenset(),
        choices=CHOICES, is_region=regions.is_region, provinces=provinces,
        schemes=frozenset(FundingScheme.objects.values_list("key", flat=True)))


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


# --- the catalogue ------------------------------------------------------------------------------

def module_rows() -> list[dict[str, Any]]:
    """Every module as the canonical row the checker produces (two flat queries)."""
    skills: dict[int, list[str]] = defaultdict(list)
    for module_id, uri in ModuleSkill.objects.values_list("module_id", "skill__uri"):
        skills[module_id].append(uri)
    rows = []
    for m in TrainingModule.objects.order_by("key"):
        rows.append({
            "key": m.key, "provider": m.provider, "title": m.title,
            "description": m.description, "skills": sorted(skills[m.id]), "hours": m.hours,
            "weeks": m.weeks, "cost_eur": _money(m.cost_eur), "form": m.form,
            "delivery": m.delivery, "region": m.region,
            "start_dates": sorted(set(m.start_dates or [])), "award": m.award,
            "learn_work_wage_eur": _money(m.learn_work_wage_eur), "source_url": m.source_url,
            "is_example": m.is_example})
    return rows


def _module_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {**{k: row[k] for k in ("provider", "title", "description", "hours", "weeks",
                                   "form", "delivery", "region", "start_dates", "award",
                                   "source_url", "is_example")},
            "cost_eur": Decimal(row["cost_eur"]),
            "learn_work_wage_eur": None if row["learn_work_wage_eur"] is None
            else Decimal(row["learn_work_wage_eur"])}


def _save_modules(rows: list[dict[str, Any]], current: dict[str, dict[str, Any]],
                  report: ImportReport) -> None:
    uris = {u for row in rows for u in row["skills"]}
    skill_ids = dict(Skill.objects.filter(uri__in=uris).values_list("uri", "id"))
    new = [row for row in rows if row["key"] not in current]
    if new:  # in bulk: a first import of hundreds of modules takes a few queries
        TrainingModule.objects.bulk_create(
            TrainingModule(key=row["key"], **_module_fields(row)) for row in new)
        ids = dict(TrainingModule.objects.filter(key__in=[r["key"] for r in new])
                   .values_list("key", "id"))
        ModuleSkill.objects.bulk_create(
            ModuleSkill(module_id=ids[row["key"]], skill_id=skill_ids[uri])
            for row in new for uri in row["skills"])
        report.created[P.MODULES] = len(new)
    for row in rows:
        before = current.get(row["key"])
        if before is None:
            continue
        if before == row:
            report.count("unchanged", P.MODULES)
            continue
        module = TrainingModule.objects.get(key=row["key"])
        for name, value in _module_fields(row).items():
            setattr(module, name, value)
        module.save()
        if before["skills"] != row["skills"]:
            wanted = {skill_ids[u] for u in row["skills"]}
            module.skill_links.exclude(skill_id__in=wanted).delete()
            have = set(module.skill_links.values_list("skill_id", flat=True))
            ModuleSkill.objects.bulk_create(ModuleSkill(module=module, skill_id=s)
                                            for s in sorted(wanted - have))
        report.count("updated", P.MODULES)


# --- the funding schemes ------------------------------------------------------------------------

def scheme_rows() -> list[dict[str, Any]]:
    return [{
        "key": s.key, "name": s.name, "provider": s.provider, "kind": s.kind,
        "pays_for": s.pays_for, "eligibility": s.eligibility, "percent": _money(s.percent),
        "max_eur": _money(s.max_eur), "cap_basis": s.cap_basis,
        "monthly_eur": _money(s.monthly_eur), "forms": sorted(set(s.forms or [])),
        "stackable": s.stackable, "excludes": sorted(set(s.excludes or [])),
        "valid_from": _iso(s.valid_from), "valid_until": _iso(s.valid_until),
        "apply_by": _iso(s.apply_by), "source_url": s.source_url, "notes": s.notes,
        "is_example": s.is_example,
    } for s in FundingScheme.objects.order_by("key")]


def _save_schemes(rows: list[dict[str, Any]], current: dict[str, dict[str, Any]],
                  report: ImportReport) -> None:
    for row in rows:
        if current.get(row["key"]) == row:
            report.count("unchanged", P.SCHEMES)
            continue
        values = {**{k: row[k] for k in ("name", "provider", "kind", "pays_for", "eligibility",
                                         "cap_basis", "forms", "stackable", "excludes",
                                         "source_url", "notes", "is_example")},
                  **{k: None if row[k] is None else Decimal(row[k])
                     for k in ("percent", "max_eur", "monthly_eur")},
                  **{k: _day(row[k]) for k in ("valid_from", "valid_until", "apply_by")}}
        _, created = FundingScheme.objects.update_or_create(key=row["key"], defaults=values)
        report.count("created" if created else "updated", P.SCHEMES)


# --- both ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dataset:
    """One importable table: its columns, its checker, and how to read and write it."""

    section: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    check: P.CheckRows
    current: Callable[[], list[dict[str, Any]]]
    save: Callable[[list[dict[str, Any]], dict[str, dict[str, Any]], ImportReport], None]
    needs_skills: bool


CATALOGUE = Dataset(P.MODULES, P.MODULE_COLUMNS, P.MODULE_REQUIRED, P.check_modules,
                    module_rows, _save_modules, needs_skills=True)
SCHEMES = Dataset(P.SCHEMES, P.SCHEME_COLUMNS, P.SCHEME_REQUIRED, P.check_schemes,
                  scheme_rows, _save_schemes, needs_skills=False)


def read_file(dataset: Dataset, path: Path, fmt: str | None = None) -> P.Rows:
    return P.read_file(path, dataset.columns, dataset.required, fmt)


def import_text(dataset: Dataset, text: str, name: str) -> ImportReport:
    """An uploaded file's text; the format comes from its name (.csv or .json)."""
    fmt = P.file_format(Path(name))
    return import_rows(dataset, P.read_text(text, fmt, dataset.columns, dataset.required, name),
                       name)


def import_file(dataset: Dataset, path: Path, fmt: str | None = None) -> ImportReport:
    return import_rows(dataset, read_file(dataset, path, fmt), path.name)


@transaction.atomic
def import_rows(dataset: Dataset, raw: P.Rows, source: str = "import") -> ImportReport:
    """Check every row, then write in one transaction; raises RowsInvalid, writing nothing."""
    clean, errors = dataset.check(raw.rows, known(dataset.needs_skills), raw.numbers)
    errors = raw.errors + errors
    if errors:
        raise RowsInvalid(source, errors)
    report = ImportReport()
    dataset.save(clean, {r["key"]: r for r in dataset.current()}, report)
    return report


def export_text(dataset: Dataset, fmt: str) -> str:
    return _render(dataset, dataset.current(), fmt)


def _render(dataset: Dataset, rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "csv":
        return P.write_csv(rows, dataset.columns)
    return P.write_json(rows, dataset.columns)


def export_file(dataset: Dataset, path: Path, fmt: str | None = None) -> int:
    """Write the canonical export; returns the number of rows."""
    rows = dataset.current()
    path.write_text(_render(dataset, rows, P.file_format(path, fmt)), encoding="utf-8")
    return len(rows)
