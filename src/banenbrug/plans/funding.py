"""Funding schemes: who may use each one, and the best combination within the stacking rules.

Pure (no Django). A scheme is data (`Scheme`); `assess` gives a verdict with reasons for every
scheme, and `combine` chooses how much each usable scheme pays for which module so that the
most is covered, as a small mixed-integer programme:

    maximise   sum of payments
    such that  per module:  payments <= its cost;  scheme s pays <= percent_s x cost
               per scheme:  total <= its maximum (per person, or per calendar year of the
                            modules' start dates when the maximum is per year)
               excluded pairs (either side may name the other) and non-stackable schemes
               are never both used (binary "used" variables).

Income schemes pay a monthly amount for the months of training, within their maximum; they
share the stacking rules with the training schemes. A second, node-limited search then looks
for the same amount from fewer schemes (fewer applications to make).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np
import scipy.sparse as sp

from banenbrug.plans import rules
from banenbrug.plans.catalogue import Module

TRAINING = "training"
INCOME = "income"
PER_YEAR = "per_year"
FEWEST_NODES = 200  # branch-and-bound nodes spent on using fewer schemes for the same amount
TIME_LIMIT = 1.0  # seconds; HiGHS keeps its best combination if it ever needs longer

Status = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class Scheme:
    key: str
    name: str
    rule: rules.Rule = rules.EVERYONE
    pays_for: str = TRAINING
    percent: float = 100.0
    max_amount: float | None = None
    cap_basis: str = "per_person"
    monthly: float | None = None
    forms: frozenset[str] = frozenset()  # empty: every form
    stackable: bool = True
    excludes: frozenset[str] = frozenset()
    valid_from: date | None = None
    valid_until: date | None = None
    apply_by: date | None = None
    provider: str = ""
    kind: str = ""
    source_url: str = ""
    is_example: bool = False

    def pays_toward(self, module: Module) -> bool:
        return self.pays_for == TRAINING and (not self.forms or module.form in self.forms)


@dataclass(frozen=True)
class Assessment:
    scheme: Scheme
    status: Status
    reasons: tuple[str, ...]  # why not, or what is unknown; empty when eligible


@dataclass(frozen=True)
class Payment:
    scheme: str
    module: str | None  # None for income schemes
    amount: float


@dataclass(frozen=True)
class Combination:
    payments: tuple[Payment, ...]
    total_cost: float
    used: tuple[str, ...] = field(default=())

    @property
    def training_covered(self) -> float:
        return sum(p.amount for p in self.payments if p.module is not None)

    @property
    def income_support(self) -> float:
        return sum(p.amount for p in self.payments if p.module is None)

    @property
    def own_contribution(self) -> float:
        return max(0.0, self.total_cost - self.training_covered)

    def paid_by(self, scheme: str) -> float:
        return sum(p.amount for p in self.payments if p.scheme == scheme)


def conflicts(a: Scheme, b: Scheme) -> bool:
    return (not a.stackable or not b.stackable or b.key in a.excludes or a.key in b.excludes)


def assess(scheme: Scheme, facts: rules.Facts, *, start: date, today: date,
           lang: str = "nl") -> Assessment:
    """Eligibility by the scheme's rule, then its period and application deadline."""
    verdict = rules.evaluate(scheme.rule, facts)
    reasons = [rules.reason(c, lang) for c in (*verdict.failed, *verdict.unknown)]
    status: Status = verdict.status
    nl = lang != "en"

    def refuse(text: str) -> None:
        nonlocal status
        status = "no"
        reasons.append(text)

    if scheme.valid_from and start < scheme.valid_from:
        refuse(f"geldt pas vanaf {scheme.valid_from:%d-%m-%Y}" if nl
               else f"only from {scheme.valid_from:%Y-%m-%d}")
    if scheme.valid_until and start > scheme.valid_until:
        refuse(f"liep af op {scheme.valid_until:%d-%m-%Y}" if nl
               else f"ended on {scheme.valid_until:%Y-%m-%d}")
    if scheme.apply_by and today > scheme.apply_by:
        refuse(f"aanvragen kon tot {scheme.apply_by:%d-%m-%Y}" if nl
               else f"applications closed on {scheme.apply_by:%Y-%m-%d}")
    return Assessment(scheme, status, tuple(reasons))


