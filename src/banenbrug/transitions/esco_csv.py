"""Build :class:`TaxonomyArrays` straight from the official ESCO CSV zips (no database), with
the importer's reader (`taxonomy.esco_files`): there is one ESCO reader.

Used by the benchmarks and the tests; the database loader builds the same dataclass from the
ORM.
Expected layout of ``data_dir`` (as in ``../shared/data``)::

    esco/ESCO dataset - v1.1.1 - classification - en - csv.zip   (occupations, skills, collections)
    esco/ESCO dataset - v1.1.1 - classification -  - csv.zip     (relations, language independent)
    esco/nl/greenShareOcc_nl.csv                                 (optional: green share)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from banenbrug.taxonomy.esco_files import discover, read_bundle
from banenbrug.transitions.engine import TaxonomyArrays


@dataclass(frozen=True)
class EscoData:
    """The engine's input plus what the benchmark and tests need to name things."""

    arrays: TaxonomyArrays
    occupation_labels: list[str]
    occupation_codes: list[str]  # ESCO code, e.g. "7411.1"; matches the O*NET crosswalk
    skill_labels: list[str]


# what the engine needs of ESCO: English names, the relations, the two collections, green share
_NEEDED = {"occupation", "skill", "skill_group", "collection", "green_share",
           "occupation_skill", "skill_skill", "broader_skill"}


def load_esco(data_dir: str | Path) -> EscoData:
    """Read with the importer's own reader (`taxonomy.esco_files`), so the files are checked
    exactly as `import-esco` checks them, and the arrays are those the database gives."""
    folder = Path(data_dir) / "esco"
    files = [f for f in discover([folder]) if f.kind in _NEEDED
             and (f.lang in (None, "en") or f.kind == "green_share")  # its only file is _nl
             and f.collection in (None, "green", "digital")]
    bundle = read_bundle(files)
    occupations = bundle.concepts["occupation"]
    skills = bundle.concepts["skill"]
    if not occupations or not skills or bundle.occupation_skills is None:
        raise FileNotFoundError(f"ESCO occupations, skills and their relations not found in "
                                f"{folder}")
    occ_index = {uri: i for i, uri in enumerate(occupations)}
    skill_index = {uri: i for i, uri in enumerate(skills)}
    relations: dict[str, list[tuple[int, int]]] = {"essential": [], "optional": []}
    for (occ, skill), relation in bundle.occupation_skills.items():
        if occ in occ_index and skill in skill_index:
            relations[relation].append((occ_index[occ], skill_index[skill]))
    # Skill groups get their own index space: the engine only needs "shares a parent".
    group_index = {uri: g for g, uri in enumerate(bundle.concepts["skill_group"])}
    skill_broader, skill_group = [], []
    for narrower, wider in sorted(bundle.broader.get("skill", ())):
        if narrower in skill_index and wider in skill_index:
            skill_broader.append((skill_index[narrower], skill_index[wider]))
        elif narrower in skill_index and wider in group_index:
            skill_group.append((skill_index[narrower], group_index[wider]))
    skill_related = [(skill_index[a], skill_index[b]) for a, b in (bundle.skill_skills or {})
                     if a in skill_index and b in skill_index]
    skill_uris = list(skills)
    green = bundle.collections.get("green", set())
    digital = bundle.collections.get("digital", set())
    arrays = TaxonomyArrays(
        occupation_uris=list(occupations),
        occupation_isco=[row["isco_code"] for row in occupations.values()],
        skill_uris=skill_uris,
        skill_is_knowledge=np.array([row["skill_type"] == "knowledge"
                                     for row in skills.values()], dtype=bool),
        essential=relations["essential"],
        optional=relations["optional"],
        skill_broader=skill_broader,
        skill_related=skill_related,
        skill_group=skill_group,
        green_skill=np.array([u in green for u in skill_uris], dtype=bool),
        digital_skill=np.array([u in digital for u in skill_uris], dtype=bool),
        green_share=np.array([bundle.green_share.get(u, np.nan) for u in occupations]),
    )
    english = bundle.labels["occupation"]["en"]
    return EscoData(
        arrays=arrays,
        occupation_labels=[english[u].preferred for u in occupations],
        occupation_codes=[row["code"] for row in occupations.values()],
        skill_labels=[bundle.labels["skill"]["en"][u].preferred for u in skill_uris],
    )


def load_occupation_texts(
    data_dir: str | Path, occupation_uris: list[str]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(occupation index, text) pairs for the text vectors, exactly as the database holds them
    (``taxonomy.semantic_service``): English descriptions; the labels that get vectors
    (``semantic_service.label_texts``: preferred labels nl + en, Dutch alternative labels,
    hidden labels nl + en). Read with the importer's own reader, so the texts (and so the cached
    vectors they key) are the same."""
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
