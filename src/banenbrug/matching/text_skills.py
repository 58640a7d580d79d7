"""Skills from a CV or vacancy with the text model: retrieve by meaning, rerank, calibrate.

Per clause of the text (``understanding.segments``; personal lines dropped, names masked):
1. retrieve: the clause's query vector against every skill's label vectors (nl and en) gives the
   skills nearest in meaning; the lexical extractor (``extraction.SkillExtractor``) adds the
   skills whose label words are literally there;
2. rerank: each (clause, skill) pair gets a probability from a logistic model over the
   calibrated cosine, the skill's rank in the clause, the lexical score and whether the skill
   belongs to the occupation the person names (context). Fitted on the validation half of the
   English job-ad dev set, reported on its test half (benchmarks/skill_extraction_dev.py);
3. aggregate: a skill scores as its best clause; the evidence is the clause's own words.

A lexical hit the model finds far from its clause ("leidingen" -> "anderen leiden") gets a low
probability: literal evidence must agree with meaning. Without the model, the lexical extractor
answers alone (the fallback).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from banenbrug.matching.extraction import STOP_WORDS, SkillExtractor, Suggestion
from banenbrug.taxonomy.search import normalise
from banenbrug.understanding.model import TextModel, Vectors
from banenbrug.understanding.segments import segments
from banenbrug.understanding.semantic import SemanticIndex, calibrate

PER_CLAUSE = 10  # semantic candidates per clause
DOCUMENT_WORDS = 100  # of the text's opening, embedded to find what occupation it is about
MIN_CLAUSES = 3  # a text this long is about an occupation, whose skills are its context
WINDOW = 6  # words per window of a long clause: about one skill phrase


@dataclass(frozen=True)
class Calibration:
    """Logistic model: P(skill is stated) = sigmoid(bias + Σ weight × feature)."""

    # fitted by `benchmarks/skill_extraction_dev.py --fit` on HOUSE validation + the Dutch
    # fitting half; reported on HOUSE test and the other Dutch half (docs/benchmarks.md)
    bias: float = -5.287
    cosine: float = 1.422  # calibrated cosine, 0..1
    rank: float = 1.439  # 1 / rank of the skill among the clause's semantic candidates
    lexical: float = 2.755  # the lexical extractor's score, 0 where it found nothing
    context: float = 2.654  # 1 (essential) or 0.5 (optional) skill of the text's occupation
    support: float = -0.554  # context x calibrated cosine: the occupation's skill a clause says
    floor: float = 0.75
    ceiling: float = 0.90

    def features(self, cosine: float, rank: float, lexical: float, context: float
                 ) -> tuple[float, ...]:
        meaning = float(calibrate(cosine, self.floor, self.ceiling))
        return 1.0, meaning, rank, lexical, context, context * meaning

    def probability(self, cosine: float, rank: float, lexical: float, context: float) -> float:
        weights = (self.bias, self.cosine, self.rank, self.lexical, self.context, self.support)
        z = sum(w * x for w, x in zip(weights, self.features(cosine, rank, lexical, context),
                                      strict=True))
        return 1 / (1 + math.exp(-z))


@dataclass(frozen=True)
class Candidate:
    skill: int
    clause: int
    cosine: float
    rank: float  # 1 / rank among the clause's semantic candidates, 0 if not among them
    lexical: float
    context: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Occupations:
    """What a text is about: the occupations whose description is nearest the whole text, helped
    by the labels nearest its best clauses ("Ervaren elektricien" is near "elektricien"). Their
    skills then count as context: a CV seldom names its skills in ESCO's words, but it nearly
    always names the job and describes its work."""

    labels: SemanticIndex  # occupation label vectors; owners are occupation ids
    descriptions: SemanticIndex | None  # occupation description vectors
    skills: Mapping[int, tuple[frozenset[int], frozenset[int]]]  # id -> (essential, optional)
    label_weight: float = 0.5  # of the mean of the three best clause-label cosines
    best_clauses: int = 3
    top: int = 2

    def named(self, document: Vectors, clauses: Vectors) -> list[int]:
        """The `top` occupations the text is most about, best first."""
        if not len(clauses) or not len(self.labels):
            return []
        n = int(np.max(self.labels.owners)) + 1
        if self.descriptions is not None and len(self.descriptions):
            n = max(n, int(np.max(self.descriptions.owners)) + 1)
        # a line the text repeats is scored once (its row still counts as often as it occurs)
        unique, inverse = np.unique(np.asarray(clauses), axis=0, return_inverse=True)
        per_clause = self.labels.best_per_concept_many(unique, n)[inverse.ravel()]
        k = min(self.best_clauses, len(per_clause))
        score = self.label_weight * np.sort(per_clause, axis=0)[-k:].mean(axis=0)
        if self.descriptions is not None and len(self.descriptions):
            score += self.descriptions.best_per_concept(document, n)
        return [int(o) for o in np.argsort(-score)[: self.top]]

    def context(self, document: Vectors, clauses: Vectors) -> dict[int, float]:
        """Skill -> weight: 1 for an essential skill of a named occupation, 0.5 for optional."""
        return context_weights(self.skills.get(o, (frozenset(), frozenset()))
                               for o in self.named(document, clauses))


def context_weights(occupations: Iterable[tuple[Collection[int], Collection[int]]]
                    ) -> dict[int, float]:
    """Skill -> weight over (essential, optional) skill sets: 1 for a skill essential to any of
    the occupations, else 0.5 for an optional one."""
    weights: dict[int, float] = {}
    essential_somewhere: set[int] = set()
    for essential, optional in occupations:
        essential_somewhere.update(essential)
        for skill in optional:
            weights.setdefault(skill, 0.5)
    weights.update(dict.fromkeys(essential_somewhere, 1.0))
    return weights


class TextSkills:
    """Immutable; `semantic.owners` are the lexical extractor's skill indices."""

    def __init__(self, lexical: SkillExtractor, semantic: SemanticIndex | None,
                 model: TextModel | None, calibration: Calibration = Calibration(),
                 occupations: Occupations | None = None) -> None:
        self.lexical = lexical
        self.semantic = semantic if model is not None else None
        self.model = model
        self.calibration = calibration
        self.occupations = occupations if self.semantic is not None else None
        self.n_skills = max(lexical.skill_count,
                            int(np.max(semantic.owners)) + 1
                            if semantic is not None and len(semantic) else 0)

    def candidates(self, text: str, context: Mapping[int, float] | None = None
                   ) -> list[Candidate]:
        """Every (clause, skill) pair worth scoring, with its features. `context` weighs the
        skills of the occupation the person names; without it, the text's own occupation is
        inferred (`Occupations`)."""
        clauses = [self.lexical.without_names(c) for c in segments(text)]
        clauses = [c for c in clauses if _content_words(c) >= 1]
        if not clauses:
            return []
        out: list[Candidate] = []
        cosines = None
        if self.model is not None and self.semantic is not None:
            # A clause that names several skills is closest to each of them in a part of it:
            # the clause's similarity to a skill is its best window's.
            pieces, owner = [], []
            for i, clause in enumerate(clauses):
                for piece in [clause, *windows(clause)]:
                    pieces.append(piece)
                    owner.append(i)
            row = {p: i for i, p in enumerate(dict.fromkeys(pieces))}  # a repeated line once
            # One sentence seldom says which job it is about; a CV or vacancy does. The
            # opening names the job (profile, current title); measured: as good at finding
            # the occupation as the whole text. Embedded with the clauses, in one batch the
            # model spreads over its threads (docs/benchmarks.md, "a CV in under a second").
            about = not context and self.occupations is not None and len(clauses) >= MIN_CLAUSES
            opening = [" ".join(" . ".join(clauses).split()[:DOCUMENT_WORDS])] if about else []
            vectors = self.model.queries([*row, *opening])
            unique, of_piece = vectors[: len(row)], [row[p] for p in pieces]
            queries = unique[of_piece]
            per_piece = self.semantic.best_per_concept_many(unique, self.n_skills)[of_piece]
            starts = np.searchsorted(np.asarray(owner), np.arange(len(clauses)))
            cosines = np.maximum.reduceat(per_piece, starts, axis=0)
            if about and self.occupations is not None:
                context = self.occupations.context(vectors[-1], queries)
        context = context or {}
        essential = {s for s, w in context.items() if w >= 1}
        literal: dict[str, dict[int, tuple[float, int, tuple[str, ...]]]] = {}
        for i, clause in enumerate(clauses):
            if clause not in literal:  # a repeated line ("Werkervaring") is read once
                literal[clause] = self.lexical.clause_hits(clause)
            lexical = literal[clause]
            ranks: dict[int, float] = {}
            best = None
            if cosines is not None:
                best = cosines[i]
                k = min(PER_CLAUSE, len(best))
                top = np.argpartition(-best, k - 1)[:k]
                for r, skill in enumerate(top[np.argsort(-best[top])], start=1):
                    ranks[int(skill)] = 1 / r
            # A lone word ("Opleiding", "2015-2019 Vaardigheden") states no skill by its
            # meaning: there only literal matches (Python, VCA, lassen) are candidates.
            retrieved = set(ranks) | essential if _content_words(clause) >= 2 else set()
            for skill in retrieved | set(lexical):
                cos = float(best[skill]) if best is not None else 0.0
                score, _row, words = lexical.get(skill, (0.0, 0, ()))
                out.append(Candidate(skill, i, cos, ranks.get(skill, 0.0), score,
                                     context.get(skill, 0.0), words or (_phrase(clause),)))
        return out

    def extract(self, text: str, limit: int = 30, min_score: float = 0.10,
                context: Mapping[int, float] | None = None) -> list[Suggestion]:
        """Suggested skills, best first, each with its probability and evidence."""
        if self.semantic is None:
            return self.lexical.extract(text, limit=limit)
        best: dict[int, tuple[float, tuple[str, ...]]] = {}
        for c in self.candidates(text, context):
            p = self.calibration.probability(c.cosine, c.rank, c.lexical, c.context)
            if p > best.get(c.skill, (0.0, ()))[0]:
                best[c.skill] = (p, c.evidence)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return [Suggestion(skill, round(p, 4), evidence) for skill, (p, evidence) in ranked
                if p >= min_score][:limit]


def _content_words(clause: str) -> int:
    """Words of three letters or more that are no stop word: dates and numbers do not count."""
    return sum(1 for w in normalise(clause).split()
               if len(w) >= 3 and w.isalpha() and w not in STOP_WORDS)


def windows(clause: str, size: int = WINDOW, step: int = WINDOW // 2) -> list[str]:
    """Overlapping word windows of a long clause (none for a short one)."""
    words = clause.split()
    if len(words) <= size + step:
        return []
    return [" ".join(words[i : i + size]) for i in range(0, len(words) - step, step)]


def _phrase(clause: str, words: int = 12) -> str:
    parts = clause.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def evaluate(ranked: Sequence[int], gold: Collection[int], k: int = 5) -> float:
    """R-Precision@k of one ranking (Decorte et al.): gold in the top k / min(k, |gold|)."""
    if not gold:
        return 0.0
    return len(set(ranked[:k]) & set(gold)) / min(k, len(gold))
