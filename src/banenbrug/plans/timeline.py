"""When each chosen module runs: one after another, each at its first start date.

Sequential on purpose: most switchers learn beside work, care or a job search, and a plan that
stacks courses is a plan people drop. A module whose start dates all fall before the previous
module ends runs alongside it instead (marked `overlaps`), rather than disappearing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from banenbrug.plans.catalogue import Module

WEEKS_PER_MONTH = 52 / 12


@dataclass(frozen=True)
class Scheduled:
    module: Module
    start: date
    end: date
    overlaps: bool = False


def schedule(modules: Sequence[Module], start: date) -> list[Scheduled]:
    left = list(modules)
    cursor = start
    out: list[Scheduled] = []
    while left:
        module = _earliest(left, cursor)
        left.remove(module)
        when = module.next_start(cursor)
        overlaps = when is None
        if when is None:
            when = module.next_start(start) or start
        end = when + timedelta(weeks=module.weeks)
        out.append(Scheduled(module, when, end, overlaps))
        if not overlaps:
            cursor = end
    return sorted(out, key=lambda s: (s.start, s.module.key))


def _earliest(modules: Sequence[Module], at: date) -> Module:
    def order(m: Module) -> tuple[date, str]:
        return (m.next_start(at) or date.max, m.key)

    return min(modules, key=order)


def training_months(plan: Sequence[Scheduled]) -> float:
    """Months in which at least one module runs (overlaps counted once)."""
    if not plan:
        return 0.0
    days: set[int] = set()
    for item in plan:
        days.update(range(item.start.toordinal(), item.end.toordinal()))
    return len(days) / 7 / WEEKS_PER_MONTH
