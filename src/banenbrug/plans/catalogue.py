"""The training catalogue as the plan builder sees it: modules and a skill -> modules index.

Pure (no Django). Skills are whatever hashable ids the caller uses (the service uses ESCO skill
database ids); the index makes finding the modules that teach a gap O(gap x modules per skill)
instead of a scan of the whole catalogue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

LEARN_WORK = "learn_work"
ONLINE = "online"


@dataclass(frozen=True)
class Module:
    key: str
    skills: frozenset[Hashable]
    cost: float
    hours: float
    weeks: int
    form: str = "modular"
    delivery: str = ONLINE
    region: str = ""  # labour-market region code; "" = national
    starts: tuple[date, ...] = ()  # empty: continuous intake
    learn_work_wage: float | None = None
    title: str = ""
    provider: str = ""
    award: str = ""
    source_url: str = ""
    is_example: bool = False

    @property
    def is_learn_work(self) -> bool:
        return self.form == LEARN_WORK

    def next_start(self, on_or_after: date) -> date | None:
        """The first start date on or after a day; None if the module no longer starts."""
        if not self.starts:
            return on_or_after
        later = [d for d in self.starts if d >= on_or_after]
        return min(later) if later else None


@dataclass(frozen=True)
class Reach:
    """Where and when a person can follow modules."""

    regions: frozenset[str] | None = None  # None: anywhere
    start: date = field(default_factory=date.today)
    latest_start: date | None = None  # default: a year after `start`

    def admits(self, module: Module) -> bool:
        if module.delivery != ONLINE and module.region and self.regions is not None \
                and module.region not in self.regions:
            return False
        first = module.next_start(self.start)
        latest = self.latest_start or self.start + timedelta(days=365)
        return first is not None and first <= latest


class Catalogue:
    def __init__(self, modules: Sequence[Module]):
        self.modules = tuple(modules)
        self.position = {m.key: i for i, m in enumerate(self.modules)}
        if len(self.position) != len(self.modules):
            raise ValueError("module keys must be unique")
        index: dict[Hashable, list[int]] = defaultdict(list)
        for i, module in enumerate(self.modules):
            for skill in module.skills:
                index[skill].append(i)
        self.teaching = {skill: tuple(found) for skill, found in index.items()}

    def __len__(self) -> int:
        return len(self.modules)

    def teaching_any(self, skills: Iterable[Hashable]) -> list[int]:
        """Positions of modules that teach at least one of the skills, in catalogue order."""
        found: set[int] = set()
        for skill in skills:
            found.update(self.teaching.get(skill, ()))
        return sorted(found)

    def by_key(self, key: str) -> Module:
        return self.modules[self.position[key]]
