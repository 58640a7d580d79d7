"""Typo- and word-order-tolerant label search, pure numpy/scipy + rapidfuzz.

Two stages, because each alone fails someone:
1. recall: TF-IDF cosine over character trigrams of each word ("zonnepanelen monteur" and
   "zonnepanelenmonteur" share almost all trigrams, "electricain" still shares most with
   "electrician"), computed only over the query's trigram columns, so it costs milliseconds;
2. precision: the best few hundred labels are re-scored with rapidfuzz (whole-string and
   token-set similarity) plus small bonuses for exact and prefix matches and preferred labels.
A concept scores as its best label.

With the text model (`banenbrug.understanding`), `blend` adds meaning: each concept's best
embedding similarity over its labels, calibrated to 0..1, is mixed into the lexical score, and
concepts the model finds but no trigram does ("netbeheerder" -> distribution network operator)
join the candidates. Without the model the lexical ranking stands alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz
from scipy import sparse

from banenbrug.understanding.model import Vectors
from banenbrug.understanding.semantic import CEILING, FLOOR, SemanticIndex, calibrate

PREFERRED, ALTERNATIVE, HIDDEN = 0, 1, 2
LABEL_WEIGHT = np.array([1.0, 0.97, 0.9], dtype=np.float32)  # hidden labels are often misspellings
OTHER_LANGUAGE_WEIGHT = 0.96
RERANK = 300
_NON_WORD = re.compile(r"[^0-9a-z+#]+")


def normalise(text: str) -> str:
    """Lower case, accents off, punctuation to spaces: 'Elektriciën' -> 'elektricien'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain).strip()


def trigrams(normalised: str) -> list[str]:
    grams: list[str] = []
    for word in normalised.split():
        padded = f" {word} "
        grams.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


@dataclass(frozen=True)
class Label:
    concept: int  # caller's concept index
    text: str
    lang: str
    kind: int  # PREFERRED, ALTERNATIVE or HIDDEN


@dataclass(frozen=True)
class Hit:
    concept: int
    score: float  # 0..1, best first
    label: str  # the label that matched
    lang: str


class LabelIndex:
    """An immutable index over the labels of one kind of concept."""

    def __init__(self, labels: Sequence[Label]):
        self.labels = list(labels)
        self.texts = [normalise(label.text) for label in self.labels]
        self.concepts = np.fromiter((lb.concept for lb in self.labels), dtype=np.int64,
                                    count=len(self.labels))
        self.kinds = np.fromiter((lb.kind for lb in self.labels), dtype=np.int8,
                                 count=len(self.labels))
        self.langs = [label.lang for label in self.labels]
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, text in enumerate(self.texts):
            for gram in set(trigrams(text)):
                rows.append(row)
                cols.append(vocabulary.setdefault(gram, len(vocabulary)))
        self.vocabulary = vocabulary
        counts = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(self.texts), len(vocabulary)),
        )
        document_frequency = np.bincount(cols, minlength=len(vocabulary)).astype(np.float32)
        self.idf = np.log((1 + len(self.texts)) / (1 + document_frequency)).astype(np.float32) + 1
        weighted = counts.multiply(self.idf[np.newaxis, :]).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        self.matrix = sparse.csc_matrix(
            sparse.diags((1 / norms).astype(np.float32)) @ weighted, dtype=np.float32
        )

    def __len__(self) -> int:
        return len(self.labels)

    def search(self, query: str, lang: str = "nl", limit: int = 10) -> list[Hit]:
        """The best `limit` concepts for `query`, best first; [] when nothing resembles it."""
        text = normalise(query)
        grams = [g for g in set(trigrams(text)) if g in self.vocabulary]
        if not grams:
            return []
        columns = np.array([self.vocabulary[g] for g in grams])
        weights = self.idf[columns]
        weights = weights / np.sqrt(np.sum(weights**2)
                                    + _missing_weight(text, self.vocabulary, self.idf))
        cosine = np.asarray(self.matrix[:, columns] @ weights).ravel()
        candidates = np.flatnonzero(cosine)
        if candidates.size > RERANK:
            candidates = candidates[np.argpartition(-cosine[candidates], RERANK)[:RERANK]]
        scored = [(self._rescore(text, int(i), float(cosine[i]), lang), int(i))
                  for i in candidates]
        scored.sort(reverse=True)
        hits: list[Hit] = []
        seen: set[int] = set()
        for score, i in scored:
            concept = int(self.concepts[i])
            if concept in seen:
                continue
            seen.add(concept)
            hits.append(Hit(concept, round(score, 4), self.labels[i].text, self.langs[i]))
            if len(hits) == limit:
                break
        return hits

    def _rescore(self, query: str, i: int, cosine: float, lang: str) -> float:
        label = self.texts[i]
        similarity = max(fuzz.ratio(query, label), fuzz.token_set_ratio(query, label)) / 100
        bonus = 0.0
        if label == query:
            bonus = 0.15
        elif label.startswith(query) or query in label.split():
            bonus = 0.05
        score = (0.45 * cosine + 0.55 * similarity + bonus) / 1.15
        score *= float(LABEL_WEIGHT[self.kinds[i]])
        if self.langs[i] != lang:
            score *= OTHER_LANGUAGE_WEIGHT
        # Shorter labels win ties: "elektricien" before "elektricien voor ...".
        return score - 0.0005 * len(label)


