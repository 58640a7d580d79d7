"""The kinds of job, each a thin wrapper around one service call, declared in its pillar's
jobs.py with `@kind(...)`.

A kind's function gets the job's parameters and a `Progress`, and returns an `Outcome`. It must
be idempotent: a worker killed mid-job means the job runs again from the start, so a kind writes
its rows in one transaction (the importers it wraps do) and a second run leaves the same state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise


class Progress(Protocol):
    def __call__(self, fraction: float, message: str = "") -> None: ...


@dataclass(frozen=True)
class Outcome:
    result: dict[str, Any] = field(default_factory=dict)
    url: str = ""  # where the result is shown; "{job}" in it becomes the job's id
    file: bytes | None = None  # offered for download when its name ends in .pdf or .csv
    filename: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    label: Promise | str
    run: Callable[[dict[str, Any], Progress], Outcome]
    # `app.codename` a user needs to start it; None: anyone who may open the page that starts it
    permission: str | None
    # parameters dropped from the row when the job ends (uploaded data: kept no longer than needed)
    transient: tuple[str, ...]


KINDS: dict[str, Kind] = {}
_discovered = False


def kind(name: str, label: Promise | str, *, permission: str | None = None,
         transient: tuple[str, ...] = ()) -> Callable[[Callable[..., Outcome]],
                                                      Callable[..., Outcome]]:
    def register(run: Callable[[dict[str, Any], Progress], Outcome]
                 ) -> Callable[[dict[str, Any], Progress], Outcome]:
        if name in KINDS and KINDS[name].run is not run:
            raise ValueError(f"job kind {name!r} declared twice")
        KINDS[name] = Kind(name, label, run, permission, transient)
        return run

    return register


def discover() -> dict[str, Kind]:
    """Every pillar's jobs.py, imported on first use rather than at start-up: they import the
    importers, solvers and report builders that they run (scipy, ninja, pandas...), which a
    command that starts no job should not pay for (docs/jobs.md)."""
    global _discovered
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
        _discovered = True
    return KINDS


def find(name: str) -> Kind | None:
    return discover().get(name)


def get(name: str) -> Kind:
    try:
        return discover()[name]
    except KeyError:
        raise ValueError(f"unknown job kind {name!r} (known: {', '.join(sorted(KINDS))})") from None


class Steps:
    """Progress over consecutive steps of one job, each a fixed share of the whole, through the
    importers' start/advance protocol (taxonomy.esco_import.Progress): every `start` opens the
    next step, so the bar only moves forward."""

    def __init__(self, report: Progress, shares: list[float]) -> None:
        self._report = report
        self._shares = [share / sum(shares) for share in shares]
        self._step = -1
        self._offset = 0.0
        self._total = 1
        self._done = 0
        self._label = ""

    def start(self, description: str, total: int) -> None:
        if self._step + 1 < len(self._shares):  # more starts than steps: the last one repeats
            if self._step >= 0:
                self._offset += self._shares[self._step]
            self._step += 1
        self._done, self._total, self._label = 0, max(total, 1), description
        self._report(self._offset, description)

    def advance(self, amount: int) -> None:
        self._done += amount
        share = self._shares[self._step]
        self._report(self._offset + share * min(1.0, self._done / self._total), self._label)
