"""Directed occupation-to-occupation transition scores from ESCO occupation-skill relations.

Pure: numpy/scipy in, numpy/dataclasses out; no Django. See docs/transitions-engine.md for the
design and the measurements behind every default in :class:`EngineParams`.

Score of origin ``o`` to destination ``d`` (a number in [0, 1])::

    coverage(o, d) = sum_s W[d, s] * C[o, s] / sum_s W[d, s]
    blend(o, d)    = (1 - origin_weight) * coverage(o, d) + origin_weight * coverage(d, o)
    skill(o, d)    = (1 - isco_weight) * blend(o, d) + isco_weight * isco(o, d)
    score(o, d)    = (1 - w_desc - w_label - w_hood) * skill(o, d)
                     + w_desc * desc(o, d) + w_label * label(o, d) + w_hood * hood(o, d)

``W[d, s]`` is what skill ``s`` is worth to the destination: its rarity (IDF over occupations)
times 1 when essential or ``optional_weight`` when optional. ``C[o, s]`` is how far the origin
holds it: 1 (essential), ``optional_weight`` (optional), ``near_miss_credit`` when the origin holds
a skill of the same family (parent, child or sibling under a broader skill or skill group, or a
related skill), else 0. ``coverage(d, o)`` is how much of the origin's experience the destination
uses. ``isco(o, d)`` is the number of shared leading ISCO-08 digits divided by 4.

The meaning terms need text vectors (:class:`MeaningVectors`, from a text model); without them
the engine scores on skills and ISCO alone. ``desc(o, d)`` is the cosine of the two
occupations' description vectors and ``label(o, d)`` that of their mean label vectors, each
rescaled so that the median pair of occupations scores 0 and identical texts 1 (text-model
cosines crowd into a narrow band). ``hood(o, d)`` is the ISCO neighbourhood: 1 in the same unit
group (4 digits), ``hood_minor`` in the same minor group (3), ``hood_submajor`` in the same
sub-major group (2), else 0.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from banenbrug.taxonomy.green_digital import digital_mask, green_mask

Pairs = Sequence[tuple[int, int]] | npt.NDArray[np.integer[Any]]
FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]

BANDS = ("dichtbij", "haalbaar", "uitdaging")  # close, feasible, stretch
_BLOCK = 512  # origins per block when building the n x n matrices


@dataclass(frozen=True)
class TaxonomyArrays:
    """The engine's input, built from plain lists/arrays (CSV loader or database loader)."""

    occupation_uris: list[str]
    occupation_isco: list[str]  # ISCO-08 unit group (4 digits) per occupation; "" when unknown
    skill_uris: list[str]
    skill_is_knowledge: BoolArray  # per skill: knowledge (True) or skill/competence (False)
    essential: Pairs  # (occupation index, skill index)
    optional: Pairs
    skill_broader: Pairs  # (narrower skill, broader skill), skill->skill edges only
    skill_related: Pairs  # skillSkillRelations (either direction)
    green_skill: BoolArray  # per skill: in ESCO's green skills collection
    digital_skill: BoolArray  # per skill: in ESCO's digital skills collection
    green_share: npt.NDArray[np.floating[Any]]  # ESCO green share per occupation, nan if unknown
    skill_group: Pairs = ()  # (skill, skill-group id); only used with near_miss_groups=True


@dataclass(frozen=True)
class EngineParams:
    """The few knobs; the defaults are the measured choices (docs/transitions-engine.md)."""

    optional_weight: float = 0.5  # an optional skill counts half, on both sides
    near_miss_credit: float = 0.5  # share of a skill's worth credited for a skill of its family
    near_miss_groups: bool = True  # members of one ESCO skill group are family too
    origin_weight: float = 0.25  # weight of "share of the origin's skills the destination uses"
    isco_weight: float = 0.1
    # Meaning and neighbourhood (docs/transitions-engine.md, "Meaning"): weights of the terms
    # mixed into the skill score; description and label weights count only with text vectors.
    # Chosen by grid search on the dev half of the O*NET origins (benchmarks/transitions_onet.py)
    description_weight: float = 0.2
    label_weight: float = 0.2
    hood_weight: float = 0.05
    hood_minor: float = 0.75  # same 3-digit minor group (the unit group scores 1)
    hood_submajor: float = 0.5  # same 2-digit sub-major group
    band_close: float = 0.5  # score >= band_close: "dichtbij"
    band_feasible: float = 0.3  # score >= band_feasible: "haalbaar", else "uitdaging"
    weeks_skill: float = 2.0  # rough learning effort per missing essential skill/competence
    weeks_knowledge: float = 4.0  # per missing essential knowledge item


