"""National batch matching: every person's k best vacancies and every vacancy's k best
candidates, exactly as :class:`MatchingEngine` ranks them, for 100,000 x 100,000 distinct rows.

Scoring every pair (10^10 of them, each a sum over a vacancy's ~30 skills) is out of reach, so
rows are put in groups (by ESCO occupation where the caller knows it; any grouping is exact, a
good one is fast). A group's *envelope* bounds the skill fit of every member from above, and
since hours and place only scale the skill fit down, it bounds the score:

- vacancy groups: per skill the largest weight over the members, split into the core (skills
  at least half of the members list) and the rest, whose contribution is also capped by the
  largest weight any one member puts outside the core;
- person groups: per skill the largest credit over the members.

A skill fit is 0 where the person holds none of the vacancy's skills (engine.py); that only
lowers scores, so the bounds below ignore it and the exact tiles apply it.

A learn-work vacancy's skill fit carries a constant ``offset`` (engine.py: the share of the
gap its training closes); a vacancy group's bound adds the largest offset of its members, a
single vacancy's bound its own offset, so the bounds stay upper bounds.

Hours and place scale the skill fit down, and a group knows its members' hours and places: per
group and per hours (place) of the other side the largest hours (place) term of a member. The
*group bound* is the envelope times those largest terms; a member's *member bound* is the
envelope times the pair's own factor (a lookup), which is far tighter where places differ.

Rows of one label are done together, those of one place next to each other: one sparse x dense
product bounds every group for all of them. Each row's k-th score so far is a floor on its final
k-th, raised by three dense tiles of exact scores: every member of the rows' own group (the same
label) and of their best groups; of the groups whose bound still reaches a row's floor, each
row's members with the best member bounds; then every member whose bound reaches a floor. A
member left out has a group bound or a member bound below its row's floor: exact by
construction. A row that needs far more members than the rest of its block gets a tile of its
own.

Bounds are compared with a relative slack of 1e-4, far above float32 rounding over a few
hundred terms, so rounding can only add work, never drop a match. Exact scores are the
engine's own csr @ dense float32 sums in column order (see :func:`engine.ordered_sum`), so they
are bitwise the engine's numbers; ties go to the lower row, as in the engine.
Pure: numpy/scipy only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from banenbrug.matching.distance import haversine_km
from banenbrug.matching.engine import (
    FloatArray,
    IntArray,
    MatchingEngine,
    People,
    Vacancies,
    _table_top,
)

FIRST_MEMBERS = 8  # times k: members per row at least in its best groups, scored first
SECOND_MEMBERS = 4  # times k: members per row with the best member bounds, scored second
ALONE_FACTOR, ALONE_MIN = 4, 256  # a row needing more than this x the block's median goes alone
SLACK = np.float32(1 + 1e-4)  # bounds meet scores with room for float32 rounding: never wrong
CREDIT = np.array([0.0, 0.5, 1.0], dtype=np.float32)  # credit codes: 0 none, 1 near, 2 held
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _Groups:
    """Rows sorted by group: members[indptr[g]:indptr[g + 1]] are group g's rows."""

    members: IntArray
    indptr: IntArray
    labels: npt.NDArray[Any]  # group g's label, ascending

    @classmethod
    def of(cls, labels: npt.NDArray[Any], rows: IntArray) -> _Groups:
        found, group = np.unique(np.asarray(labels)[rows], return_inverse=True)
        order = np.argsort(group, kind="stable")
        sizes = np.bincount(group, minlength=len(found))
        return cls(rows[order], np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
                   found)

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def members_of(self, chosen: npt.NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
        """The rows of the chosen groups and the group of each, in group order (the order of
        the credit rows: a tile reads them front to back)."""
        sizes = np.diff(self.indptr)
        mask = np.repeat(chosen, sizes)
        return self.members[mask], np.repeat(np.arange(len(self)), sizes)[mask]

    def labelled(self, labels: npt.NDArray[Any]) -> IntArray:
        """Per label the group that carries it, -1 where none does."""
        at = np.minimum(np.searchsorted(self.labels, labels), len(self) - 1)
        out: IntArray = np.where(self.labels[at] == labels, at, -1)
        return out


class NationalMatcher:
    """Both directions over one people table and one vacancy table.

    ``person_groups`` / ``vacancy_groups``: a label per row (e.g. the ESCO occupation); rows
    without one may carry any label, for instance their own index. ``open`` vacancies are the
    only ones recommended, ``consent`` persons the only candidates (None: all)."""

    def __init__(self, engine: MatchingEngine, people: People, vacancies: Vacancies,
                 person_groups: npt.NDArray[Any], vacancy_groups: npt.NDArray[Any],
                 open: npt.NDArray[np.bool_] | None = None,
                 consent: npt.NDArray[np.bool_] | None = None, block: int = 16) -> None:
        self.engine, self.people, self.vacancies, self.block = engine, people, vacancies, block
        prof = engine.profiles(vacancies)
        self.kernel: sp.csr_matrix = prof.kernel
        self.offset: FloatArray = prof.offset
        self.requested: sp.csr_matrix = prof.requested
        self.kernel_row = prof.of_vacancy
        n, m = len(people), len(vacancies)
        self.by_group = np.argsort(np.asarray(person_groups), kind="stable")
        self.at = np.empty(n, dtype=np.int64)
        self.at[self.by_group] = np.arange(n)
        self._factor_tables()
        vac_rows = np.flatnonzero(np.ones(m, bool) if open is None else open).astype(np.int64)
        per_rows = np.flatnonzero(np.ones(n, bool) if consent is None else consent
                                  ).astype(np.int64)
        self.person_labels = np.asarray(person_groups)
        self.vacancy_labels = np.asarray(vacancy_groups)
        self.vacancy_groups = _Groups.of(vacancy_groups, vac_rows)
        self.person_groups = _Groups.of(person_groups, per_rows)
        self.codes, self.person_envelope_t = self._credit_codes()
        self._block: tuple[bytes, npt.NDArray[np.uint8]] = (b"", self.codes[:, :0])
        self.vacancy_envelope = self._kernel_envelope()
        # The largest hours and place terms of a group's members, per cell of the other side.
        g = self.vacancy_groups
        self.vacancy_factor_max = (_group_max(self.hours_table.T, self.v_hours[g.members], g),
                                   _group_max(self.place_table.T, self.v_place[g.members], g))
        g = self.person_groups
        self.person_factor_max = (_group_max(self.hours_table, self.p_hours[g.members], g),
                                  _group_max(self.place_table, self.p_place[g.members], g))

    # ------------------------------------------------------------------ set-up

    def _credit_codes(self) -> tuple[npt.NDArray[np.uint8], FloatArray]:
        """skills x persons credit as codes 0/1/2 (none/near/held), one byte a cell, persons in
        group order (``self.at[person]``). Skill-major: a tile reads a few skills of many
        persons (candidates) or every skill of a block of one label's persons, who lie side by
        side; both read memory front to back. With it, from the same sparse credit, the
        person groups' envelope: skills x groups (dense), the largest credit of the skill in
        the group."""
        n, s = self.people.skills.shape
        codes = np.zeros((s, n), dtype=np.uint8)
        flat = codes.reshape(-1)
        g = self.person_groups
        group_of = np.full(n, -1, dtype=np.int64)
        group_of[g.members] = np.repeat(np.arange(len(g)), np.diff(g.indptr))
        envelope = np.zeros((s, len(g)), dtype=np.float32)
        for start in range(0, n, 4096):
            rows = self.by_group[start:start + 4096]
            skills = self.people.skills[rows]
            credit = self.engine.credit(skills)
            # Column by column (csc), so that the writes go front to back.
            by_col = credit.tocsc()
            col = np.repeat(np.arange(s, dtype=np.int64), np.diff(by_col.indptr))
            flat[col * n + (start + by_col.indices)] = (by_col.data * 2).astype(np.uint8)
            # Per group in this chunk: any credit, and any held (credit 1), per skill.
            mine = np.flatnonzero(group_of[rows] >= 0)
            member = sp.csr_matrix((np.ones(len(mine), np.float32), (group_of[rows][mine], mine)),
                                   shape=(len(g), len(rows)))
            near = (member @ credit).tocoo()
            held = (member @ (skills != 0).astype(np.float32)).tocoo()  # credit 1: held
            for part, value in ((near, CREDIT[1]), (held, CREDIT[2])):
                envelope[part.col, part.row] = np.maximum(envelope[part.col, part.row],
                                                          value)
        return codes, envelope

    def _codes_t(self, persons: IntArray, cols: IntArray | None = None) -> npt.NDArray[np.uint8]:
        """skills (or ``cols``) x persons credit codes, C order; gathered once per tile, since
        the gather costs more than the product."""
        at = self.at[persons]
        if cols is not None:
            out: npt.NDArray[np.uint8] = self.codes[np.ix_(cols, at)]
            return out
        # A block's persons are bounded and then scored in up to four tiles: gather once.
        if self._block[0] != at.tobytes():
            self._block = (at.tobytes(), self.codes[:, at])
        return self._block[1]

    def _credit_t(self, persons: IntArray) -> FloatArray:
        """skills x persons credit: the dense side of csr @ dense."""
        out: FloatArray = CREDIT[self._codes_t(persons)]
        return out

    def _factor_tables(self) -> None:
        """The hours and place terms of the factor per distinct (person, vacancy) pair of hours
        and of places, computed by the engine itself: a lookup instead of the arithmetic per
        pair, with the same float32 numbers."""
        e, ppl, vac = self.engine, self.people, self.vacancies
        p_hours, self.p_hours = np.unique(np.column_stack([ppl.hours_min, ppl.hours_max]),
                                          axis=0, return_inverse=True)
        v_hours, self.v_hours = np.unique(np.column_stack(
            [vac.hours_min, vac.hours_max, vac.part_time_possible]), axis=0,
            return_inverse=True)
        p_place, self.p_place = np.unique(_places(ppl), axis=0, return_inverse=True)
        v_place, self.v_place = np.unique(_places(vac), axis=0, return_inverse=True)
        p_place, v_place = _unknown_as_nan(p_place), _unknown_as_nan(v_place)
        km = haversine_km(p_place[:, 2:3], p_place[:, 3:4], v_place[None, :, 2],
                          v_place[None, :, 3])
        self.hours_table = e.hours_term(e.hours_fit(
            p_hours[:, :1], p_hours[:, 1:], v_hours[None, :, 0], v_hours[None, :, 1],
            v_hours[None, :, 2] > 0)).astype(np.float32)
        self.place_table = e.place_term(e.place_fit(
            p_place[:, :1], p_place[:, 1:2], v_place[None, :, 0], v_place[None, :, 1], km
        )).astype(np.float32)

    def _kernel_envelope(self) -> tuple[sp.csr_matrix, sp.csr_matrix, FloatArray, FloatArray]:
        """Per vacancy group: (core, rest, rest mass). core and rest are groups x skills with the
        largest weight of the skill over the members, split by whether at least half of the
        members list the skill; rest mass is the largest weight a member puts outside the core.
        A member's skill fit is at most core . credit + min(rest mass, rest . credit) + the
        group's largest offset: the rare extras of single members cannot add up beyond what one
        member carries."""
        g = self.vacancy_groups
        s = self.kernel.shape[1]
        rows = self.kernel[self.kernel_row[g.members]].tocoo()
        sizes = np.diff(g.indptr)
        label = np.repeat(np.arange(len(g)), sizes)[rows.row]
        key = label * s + rows.col
        uniq, where, count = np.unique(key, return_inverse=True, return_counts=True)
        in_core = (2 * count >= sizes[uniq // s])[where]
        rest_mass = np.bincount(rows.row, weights=rows.data * ~in_core, minlength=len(g.members))
        rest_max = np.zeros(len(g), dtype=np.float32)
        np.maximum.at(rest_max, np.repeat(np.arange(len(g)), sizes), rest_mass.astype(np.float32))
        best = np.zeros(len(uniq), dtype=np.float32)
        np.maximum.at(best, where, rows.data)
        parts = []
        for keep in (2 * count >= sizes[uniq // s], 2 * count < sizes[uniq // s]):
            env = sp.csr_matrix((best[keep], (uniq[keep] // s, uniq[keep] % s)),
                                shape=(len(g), s), dtype=np.float32)
            env.sort_indices()  # the members' column order: float32 rounding keeps the bound
            parts.append(env)
        offset_max = np.zeros(len(g), dtype=np.float32)
        np.maximum.at(offset_max, np.repeat(np.arange(len(g)), sizes),
                      self.offset[self.kernel_row[g.members]])
        # The rest mass is a float64 sum: a hair more keeps it an upper bound in float32.
        return parts[0], parts[1], rest_max * SLACK, offset_max

    # ------------------------------------------------------------------ exact scores

    def _vacancy_tile(self, persons: IntArray, vacs: IntArray) -> FloatArray:
        """persons x vacancies scores: the engine's own csr @ dense kernel, so bitwise its
        numbers; 0 where none of the vacancy's skills is held (the engine's rule)."""
        codes_t = self._codes_t(persons)
        skill = np.asarray(self.kernel[self.kernel_row[vacs]] @ CREDIT[codes_t],
                           dtype=np.float32).T
        skill = skill + self.offset[self.kernel_row[vacs]][None, :]
        held = np.asarray(self.requested[self.kernel_row[vacs]]
                          @ (codes_t == 2).astype(np.float32)).T > 0
        return self._scaled(np.where(held, skill, np.float32(0)), persons, vacs)

    def _candidate_tile(self, vacs: IntArray, persons: IntArray) -> FloatArray:
        """vacancies x persons scores, on the vacancies' own skill columns only (renumbering
        the columns keeps their order, so the float32 sums are the same)."""
        rows = self.kernel[self.kernel_row[vacs]]
        asked = self.requested[self.kernel_row[vacs]]
        cols = np.union1d(rows.indices, asked.indices)
        codes_t = self._codes_t(persons, cols)
        skill = np.asarray(_local(rows, cols) @ CREDIT[codes_t], dtype=np.float32)
        skill = skill + self.offset[self.kernel_row[vacs]][:, None]
        held = np.asarray(_local(asked, cols) @ (codes_t == 2).astype(np.float32)) > 0
        return self._scaled(np.where(held, skill, np.float32(0)).T, persons, vacs).T

    def _scaled(self, skill: FloatArray, persons: IntArray, vacs: IntArray) -> FloatArray:
        """persons x vacancies skill fit times the hours and place factor."""
        out: FloatArray = skill * self._factor(persons, vacs)
        return out

    def _factor(self, persons: IntArray, vacs: IntArray) -> FloatArray:
        """persons x vacancies hours term times place term, as the engine computes it."""
        out: FloatArray = (self.hours_table[np.ix_(self.p_hours[persons], self.v_hours[vacs])]
                           * self.place_table[np.ix_(self.p_place[persons],
                                                     self.v_place[vacs])])
        return out

    # ------------------------------------------------------------------ both directions

    def vacancy_bounds(self, persons: IntArray) -> tuple[FloatArray, FloatArray]:
        """persons x vacancy groups: (a bound on the skill fit of every member, the largest
        factor of a member for the person). A member's score is at most the first times the
        pair's own factor, and so at most the first times the second."""
        core, rest, rest_max, offset_max = self.vacancy_envelope
        hours_max, place_max = self.vacancy_factor_max
        credit_t = self._credit_t(persons)
        both = (core @ credit_t + np.minimum(rest_max[:, None], rest @ credit_t)
                + offset_max[:, None])
        skill: FloatArray = np.ascontiguousarray(both.T, dtype=np.float32)
        return skill, hours_max[:, self.p_hours[persons]].T * place_max[:, self.p_place[persons]].T

    def candidate_bounds(self, vacancies: IntArray) -> tuple[FloatArray, FloatArray]:
        """vacancies x person groups, as :meth:`vacancy_bounds` the other way round."""
        hours_max, place_max = self.person_factor_max
        rows = self.kernel_row[vacancies]
        skill: FloatArray = (np.asarray(self.kernel[rows] @ self.person_envelope_t,
                                        dtype=np.float32) + self.offset[rows][:, None])
        return skill, (hours_max[:, self.v_hours[vacancies]].T
                       * place_max[:, self.v_place[vacancies]].T)

    def top_vacancies(self, persons: IntArray, k: int = 20, first_groups: int = 4,
                      progress: Progress | None = None) -> tuple[IntArray, FloatArray]:
        """For each of ``persons`` the k best open vacancies (rows), best first, ties by lower
        row; -1 / -inf pad. The same lists as :meth:`MatchingEngine.top_vacancies`."""
        persons = np.asarray(persons, dtype=np.int64)
        return self._run(persons, self.person_labels[persons], self.p_place[persons], k,
                         first_groups, self.vacancy_bounds, self._factor, self.vacancy_groups,
                         self._vacancy_tile, progress)

    def top_candidates(self, vacancies: IntArray, k: int = 20, first_groups: int = 4,
                       progress: Progress | None = None) -> tuple[IntArray, FloatArray]:
        """For each of ``vacancies`` the k best consenting persons (rows), best first, ties by
        lower row. The same lists as :meth:`MatchingEngine.top_candidates`."""
        vacancies = np.asarray(vacancies, dtype=np.int64)

        def factor(rows: IntArray, persons: IntArray) -> FloatArray:
            return self._factor(persons, rows).T

        return self._run(vacancies, self.vacancy_labels[vacancies], self.v_place[vacancies], k,
                         first_groups, self.candidate_bounds, factor, self.person_groups,
                         self._candidate_tile, progress)

    def _run(self, rows: IntArray, labels: npt.NDArray[Any], places: IntArray, k: int,
             first_groups: int,
             bounds: Callable[[IntArray], tuple[FloatArray, FloatArray]],
             factor: Callable[[IntArray, IntArray], FloatArray], groups: _Groups,
             tile: Callable[[IntArray, IntArray], FloatArray],
             progress: Progress | None) -> tuple[IntArray, FloatArray]:
        """Rows of one label go together, and within it rows of one place (``labels`` and
        ``places`` are the rows'): one sparse product bounds them all against every group, and
        their candidates overlap, so dense tiles of exact scores serve them all."""
        rows = np.asarray(rows, dtype=np.int64)
        idx = np.full((len(rows), k), -1, dtype=np.int64)
        val = np.full((len(rows), k), -np.inf, dtype=np.float32)
        order = np.lexsort((places, np.asarray(labels)))
        done = 0
        for start in range(0, len(rows), self.block):
            at = order[start:start + self.block]
            if len(groups) and k:
                skill, most = bounds(rows[at])
                own = groups.labelled(np.asarray(labels)[at])
                idx[at], val[at] = _batch(rows[at], own, skill, most, factor, groups, tile,
                                          k, first_groups)
            done += len(at)
            if progress is not None:
                progress(done, len(rows))
        return idx, val


def _batch(rows: IntArray, own: IntArray, skill: FloatArray, most: FloatArray,
           factor: Callable[[IntArray, IntArray], FloatArray], groups: _Groups,
           tile: Callable[[IntArray, IntArray], FloatArray], k: int,
           first_groups: int) -> tuple[IntArray, FloatArray]:
    """rows' k best targets. ``skill``: rows x groups bound on the skill fit of every member;
    ``most``: rows x groups, the largest factor (hours x place) of a member for the row; ``own``:
    the group with the row's own label (-1: none). A member's score is at most its group's
    skill bound times the pair's own factor (the *member bound*), which is at most skill x most
    (the group bound).

    Each row's k-th score so far is a floor on its final k-th, raised in three tiles: every
    member of the rows' own and best groups; then, of the other groups that reach a floor, the
    members with the best member bounds of each row; then every member whose bound reaches a
    row's floor. No member left out can reach its row's final k-th (bounds with slack, and a
    tie could still win on a lower index, so reaching means >=)."""
    b, g = skill.shape
    ub = skill * most
    # The best groups of each row: at least first_groups, and FIRST_MEMBERS x k members.
    size = np.diff(groups.indptr)
    n_top = min(g, max(first_groups, FIRST_MEMBERS * k))  # enough: a group has a member
    by_bound = np.argpartition(-ub, n_top - 1, axis=1)[:, :n_top]
    by_bound = np.take_along_axis(by_bound, np.argsort(-np.take_along_axis(ub, by_bound, 1),
                                                       axis=1), 1)
    before = np.cumsum(size[by_bound], axis=1) - size[by_bound]
    take = (before < FIRST_MEMBERS * k) | (np.arange(n_top) < first_groups)
    seen = np.zeros((b, g), dtype=bool)
    np.put_along_axis(seen, by_bound, take, axis=1)
    has_own = np.flatnonzero(own >= 0)
    seen[has_own, own[has_own]] = True
    chosen = seen.any(axis=0)
    targets = groups.members_of(chosen)[0]
    scores = tile(rows, targets)
    idx, val = _top_k(scores, np.broadcast_to(targets, scores.shape), k)
    reach = (ub * SLACK >= val[:, -1:]) & ~chosen[None, :]
    if not reach.any():
        return idx, val
    members, group = groups.members_of(reach.any(axis=0))
    bound = skill[:, group] * factor(rows, members)
    left = np.ones(len(members), dtype=bool)
    for last in (False, True):
        need = (bound * SLACK >= val[:, -1:]) & left[None, :]
        if not last:  # the best member bounds of each row first
            n_best = min(SECOND_MEMBERS * k, len(members))
            best = np.argpartition(-np.where(need, bound, -1), n_best - 1, axis=1)[:, :n_best]
            first = np.zeros_like(need)
            np.put_along_axis(first, best, True, axis=1)
            need &= first
        counts = need.sum(axis=1)
        # A row that needs far more than the others (a low floor) gets a tile of its own, so
        # that it does not widen the tile of the rest.
        alone = counts > ALONE_FACTOR * np.median(counts) + ALONE_MIN
        for redo in [np.flatnonzero(~alone & (counts > 0))] + [np.array([r]) for r in
                                                               np.flatnonzero(alone)]:
            if not len(redo):
                continue
            wanted = need[redo].any(axis=0)
            more = members[wanted]
            extra = tile(rows[redo], more)
            table = np.concatenate([val[redo], extra], axis=1)
            ids = np.concatenate([idx[redo], np.broadcast_to(more, extra.shape)], axis=1)
            idx[redo], val[redo] = _top_k(table, ids, k)
            left[wanted] = False
    return idx, val


def _group_max(table: FloatArray, cells: IntArray, groups: _Groups) -> FloatArray:
    """groups x columns of ``table``: per group the largest ``table[cell]`` over its members'
    cells (``cells`` in the groups' member order); in chunks of groups to bound memory."""
    out = np.zeros((len(groups), table.shape[1]), dtype=np.float32)
    step = max(1, 4096 * len(groups) // max(len(cells), 1))
    for g0 in range(0, len(groups), step):
        g1 = min(g0 + step, len(groups))
        lo, hi = groups.indptr[g0], groups.indptr[g1]
        out[g0:g1] = np.maximum.reduceat(table[cells[lo:hi]], groups.indptr[g0:g1] - lo,
                                         axis=0)
    return out


def _local(rows: sp.csr_matrix, cols: IntArray) -> sp.csr_matrix:
    """``rows`` on the columns ``cols`` only (ascending, holding all of theirs)."""
    return sp.csr_matrix((rows.data, np.searchsorted(cols, rows.indices), rows.indptr),
                         shape=(rows.shape[0], len(cols)))


NO_PLACE = 1e9  # stands for an unknown coordinate while rows are made unique (NaN != NaN)


def _places(rows: People | Vacancies) -> npt.NDArray[np.float64]:
    """(region, province, lat, lon) per row, an unknown coordinate as NO_PLACE."""
    n = len(rows.region)
    lat = np.full(n, np.nan) if rows.lat is None else np.asarray(rows.lat, np.float64)
    lon = np.full(n, np.nan) if rows.lon is None else np.asarray(rows.lon, np.float64)
    places: npt.NDArray[np.float64] = np.nan_to_num(
        np.column_stack([rows.region, rows.province, lat, lon]), nan=NO_PLACE)
    return places


def _unknown_as_nan(places: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.where(places == NO_PLACE, np.nan, places)


def _top_k(table: FloatArray, ids: npt.NDArray[np.int64], k: int) -> tuple[IntArray, FloatArray]:
    """Row-wise k best (ties by lower id), padded with -1 / -inf to k columns."""
    b, width = table.shape
    if width < k:
        table = np.concatenate([table, np.full((b, k - width), -np.inf, np.float32)], axis=1)
        ids = np.concatenate([ids, np.full((b, k - width), -1, np.int64)], axis=1)
    ids = np.where(np.isfinite(table), ids, np.iinfo(np.int64).max)
    return _table_top(table, ids, k)


__all__ = ["NationalMatcher"]
