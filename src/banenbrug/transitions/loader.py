"""Build the engine's input arrays from the database (the CSV loader does the same from files),
and the occupations' text vectors from the vector cache."""

from __future__ import annotations

import hashlib

import numpy as np

from banenbrug.taxonomy.models import (
    Broader,
    CollectionMembership,
    Occupation,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillRelation,
)
from banenbrug.transitions.engine import MeaningVectors, TaxonomyArrays


def load_arrays() -> TaxonomyArrays:
    occupations = list(Occupation.objects.order_by("id").values_list(
        "id", "uri", "isco_code", "green_share"))
    skills = list(Skill.objects.order_by("id").values_list("id", "uri", "skill_type"))
    occ_index = {pk: i for i, (pk, *_rest) in enumerate(occupations)}
    skill_index = {pk: i for i, (pk, *_rest) in enumerate(skills)}
    by_uri = {uri: i for i, (_pk, uri, _t) in enumerate(skills)}
    relations: dict[str, list[tuple[int, int]]] = {"essential": [], "optional": []}
    for occ, skill, relation in OccupationSkill.objects.values_list(
            "occupation_id", "skill_id", "relation").iterator(chunk_size=20000):
        relations[relation].append((occ_index[occ], skill_index[skill]))
    group_uris = {uri: g for g, uri in enumerate(SkillGroup.objects.values_list("uri", flat=True))}
    broader, groups = [], []
    for narrower, wider in Broader.objects.filter(pillar="skill").values_list(
            "narrower_uri", "broader_uri").iterator(chunk_size=20000):
        if narrower in by_uri and wider in by_uri:
            broader.append((by_uri[narrower], by_uri[wider]))
        elif narrower in by_uri and wider in group_uris:
            groups.append((by_uri[narrower], group_uris[wider]))
    related = [(skill_index[a], skill_index[b])
               for a, b in SkillRelation.objects.values_list("skill_id", "related_id")]
    collections = {"green": np.zeros(len(skills), bool), "digital": np.zeros(len(skills), bool)}
    for skill, collection in CollectionMembership.objects.filter(
            collection__in=collections).values_list("skill_id", "collection"):
        collections[collection][skill_index[skill]] = True
    return TaxonomyArrays(
        occupation_uris=[uri for _pk, uri, _isco, _g in occupations],
        occupation_isco=[isco for _pk, _uri, isco, _g in occupations],
        skill_uris=[uri for _pk, uri, _t in skills],
        skill_is_knowledge=np.array([t == "knowledge" for *_x, t in skills], dtype=bool),
        essential=relations["essential"],
        optional=relations["optional"],
        skill_broader=broader,
        skill_related=related,
        green_skill=collections["green"],
        digital_skill=collections["digital"],
        green_share=np.array([np.nan if g is None else g for *_x, g in occupations]),
        skill_group=groups,
    )


def meaning_key() -> str:
    """Names the text vectors the engine would be built with: "lexical" without a text model,
    else the model's name and a digest of its vector-cache shards, so that an engine cached
    before the vectors existed (or while they were being computed) is not reused after."""
    from banenbrug.understanding.model import get_model
    from banenbrug.understanding.vectors import cache_folder

    model = get_model()
    if model is None:
        return "lexical"
    shards = sorted(p.name for p in cache_folder(model).glob("shard-*.npz"))
    digest = hashlib.sha1("\n".join(shards).encode()).hexdigest()[:12]
    return f"{model.name}-{digest}"


def load_meaning() -> MeaningVectors | None:
    """Per occupation (in load_arrays' order) its description vector and mean label vector from
    the vector cache (read afresh: never computed here); None without the text model or before
    `banenbrug build-vectors`."""
    from banenbrug.taxonomy.semantic_service import description_texts, label_texts
    from banenbrug.understanding.model import get_model
    from banenbrug.understanding.vectors import VectorCache

    model = get_model()
    if model is None:
        return None
    cache = VectorCache(model)
    order = {pk: i for i, pk in enumerate(Occupation.objects.order_by("id").values_list(
        "id", flat=True))}
    parts = []
    for pairs in (list(description_texts()), list(label_texts("occupation"))):
        vectors, found = cache.lookup([text for _, text in pairs])
        if not found.any():
            return None
        owners = [order[pk] for (pk, _), ok in zip(pairs, found, strict=True) if ok]
        parts.append((owners, vectors[found]))
    return MeaningVectors.from_texts(model.name, len(order), parts[0], parts[1])
