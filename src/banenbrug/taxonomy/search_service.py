"""The label indexes for occupations and skills, built from the database once per data version.

Built indexes are pickled under `var/cache/` (our own files, so pickle is safe here) and kept in
memory per process; a new import changes the data version and so the cache key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import Count

from banenbrug.cache_files import load_or_build, load_pickle, save_pickle
from banenbrug.memo import Memo, Recent
from banenbrug.taxonomy.informal import expand
from banenbrug.taxonomy.models import ImportRun, Occupation, OccupationSkill, Skill
from banenbrug.taxonomy.search import (
    ALTERNATIVE,
    HIDDEN,
    PREFERRED,
    Blend,
    Hit,
    Label,
    LabelIndex,
    blend,
    normalise,
)
from banenbrug.taxonomy.semantic_service import label_index
from banenbrug.understanding.model import Vectors, get_model

Kind = Literal["occupation", "skill"]
MODELS: dict[str, type[Occupation] | type[Skill]] = {"occupation": Occupation, "skill": Skill}
_memo = Memo()
# Rankings of recent queries: people search the same job titles again and again (~1 KB each).
recent = Recent(4096)
CACHE_FORMAT = 1  # bump when LabelIndex changes shape
LEXICAL_POOL = 30  # lexical candidates handed to the blend
BRIDGE = 0.6  # a named occupation's essential skill scores this share of the occupation's score
# Tuned on the dev half of held-out ESCO labels (benchmarks/search_quality.py, MRR@10).
BLEND: dict[Kind, Blend] = {
    "occupation": Blend(semantic_weight=0.5, floor=0.85, ceiling=0.98),
    "skill": Blend(semantic_weight=0.2, floor=0.85, ceiling=0.98),
}
# The skills column shows only skills that match: a blended score below the 10th percentile of
# the right answers' scores on that dev half (0.496) is noise ("python" -> pylons).
SKILL_MIN_SCORE = 0.5


@dataclass(frozen=True)
class Result:
    concept: Occupation | Skill
    score: float
    matched_label: str


def _labels(kind: Kind) -> list[Label]:
    labels: list[Label] = []
    columns = ("id", "label_en", "label_nl", "alt_labels_en", "alt_labels_nl",
               "hidden_labels_en", "hidden_labels_nl")
    for pk, *texts in MODELS[kind].objects.values_list(*columns).iterator(chunk_size=5000):
        label_en, label_nl, alt_en, alt_nl, hidden_en, hidden_nl = texts
        for lang, preferred, alt, hidden in (("en", label_en, alt_en, hidden_en),
                                             ("nl", label_nl, alt_nl, hidden_nl)):
            if preferred:
                labels.append(Label(pk, preferred, lang, PREFERRED))
            labels.extend(Label(pk, t, lang, ALTERNATIVE) for t in alt.split("\n") if t)
            labels.extend(Label(pk, t, lang, HIDDEN) for t in hidden.split("\n") if t)
    return labels


def get_index(kind: Kind) -> LabelIndex:
    version = ImportRun.data_version()
    index: LabelIndex = _memo.get(kind, version, lambda: load_or_build(
        f"search-{kind}", version, f"-v{CACHE_FORMAT}.pickle", load=load_pickle,
        build=lambda: LabelIndex(_labels(kind)), save=save_pickle))
    return index


def search(kind: Kind, query: str, lang: str = "nl", limit: int = 10) -> list[Result]:
    """Lexical ranking, blended with the text model's where it and the vectors are there; the
    query counts as written and with its informal words spelled out (`informal`). Skills also
    come from the occupation the query names ("loodgieter": a plumber's skills)."""
    return search_kinds((kind,), query, lang, limit)[kind]


def search_kinds(kinds: tuple[Kind, ...], query: str, lang: str = "nl",
                 limit: int = 10) -> dict[Kind, list[Result]]:
    """`search` for several kinds of one query (the search page: occupations and skills),
    embedding the query once: the model's ~15 ms is most of a search. The ranking of a query
    asked for recently is reused (`recent`, per data version); the concepts are read afresh."""
    ranked = recent.get((kinds, query, lang, limit), ImportRun.data_version(),
                        lambda: _rank_kinds(kinds, query, lang, limit))
    return {kind: _results(kind, hits) for kind, hits in ranked.items()}


def _rank_kinds(kinds: tuple[Kind, ...], query: str, lang: str,
                limit: int) -> dict[Kind, list[Hit]]:
    expanded = expand(query)
    model = get_model() if any(label_index(k) is not None for k in kinds) else None
    # The words ESCO uses carry the meaning; one query vector serves every kind.
    vector = model.queries([expanded or query])[0] if model and normalise(query) else None
    ranked = {kind: _ranked(kind, query, expanded, lang, limit, vector) for kind in kinds}
    if "skill" in ranked:
        # The best occupation is the first of the occupations' own ranking where the page asks
        # for both (the pool does not depend on the limit): ranked once, not twice (~13 ms).
        best = (ranked["occupation"][:1] if "occupation" in ranked
                else _ranked("occupation", query, expanded, lang, 1, vector))
        named = _named_occupation(best, query, expanded, lang)
        if named is not None:
            terms = {t for t in (normalise(query), expanded) if t}
            ranked["skill"] = with_skills_of(named, ranked["skill"], terms)
    return {kind: hits[:limit] for kind, hits in ranked.items()}


def _results(kind: Kind, hits: list[Hit]) -> list[Result]:
    concepts = MODELS[kind].objects.in_bulk([hit.concept for hit in hits])
    return [Result(concepts[h.concept], h.score, h.label) for h in hits if h.concept in concepts]


def _ranked(kind: Kind, query: str, expanded: str | None, lang: str, limit: int,
            vector: Vectors | None) -> list[Hit]:
    hits = _lexical(kind, [query] if expanded is None else [query, expanded], lang,
                    max(limit, LEXICAL_POOL))
    semantic = label_index(kind)
    if vector is not None and semantic is not None:
        hits = blend(hits, semantic, vector, limit, BLEND[kind])
        if kind == "skill":  # the floor is measured on blended scores only
            hits = [h for h in hits if h.score >= SKILL_MIN_SCORE]
    return hits


def _lexical(kind: Kind, texts: list[str], lang: str, limit: int) -> list[Hit]:
    """Each concept's best lexical hit over the texts, best first."""
    best: dict[int, Hit] = {}
    for text in texts:
        for hit in get_index(kind).search(text, lang=lang, limit=limit):
            if hit.concept not in best or hit.score > best[hit.concept].score:
                best[hit.concept] = hit
    return sorted(best.values(), key=lambda h: -h.score)[:limit]


@dataclass(frozen=True)
class Named:
    """An occupation the query names outright, with its essential skills, the most
    characteristic first."""

    label: str
    score: float
    skills: list[int]


def _named_occupation(found: list[Hit], query: str, expanded: str | None,
                      lang: str) -> Named | None:
    """The occupation the query names, from `found` (the best occupation hit, if any)."""
    if not found or normalise(found[0].label) not in {normalise(query), expanded}:
        return None  # the best occupation's label must be the query itself
    best = found[0]
    occupation = Occupation.objects.filter(pk=best.concept).first()
    if occupation is None:
        return None
    essential = OccupationSkill.objects.filter(relation=OccupationSkill.Relation.ESSENTIAL)
    own = list(essential.filter(occupation=occupation).values_list("skill_id", flat=True))
    jobs = dict(essential.filter(skill__in=own).values("skill").annotate(n=Count("id"))
                .values_list("skill", "n"))
    # The skills that most set this job apart first: those essential to the fewest occupations.
    skills = sorted(own, key=lambda pk: (jobs.get(pk, 0), pk))
    label = occupation.label_nl if lang == "nl" else occupation.label_en
    return Named(label or best.label, best.score, skills)


def with_skills_of(named: Named, hits: list[Hit], terms: set[str]) -> list[Hit]:
    """The essential skills of the occupation the query names join the skill hits, each
    scored as the better of its own match and BRIDGE x the occupation's score; of those, the
    ones nearer the query come first. A hit whose label does not hold the query (`terms`,
    normalised) resembles it only in spelling ("lasser" -> lasers): it comes after what the job
    needs. A skill named with the query's word ("kok" -> koken) keeps its place."""
    own = {h.concept: h for h in hits}
    out = {}
    for h in hits:
        label = normalise(h.label)
        out[h.concept] = h if any(t in label for t in terms) else Hit(
            h.concept, round(min(h.score, BRIDGE * named.score) / 2, 4), h.label, h.lang)
    for rank, skill in enumerate(sorted(named.skills,
                                        key=lambda s: -own[s].score if s in own else 0.0)):
        score = round(BRIDGE * named.score - 0.001 * rank, 4)
        if skill not in out or out[skill].score < score:
            out[skill] = Hit(skill, score, named.label, "")
    return sorted(out.values(), key=lambda h: -h.score)