def combine(schemes: Sequence[Scheme], modules: Sequence[Module],
            starts: Sequence[date], months: float, *,
            excluded: frozenset[str] = frozenset()) -> Combination:
    """The payments that cover the most, from schemes already known to be usable.

    `starts[i]` is when modules[i] starts (its cost is paid then); `months` the training months
    an income scheme pays for. A non-stackable scheme can only ever be used alone, so it is
    weighed alone against the best combination of the stackable ones; that keeps the integer
    programme down to the (sparse) pairwise exclusions.
    """
    total_cost = float(sum(m.cost for m in modules))
    usable = [s for s in schemes if s.key not in excluded
              and _ceiling(s, modules, starts, months) > 0]
    best = _programme([s for s in usable if s.stackable], modules, starts, months)
    covered = sum(p.amount for p in best)
    alone = max((s for s in usable if not s.stackable),
                key=lambda s: (_ceiling(s, modules, starts, months), s.key), default=None)
    if alone is not None and _ceiling(alone, modules, starts, months) > covered + 0.005:
        best = _programme([alone], modules, starts, months)
    used = tuple(sorted({p.scheme for p in best}))
    return Combination(tuple(best), total_cost, used)


def _ceiling(scheme: Scheme, modules: Sequence[Module], starts: Sequence[date],
             months: float) -> float:
    """The most a scheme could pay on its own: percent of what it pays toward, within caps."""
    if scheme.pays_for == INCOME:
        years = max(1.0, math.ceil(months / 12.0)) if scheme.cap_basis == PER_YEAR else 1.0
        cap = math.inf if scheme.max_amount is None else scheme.max_amount * years
        return min(cap, (scheme.monthly or 0.0) * months)
    by_year: dict[int, float] = {}
    for module, start in zip(modules, starts, strict=True):
        if scheme.pays_toward(module):
            year = start.year if scheme.cap_basis == PER_YEAR else 0
            by_year[year] = by_year.get(year, 0.0) + scheme.percent / 100.0 * module.cost
    cap = math.inf if scheme.max_amount is None else scheme.max_amount
    return sum(min(cap, amount) for amount in by_year.values())


