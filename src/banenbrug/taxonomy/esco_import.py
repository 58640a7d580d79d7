"""Apply an ESCO bundle to the database: one transaction, only real changes written.

Idempotent by construction: the database state is read, the files are laid over it, and only the
difference is written. A second import of the same files writes nothing and says so.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.db import models, transaction

from banenbrug.taxonomy.esco_files import (
    BASE_LANGUAGE,
    LANGUAGES,
    EscoBundle,
    EscoInputError,
    Labels,
    discover,
    read_bundle,
)
from banenbrug.taxonomy.models import (
    Broader,
    CollectionMembership,
    ImportRun,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillRelation,
)

CONCEPT_MODELS: dict[str, type[models.Model]] = {
    "isco_group": IscoGroup,
    "skill_group": SkillGroup,
    "occupation": Occupation,
    "skill": Skill,
}
BATCH = 2000


class Progress(Protocol):
    def start(self, description: str, total: int) -> None: ...
    def advance(self, amount: int) -> None: ...


class _Silent:
    def start(self, description: str, total: int) -> None:
        pass

    def advance(self, amount: int) -> None:
        pass


@dataclass
class ImportReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: Counter[str] = field(default_factory=Counter)
    unknown: Counter[str] = field(default_factory=Counter)  # references to URIs we do not have
    repeated: Counter[str] = field(default_factory=Counter)  # file -> rows repeating a concept
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated or +self.deleted)

    def as_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "created": dict(self.created),
            "updated": dict(self.updated),
            "deleted": dict(self.deleted),
            "unknown": dict(self.unknown),
            "repeated": dict(self.repeated),
            "totals": self.totals,
            "files": self.files,
            "ignored": self.ignored,
            "seconds": round(self.seconds, 2),
        }


def import_esco(
    paths: Iterable[str | Path], *, strict: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import ESCO files (zips, folders or CSVs, any order). Raises EscoInputError on bad input."""
    began = time.perf_counter()
    progress = progress or _Silent()
    files = discover(paths)
    progress.start("Lezen / reading", sum(f.size for f in files))
    bundle = read_bundle(files, progress.advance)
    report = ImportReport(files=[f.source for f in files if f.kind not in ("ignored", "copy")],
                          ignored=bundle.ignored, repeated=bundle.repeated)
    steps = 4 + 4
    progress.start("Schrijven / writing", steps)
    with transaction.atomic():
        ids = {}
        for kind, model in CONCEPT_MODELS.items():
            ids[kind] = _apply_concepts(bundle, kind, model, report)
            progress.advance(1)
        _apply_occupation_skills(bundle, ids, strict, report)
        progress.advance(1)
        _apply_skill_skills(bundle, ids, strict, report)
        progress.advance(1)
        _apply_collections(bundle, ids["skill"], strict, report)
        progress.advance(1)
        _apply_broader(bundle, ids, report)
        progress.advance(1)
        counted: dict[str, type[models.Model]] = {
            **CONCEPT_MODELS, "occupation_skill": OccupationSkill,
            "skill_skill": SkillRelation, "collection": CollectionMembership,
            "broader": Broader}
        for name, model in counted.items():
            report.totals[name] = model._default_manager.count()
        report.seconds = time.perf_counter() - began
        if report.changed:
            ImportRun.objects.create(files=report.files, summary=report.as_dict())
    return report


def _labels_to_fields(labels: Labels, lang: str) -> dict[str, str]:
    return {
        f"label_{lang}": labels.preferred,
        f"alt_labels_{lang}": "\n".join(labels.alt),
        f"hidden_labels_{lang}": "\n".join(labels.hidden),
        f"description_{lang}": labels.description,
    }


