"""Jobcarving: split a hard-to-fill vacancy into a carved role that many local job seekers can
do and the core role that keeps the rare skills. Pure: numpy/scipy in, dataclasses out.

Within reach is matching's own score (``matching/engine.py``) of a role that asks for a set
``S`` of the vacancy's essential skills, with the vacancy's hours and place::

    score(p, S) = sum_{s in S} idf[s] credit[p, s] / sum_{s in S} idf[s] * factor(p)

``credit`` is matching's (1 held, ``near_miss_credit`` for a skill of its ESCO family), raised
to ``learn_credit`` where a short catalogue module teaches the skill; ``factor`` is matching's
scaling by hours and place. A person is within reach when ``score >= reach`` and the person
lives in the vacancy's labour-market region or province (matching's ``place_fit > 0``; matching
itself ranks and has no cut-off, so the one number here is ``CarvingParams.reach``).

A carved role is a set of at least ``min_skills`` essential skills (and ``min_share`` of them)
that is *coherent*: connected in the graph ``together`` (two skills belong together when they
are family in ESCO's hierarchy or both essential in enough occupations), and it never takes a
skill that no local job seeker holds: the core keeps those. Among such sets the search grows
each seed skill greedily (add the neighbour that keeps most people within reach) and keeps the
set with most people within reach, larger sets first on ties. A carved role is only proposed
when it reaches more people than the whole vacancy, so it never reaches fewer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from banenbrug.matching.engine import MatchingEngine, People, Vacancies

FloatArray = npt.NDArray[np.float32]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


class CarvingInputError(ValueError):
    """A vacancy that cannot be carved (no essential skills)."""


@dataclass(frozen=True)
class CarvingParams:
    reach: float = 0.5  # matching score at which a person is within reach of a role (the
    # transitions' "dichtbij" band starts at the same 0.5)
    learn_credit: float = 0.25  # for a skill a short module teaches: alone it never reaches
    min_skills: int = 3  # a carved role asks for at least this many skills ...
    min_share: float = 0.2  # ... and at least this share of the vacancy's essential skills
    seeds: int = 12  # greedy growths, from the skills most local job seekers hold


@dataclass(frozen=True)
class Role:
    skills: tuple[int, ...]  # positions in the vacancy's essential skill list, ascending
    candidates: int  # local job seekers within reach (skills learnable in a short module count)
    ready_now: int  # of them, within reach without any module


@dataclass(frozen=True)
class Carving:
    essential: tuple[int, ...]  # the vacancy's essential skills (skill-space indices), ascending
    holders: tuple[int, ...]  # per essential skill: local job seekers who hold it
    local: int  # job seekers in the vacancy's region or province
    original: Role
    carved: tuple[Role, ...]
    remaining: Role
    rare: tuple[int, ...]  # positions no local job seeker holds: kept in the core


def belongs_together(family: BoolArray, cooccur: npt.NDArray[np.int64],
                     min_cooccur: int = 2) -> BoolArray:
    """n x n: family in ESCO's hierarchy, or essential together in ``min_cooccur`` occupations."""
    out = np.asarray(family, dtype=bool) | (np.asarray(cooccur) >= min_cooccur)
    out = out | out.T
    np.fill_diagonal(out, False)
    return out