@dataclass(frozen=True)
class MeaningVectors:
    """What each occupation is about, as text-model vectors: one L2-normalised float32 row per
    occupation, a zero row where it has none. ``model`` names the text model."""

    model: str
    description: FloatArray  # the occupation's description
    labels: FloatArray  # the mean of its label vectors (preferred, alternative, hidden; nl + en)

    @classmethod
    def from_texts(
        cls,
        model: str,
        n: int,
        description: tuple[Sequence[int], FloatArray],
        labels: tuple[Sequence[int], FloatArray],
    ) -> MeaningVectors:
        """From (owner occupation index per row, vectors) pairs: each occupation gets the
        normalised mean of its rows (several descriptions or labels average out)."""
        return cls(model, _mean_rows(n, *description), _mean_rows(n, *labels))


def _mean_rows(n: int, owners: Sequence[int], vectors: FloatArray) -> FloatArray:
    vectors = np.asarray(vectors, dtype=np.float32)
    out = np.zeros((n, vectors.shape[1] if vectors.ndim == 2 else 0), dtype=np.float32)
    if len(owners):
        np.add.at(out, np.asarray(owners, dtype=np.intp), vectors)
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norm, out=out, where=norm > 0)


def _anchors(vectors: FloatArray) -> tuple[float, float]:
    """Rescaling of cosines: the median cosine of pairs of distinct occupations with a vector
    maps to 0, identical texts (1.0) to 1. Measured on at most 512 evenly spaced rows."""
    has = np.flatnonzero(np.any(vectors != 0, axis=1))
    if len(has) < 2:
        return 0.0, 1.0
    rows = has[np.linspace(0, len(has) - 1, min(len(has), 512)).astype(np.intp)]
    cos = vectors[rows] @ vectors[has].T
    cos[np.arange(len(rows)), np.searchsorted(has, rows)] = np.nan  # the pair with itself
    low = float(np.nanmedian(cos))
    return (low, 1.0) if low < 1.0 else (0.0, 1.0)


@dataclass(frozen=True)
class SkillGap:
    skill: int
    weight: float  # rarity weight (IDF) times what is still missing (1, or 1 - near-miss credit)
    knowledge: bool
    near_miss: bool  # the origin holds a skill of the same family


@dataclass(frozen=True)
class Transition:
    dest: int
    score: float
    band: str
    green: bool
    digital: bool
    carried_over: tuple[int, ...]  # destination skills (essential or optional) the origin holds
    missing: tuple[SkillGap, ...]  # missing essential skills, heaviest first
    effort_weeks: float
    coverage: float = 0.0  # share of the destination's weighted skills covered

    @property
    def missing_skills(self) -> tuple[SkillGap, ...]:
        return tuple(g for g in self.missing if not g.knowledge)

    @property
    def missing_knowledge(self) -> tuple[SkillGap, ...]:
        return tuple(g for g in self.missing if g.knowledge)

    @property
    def near_misses(self) -> tuple[int, ...]:
        return tuple(g.skill for g in self.missing if g.near_miss)


def _incidence(pairs: Pairs, shape: tuple[int, int]) -> sp.csr_matrix:
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    m = sp.csr_matrix((np.ones(len(arr), dtype=np.float32), (arr[:, 0], arr[:, 1])), shape=shape)
    m.data[:] = 1.0  # duplicate pairs collapse to one
    return m


def _binary(m: sp.spmatrix) -> sp.csr_matrix:
    m = sp.csr_matrix(m)
    m.eliminate_zeros()
    m.data = np.ones_like(m.data, dtype=np.float32)
    return m


