"""Build :class:`TaxonomyArrays` straight from the official ESCO CSV zips (no database).

Used by the benchmark and the tests; the database loader builds the same dataclass from the ORM.
Expected layout of ``data_dir`` (as in ``../shared/data``)::

    esco/ESCO dataset - v1.1.1 - classification - en - csv.zip   (occupations, skills, collections)
    esco/ESCO dataset - v1.1.1 - classification -  - csv.zip     (relations, language independent)
    esco/nl/greenShareOcc_nl.csv                                 (optional: green share)
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from banenbrug.transitions.engine import TaxonomyArrays

csv.field_size_limit(1 << 30)


@dataclass(frozen=True)
class EscoData:
    """The engine's input plus what the benchmark and tests need to name things."""

    arrays: TaxonomyArrays
    occupation_labels: list[str]
    occupation_codes: list[str]  # ESCO code, e.g. "7411.1"; matches the O*NET crosswalk
    skill_labels: list[str]


def _zips(data_dir: Path) -> tuple[Path, Path]:
    esco = data_dir / "esco"
    zips = sorted(esco.glob("ESCO dataset*classification*csv.zip"))
    lang = [z for z in zips if " - en - " in z.name]
    neutral = [z for z in zips if z not in lang]
    if not lang or not neutral:
        raise FileNotFoundError(f"ESCO en and language-independent CSV zips not found in {esco}")
    return lang[0], neutral[0]


def _rows(zf: zipfile.ZipFile, suffix: str) -> Iterator[dict[str, str]]:
    name = next(n for n in zf.namelist() if n.endswith(suffix))
    with zf.open(name) as fh:
        yield from csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8-sig"))


def load_esco(data_dir: str | Path) -> EscoData:
    data_dir = Path(data_dir)
    lang_zip, neutral_zip = _zips(data_dir)
    with zipfile.ZipFile(lang_zip) as zl, zipfile.ZipFile(neutral_zip) as zn:
        occ = list(_rows(zl, "occupations_en.csv"))
        skills = list(_rows(zl, "skills_en.csv"))
        green = {r["conceptUri"] for r in _rows(zl, "greenSkillsCollection_en.csv")}
        digital = {r["conceptUri"] for r in _rows(zl, "digitalSkillsCollection_en.csv")}
        occ_skill = list(_rows(zn, "occupationSkillRelations.csv"))
        broader = list(_rows(zn, "broaderRelationsSkillPillar.csv"))
        related = list(_rows(zn, "skillSkillRelations.csv"))

    occ_index = {r["conceptUri"]: i for i, r in enumerate(occ)}
    skill_index = {r["conceptUri"]: i for i, r in enumerate(skills)}
    essential: list[tuple[int, int]] = []
    optional: list[tuple[int, int]] = []
    for r in occ_skill:
        o, s = occ_index.get(r["occupationUri"]), skill_index.get(r["skillUri"])
        if o is None or s is None:
            continue
        (essential if r["relationType"] == "essential" else optional).append((o, s))

    # Skill groups get indices after the skills' own, so one (member, parent) pair list holds
    # both skill->skill and skill->group edges; the engine only needs "shares a parent".
    group_index: dict[str, int] = {}
    skill_broader: list[tuple[int, int]] = []
    skill_group: list[tuple[int, int]] = []
    for r in broader:
        s = skill_index.get(r["conceptUri"])
        if s is None:
            continue
        if r["broaderType"] == "KnowledgeSkillCompetence":
            b = skill_index.get(r["broaderUri"])
            if b is not None:
                skill_broader.append((s, b))
        else:
            g = group_index.setdefault(r["broaderUri"], len(group_index))
            skill_group.append((s, g))
    skill_related = [
        (skill_index[r["originalSkillUri"]], skill_index[r["relatedSkillUri"]])
        for r in related
        if r["originalSkillUri"] in skill_index and r["relatedSkillUri"] in skill_index
    ]

    share = np.full(len(occ), np.nan)
    share_file = data_dir / "esco" / "nl" / "greenShareOcc_nl.csv"
    if share_file.exists():
        with share_file.open(encoding="utf-8-sig") as fh:
            for r in csv.DictReader(fh):
                i = occ_index.get(r["conceptUri"])
                if i is not None and r["greenShare"]:
                    share[i] = float(r["greenShare"])

    skill_uris = [r["conceptUri"] for r in skills]
    arrays = TaxonomyArrays(
        occupation_uris=[r["conceptUri"] for r in occ],
        occupation_isco=[r["iscoGroup"] for r in occ],
        skill_uris=skill_uris,
        skill_is_knowledge=np.array([r["skillType"] == "knowledge" for r in skills]),
        essential=essential,
        optional=optional,
        skill_broader=skill_broader,
        skill_related=skill_related,
        skill_group=skill_group,
        green_skill=np.array([u in green for u in skill_uris]),
        digital_skill=np.array([u in digital for u in skill_uris]),
        green_share=share,
    )
    return EscoData(
        arrays=arrays,
        occupation_labels=[r["preferredLabel"] for r in occ],
        occupation_codes=[r["code"] for r in occ],
        skill_labels=[r["preferredLabel"] for r in skills],
    )


def load_occupation_texts(
    data_dir: str | Path, occupation_uris: list[str]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(occupation index, text) pairs for the text vectors, exactly as the database holds them
    (``taxonomy.semantic_service``): English descriptions; the labels that get vectors
    (``semantic_service.label_texts``: preferred labels nl + en, Dutch alternative labels,
    hidden labels nl + en). Read with the importer's own reader, so the texts (and so the cached
    vectors they key) are the same."""
    from banenbrug.taxonomy.esco_files import discover, read_bundle

    files = [f for f in discover([Path(data_dir) / "esco"]) if f.kind == "occupation"]
    labels = read_bundle(files).labels["occupation"]
    fields = (("nl", "preferred"), ("en", "preferred"), ("nl", "alt"), ("nl", "hidden"),
              ("en", "hidden"))
    descriptions: list[tuple[int, str]] = []
    texts: list[tuple[int, str]] = []
    for i, uri in enumerate(occupation_uris):
        english = labels.get("en", {}).get(uri)
        if english and english.description.strip():
            descriptions.append((i, english.description.strip()))
        for lang, kind in fields:
            found = labels.get(lang, {}).get(uri)
            if found is None:
                continue
            value = getattr(found, kind)
            for text in [value] if isinstance(value, str) else value:
                if text.strip():
                    texts.append((i, text.strip()))
    return descriptions, texts
