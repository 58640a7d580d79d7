"""Occupation and skill search and detail."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from banenbrug.taxonomy import queries
from banenbrug.taxonomy.search_service import Kind, search

router = Router(tags=["taxonomy"])
Lang = Literal["nl", "en"]
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
LABEL_LANG = ("the language `label` is in: `en` where ESCO has no label in the language asked "
              "for (shown with the marker 'Engelse term' on the Dutch pages)")


class SearchHit(Schema):
    uri: str
    label: str
    label_lang: Lang = Field(description=LABEL_LANG)
    score: float
    matched_label: str


class SearchResults(Schema):
    query: str
    lang: Lang
    results: list[SearchHit]
    attribution: str = ATTRIBUTION


class SkillRef(Schema):
    uri: str
    label: str
    label_lang: Lang = Field(description=LABEL_LANG)
    skill_type: str


class OccupationDetail(Schema):
    uri: str
    label: str
    label_lang: Lang = Field(description=LABEL_LANG)
    label_en: str
    label_nl: str
    alt_labels: list[str]
    description: str
    code: str
    isco_group: str
    isco_group_label: str | None
    green_share: float | None
    green: bool
    digital: bool
    essential_skills: list[SkillRef]
    optional_skills: list[SkillRef]
    attribution: str = ATTRIBUTION


class OccupationRef(Schema):
    uri: str
    label: str
    label_lang: Lang = Field(description=LABEL_LANG)


class SkillDetail(Schema):
    uri: str
    label: str
    label_lang: Lang = Field(description=LABEL_LANG)
    label_en: str
    label_nl: str
    alt_labels: list[str]
    description: str
    skill_type: str
    reuse_level: str
    collections: list[str]
    essential_for: list[OccupationRef]
    optional_for: list[OccupationRef]
    attribution: str = ATTRIBUTION


def _search(kind: Kind, q: str, lang: Lang, limit: int) -> SearchResults:
    results = search(kind, q, lang, limit) if q.strip() else []
    return SearchResults(query=q, lang=lang, results=[
        SearchHit(uri=r.concept.uri, label=r.concept.label(lang),
                  label_lang=r.concept.label_lang(lang), score=r.score,
                  matched_label=r.matched_label) for r in results])


@router.get("/occupations", response=SearchResults, summary="Search occupations")
def search_occupations(request: HttpRequest, q: str = Query(..., max_length=200),
                       lang: Lang = "nl", limit: int = Query(10, ge=1, le=100)):
    return _search("occupation", q, lang, limit)


@router.get("/skills", response=SearchResults, summary="Search skills and knowledge")
def search_skills(request: HttpRequest, q: str = Query(..., max_length=200), lang: Lang = "nl",
                  limit: int = Query(10, ge=1, le=100)):
    return _search("skill", q, lang, limit)


def _refs(groups: dict[str, list], lang: str) -> list[SkillRef]:
    return [SkillRef(uri=s.uri, label=s.label(lang), label_lang=s.label_lang(lang),
                     skill_type=s.skill_type)
            for skills in groups.values() for s in skills]


def _occupation_ref(o, lang: str) -> OccupationRef:
    return OccupationRef(uri=o.uri, label=o.label(lang), label_lang=o.label_lang(lang))


@router.get("/occupations/{uuid}", response=OccupationDetail, summary="One occupation")
def occupation_detail(request: HttpRequest, uuid: str, lang: Lang = "nl"):
    view = queries.occupation_view(queries.occupation_by_uuid(uuid), lang)
    o = view.occupation
    return OccupationDetail(
        uri=o.uri, label=o.label(lang), label_lang=o.label_lang(lang), label_en=o.label_en,
        label_nl=o.label_nl, alt_labels=o.alt_labels(lang), description=o.description(lang),
        code=o.code,
        isco_group=o.isco_code,
        isco_group_label=view.isco_group.label(lang) if view.isco_group else None,
        green_share=o.green_share, green=view.is_green, digital=view.is_digital,
        essential_skills=_refs(view.essential, lang), optional_skills=_refs(view.optional, lang),
    )


@router.get("/skills/{uuid}", response=SkillDetail, summary="One skill")
def skill_detail(request: HttpRequest, uuid: str, lang: Lang = "nl"):
    s = queries.skill_by_uuid(uuid)
    needed = queries.occupations_needing(s)
    return SkillDetail(
        uri=s.uri, label=s.label(lang), label_lang=s.label_lang(lang), label_en=s.label_en,
        label_nl=s.label_nl, alt_labels=s.alt_labels(lang), description=s.description(lang),
        skill_type=s.skill_type, reuse_level=s.reuse_level,
        collections=queries.skill_collections(s),
        essential_for=[_occupation_ref(o, lang) for o in needed["essential"]],
        optional_for=[_occupation_ref(o, lang) for o in needed["optional"]],
    )
