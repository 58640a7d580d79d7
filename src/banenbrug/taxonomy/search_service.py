"""The label indexes for occupations and skills, built from the database once per data version.

Built indexes are pickled under `var/cache/` (our own files, so pickle is safe here) and kept in
memory per process; a new import changes the data version and so the cache key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from banenbrug.cache_files import load_or_build, load_pickle, save_pickle
from banenbrug.memo import Memo
from banenbrug.taxonomy.models import ImportRun, Occupation, Skill
from banenbrug.taxonomy.search import (
    ALTERNATIVE,
    HIDDEN,
    PREFERRED,
    Blend,
    Label,
    LabelIndex,
    blend,
    normalise,
)
from banenbrug.taxonomy.semantic_service import label_index
from banenbrug.understanding.model import get_model

Kind = Literal["occupation", "skill"]
MODELS = {"occupation": Occupation, "skill": Skill}
_memo = Memo()
CACHE_FORMAT = 1  # bump when LabelIndex changes shape
LEXICAL_POOL = 30  # lexical candidates handed to the blend
# The skill weights are tuned on the dev split of held-out ESCO labels
# (benchmarks/search_quality.py); the occupation weights are still the defaults.
BLEND: dict[Kind, Blend] = {
    "occupation": Blend(),
    "skill": Blend(semantic_weight=0.2, floor=0.85, ceiling=0.98),
}


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
    """Lexical ranking, blended with the text model's where it and the vectors are there."""
    hits = get_index(kind).search(query, lang=lang, limit=max(limit, LEXICAL_POOL))
    semantic = label_index(kind)
    model = get_model() if semantic is not None else None
    if model is not None and semantic is not None and normalise(query):
        hits = blend(hits, semantic, model.queries([query])[0], limit, BLEND[kind])
    hits = hits[:limit]
    concepts = MODELS[kind].objects.in_bulk([hit.concept for hit in hits])
    return [Result(concepts[h.concept], h.score, h.label) for h in hits if h.concept in concepts]