def _apply_concepts(
    bundle: EscoBundle, kind: str, model: type[models.Model], report: ImportReport
) -> dict[str, int]:
    """Create and update one concept table; returns uri -> id for all its rows."""
    names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.name: f.get_default() for f in model._meta.concrete_fields}
    existing = {row["uri"]: row for row in model._default_manager.values("id", *names)}
    desired: dict[str, dict[str, Any]] = {uri: dict(row) for uri, row in existing.items()}
    for uri, base in bundle.concepts[kind].items():
        desired.setdefault(uri, {**defaults, "uri": uri})
        desired[uri].update(base)
    for lang, labels in bundle.labels[kind].items():
        if lang not in LANGUAGES:
            report.unknown[f"{kind} labels in unsupported language {lang}"] += len(labels)
            continue
        for uri, concept_labels in labels.items():
            if uri in desired:
                desired[uri].update(_labels_to_fields(concept_labels, lang))
                if kind == "skill" and lang != BASE_LANGUAGE:
                    desired[uri][f"labels_{lang}_source"] = Skill.LabelSource.SKILLS_FILE
            else:
                report.unknown[f"{kind} labels ({lang}) for URIs not in the base files"] += 1
    if kind == "skill":
        _apply_collection_labels(bundle, desired, report)
    if "green_share" in names:
        for uri, share in bundle.green_share.items():
            if uri in desired:
                desired[uri]["green_share"] = share
    if bundle.green_share and kind == "occupation":
        report.unknown["green shares for unknown URIs"] = sum(
            1 for uri in bundle.green_share
            if uri not in desired and not uri.startswith("http://data.europa.eu/esco/isco/")
        )
    if bundle.concepts[kind]:
        missing = [uri for uri in existing if uri not in bundle.concepts[kind]]
        if missing:
            report.unknown[f"{kind}s in the database, not in the base files (kept)"] = len(missing)

    to_create = [model(**{n: row[n] for n in names}) for uri, row in desired.items()
                 if uri not in existing]
    to_update, changed_fields = [], set()
    for uri, old in existing.items():
        new = desired[uri]
        diff = [n for n in names if new[n] != old[n]]
        if diff:
            changed_fields.update(diff)
            to_update.append(model(id=old["id"], **{n: new[n] for n in names}))
    model._default_manager.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        model._default_manager.bulk_update(to_update, sorted(changed_fields), batch_size=500)
    report.created[kind] += len(to_create)
    report.updated[kind] += len(to_update)
    return dict(model._default_manager.values_list("uri", "id"))


def _apply_collection_labels(
    bundle: EscoBundle, desired: dict[str, dict[str, Any]], report: ImportReport
) -> None:
    """Skill labels from the collection files, for languages other than the base.

    One source per skill and language: the skills file of that language (`skills_nl.csv`, all
    skills, with hidden labels) wins over the collection files (a few thousand skills, no hidden
    labels), in this import and in every later one: a skill whose labels came from a skills file
    keeps them when only collection files are imported afterwards (`labels_nl_source`).
    """
    for lang, labels in sorted(bundle.collection_labels.items()):
        if lang == BASE_LANGUAGE:
            continue  # the base skills file always holds every skill
        if lang not in LANGUAGES:
            report.unknown[f"skill labels in unsupported language {lang}"] += len(labels)
            continue
        source = f"labels_{lang}_source"
        from_skills_file = bundle.labels["skill"].get(lang, {})
        for uri, concept_labels in labels.items():
            if uri in from_skills_file:
                continue
            if uri not in desired:
                report.unknown[f"skill labels ({lang}) for URIs not in the base files"] += 1
            elif desired[uri][source] != Skill.LabelSource.SKILLS_FILE:
                desired[uri].update(_labels_to_fields(concept_labels, lang))
                desired[uri][source] = Skill.LabelSource.COLLECTION


def _resolve_pairs(
    relations: dict[tuple[str, str], str],
    left: dict[str, int],
    right: dict[str, int],
    name: str,
    bundle: EscoBundle,
    strict: bool,
    report: ImportReport,
    file_name: str,
) -> dict[tuple[int, int], str]:
    resolved: dict[tuple[int, int], str] = {}
    for (a, b), relation in relations.items():
        if a in left and b in right:
            resolved[(left[a], right[b])] = relation
            continue
        if strict:
            source, row = bundle.row_of.get((file_name, a, b), (file_name, None))
            column, uri = ("first", a) if a not in left else ("second", b)
            raise EscoInputError(f"refers to unknown URI {uri} ({column} column)",
                                 file=source, row=row)
        report.unknown[f"{name} with an unknown URI (skipped)"] += 1
    return resolved