class _Population:
    """Local job seekers over the vacancy's essential skills, identical rows merged."""

    def __init__(self, credit: FloatArray, ready: FloatArray, threshold: FloatArray,
                 held: BoolArray, weights: FloatArray) -> None:
        self.holders = held.sum(axis=0).astype(np.int64)
        self.size = int(credit.shape[0])
        # A role's coverage is a weighted mean of credits: whoever's best credit is below their
        # threshold reaches no role at all, and is left out of the search (counted as local).
        best = np.where(weights[None, :] > 0, credit, 0).max(axis=1, initial=0)
        keep = best >= threshold - 1e-6
        table = np.ascontiguousarray(np.column_stack([credit[keep], ready[keep],
                                                      threshold[keep]]), dtype=np.float32)
        n = credit.shape[1]
        # rows as opaque byte strings: np.unique over them is far faster than with axis=0
        keys = table.view(np.dtype((np.void, table.dtype.itemsize * table.shape[1]))).ravel()
        _keys, first, counts = np.unique(keys, return_index=True, return_counts=True)
        rows = table[first]
        self.credit = np.ascontiguousarray(rows[:, :n])
        self.ready = np.ascontiguousarray(rows[:, n : 2 * n])
        self.threshold = rows[:, 2 * n]
        self.count = counts.astype(np.int64)
        self.weights = weights
        # per row and skill: what adding the skill does to (numerator - threshold x weight)
        self.margin = np.ascontiguousarray((self.credit - self.threshold[:, None])
                                           * weights[None, :])

    def reached(self, skills: IntArray, credit: FloatArray | None = None) -> int:
        c = self.credit if credit is None else credit
        w = self.weights[skills]
        total = float(w.sum())
        if total <= 0:
            return 0
        coverage = c[:, skills] @ w / np.float32(total)
        return int(self.count[coverage >= self.threshold - 1e-6].sum())

    def role(self, skills: IntArray) -> Role:
        skills = np.sort(skills)
        return Role(tuple(int(s) for s in skills), self.reached(skills),
                    self.reached(skills, self.ready))

    def gains(self, base: FloatArray, total: float, options: IntArray) -> npt.NDArray[np.int64]:
        """People within reach after adding each option to a set (numerator ``base``):
        base + c w >= t (total + w)  <=>  (c - t) w >= t total - base."""
        den = np.float32(total) + self.weights[options]
        need = self.threshold * np.float32(total) - base
        ok = self.margin[:, options] + np.float32(1e-6) * den[None, :] >= need[:, None]
        ok &= (den > 0)[None, :]
        return np.asarray(self.count @ ok, dtype=np.int64)


def _local_people(matching: MatchingEngine, vacancies: Vacancies, vacancy: int, people: People,
                  cols: IntArray, learnable: BoolArray,
                  params: CarvingParams) -> _Population:
    mp = matching.params
    g = matching.place_fit(people.region, people.province, vacancies.region[vacancy],
                           vacancies.province[vacancy])
    local = np.flatnonzero(g > 0)
    h = matching.hours_fit(people.hours_min[local], people.hours_max[local],
                           vacancies.hours_min[vacancy], vacancies.hours_max[vacancy],
                           vacancies.part_time_possible[vacancy])
    # matching's scaling of the skill fit by hours and place
    factor = (1 - np.float32(mp.hours_weight) * (1 - h)) * (1 - np.float32(mp.place_weight)
                                                            * (1 - g[local]))
    rows = sp.csr_matrix(people.skills[local], dtype=np.float32)
    held = rows[:, cols].toarray() > 0
    ready = held.astype(np.float32)
    if mp.near_miss_credit > 0 and matching.family.nnz:
        # the family matrix is symmetric: its rows are cheap to slice, its columns are not
        near = (rows @ matching.family[cols].T).toarray() > 0
        ready = np.maximum(ready, near * np.float32(mp.near_miss_credit))
    credit = np.maximum(ready, learnable[None, :] * np.float32(params.learn_credit))
    threshold = np.where(factor > 0, np.float32(params.reach) / np.maximum(factor, 1e-6),
                         np.float32(np.inf)).astype(np.float32)
    return _Population(credit.astype(np.float32), ready.astype(np.float32), threshold, held,
                       matching.idf[cols].astype(np.float32))