def _programme(usable: Sequence[Scheme], modules: Sequence[Module], starts: Sequence[date],
               months: float) -> list[Payment]:
    """Modules that the same schemes pay toward, starting in the same year, are pooled into one
    (exact: a pooled payment split in proportion to cost satisfies every module's own limits),
    which keeps the programme small however many modules a plan has."""
    # scipy.optimize here, not at the top: the URLconf (and so the server start) imports this
    from scipy.optimize import Bounds, LinearConstraint, milp

    pools: dict[tuple[int, frozenset[int]], list[int]] = {}
    for mi, module in enumerate(modules):
        payers = frozenset(si for si, s in enumerate(usable) if s.pays_toward(module))
        if module.cost > 0 and payers:
            pools.setdefault((starts[mi].year, payers), []).append(mi)
    groups = list(pools.items())
    pooled = [Module(key=f"pool{g}", skills=frozenset(),
                     cost=sum(modules[mi].cost for mi in members), hours=0.0, weeks=1)
              for g, (_sig, members) in enumerate(groups)]
    pooled_starts = [date(year, 1, 1) for (year, _payers), _members in groups]
    # variables: one per (scheme, pool it pays toward) or per income scheme, then one
    # "used" per scheme: binary where the scheme conflicts with another, else continuous
    pairs: list[tuple[int, int | None, float]] = []  # (scheme, pool or None, upper bound)
    for si, scheme in enumerate(usable):
        if scheme.pays_for == INCOME:
            pairs.append((si, None, (scheme.monthly or 0.0) * months))
            continue
        for gi, ((_year, payers), _members) in enumerate(groups):
            if si in payers:
                pairs.append((si, gi, scheme.percent / 100.0 * pooled[gi].cost))
    if not pairs:
        return []
    n_pay, n_used = len(pairs), len(usable)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []

    def add(coefficients: dict[int, float], bound: float) -> None:
        r = len(upper)
        for c, v in coefficients.items():
            rows.append(r)
            cols.append(c)
            vals.append(v)
        upper.append(bound)

    for gi, pool in enumerate(pooled):
        mine = {j: 1.0 for j, (_s, g, _u) in enumerate(pairs) if g == gi}
        if len(mine) > 1:
            add(mine, pool.cost)
    for j, (si, _m, bound) in enumerate(pairs):
        add({j: 1.0, n_pay + si: -bound}, 0.0)  # pays only if used, within its percent
    for si, scheme in enumerate(usable):
        if scheme.max_amount is None:
            continue
        mine_j = [j for j, (s, _m, _u) in enumerate(pairs) if s == si]
        if scheme.cap_basis == PER_YEAR and scheme.pays_for == TRAINING:
            by_year: dict[int, dict[int, float]] = {}
            for j in mine_j:
                pool_index = pairs[j][1]
                assert pool_index is not None
                by_year.setdefault(pooled_starts[pool_index].year, {})[j] = 1.0
            for group in by_year.values():
                add(group, scheme.max_amount)
        elif scheme.cap_basis == PER_YEAR:
            add({j: 1.0 for j in mine_j}, scheme.max_amount * max(1.0, math.ceil(months / 12)))
        else:
            add({j: 1.0 for j in mine_j}, scheme.max_amount)
    binary = np.zeros(n_used)
    for a in range(n_used):
        for b in range(a + 1, n_used):
            if conflicts(usable[a], usable[b]):
                add({n_pay + a: 1.0, n_pay + b: 1.0}, 1.0)
                binary[a] = binary[b] = 1
    matrix = sp.csr_matrix((vals, (rows, cols)), shape=(len(upper), n_pay + n_used))
    bounds = Bounds(0, np.concatenate([[u for _s, _m, u in pairs], np.ones(n_used)]))
    # 1. the most that can be paid (exact)
    most = milp(np.concatenate([-np.ones(n_pay), np.zeros(n_used)]),
                constraints=LinearConstraint(matrix, -np.inf, np.array(upper)),
                integrality=np.concatenate([np.zeros(n_pay), binary]), bounds=bounds,
                options={"mip_rel_gap": 0, "time_limit": TIME_LIMIT})
    if most.x is None:  # cannot happen: paying nothing is always feasible
        raise RuntimeError(f"funding programme failed: {most.message}")
    # 2. the same amount from as few of those schemes as a bounded search finds (fewer
    # applications); a node limit, not a time limit, so the answer does not depend on the
    # machine's speed
    x = most.x
    paying = np.zeros(n_used, dtype=bool)
    for j, (payer, _pool, _u) in enumerate(pairs):
        paying[payer] |= x[j] > 0.005
    if paying.sum() > 1:
        keep = np.concatenate([paying[[payer for payer, _p, _u in pairs]], paying])
        bounds = Bounds(0, np.where(keep, bounds.ub, 0.0))
        floor_row = sp.csr_matrix(np.concatenate([-np.ones(n_pay), np.zeros(n_used)]))
        fewest = milp(np.concatenate([np.zeros(n_pay), np.ones(n_used)]),
                      constraints=[LinearConstraint(matrix, -np.inf, np.array(upper)),
                                   LinearConstraint(floor_row, -np.inf, most.fun + 1e-4)],
                      integrality=np.concatenate([np.zeros(n_pay), np.ones(n_used)]),
                      bounds=bounds, options={"node_limit": FEWEST_NODES})
        if fewest.x is not None:
            x = fewest.x
    result_x = x
    payments = []
    assigned: dict[int, int] = {}  # cents per module so far, across schemes
    for j, (payer, pool_at, bound) in enumerate(pairs):
        # whole cents, down (never over a cap), but not a cent lost to solver tolerance
        cents = min(math.floor(float(result_x[j]) * 100 + 0.01), math.floor(bound * 100 + 1e-6))
        if pool_at is None:
            if cents:
                payments.append(Payment(usable[payer].key, None, cents / 100))
            continue
        for mi, share in _split(cents, groups[pool_at][1], modules, usable[payer], assigned):
            payments.append(Payment(usable[payer].key, modules[mi].key, share / 100))
    return payments


def _split(cents: int, members: list[int], modules: Sequence[Module], scheme: Scheme,
           assigned: dict[int, int]) -> list[tuple[int, int]]:
    """A pooled payment in whole cents over its modules in proportion to cost, the cents left by
    rounding down going where there is room (largest remainder first), never giving a module
    more than the scheme's percent of it or than is left of its cost."""
    total = sum(modules[mi].cost for mi in members)
    exact = {mi: cents * modules[mi].cost / total for mi in members}
    room = {mi: min(math.floor(scheme.percent * modules[mi].cost + 1e-6),
                    round(modules[mi].cost * 100) - assigned.get(mi, 0)) for mi in members}
    shares = {mi: max(0, min(math.floor(v + 1e-9), room[mi])) for mi, v in exact.items()}
    left = cents - sum(shares.values())
    for mi in sorted(members, key=lambda mi: shares[mi] - exact[mi]):
        extra = max(0, min(left, room[mi] - shares[mi]))
        shares[mi] += extra
        left -= extra
    for mi, share in shares.items():
        assigned[mi] = assigned.get(mi, 0) + share
    return [(mi, share) for mi, share in shares.items() if share > 0]
