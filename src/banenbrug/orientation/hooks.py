"""Where other pillars plug in facts Ontdek shows but does not own.

Part-time work (matching pillar's vacancies), regional demand (monitor) and training routes
(training catalogue) do not exist yet. Each pillar registers a provider in its AppConfig.ready():

    from banenbrug.orientation import hooks
    hooks.register_part_time(my_part_time_share)   # (occupation_uri) -> PartTimeFact | None

Until a provider answers, the pages say plainly that there is no data (never a guess).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PartTimeFact:
    share: float  # share of vacancies open to part-time work, 0-1
    vacancies: int  # how many vacancies the share is based on
    period: str
    source: str


@dataclass(frozen=True)
class DemandFact:
    region: str  # region name as shown
    indicator: str  # e.g. "spanningsindicator"
    value: float
    unit: str
    period: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class TrainingRoute:
    title: str
    level: str  # "vmbo", "mbo-2" … "wo", or "zij-instroom"
    side_entry: bool
    provider: str = ""
    url: str = ""


PartTimeProvider = Callable[[str], PartTimeFact | None]
DemandProvider = Callable[[str, str | None], list[DemandFact]]  # (uri, region code or None)
TrainingProvider = Callable[[str], list[TrainingRoute]]

_part_time: list[PartTimeProvider] = []
_demand: list[DemandProvider] = []
_training: list[TrainingProvider] = []


def register_part_time(provider: PartTimeProvider) -> None:
    _part_time.append(provider)


def register_demand(provider: DemandProvider) -> None:
    _demand.append(provider)


def register_training(provider: TrainingProvider) -> None:
    _training.append(provider)


def clear() -> None:
    """Forget all providers (tests)."""
    _part_time.clear()
    _demand.clear()
    _training.clear()


def part_time(uri: str) -> PartTimeFact | None:
    for provider in _part_time:
        fact = provider(uri)
        if fact is not None:
            return fact
    return None


def demand(uri: str, region: str | None = None) -> list[DemandFact]:
    return [fact for provider in _demand for fact in provider(uri, region)]


def training(uri: str) -> list[TrainingRoute]:
    return [route for provider in _training for route in provider(uri)]