def _sync_pairs(
    model: type[models.Model],
    fields: tuple[str, str],
    desired: dict[tuple[int, int], str],
    name: str,
    report: ImportReport,
    value_field: str = "relation",
) -> None:
    """Make the table hold exactly `desired`: (left id, right id) -> value."""
    left, right = (f"{f}_id" for f in fields)
    existing = {(a, b): (pk, value) for pk, a, b, value in
                model._default_manager.values_list("id", left, right, value_field)}
    stale = [pk for pair, (pk, _) in existing.items() if pair not in desired]
    changed = [model(id=existing[pair][0], **{value_field: value})
               for pair, value in desired.items()
               if pair in existing and existing[pair][1] != value]
    new = [model(**{left: a, right: b, value_field: value})
           for (a, b), value in desired.items() if (a, b) not in existing]
    for start in range(0, len(stale), 900):  # stay under SQLite's variable limit
        model._default_manager.filter(id__in=stale[start:start + 900]).delete()
    model._default_manager.bulk_update(changed, [value_field], batch_size=500)
    model._default_manager.bulk_create(new, batch_size=BATCH)
    report.created[name] += len(new)
    report.updated[name] += len(changed)
    report.deleted[name] += len(stale)


def _apply_occupation_skills(bundle: EscoBundle, ids: dict[str, dict[str, int]], strict: bool,
                             report: ImportReport) -> None:
    if bundle.occupation_skills is None:
        return
    desired = _resolve_pairs(bundle.occupation_skills, ids["occupation"], ids["skill"],
                             "occupation_skill", bundle, strict, report,
                             "occupationSkillRelations.csv")
    _sync_pairs(OccupationSkill, ("occupation", "skill"), desired, "occupation_skill", report)


def _apply_skill_skills(bundle: EscoBundle, ids: dict[str, dict[str, int]], strict: bool,
                        report: ImportReport) -> None:
    if bundle.skill_skills is None:
        return
    desired = _resolve_pairs(bundle.skill_skills, ids["skill"], ids["skill"], "skill_skill",
                             bundle, strict, report, "skillSkillRelations.csv")
    _sync_pairs(SkillRelation, ("skill", "related"), desired, "skill_skill", report)


def _apply_collections(bundle: EscoBundle, skill_ids: dict[str, int], strict: bool,
                       report: ImportReport) -> None:
    for collection, members in sorted(bundle.collections.items()):
        known = {skill_ids[uri] for uri in members if uri in skill_ids}
        unknown = len(members) - len(known)
        if unknown and strict:
            uri = next(uri for uri in members if uri not in skill_ids)
            raise EscoInputError(f"collection '{collection}' refers to unknown skill URI {uri}")
        if unknown:
            report.unknown[f"{collection} collection members not among the skills"] += unknown
        existing = dict(CollectionMembership.objects.filter(collection=collection)
                        .values_list("skill_id", "id"))
        stale = [pk for skill_id, pk in existing.items() if skill_id not in known]
        CollectionMembership.objects.filter(id__in=stale).delete()
        CollectionMembership.objects.bulk_create(
            [CollectionMembership(skill_id=s, collection=collection)
             for s in sorted(known - existing.keys())], batch_size=BATCH)
        report.created["collection"] += len(known - existing.keys())
        report.deleted["collection"] += len(stale)


def _apply_broader(bundle: EscoBundle, ids: dict[str, dict[str, int]],
                   report: ImportReport) -> None:
    known_by_pillar = {
        "skill": ids["skill"].keys() | ids["skill_group"].keys(),
        "occupation": ids["occupation"].keys() | ids["isco_group"].keys(),
    }
    for pillar, edges in sorted(bundle.broader.items()):
        known = known_by_pillar[pillar]
        wanted = {e for e in edges if e[0] in known and e[1] in known}
        if len(wanted) < len(edges):
            report.unknown[f"{pillar} hierarchy edges with an unknown URI (skipped)"] += (
                len(edges) - len(wanted))
        existing = {(a, b): pk for pk, a, b in Broader.objects.filter(pillar=pillar)
                    .values_list("id", "narrower_uri", "broader_uri")}
        stale = [pk for edge, pk in existing.items() if edge not in wanted]
        for start in range(0, len(stale), 900):
            Broader.objects.filter(id__in=stale[start:start + 900]).delete()
        Broader.objects.bulk_create(
            [Broader(pillar=pillar, narrower_uri=a, broader_uri=b)
             for a, b in sorted(wanted - existing.keys())], batch_size=BATCH)
        report.created["broader"] += len(wanted - existing.keys())
        report.deleted["broader"] += len(stale)
