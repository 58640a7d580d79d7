"""Two-sided skills-based matching of people and vacancies. Pure: numpy/scipy in, dataclasses out.

The inputs hold skills, hours and place only: there is no gender, age, nationality or name in
:class:`People` or :class:`Vacancies`, by construction, so no score can use them.

Score of person ``p`` for vacancy ``v`` (a number in [0, 1])::

    credit[p, s] = 1 if p holds s, else near_miss_credit if p holds a skill of s's family, else 0
    essential    = sum_s idf[s] E[v, s] credit[p, s] / sum_s idf[s] E[v, s]
    optional     = the same over the optional skills (= essential when v lists none)
    skill        = (w_essential * essential + w_optional * optional) / (w_essential + w_optional)
    score        = skill * (1 - w_hours (1 - hours_fit)) * (1 - w_place (1 - place_fit))

Learn-work vacancies name a training; the skills it teaches (``Vacancies.learnable``) count as
*to be learned*: on those the training closes ``learn_share`` of the gap,
``credit' = credit + learn_share * (1 - credit)`` (none 0.5, near miss 0.75, held 1 with the
default 0.5). That is affine in the credit, so a vacancy's skill fit stays one sparse row times
the person's credit plus a constant per vacancy (``offset``): its learnable weights are scaled by
``1 - learn_share`` and ``learn_share`` times those weights become the offset. Hours and place
still only scale the skill fit down, so every bound below (and in national.py) holds with the
offset added.

Hours and place scale the skill fit instead of adding to it, so a good place never lifts a
person without the skills, and a poor fit on hours or place lowers a match without vetoing it.

Near misses and a training build on what the person brings; they do not replace it: where the
person holds none of a vacancy's skills (essential or optional), its skill fit is 0. Without
that rule, a person with two skills saw learn-work vacancies whose training teaches half of
their skills (skill fit 0.5 x half, nothing held) above vacancies where they held some skills.
The rule only lowers scores, so every upper bound below (and in national.py) still holds.

``hours_fit``: the vacancy accepts ``[hours_min, hours_max]``, or down to ``part_time_hours``
when ``part_time_possible``; 1 when the person's wanted range overlaps that, then falling
linearly to 0 over ``hours_scale`` hours of gap. Unknown hours (max <= 0) fit fully.
``place_fit``: where both sides have a municipality, the straight-line distance between the
municipality centroids decides (distance.py: 1 up to ``free_km``, then halving every
``half_km``); otherwise same labour-market region 1, same province ``same_province``, else 0;
unknown (-1) on either side ``place_unknown``.

All persons against all vacancies (:meth:`MatchingEngine.all_top_vacancies`) is exact and fast
because vacancies that share one skill profile (the same essential and optional skills) share
the skill fit: it is computed once per profile, and since hours and place only scale it down,
only the best profiles of each person need their vacancies scored one by one (with a proof of
exactness per person, and a full scan for the rare person where the proof fails).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from banenbrug.matching.distance import distance_fit, haversine_km

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class People:
    """n persons. Rows of ``skills`` are persons, columns the skill index space of ``idf``."""

    skills: sp.csr_matrix  # n x s, 1.0 where the person has the skill
    hours_min: npt.NDArray[Any]  # hours per week wanted; max <= 0 means unknown
    hours_max: npt.NDArray[Any]
    region: npt.NDArray[Any]  # labour-market region 0..34, -1 unknown
    province: npt.NDArray[Any]  # province index, -1 unknown
    lat: npt.NDArray[Any] | None = None  # municipality centroid in degrees, NaN unknown
    lon: npt.NDArray[Any] | None = None

    def __len__(self) -> int:
        return int(self.skills.shape[0])


@dataclass(frozen=True)
class Vacancies:
    """m vacancies."""

    essential: sp.csr_matrix  # m x s
    optional: sp.csr_matrix  # m x s
    hours_min: npt.NDArray[Any]
    hours_max: npt.NDArray[Any]
    part_time_possible: npt.NDArray[np.bool_]
    region: npt.NDArray[Any]
    province: npt.NDArray[Any]
    learnable: sp.csr_matrix | None = None  # m x s: skills the vacancy's training teaches
    lat: npt.NDArray[Any] | None = None  # municipality centroid in degrees, NaN unknown
    lon: npt.NDArray[Any] | None = None

    def __len__(self) -> int:
        return int(self.essential.shape[0])


@dataclass(frozen=True)
class MatchParams:
    essential_weight: float = 0.8  # of the skill fit
    optional_weight: float = 0.2
    near_miss_credit: float = 0.5  # share of a skill's worth for a skill of its family
    hours_weight: float = 0.5  # hours_fit 0 costs half of the score
    place_weight: float = 0.5  # far away (or another province) costs half
    same_province: float = 0.5
    place_unknown: float = 0.5
    part_time_hours: float = 16.0  # a part-time-possible vacancy accepts down to this many hours
    hours_scale: float = 16.0  # hours of gap at which hours_fit reaches 0
    learn_share: float = 0.5  # share of the gap on a skill that the vacancy's training closes
    free_km: float = 10.0  # a distance up to this fits fully ...
    half_km: float = 20.0  # ... and beyond it the place fit halves every this many km


@dataclass(frozen=True)
class Match:
    vacancy: int
    person: int
    score: float
    essential_coverage: float
    hours_fit: float
    place_fit: float
    skill_fit: float = 0.0  # essential and optional together, before hours and place
    distance_km: float = float("nan")  # between the municipalities; NaN where one is unknown


@dataclass(frozen=True)
class Explanation:
    matched: tuple[int, ...]  # the vacancy's skills (essential or optional) the person holds
    missing: tuple[int, ...]  # essential skills not held, nothing of their family either
    near_miss: tuple[int, ...]  # essential skills not held, but a skill of their family is
    hours_fit: float
    place_fit: float
    score: float
    essential_coverage: float = 0.0
    optional_missing: tuple[int, ...] = ()
    to_learn: tuple[int, ...] = ()  # the vacancy's skills not held that its training teaches


def _kernel(engine: MatchingEngine, ess: sp.csr_matrix, opt: sp.csr_matrix,
            learn: sp.csr_matrix | None = None) -> tuple[sp.csr_matrix, sp.csr_matrix, FloatArray]:
    """(skill-fit weights, essential-coverage weights, offset) per row of binary essential and
    optional skills (optional without the essential ones) and learnable skills. Row by row: a
    row's weights do not depend on the other rows, so one vacancy alone gets the same float32
    weights as in a profile table."""
    p = engine.params
    idf = sp.diags(engine.idf)
    we = (ess @ idf).tocsr()
    wo = (opt @ idf).tocsr()
    sum_e = np.asarray(we.sum(axis=1)).ravel()
    sum_o = np.asarray(wo.sum(axis=1)).ravel()
    # A vacancy without optional skills is judged on its essential ones alone.
    has_opt = sum_o > 0
    a = np.where(has_opt, p.essential_weight, 1.0) / np.maximum(sum_e, 1e-12)
    b = np.where(has_opt, p.optional_weight, 0.0) / np.maximum(sum_o, 1e-12)
    norm = np.where(has_opt, p.essential_weight + p.optional_weight, 1.0)
    kernel = sp.csr_matrix((sp.diags(a / norm) @ we + sp.diags(b / norm) @ wo),
                           dtype=np.float32)
    kernel.sort_indices()  # the order of the float32 sums, the same on every path
    essential = sp.csr_matrix(sp.diags(1 / np.maximum(sum_e, 1e-12)) @ we, dtype=np.float32)
    offset = np.zeros(kernel.shape[0], dtype=np.float32)
    if learn is not None and learn.nnz and p.learn_share > 0:
        share = np.float32(p.learn_share)
        taught = sp.csr_matrix(kernel.multiply(_binary(learn)), dtype=np.float32)
        taught.sort_indices()
        offset = (share * np.asarray(taught.sum(axis=1, dtype=np.float64)).ravel()
                  ).astype(np.float32)
        kernel = sp.csr_matrix(kernel - taught * share, dtype=np.float32)
        kernel.sort_indices()
    return kernel, essential, offset


def _learn_rows(vacancies: Vacancies, rows: npt.NDArray[Any] | list[int]) -> sp.csr_matrix | None:
    if vacancies.learnable is None:
        return None
    return _binary(vacancies.learnable[rows])


def ordered_sum(weights: FloatArray, credit: FloatArray) -> FloatArray:
    """sum_j weights[j] * credit[..., j] in float32, term by term in column order: the order of
    scipy's csr @ dense kernel, so every path gives a pair bitwise the same skill fit (and ties
    stay ties)."""
    acc = np.zeros(credit.shape[:-1], dtype=np.float32)
    for j in range(len(weights)):
        acc += weights[j] * credit[..., j]
    return acc


def _binary(m: sp.spmatrix) -> sp.csr_matrix:
    out = sp.csr_matrix(m, dtype=np.float32)
    out.eliminate_zeros()
    out.data[:] = 1.0
    return out


def _row(m: sp.csr_matrix, i: int) -> IntArray:
    return np.asarray(m.indices[m.indptr[i] : m.indptr[i + 1]], dtype=np.int64)


class _Profiles:
    """Vacancies grouped by identical (essential, optional) skill rows; the skill-fit kernel."""

    def __init__(self, engine: MatchingEngine, vacancies: Vacancies) -> None:
        ess = _binary(vacancies.essential)
        opt = _binary(vacancies.optional)
        opt = _binary(opt - opt.multiply(ess))  # essential wins when listed as both
        learn = _learn_rows(vacancies, np.arange(ess.shape[0]))
        keys: dict[bytes, int] = {}
        of_vacancy = np.empty(ess.shape[0], dtype=np.int64)
        first: list[int] = []
        for v in range(ess.shape[0]):
            key = _row(ess, v).tobytes() + b"|" + _row(opt, v).tobytes()
            if learn is not None:
                key += b"|" + _row(learn, v).tobytes()
            u = keys.setdefault(key, len(keys))
            if u == len(first):
                first.append(v)
            of_vacancy[v] = u
        self.of_vacancy = of_vacancy
        order = np.argsort(of_vacancy, kind="stable")
        self.members = order  # vacancies sorted by profile
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(of_vacancy,
                                                                 minlength=len(first)))])
        rows = np.asarray(first, dtype=np.int64)
        self.kernel, self.essential, self.offset = _kernel(
            engine, ess[rows], opt[rows], None if learn is None else learn[rows])
        self.requested = _binary(ess[rows] + opt[rows])  # a skill fit needs one of them held

    def __len__(self) -> int:
        return int(self.kernel.shape[0])

    def skill_fit(self, credit: sp.csr_matrix, have: sp.csr_matrix) -> FloatArray:
        """persons x profiles, from the credit and the binary skills held. csr @ dense (C
        order) is the fastest scipy kernel here."""
        dense = np.ascontiguousarray(credit.T.toarray(), dtype=np.float32)
        fit = np.ascontiguousarray((self.kernel @ dense).T, dtype=np.float32)
        held = np.asarray((self.requested @ have.T).toarray().T > 0)
        out: FloatArray = np.where(held, fit + self.offset[None, :], np.float32(0))
        return out


class MatchingEngine:
    """Scores people against vacancies; both directions; built on the transition engine's skill
    space (``idf`` per skill and the skill x skill ``family`` of near misses)."""

    def __init__(self, idf: npt.NDArray[Any], family: sp.csr_matrix | None,
                 params: MatchParams = MatchParams()) -> None:
        self.idf = np.asarray(idf, dtype=np.float32)
        s = len(self.idf)
        self.family = _binary(family) if family is not None else sp.csr_matrix((s, s),
                                                                                 dtype=np.float32)
        self._family_csc = self.family.tocsc()  # column slices for top_candidates
        self.params = params
        self.min_profiles = 32  # profiles scored one by one per person at least (tests: fewer)
        self._profiles: tuple[Vacancies, _Profiles] | None = None
        self._people: tuple[People, sp.csr_matrix, sp.csc_matrix] | None = None

    # ------------------------------------------------------------------ pieces

    def credit(self, skills: sp.csr_matrix) -> sp.csr_matrix:
        """persons x skills: 1 where held, near_miss_credit where a family member is held."""
        have = _binary(skills)
        gamma = self.params.near_miss_credit
        if gamma <= 0 or self.family.nnz == 0:
            return have
        near = _binary(have @ self.family)
        return sp.csr_matrix(have.maximum(near * np.float32(gamma)), dtype=np.float32)

    def hours_fit(self, p_min: npt.NDArray[Any], p_max: npt.NDArray[Any], v_min: npt.NDArray[Any],
                  v_max: npt.NDArray[Any], part_time: npt.NDArray[Any]) -> FloatArray:
        """Elementwise (broadcasting) fit of wanted hours to offered hours, in [0, 1]."""
        p = self.params
        p_min, p_max = np.asarray(p_min, np.float32), np.asarray(p_max, np.float32)
        v_min, v_max = np.asarray(v_min, np.float32), np.asarray(v_max, np.float32)
        accept_min = self.fewest_hours(v_min, part_time)
        gap = np.maximum(accept_min - p_max, 0) + np.maximum(p_min - v_max, 0)
        fit = np.clip(1 - gap / np.float32(p.hours_scale), 0, 1)
        unknown = (p_max <= 0) | (v_max <= 0)
        return np.where(unknown, np.float32(1), fit).astype(np.float32)

    def fewest_hours(self, v_min: npt.NDArray[Any], part_time: npt.NDArray[Any]) -> FloatArray:
        """The fewest hours a vacancy accepts: its minimum, or down to ``part_time_hours``
        where part time is possible."""
        v_min = np.asarray(v_min, np.float32)
        out: FloatArray = np.where(np.asarray(part_time, bool),
                                   np.minimum(v_min, np.float32(self.params.part_time_hours)),
                                   v_min)
        return out

    def place_fit(self, p_region: npt.NDArray[Any], p_province: npt.NDArray[Any],
                  v_region: npt.NDArray[Any], v_province: npt.NDArray[Any],
                  km: npt.NDArray[Any] | None = None) -> FloatArray:
        """Elementwise; ``km`` (NaN where unknown) decides where given, the regions elsewhere."""
        p = self.params
        p_region, v_region = np.asarray(p_region), np.asarray(v_region)
        p_province, v_province = np.asarray(p_province), np.asarray(v_province)
        known = ((p_region >= 0) | (p_province >= 0)) & ((v_region >= 0) | (v_province >= 0))
        same_known = (p_region >= 0) & (p_region == v_region)
        fit = np.where(same_known, np.float32(1),
                       np.where((p_province >= 0) & (p_province == v_province),
                                np.float32(p.same_province), np.float32(0)))
        by_region = np.where(known, fit, np.float32(p.place_unknown)).astype(np.float32)
        if km is None:
            return by_region
        km = np.asarray(km, dtype=np.float64)
        near = distance_fit(np.nan_to_num(km), p.free_km, p.half_km)
        return np.where(np.isnan(km), by_region, near).astype(np.float32)

    def distance_km(self, people: People, persons: IntArray, vacancies: Vacancies,
                    vacs: IntArray) -> npt.NDArray[np.float64] | None:
        """km between aligned persons and vacancies (NaN where one has no municipality); None
        when neither table has coordinates."""
        if people.lat is None or vacancies.lat is None:
            return None
        assert people.lon is not None and vacancies.lon is not None
        return haversine_km(people.lat[persons], people.lon[persons], vacancies.lat[vacs],
                            vacancies.lon[vacs])

    def _factor(self, people: People, persons: IntArray, vacancies: Vacancies,
                vacs: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        """(factor, hours_fit, place_fit) for aligned arrays of persons and vacancies."""
        h = self.hours_fit(people.hours_min[persons], people.hours_max[persons],
                           vacancies.hours_min[vacs], vacancies.hours_max[vacs],
                           vacancies.part_time_possible[vacs])
        g = self.place_fit(people.region[persons], people.province[persons],
                           vacancies.region[vacs], vacancies.province[vacs],
                           self.distance_km(people, persons, vacancies, vacs))
        return (self.hours_term(h) * self.place_term(g)).astype(np.float32), h, g

    def hours_term(self, hours_fit: FloatArray) -> FloatArray:
        """The share of the skill fit that an hours fit keeps; the factor is hours x place."""
        out: FloatArray = 1 - np.float32(self.params.hours_weight) * (1 - hours_fit)
        return out

    def place_term(self, place_fit: FloatArray) -> FloatArray:
        out: FloatArray = 1 - np.float32(self.params.place_weight) * (1 - place_fit)
        return out

    def profiles(self, vacancies: Vacancies) -> _Profiles:
        """Cached for the last Vacancies object seen (frozen dataclass: identity is the key)."""
        if self._profiles is None or self._profiles[0] is not vacancies:
            self._profiles = (vacancies, _Profiles(self, vacancies))
        return self._profiles[1]

    # ------------------------------------------------------------------ person -> vacancies

    def vacancy_scores(self, people: People, person: int, vacancies: Vacancies) -> FloatArray:
        """Score of one person for every vacancy (float32)."""
        prof = self.profiles(vacancies)
        row = people.skills[[person]]
        skill = prof.skill_fit(self.credit(row), _binary(row))[0]
        vacs = np.arange(len(vacancies), dtype=np.int64)
        persons = np.full(len(vacs), person, dtype=np.int64)
        factor = self._factor(people, persons, vacancies, vacs)[0]
        out: FloatArray = (skill[prof.of_vacancy] * factor).astype(np.float32)
        return out

    def top_vacancies(self, people: People, person: int, vacancies: Vacancies, k: int = 20,
                      allowed: npt.NDArray[np.bool_] | None = None) -> list[Match]:
        score = self.vacancy_scores(people, person, vacancies)
        best = _top(score, k, allowed)
        return self._matches(people, np.full(len(best), person), vacancies, best, score[best])

    def all_top_vacancies(self, people: People, vacancies: Vacancies, k: int = 20,
                          block: int = 1024) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """For every person the k best vacancies (n x k indices, n x k float32 scores), best
        first, ties by lower vacancy index; -1 / -inf pad when there are fewer than k."""
        n, m = len(people), len(vacancies)
        k_eff = min(k, m)
        idx = np.full((n, k), -1, dtype=np.int64)
        val = np.full((n, k), -np.inf, dtype=np.float32)
        if n == 0 or k_eff == 0:
            return idx, val
        prof = self.profiles(vacancies)
        # Enough profiles that their vacancies usually hold a proven top k.
        per_profile = max(m / max(len(prof), 1), 1.0)
        n_prof = min(len(prof), max(self.min_profiles, int(8 * k_eff / per_profile)))
        for start in range(0, n, block):
            persons = np.arange(start, min(start + block, n), dtype=np.int64)
            rows = people.skills[persons]
            skill = prof.skill_fit(self.credit(rows), _binary(rows))
            bi, bv = self._block_top(people, persons, vacancies, prof, skill, k_eff, n_prof)
            idx[persons, :k_eff], val[persons, :k_eff] = bi, bv
        return idx, val

    def _block_top(self, people: People, persons: IntArray, vacancies: Vacancies,
                   prof: _Profiles, skill: FloatArray, k: int,
                   n_prof: int) -> tuple[npt.NDArray[np.int64], FloatArray]:
        b, u = skill.shape
        if n_prof < u:
            top = np.argpartition(-skill, n_prof - 1, axis=1)[:, :n_prof]
            rest = skill.copy()
            np.put_along_axis(rest, top, -np.inf, axis=1)
            bound = rest.max(axis=1)  # best skill fit left out: no vacancy of it can do better
        else:
            top = np.broadcast_to(np.arange(u), (b, u))
            bound = np.full(b, -np.inf, dtype=np.float32)
        # Expand the chosen profiles into their vacancies, flat, person by person.
        starts = prof.indptr[top].ravel()
        lens = (prof.indptr[top + 1] - prof.indptr[top]).ravel()
        total = int(lens.sum())
        owner = np.repeat(np.arange(b), lens.reshape(b, -1).sum(axis=1))
        offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
        vacs = prof.members[np.arange(total) + offsets]
        factor = self._factor(people, persons[owner], vacancies, vacs)[0]
        score = skill[owner, prof.of_vacancy[vacs]] * factor
        # Per person top k: pad the flat candidates into a (b x width) table.
        counts = np.bincount(owner, minlength=b)
        width = max(int(np.max(counts)), k)
        col = np.arange(total) - np.repeat(np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        table = np.full((b, width), -np.inf, dtype=np.float32)
        ids = np.full((b, width), np.iinfo(np.int64).max, dtype=np.int64)
        table[owner, col], ids[owner, col] = score, vacs
        out_i, out_v = _table_top(table, ids, k)
        # Exact unless a left-out profile could still reach the k-th score: rescan those.
        every = np.arange(len(vacancies), dtype=np.int64)
        for r in np.flatnonzero(out_v[:, -1] <= bound):
            factor_r = self._factor(people, np.full(len(every), persons[r]), vacancies, every)[0]
            full = (skill[r][prof.of_vacancy] * factor_r).astype(np.float32)
            best = _top(full, k, None)
            out_i[r], out_v[r] = best, full[best]
        return out_i, out_v

    # ------------------------------------------------------------------ vacancy -> persons

    def candidate_scores(self, vacancies: Vacancies, vacancy: int, people: People) -> FloatArray:
        """Score of every person for one vacancy (float32), the same numbers as
        :meth:`vacancy_scores` gives the other way round."""
        p = self.params
        ess = _binary(vacancies.essential[[vacancy]])
        opt = _binary(vacancies.optional[[vacancy]])
        kernel, _, offset = _kernel(self, ess, _binary(opt - opt.multiply(ess)),
                                    _learn_rows(vacancies, [vacancy]))
        kernel = kernel[0]
        cols = kernel.indices.astype(np.int64)
        # Credit on the vacancy's own columns only: cheap for any number of persons.
        have, have_csc = self._people_matrices(people)
        credit = have_csc[:, cols].toarray()
        if p.near_miss_credit > 0 and self.family.nnz:
            near = (have @ self._family_csc[:, cols]).toarray() > 0
            credit = np.maximum(credit, near * np.float32(p.near_miss_credit))
        skill = ordered_sum(kernel.data, credit.astype(np.float32)) + offset[0]
        requested = np.union1d(_row(ess, 0), _row(opt, 0))
        skill = np.where(np.asarray(have_csc[:, requested].sum(axis=1)).ravel() > 0, skill,
                         np.float32(0))
        n = len(people)
        factor = self._factor(people, np.arange(n, dtype=np.int64), vacancies,
                              np.full(n, vacancy, dtype=np.int64))[0]
        out: FloatArray = (skill * factor).astype(np.float32)
        return out

    def _people_matrices(self, people: People) -> tuple[sp.csr_matrix, sp.csc_matrix]:
        """Binary skills as csr and csc, cached for the last People object seen."""
        if self._people is None or self._people[0] is not people:
            have = _binary(people.skills)
            self._people = (people, have, have.tocsc())
        return self._people[1], self._people[2]

    def top_candidates(self, vacancies: Vacancies, vacancy: int, people: People, k: int = 20,
                       allowed: npt.NDArray[np.bool_] | None = None) -> list[Match]:
        """Best persons for a vacancy; ``allowed`` = persons who consented to be found."""
        score = self.candidate_scores(vacancies, vacancy, people)
        best = _top(score, k, allowed)
        return self._matches(people, best, vacancies, np.full(len(best), vacancy), score[best])

    # ------------------------------------------------------------------ explanation

    def _matches(self, people: People, persons: npt.NDArray[Any], vacancies: Vacancies,
                 vacs: npt.NDArray[Any], scores: FloatArray) -> list[Match]:
        if len(persons) == 0:
            return []
        persons = np.asarray(persons, dtype=np.int64)
        vacs = np.asarray(vacs, dtype=np.int64)
        # One credit row per distinct person (one for top_vacancies, k for top_candidates).
        uniq, which = np.unique(persons, return_inverse=True)
        credit = self.credit(people.skills[uniq]).toarray()
        _, hours, place = self._factor(people, persons, vacancies, vacs)
        km = self.distance_km(people, persons, vacancies, vacs)
        out: list[Match] = []
        for i, (p, v, sc) in enumerate(zip(persons, vacs, scores, strict=True)):
            ess, opt = _vacancy_skills(vacancies, int(v))
            cov_e, skill = self._coverage(ess, opt, credit[which[i]],
                                          _learnable(vacancies, int(v)))
            out.append(Match(vacancy=int(v), person=int(p), score=float(sc),
                             essential_coverage=cov_e, hours_fit=float(hours[i]),
                             place_fit=float(place[i]), skill_fit=skill,
                             distance_km=float("nan") if km is None else float(km[i])))
        return out

    def _coverage(self, ess: IntArray, opt: IntArray, credit: npt.NDArray[Any],
                  learnable: IntArray) -> tuple[float, float]:
        """(essential coverage, skill fit) of one credit row for one vacancy. The coverage is
        what the person brings (held and near misses); the skill fit adds what the vacancy's
        training teaches."""
        p = self.params
        learned = np.asarray(credit, dtype=np.float64).copy()
        learned[learnable] += p.learn_share * (1 - learned[learnable])
        w_e, w_o = self.idf[ess], self.idf[opt]
        cov_e = float(w_e @ credit[ess] / w_e.sum()) if w_e.sum() > 0 else 0.0
        if not (np.asarray(credit)[np.concatenate([ess, opt])] >= 1).any():
            return cov_e, 0.0  # nothing requested is held (credit 1 means held)
        fit_e = float(w_e @ learned[ess] / w_e.sum()) if w_e.sum() > 0 else 0.0
        if w_o.sum() <= 0:
            return cov_e, fit_e
        fit_o = float(w_o @ learned[opt] / w_o.sum())
        a, b = p.essential_weight, p.optional_weight
        return cov_e, (a * fit_e + b * fit_o) / (a + b)

    def explain(self, people: People, person: int, vacancies: Vacancies,
                vacancy: int) -> Explanation:
        """Why this person and this vacancy match as they do; ``score`` as the rankings give."""
        have_row = _binary(people.skills[[person]])
        credit = self.credit(have_row).toarray().ravel()
        have = have_row.toarray().ravel() > 0
        ess, opt = _vacancy_skills(vacancies, vacancy)
        learnable = _learnable(vacancies, vacancy)
        cov_e, skill = self._coverage(ess, opt, credit, learnable)
        factor, h, g = self._factor(people, np.array([person]), vacancies, np.array([vacancy]))
        required = np.concatenate([ess, opt])
        taught = np.zeros(len(have), dtype=bool)
        taught[learnable] = True
        open_ess = ~have[ess] & ~taught[ess]
        return Explanation(
            matched=tuple(int(s) for s in np.sort(required[have[required]])),
            missing=tuple(int(s) for s in ess[open_ess & (credit[ess] == 0)]),
            near_miss=tuple(int(s) for s in ess[open_ess & (credit[ess] > 0)]),
            to_learn=tuple(int(s) for s in np.sort(required[~have[required]
                                                            & taught[required]])),
            hours_fit=float(h[0]),
            place_fit=float(g[0]),
            score=float(np.float32(skill) * factor[0]),
            essential_coverage=cov_e,
            optional_missing=tuple(int(s) for s in opt[~have[opt] & ~taught[opt]]),
        )


def _vacancy_skills(vacancies: Vacancies, v: int) -> tuple[IntArray, IntArray]:
    """(essential, optional) skill indices of one vacancy; essential wins when in both."""
    ess = np.unique(_row(vacancies.essential, v)[_data(vacancies.essential, v) != 0])
    opt = np.unique(_row(vacancies.optional, v)[_data(vacancies.optional, v) != 0])
    return ess, np.setdiff1d(opt, ess)


def _learnable(vacancies: Vacancies, v: int) -> IntArray:
    """The skills vacancy v's training teaches (empty for a vacancy without one)."""
    if vacancies.learnable is None:
        return np.empty(0, dtype=np.int64)
    return np.unique(_row(vacancies.learnable, v)[_data(vacancies.learnable, v) != 0])


