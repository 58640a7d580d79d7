"""Build the engine's input arrays from the database (the CSV loader does the same from files)."""

from __future__ import annotations

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
from banenbrug.transitions.engine import TaxonomyArrays


def load_arrays() -> TaxonomyArrays:
    occupations = list(Occupation.objects.order_by("id").values_list(
        "id", "uri", "isco_code", "green_share"))
    skills = list(Skill.objects.order_by("id").values_list("id", "uri", "skill_type"))
    occ_index = {pk: i for i, (pk, *_rest) in enumerate(occupations)}
    skill_index = {pk: i for i, (pk, *_rest) in enumerate(skills)}
    by_uri = {uri: i for i, (_pk, uri, _t) in enumerate(skills)}
    relations = {"essential": [], "optional": []}
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
