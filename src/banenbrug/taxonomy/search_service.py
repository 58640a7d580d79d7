"""The label indexes for occupations and skills, built from the database once per data version.

Built indexes are pickled under `var/cache/` (our own files, so pickle is safe here) and kept in
memory per process; a new import changes the data version and so the cache key.
"""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from banenbrug.cache_files import load_or_build
from banenbrug.taxonomy.models import ImportRun, Occupation, Skill
from banenbrug.taxonomy.search import ALTERNATIVE, HIDDEN, PREFERRED, Label, LabelIndex

Kind = Literal["occupation", "skill"]
MODELS = {"occupation": Occupation, "skill": Skill}
_lock = threading.Lock()
_memory: dict[tuple[Kind, str], LabelIndex] = {}
CACHE_FORMAT = 1  # bump when LabelIndex changes shape


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


def _load(path: Path) -> LabelIndex:
    with path.open("rb") as handle:
        index: LabelIndex = pickle.load(handle)
    return index


def _save(index: LabelIndex, path: Path) -> None:
    with path.open("wb") as handle:
        pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)


def get_index(kind: Kind) -> LabelIndex:
    version = ImportRun.data_version()
    key = (kind, version)
    if key in _memory:
        return _memory[key]
    with _lock:
        if key not in _memory:
            index = load_or_build(f"search-{kind}", version, f"-v{CACHE_FORMAT}.pickle",
                                  load=_load, build=lambda: LabelIndex(_labels(kind)),
                                  save=_save)
            for old in [k for k in _memory if k[0] == kind]:
                del _memory[old]
            _memory[key] = index
    return _memory[key]


def search(kind: Kind, query: str, lang: str = "nl", limit: int = 10) -> list[Result]:
    hits = get_index(kind).search(query, lang=lang, limit=limit)
    concepts = MODELS[kind].objects.in_bulk([hit.concept for hit in hits])
    return [Result(concepts[h.concept], h.score, h.label) for h in hits if h.concept in concepts]