def _grow(pop: _Population, seed: int, pool: BoolArray, together: BoolArray, max_size: int,
          min_size: int, floor: int,
          seen: set[frozenset[int]]) -> tuple[int, int, tuple[int, ...]] | None:
    """Greedy growth of one seed inside ``pool``: the best set of at least ``min_size`` skills
    that reaches at least ``floor`` people. The next step depends on the current set alone, so
    a set another seed's growth already passed through ends this one (``seen``)."""
    chosen = [seed]
    inside = np.zeros(len(pool), dtype=bool)
    inside[seed] = True
    base = pop.credit[:, seed] * pop.weights[seed]
    total = float(pop.weights[seed])
    best: tuple[int, int, tuple[int, ...]] | None = None
    if min_size <= 1:
        best = (pop.reached(np.array(chosen)), 1, (seed,))
        if best[0] < floor:
            return None
    while len(chosen) < max_size:
        options = np.flatnonzero(pool & ~inside & together[inside].any(axis=0))
        if len(options) == 0:
            break
        reached = pop.gains(base, total, options)
        # most people within reach; then the skill most local people hold; then lowest index
        pick = int(options[np.lexsort((options, -pop.holders[options], -reached))[0]])
        chosen.append(pick)
        if frozenset(chosen) in seen:
            break
        seen.add(frozenset(chosen))
        inside[pick] = True
        base = base + pop.credit[:, pick] * pop.weights[pick]
        total += float(pop.weights[pick])
        count = int(reached[options == pick][0])
        if count < floor:
            break  # larger sets rarely win back what they lost, and this one cannot be chosen
        if len(chosen) >= min_size:
            found = (count, len(chosen), tuple(sorted(chosen)))
            if best is None or found[:2] > best[:2]:
                best = found
    return best


def carve(matching: MatchingEngine, vacancies: Vacancies, vacancy: int, people: People,
          together: BoolArray, learnable: BoolArray | None = None, max_carved: int = 1,
          params: CarvingParams = CarvingParams()) -> Carving:
    """The split of one vacancy's essential skills. ``together`` and ``learnable`` are over the
    vacancy's essential skills in ascending skill-index order (``Carving.essential``)."""
    row = vacancies.essential[vacancy]
    cols = np.unique(row.indices[row.data != 0]).astype(np.int64)
    n = len(cols)
    if n == 0:
        raise CarvingInputError("the vacancy has no essential skills")
    if together.shape != (n, n):
        raise ValueError(f"together must be {n} x {n}, not {together.shape}")
    learn = np.zeros(n, dtype=bool) if learnable is None else np.asarray(learnable, dtype=bool)
    pop = _local_people(matching, vacancies, vacancy, people, cols, learn, params)
    everything = np.arange(n, dtype=np.int64)
    original = pop.role(everything)
    rare = pop.holders == 0
    min_size = max(params.min_skills, math.ceil(params.min_share * n))
    carved: list[Role] = []
    pool = ~rare
    for _ in range(max(max_carved, 0)):
        # the core keeps at least one skill
        max_size = int(pool.sum()) - (0 if rare.any() else 1)
        if max_size < min_size:
            break
        seeds = np.flatnonzero(pool)
        seeds = seeds[np.lexsort((seeds, -pop.holders[seeds]))][: params.seeds]
        best: tuple[int, int, tuple[int, ...]] | None = None
        seen: set[frozenset[int]] = set()
        for seed in seeds:
            found = _grow(pop, int(seed), pool, together, max_size, min_size,
                          original.candidates + 1, seen)
            if found is not None and (best is None or found[:2] > best[:2]):
                best = found
        if best is None or best[0] <= original.candidates:
            break
        role = pop.role(np.array(best[2], dtype=np.int64))
        if role.candidates <= original.candidates:
            # the growth step counts incrementally in float32; the role's own count decides
            break
        carved.append(role)
        pool = pool.copy()
        pool[list(role.skills)] = False
    taken = {s for role in carved for s in role.skills}
    remaining = pop.role(np.array([s for s in range(n) if s not in taken], dtype=np.int64))
    return Carving(essential=tuple(int(c) for c in cols),
                   holders=tuple(int(h) for h in pop.holders), local=pop.size,
                   original=original, carved=tuple(carved), remaining=remaining,
                   rare=tuple(int(s) for s in np.flatnonzero(rare)))


__all__ = ["Carving", "CarvingInputError", "CarvingParams", "Role", "belongs_together", "carve"]