@dataclass(frozen=True)
class Blend:
    """How lexical and semantic scores mix (tuned by benchmarks/search_quality.py)."""

    semantic_weight: float = 0.5
    floor: float = FLOOR  # e5 cosine that counts as unrelated
    ceiling: float = CEILING  # e5 cosine that counts as the same meaning
    pool: int = 50  # semantic candidates added to the lexical ones


def blend(lexical: Sequence[Hit], index: SemanticIndex, query_vector: Vectors, limit: int,
          weights: Blend = Blend()) -> list[Hit]:
    """Lexical hits and semantic neighbours ranked by the mixed score, best first."""
    near = index.nearest(query_vector, weights.pool)
    cosine = {n.concept: n.cosine for n in near}
    missing = [h.concept for h in lexical if h.concept not in cosine]
    if missing:
        best = index.best_per_concept(query_vector,
                                      max(max(missing), _top(index.owners)) + 1)
        cosine.update((c, float(best[c])) for c in missing)
    labels = {n.concept: index.texts[n.row] for n in near} if index.texts else {}
    return mix(lexical, cosine, labels, limit, weights)


def _top(values: npt.NDArray[np.int64]) -> int:
    return int(np.max(values)) if values.size else 0


def mix(lexical: Sequence[Hit], cosine: dict[int, float], labels: dict[int, str], limit: int,
        weights: Blend) -> list[Hit]:
    """The blend's arithmetic: lexical hits and the concepts in `cosine` (each concept's best
    cosine), `labels` naming the text that matched for concepts only the model found."""
    w = weights.semantic_weight

    def meaning(concept: int) -> float:
        return float(calibrate(cosine.get(concept, -1.0), weights.floor, weights.ceiling))

    scored = {h.concept: Hit(h.concept, round((1 - w) * h.score + w * meaning(h.concept), 4),
                             h.label, h.lang) for h in lexical}
    for concept in cosine:
        if concept not in scored:
            scored[concept] = Hit(concept, round(w * meaning(concept), 4),
                                  labels.get(concept, ""), "")
    return sorted(scored.values(), key=lambda h: -h.score)[:limit]


def _missing_weight(text: str, vocabulary: dict[str, int], idf: npt.NDArray[np.float32]) -> float:
    """Trigrams of the query that no label has still count against every label (rare: max idf)."""
    missing = sum(1 for g in set(trigrams(text)) if g not in vocabulary)
    return float(missing * float(np.max(idf)) ** 2)