def _data(m: sp.csr_matrix, i: int) -> npt.NDArray[Any]:
    return np.asarray(m.data[m.indptr[i] : m.indptr[i + 1]])


def _top(score: FloatArray, k: int, allowed: npt.NDArray[np.bool_] | None) -> IntArray:
    """Indices of the k best scores, best first, ties by lower index."""
    cand = np.arange(len(score)) if allowed is None else np.flatnonzero(allowed)
    k = min(k, len(cand))
    if k == 0:
        return np.empty(0, dtype=np.int64)
    if k < len(cand):
        # Widen the partition to every index tied with the k-th so tie-breaking is by index.
        kth = np.partition(-score[cand], k - 1)[k - 1]
        cand = cand[-score[cand] <= kth]
    best = cand[np.lexsort((cand, -score[cand]))][:k]
    return best.astype(np.int64)


def _table_top(table: FloatArray, ids: npt.NDArray[np.int64],
               k: int) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Row-wise k best of a padded table, best first, ties by lower id (as :func:`_top`)."""
    b, width = table.shape
    if k < width:
        part = np.argpartition(-table, k - 1, axis=1)
        kth = np.take_along_axis(table, part[:, k - 1 : k], axis=1)
        # Rows with ties around the k-th need a full sort; others only their first k.
        ties = (table == kth).sum(axis=1) > 1
        keep = part[:, :k].copy()
        if ties.any():
            rows = np.flatnonzero(ties)
            order = np.lexsort((ids[rows], -table[rows]), axis=1)
            keep[rows] = order[:, :k]
    else:
        keep = np.broadcast_to(np.arange(width), (b, width)).copy()
    tv = np.take_along_axis(table, keep, axis=1)
    ti = np.take_along_axis(ids, keep, axis=1)
    order = np.lexsort((ti, -tv), axis=1)
    out_v = np.take_along_axis(tv, order, axis=1)[:, :k]
    out_i = np.take_along_axis(ti, order, axis=1)[:, :k]
    out_i = np.where(np.isfinite(out_v), out_i, -1)
    return out_i.astype(np.int64), out_v.astype(np.float32)


__all__ = ["Explanation", "Match", "MatchParams", "MatchingEngine", "People", "Vacancies"]