def _isco_digits(codes: Sequence[str]) -> npt.NDArray[np.int32]:
    """Per occupation its ISCO code cut to 1..4 digits, as ints; an unknown code gets a value
    of its own (negative) so that it matches no other occupation."""
    out = np.zeros((len(codes), 4), dtype=np.int32)
    for i, code in enumerate(codes):
        code = code.strip()
        for k in range(4):
            ok = code.isdigit() and len(code) > k
            out[i, k] = int(code[: k + 1]) + 10 ** (k + 1) if ok else -(i + 1)  # "0" != "01"
    return out


class TransitionEngine:
    """Built once per data version (``build``), cached (``save``/``load``), queried (``top``)."""

    def __init__(
        self,
        *,
        params: EngineParams,
        occupation_uris: list[str],
        skill_uris: list[str],
        essential: sp.csr_matrix,
        optional: sp.csr_matrix,
        family: sp.csr_matrix,
        isco: npt.NDArray[np.int32],
        knowledge: BoolArray,
        green: BoolArray,
        digital: BoolArray,
        cover_t: FloatArray | None = None,
        meaning: MeaningVectors | None = None,
        anchors: FloatArray | None = None,
    ) -> None:
        self.params = params
        self.meaning = meaning
        self.occupation_uris = occupation_uris
        self.skill_uris = skill_uris
        self._essential = essential
        self._optional = optional
        self._family = family  # skill x skill, 1 where two skills are near misses of each other
        self._isco = isco
        self.knowledge = knowledge
        self.green = green
        self.digital = digital
        held = _binary(essential + optional)
        df = np.asarray(held.sum(axis=0)).ravel()
        n = max(essential.shape[0], 1)
        # Rarity: IDF over occupations; a skill nobody needs gets weight 0 (it never matters).
        self.idf = np.where(df > 0, np.log(n / np.maximum(df, 1)), 0.0).astype(np.float32)
        a = params.optional_weight
        self._hold = (essential + a * optional).tocsr()  # C without near misses
        self._weights = (self._hold @ sp.diags(self.idf)).tocsr()  # W
        self._wsum = np.asarray(self._weights.sum(axis=1)).ravel().astype(np.float32)
        # Rescaling of the description and label cosines: (low, high) per kind.
        if meaning is not None and anchors is None:
            anchors = np.array([_anchors(meaning.description), _anchors(meaning.labels)])
        self._anchors = anchors
        # cover_t[d, o] = coverage(o -> d); its row o is how much of o's skills each d uses.
        self._cover_t = cover_t if cover_t is not None else self._coverage_t()
        self._matrix = self._blend(self._cover_t)

    # ---------------------------------------------------------------- construction

    @classmethod
    def build(
        cls,
        arrays: TaxonomyArrays,
        params: EngineParams | None = None,
        meaning: MeaningVectors | None = None,
    ) -> TransitionEngine:
        """``meaning``: text vectors per occupation; without them (no text model) the meaning
        weights do not count and the score is the skill score with the ISCO terms."""
        params = params or EngineParams()
        n, s = len(arrays.occupation_uris), len(arrays.skill_uris)
        ess = _incidence(arrays.essential, (n, s))
        opt = _incidence(arrays.optional, (n, s))
        opt = (opt - opt.multiply(ess)).tocsr()  # essential wins when listed as both
        opt.eliminate_zeros()
        family = cls._family_matrix(arrays, params, s)
        n_ess = np.asarray(ess.sum(axis=1)).ravel()
        n_digital = np.asarray(ess @ arrays.digital_skill.astype(np.float32)).ravel()
        # ESCO's own green share (green skills among all the occupation's skills); where it is
        # unknown, the same share computed from the green skills collection.
        held = _binary(ess + opt)
        own = np.asarray(held @ arrays.green_skill.astype(np.float32)).ravel()
        own /= np.maximum(np.asarray(held.sum(axis=1)).ravel(), 1)
        share = np.asarray(arrays.green_share, dtype=np.float64)
        share = np.where(np.isnan(share), own, share)
        return cls(
            params=params,
            occupation_uris=list(arrays.occupation_uris),
            skill_uris=list(arrays.skill_uris),
            essential=ess,
            optional=opt,
            family=family,
            isco=_isco_digits(arrays.occupation_isco),
            knowledge=np.asarray(arrays.skill_is_knowledge, dtype=bool),
            green=green_mask(list(arrays.occupation_uris), share),
            digital=digital_mask(n_digital, n_ess),
            meaning=meaning,
        )

    @staticmethod
    def _family_matrix(arrays: TaxonomyArrays, params: EngineParams, s: int) -> sp.csr_matrix:
        """Skill x skill: parent, child, sibling (same broader skill) or related."""
        if params.near_miss_credit <= 0:
            return sp.csr_matrix((s, s), dtype=np.float32)
        broader = np.asarray(arrays.skill_broader, dtype=np.int64).reshape(-1, 2)
        parents = np.unique(broader[:, 1])
        # Membership of skill -> family, one family per broader skill: the parent and its children.
        rows = np.concatenate([broader[:, 0], parents])
        cols = np.concatenate([broader[:, 1], parents])
        member = _incidence(np.column_stack([rows, cols]), (s, s))
        if params.near_miss_groups and len(arrays.skill_group):
            groups = _incidence(arrays.skill_group, (s, int(np.max(arrays.skill_group)) + 1))
            member = sp.hstack([member, groups]).tocsr()
        related = _incidence(arrays.skill_related, (s, s))
        fam = _binary(member @ member.T + related + related.T)
        fam.setdiag(0)
        fam.eliminate_zeros()
        return fam

    def _credit(self, hold: sp.csr_matrix) -> sp.csr_matrix:
        """C: held skills at their level, their family members at partial credit."""
        gamma = self.params.near_miss_credit
        if gamma <= 0 or self._family.nnz == 0:
            return hold
        near = _binary(_binary(hold) @ self._family)
        return hold.maximum(near * np.float32(gamma)).tocsr()

    def _isco_sim(self, origins: npt.NDArray[np.intp]) -> FloatArray:
        """Shared leading ISCO digits / 4, origins x all occupations (codes are prefixes)."""
        same = np.zeros((len(origins), self._isco.shape[0]), dtype=np.uint8)
        for col in self._isco.T:
            same += col[origins][:, None] == col[None, :]
        return same.astype(np.float32) * np.float32(0.25)

    def _hood(self, origins: npt.NDArray[np.intp]) -> FloatArray:
        """ISCO neighbourhood, origins x all occupations: 1 in the same unit group, hood_minor in
        the same minor group, hood_submajor in the same sub-major group, else 0."""
        p = self.params
        out = np.zeros((len(origins), self._isco.shape[0]), dtype=np.float32)
        for k, level in ((1, p.hood_submajor), (2, p.hood_minor), (3, 1.0)):  # codes nest
            col = self._isco[:, k]
            out[col[origins][:, None] == col[None, :]] = level
        return out

    def _cosines(self, kind: int, origins: npt.NDArray[np.intp]) -> FloatArray:
        """Rescaled cosines of description (kind 0) or label (kind 1) vectors, origins x all."""
        assert self.meaning is not None and self._anchors is not None
        vectors = self.meaning.description if kind == 0 else self.meaning.labels
        low, high = (float(x) for x in self._anchors[kind])
        if len(origins) <= 8:  # a query: numpy's own loop, ~1 ms; a threaded BLAS gemv on a
            # busy machine takes 20+ ms waiting for its threads
            cos: FloatArray = np.einsum("ij,kj->ki", vectors, vectors[origins])
        else:
            cos = vectors[origins] @ vectors.T
        cos -= np.float32(low)
        cos *= np.float32(1.0 / max(high - low, 1e-6))
        np.clip(cos, 0.0, 1.0, out=cos)
        return cos

    def mix_weights(self) -> tuple[float, float, float]:
        """(description, label, neighbourhood) weights as they count: the first two are 0
        without text vectors."""
        p = self.params
        if self.meaning is None:
            return 0.0, 0.0, p.hood_weight
        return p.description_weight, p.label_weight, p.hood_weight

    def terms(self, origins: Iterable[int]) -> dict[str, FloatArray]:
        """The score's parts for single origins, rows = origins: "skill" (skills and ISCO
        digits), "description", "label" (zeros without text vectors) and "hood"."""
        idx = np.asarray(list(origins), dtype=np.intp)
        zeros = np.zeros((len(idx), len(self.occupation_uris)), dtype=np.float32)
        skill = self._skill_rows(self._cover_t[:, idx].T, self._cover_t[idx], idx)
        has = self.meaning is not None
        return {
            "skill": skill,
            "description": self._cosines(0, idx) if has else zeros,
            "label": self._cosines(1, idx) if has else zeros.copy(),
            "hood": self._hood(idx),
        }

    def _mix(self, skill: FloatArray, origins: npt.NDArray[np.intp], best: bool) -> FloatArray:
        """Mix the meaning and neighbourhood terms into skill scores (in place), one row per
        origin, or (best=True) one row for a profile: the best of its origins per term."""
        wd, wl, wh = self.mix_weights()
        total = wd + wl + wh
        if total <= 0:
            return skill
        parts = []
        if wd > 0:
            parts.append((wd, self._cosines(0, origins)))
        if wl > 0:
            parts.append((wl, self._cosines(1, origins)))
        if wh > 0:
            parts.append((wh, self._hood(origins)))
        skill *= np.float32(1 - total)
        for weight, term in parts:
            if best:
                if not len(origins):
                    continue  # loose skills only: nothing to compare the meaning with
                term = term.max(axis=0)
            term *= np.float32(weight)
            skill += term
        return skill

    def _coverage_t(self) -> FloatArray:
        """cover_t[d, o]: weighted share of d's skills that o holds (near misses in part)."""
        n = self._hold.shape[0]
        out = np.empty((n, n), dtype=np.float32)
        for i in range(0, n, _BLOCK):
            # A dense skills x origins block: sparse x dense is ~3x faster than sparse x sparse
            # here, because the product is nearly dense.
            credit = self._credit(self._hold[i : i + _BLOCK]).T.toarray()
            out[:, i : i + _BLOCK] = self._weights @ credit
        out /= np.maximum(self._wsum, 1e-9)[:, None]
        return out

    def _skill_rows(
        self, cover: FloatArray, used: FloatArray, origins: npt.NDArray[np.intp]
    ) -> FloatArray:
        """skill[o, d] = (1-w) coverage(o->d) + w coverage(d->o), then the ISCO evidence."""
        w, lam = np.float32(self.params.origin_weight), np.float32(self.params.isco_weight)
        block = np.array(cover, dtype=np.float32)
        block *= 1 - w
        block += w * used
        if lam > 0:
            block *= 1 - lam
            block += lam * self._isco_sim(origins)
        return block

    def _blend(self, cover_t: FloatArray) -> FloatArray:
        """The n x n score matrix, in row tiles (keeps the transposed read cache-friendly)."""
        n = cover_t.shape[0]
        m = np.empty_like(cover_t)
        for i in range(0, n, _BLOCK):
            rows = np.arange(i, min(i + _BLOCK, n))
            block = self._skill_rows(cover_t[:, i : i + _BLOCK].T, cover_t[i : i + _BLOCK], rows)
            m[i : i + _BLOCK] = self._mix(block, rows, best=False)
        np.clip(m, 0.0, 1.0, out=m)
        return m

    # ---------------------------------------------------------------- queries

    @property
    def family(self) -> sp.csr_matrix:
        """Skill x skill, 1 where two skills are near misses of each other (read-only use)."""
        return self._family

    def similarity_matrix(self) -> FloatArray:
        """Dense n x n float32, row = origin, column = destination."""
        return self._matrix

    def band(self, score: float) -> str:
        if score >= self.params.band_close:
            return BANDS[0]
        return BANDS[1] if score >= self.params.band_feasible else BANDS[2]

    def profile_hold(
        self, origins: Iterable[int], extra_skills: Iterable[int] = ()
    ) -> sp.csr_matrix:
        """1 x skills: the union of the origins' skills (the best level wins) plus extra skills."""
        idx = np.asarray(list(origins), dtype=np.intp)
        hold = self._hold[idx].max(axis=0) if len(idx) else sp.csr_matrix((1, len(self.idf)))
        hold = sp.csr_matrix(hold, dtype=np.float32)
        extra = np.asarray(list(extra_skills), dtype=np.intp)
        if len(extra):
            ones = np.ones(len(extra), dtype=np.float32)
            zeros = np.zeros(len(extra), dtype=np.intp)
            hold = hold.maximum(sp.csr_matrix((ones, (zeros, extra)), shape=hold.shape))
        return sp.csr_matrix(hold)

    def scores(self, origins: Iterable[int], extra_skills: Iterable[int] = ()) -> FloatArray:
        """Score of a profile (origin occupations plus extra skills) to every occupation."""
        origins = np.asarray(list(origins), dtype=np.intp)
        return self._scores(origins, self._credit(self.profile_hold(origins, extra_skills)))

    def _scores(self, origins: npt.NDArray[np.intp], credit: sp.csr_matrix) -> FloatArray:
        cover = np.asarray((self._weights @ credit.T).todense()).ravel().astype(np.float32)
        cover /= np.maximum(self._wsum, 1e-9)
        # Experience used: the best of the origin occupations (so adding one never lowers a score);
        # a profile of loose skills only has no experience to weigh, so coverage stands alone.
        used = self._cover_t[origins].max(axis=0) if len(origins) else cover
        w, lam = np.float32(self.params.origin_weight), np.float32(self.params.isco_weight)
        score = (1 - w) * cover
        score += w * used
        if lam > 0:
            isco = self._isco_sim(origins).max(axis=0) if len(origins) else np.float32(0.0)
            score *= 1 - lam
            score += lam * isco
        score = self._mix(score.astype(np.float32), origins, best=True)
        return np.clip(score, 0.0, 1.0).astype(np.float32)

    def top(
        self,
        origins: Iterable[int],
        extra_skills: Iterable[int] = (),
        top: int = 20,
        green: bool = False,
        digital: bool = False,
    ) -> list[Transition]:
        """Best destinations for a profile, the origin occupations themselves excluded."""
        origins = np.asarray(list(origins), dtype=np.intp)
        extra = np.asarray(list(extra_skills), dtype=np.intp)
        hold = self.profile_hold(origins, extra)
        credit = self._credit(hold)
        score = self._scores(origins, credit)
        allowed = np.ones(len(score), dtype=bool)
        allowed[origins] = False
        if green:
            allowed &= self.green
        if digital:
            allowed &= self.digital
        cand = np.flatnonzero(allowed)
        k = min(top, len(cand))
        if k == 0:
            return []
        best = cand[np.argpartition(-score[cand], k - 1)[:k]]
        best = best[np.lexsort((best, -score[best]))]  # score desc, index asc on ties
        dense = (hold.toarray().ravel(), credit.toarray().ravel())
        return [self._explain(int(d), float(score[d]), *dense) for d in best]

    def explain(
        self, origins: Iterable[int], dest: int, extra_skills: Iterable[int] = ()
    ) -> Transition:
        """The transition from a profile to one chosen destination (for a side-by-side view)."""
        origins = np.asarray(list(origins), dtype=np.intp)
        hold = self.profile_hold(origins, extra_skills)
        credit = self._credit(hold)
        score = float(self._scores(origins, credit)[dest])
        return self._explain(dest, score, hold.toarray().ravel(), credit.toarray().ravel())

    def _explain(self, d: int, score: float, hold: FloatArray, credit: FloatArray) -> Transition:
        ess = self._essential.indices[self._essential.indptr[d] : self._essential.indptr[d + 1]]
        opt = self._optional.indices[self._optional.indptr[d] : self._optional.indptr[d + 1]]
        held = np.concatenate([ess, opt])
        carried = np.sort(held[hold[held] > 0])  # held as essential, optional or extra skill
        gamma = self.params.near_miss_credit
        gaps = ess[hold[ess] == 0]
        near = credit[gaps] > 0  # a skill of the same family is held
        weight = self.idf[gaps] * (1.0 - credit[gaps])
        order = np.lexsort((gaps, -weight))
        missing = tuple(
            SkillGap(int(gaps[i]), float(weight[i]), bool(self.knowledge[gaps[i]]), bool(near[i]))
            for i in order
        )
        p = self.params
        per_item = np.where(self.knowledge[gaps], p.weeks_knowledge, p.weeks_skill)
        weeks = float(np.sum(per_item * np.where(near, 1.0 - gamma, 1.0)))
        w = self._weights.data[self._weights.indptr[d] : self._weights.indptr[d + 1]]
        cols = self._weights.indices[self._weights.indptr[d] : self._weights.indptr[d + 1]]
        coverage = float(w @ credit[cols] / max(float(self._wsum[d]), 1e-9))
        return Transition(
            dest=d,
            score=score,
            band=self.band(score),
            green=bool(self.green[d]),
            digital=bool(self.digital[d]),
            carried_over=tuple(int(x) for x in carried),
            missing=missing,
            effort_weeks=round(weeks, 1),
            coverage=coverage,
        )

    def top_table(self, top: int = 20) -> list[tuple[int, int, int, float]]:
        """(origin, destination, rank from 1, score) for the top-N of every occupation."""
        m = self._matrix.copy()
        np.fill_diagonal(m, -1.0)
        k = min(top, m.shape[1] - 1)
        rows: list[tuple[int, int, int, float]] = []
        if k <= 0:
            return rows
        part = np.argpartition(-m, k - 1, axis=1)[:, :k]
        for o in range(m.shape[0]):
            dests = part[o][np.lexsort((part[o], -m[o, part[o]]))]
            rows.extend((o, int(d), r + 1, float(m[o, d])) for r, d in enumerate(dests))
        return rows

    # ---------------------------------------------------------------- cache

    def save(self, path: str | Path) -> None:
        """Write everything needed to answer queries to one .npz file (no pickles)."""
        arrays: dict[str, Any] = {
            "params": np.array(json.dumps(asdict(self.params))),
            "occupation_uris": np.array(self.occupation_uris),
            "skill_uris": np.array(self.skill_uris),
            "isco": self._isco,
            "knowledge": self.knowledge,
            "green": self.green,
            "digital": self.digital,
            "cover_t": self._cover_t,
        }
        if self.meaning is not None and self._anchors is not None:
            arrays["meaning_model"] = np.array(self.meaning.model)
            arrays["meaning_description"] = self.meaning.description
            arrays["meaning_labels"] = self.meaning.labels
            arrays["meaning_anchors"] = self._anchors
        for name in ("essential", "optional", "family"):
            m = getattr(self, f"_{name}")
            arrays.update({f"{name}_{k}": getattr(m, k) for k in ("data", "indices", "indptr")})
            arrays[f"{name}_shape"] = np.array(m.shape)
        with Path(path).open("wb") as fh:
            np.savez(fh, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> TransitionEngine:
        with np.load(path, allow_pickle=False) as z:

            def csr(name: str) -> sp.csr_matrix:
                parts = (z[f"{name}_data"], z[f"{name}_indices"], z[f"{name}_indptr"])
                return sp.csr_matrix(parts, shape=tuple(z[f"{name}_shape"]))

            meaning, anchors = None, None
            if "meaning_model" in z.files:
                meaning = MeaningVectors(
                    str(z["meaning_model"]), z["meaning_description"], z["meaning_labels"]
                )
                anchors = z["meaning_anchors"]
            return cls(
                params=EngineParams(**json.loads(str(z["params"]))),
                occupation_uris=[str(u) for u in z["occupation_uris"]],
                skill_uris=[str(u) for u in z["skill_uris"]],
                essential=csr("essential"),
                optional=csr("optional"),
                family=csr("family"),
                isco=z["isco"],
                knowledge=z["knowledge"],
                green=z["green"],
                digital=z["digital"],
                cover_t=z["cover_t"],
                meaning=meaning,
                anchors=anchors,
            )


__all__ = [
    "BANDS",
    "EngineParams",
    "MeaningVectors",
    "SkillGap",
    "TaxonomyArrays",
    "Transition",
    "TransitionEngine",
]
