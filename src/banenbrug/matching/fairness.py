"""Fairness audit of recommendations: selection rates per group and the four-fifths rule.

Pure: ids and group labels in, rows out. For each dimension (gender, age band, migration
background) and each group, the selection rate is the share of the group's people in the pool
that were recommended, per vacancy audited; the impact ratio divides it by the best-treated
group's rate. A ratio under 0.8 is the classic signal of adverse impact (US EEOC four-fifths
rule). Groups with fewer than `min_group` people are hidden and left out of the comparison, so
no small group can be singled out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from banenbrug.small_cells import MIN_CELL

FOUR_FIFTHS = 0.8
MIN_GROUP = MIN_CELL


@dataclass(frozen=True)
class GroupRow:
    dimension: str
    group: str
    hidden: bool  # fewer than MIN_GROUP people: no figures shown
    pool: int | None
    recommended: int | None  # recommendations, summed over the audited vacancies
    pool_share: float | None
    recommended_share: float | None
    selection_rate: float | None
    impact_ratio: float | None
    flagged: bool  # impact ratio under four fifths


def audit(groups: Mapping[int, Mapping[str, str]], pool: Iterable[int],
          recommended: Sequence[Sequence[int]], dimensions: Sequence[str],
          min_group: int = MIN_GROUP) -> list[GroupRow]:
    """`groups`: person -> {dimension: group} (self-reported; absent means unknown).
    `pool`: everyone who could have been recommended; `recommended`: one list per vacancy."""
    pool = list(pool)
    n_vacancies = max(len(recommended), 1)
    times = Counter(p for ranked in recommended for p in ranked)
    rows: list[GroupRow] = []
    for dimension in dimensions:
        size: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        for person in pool:
            group = groups.get(person, {}).get(dimension)
            if group:
                size[group] += 1
                hits[group] += times[person]
        shown = {g for g, n in size.items() if n >= min_group}
        total_pool = sum(size[g] for g in shown) or 1
        total_hits = sum(hits[g] for g in shown) or 1
        rates = {g: hits[g] / (size[g] * n_vacancies) for g in shown}
        best = max(rates.values(), default=0.0)
        for group in sorted(size):
            if group not in shown:
                rows.append(GroupRow(dimension, group, True, None, None, None, None, None,
                                     None, False))
                continue
            ratio = rates[group] / best if best > 0 else None
            rows.append(GroupRow(
                dimension, group, False, size[group], hits[group], size[group] / total_pool,
                hits[group] / total_hits, rates[group], ratio,
                ratio is not None and ratio < FOUR_FIFTHS))
    return rows
