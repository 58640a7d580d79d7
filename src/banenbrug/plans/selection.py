"""Which modules close a skill gap at the least cost and time: weighted set cover.

Each module weighs its price plus its study hours valued at `hour_value` euro (default: about
the statutory minimum hourly wage, so an hour of someone's time is never free). We minimise the
total weight subject to every coverable gap skill being taught at least once.

- Exact: a 0/1 integer programme solved by HiGHS (`scipy.optimize.milp`) after dropping
  modules that are dominated (another module teaches a superset of the same gap skills for no
  more weight). Used whenever the candidate set is at most EXACT_LIMIT modules and HiGHS proves
  optimality within its time limit; it always has so far (docs/benchmarks.md).
- Otherwise: Chvatal's greedy (best weight per newly covered skill), then redundant modules
  removed. Its cost is at most H(d) = 1 + 1/2 + ... + 1/d times the optimum (d = most gap skills
  one module covers); we also report the LP-relaxation lower bound, so the real gap is known.

Skills that no admissible module teaches are returned as `uncovered`, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from banenbrug.plans.catalogue import Module

HOUR_VALUE = 15.0  # euro per study hour, about the Dutch minimum hourly wage in 2026
PRIORITIES = {"balanced": (1.0, HOUR_VALUE), "cheapest": (1.0, 0.01), "fastest": (0.01, 50.0)}
EXACT_LIMIT = 5000
DOMINANCE_SCAN = 400
TIME_LIMIT = 2.0  # seconds; a safety net, not a tuning knob

Method = Literal["exact", "greedy", "none"]


@dataclass(frozen=True)
class Selection:
    modules: tuple[Module, ...]
    covered: frozenset[Hashable]
    uncovered: frozenset[Hashable]  # gap skills no admissible module teaches
    weight: float
    method: Method
    lower_bound: float  # no cover of the same gap weighs less than this
    candidates: int

    @property
    def cost(self) -> float:
        return sum(m.cost for m in self.modules)

    @property
    def hours(self) -> float:
        return sum(m.hours for m in self.modules)


def weight(module: Module, priority: str = "balanced") -> float:
    euro, hour = PRIORITIES[priority]
    return euro * module.cost + hour * module.hours


def choose(candidates: Sequence[Module], gap: Collection[Hashable], *,
           required: Collection[str] = (), priority: str = "balanced") -> Selection:
    """The least-weight set of candidate modules covering every gap skill any candidate teaches.

    `required` module keys are in the answer whatever they cost (a coach's choice).
    """
    gap_set, required_keys = frozenset(gap), frozenset(required)
    forced = [m for m in candidates if m.key in required_keys]
    useful = [m for m in candidates if m.skills & gap_set and m.key not in required_keys]
    teachable = frozenset().union(*(m.skills & gap_set for m in (*useful, *forced)))
    uncovered = gap_set - teachable
    left = teachable - frozenset().union(*(m.skills for m in forced))
    if not left:  # nothing to teach, or the required modules teach it all
        total = sum(weight(m, priority) for m in forced)
        return Selection(tuple(forced), teachable, uncovered, total,
                         "exact" if forced else "none", total, len(useful))
    pool = _undominated(useful, left, priority)
    base = sum(weight(m, priority) for m in forced)
    if len(pool) <= EXACT_LIMIT:
        exact = _milp(pool, left, priority)
        if exact is not None:
            picked, value = exact
            return Selection((*forced, *picked), teachable, uncovered, base + value, "exact",
                             base + value, len(useful))
    picked = _prune(_greedy(pool, left, priority), left, priority)
    value = sum(weight(m, priority) for m in picked)
    bound = _lp_bound(pool, left, priority)
    return Selection((*forced, *picked), teachable, uncovered, base + value, "greedy",
                     base + bound, len(useful))


def _undominated(modules: Sequence[Module], gap: frozenset[Hashable],
                 priority: str) -> list[Module]:
    """Drop a module when another covers a superset of its gap skills for no more weight."""
    ranked = sorted(modules, key=lambda m: (weight(m, priority), -len(m.skills & gap), m.key))
    kept: list[Module] = []
    kept_sets: list[frozenset[Hashable]] = []
    seen: set[frozenset[Hashable]] = set()
    for module in ranked:
        cover = module.skills & gap
        if not cover or cover in seen:
            continue
        # an earlier (no heavier) module covering a superset dominates this one; past
        # DOMINANCE_SCAN kept modules we stop looking (quadratic), which only prunes less
        if len(kept) <= DOMINANCE_SCAN and any(cover <= other for other in kept_sets):
            continue
        seen.add(cover)
        kept.append(module)
        kept_sets.append(cover)
    return kept


def _incidence(modules: Sequence[Module], gap: frozenset[Hashable]) -> sp.csr_matrix:
    row = {skill: i for i, skill in enumerate(sorted(gap, key=repr))}
    rows, cols = [], []
    for j, module in enumerate(modules):
        for skill in module.skills & gap:
            rows.append(row[skill])
            cols.append(j)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(row), len(modules)))


def _milp(modules: Sequence[Module], gap: frozenset[Hashable],
          priority: str) -> tuple[list[Module], float] | None:
    # scipy.optimize here, not at the top: the URLconf (and so the server start) imports this
    from scipy.optimize import Bounds, LinearConstraint, milp

    matrix = _incidence(modules, gap)
    costs = np.array([weight(m, priority) for m in modules])
    result = milp(costs, constraints=LinearConstraint(matrix, lb=1, ub=np.inf),
                  integrality=np.ones(len(modules)), bounds=Bounds(0, 1),
                  options={"time_limit": TIME_LIMIT, "mip_rel_gap": 0})
    if result.status != 0 or result.x is None:
        return None
    picked = [m for m, x in zip(modules, result.x, strict=True) if x > 0.5]
    return picked, float(sum(weight(m, priority) for m in picked))


def _lp_bound(modules: Sequence[Module], gap: frozenset[Hashable], priority: str) -> float:
    from scipy.optimize import linprog

    matrix = _incidence(modules, gap)
    costs = np.array([weight(m, priority) for m in modules])
    result = linprog(costs, A_ub=-matrix, b_ub=-np.ones(matrix.shape[0]), bounds=(0, 1),
                     method="highs")
    return float(result.fun) if result.status == 0 else 0.0


def _greedy(modules: Sequence[Module], gap: frozenset[Hashable], priority: str) -> list[Module]:
    left = set(gap)
    picked: list[Module] = []
    while left:
        best = min((m for m in modules if m.skills & left),
                   key=lambda m: (weight(m, priority) / len(m.skills & left), m.key))
        picked.append(best)
        left -= best.skills
    return picked


def _prune(picked: list[Module], gap: frozenset[Hashable], priority: str) -> list[Module]:
    """Remove modules whose gap skills the others already teach, heaviest first."""
    kept = list(picked)
    for module in sorted(picked, key=lambda m: -weight(m, priority)):
        rest = [m for m in kept if m is not module]
        if gap <= frozenset().union(*(m.skills for m in rest)):
            kept = rest
    return kept
