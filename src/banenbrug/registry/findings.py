"""What the pillars above the registry know about an initiative: its evaluations (effect with
interval, power), the placements through its vacancies, and which initiatives have a measured
effect ("effect gemeten").

The registry is the lower layer (evaluation's initiatives are the registry's), so it does not
import evaluation: evaluation provides its findings when Django starts (evaluation/apps.py).
Without them the registry shows no evaluations, no placements and no measured effects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Findings:
    evaluations_of: Callable[[int, Any], list[dict[str, Any]]]  # (registry id, user) -> rows
    placements: Callable[[int], int | None]  # registry id -> count, None below the minimum cell
    measured_ids: Callable[[], set[int]]
    version: Callable[[], tuple[Any, ...]]  # changes whenever measured_ids may change


NONE = Findings(evaluations_of=lambda registry_id, user: [], placements=lambda registry_id: None,
                measured_ids=set, version=tuple)
_provided: list[Findings] = []


def provide(findings: Findings) -> None:
    """Set the one provider (a second call replaces the first, as a reloaded app would)."""
    _provided[:] = [findings]


def current() -> Findings:
    return _provided[0] if _provided else NONE
