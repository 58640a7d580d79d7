"""One switch plan: skill gap -> modules -> funding -> income while learning -> timeline.

Pure (no Django): the service hands in the gap, the catalogue, the schemes and what is known of
the person, and gets a `Plan` back; vacancies are added by the service (they live in the
database). A coach's adjustments (a module required or excluded, a scheme excluded, another
priority) are inputs, so the effect of each is one rebuild away.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from banenbrug.plans import funding, income, rules, selection, timeline
from banenbrug.plans.catalogue import Catalogue, Module, Reach


@dataclass(frozen=True)
class Person:
    facts: rules.Facts
    reach: Reach
    monthly_income: float | None = None
    study_hours_per_week: float = 16.0


@dataclass(frozen=True)
class Adjustments:
    include_modules: frozenset[str] = frozenset()
    exclude_modules: frozenset[str] = frozenset()
    exclude_schemes: frozenset[str] = frozenset()
    priority: str = "balanced"

    def __post_init__(self) -> None:
        if self.priority not in selection.PRIORITIES:
            raise ValueError(f"unknown priority {self.priority!r}; "
                             f"use one of {', '.join(selection.PRIORITIES)}")
        both = self.include_modules & self.exclude_modules
        if both:
            raise ValueError(f"module both required and excluded: {', '.join(sorted(both))}")


@dataclass(frozen=True)
class Step:
    kind: str  # apply | module | job
    label: str
    start: date
    end: date


@dataclass(frozen=True)
class Plan:
    gap: frozenset[Hashable]
    selection: selection.Selection
    scheduled: tuple[timeline.Scheduled, ...]
    assessments: tuple[funding.Assessment, ...]
    funding: funding.Combination
    income: tuple[income.IncomeOption, ...]
    steps: tuple[Step, ...]
    start: date
    job_from: date
    alternatives: dict[str, tuple[Module, ...]] = field(default_factory=dict)

    @property
    def training_end(self) -> date:
        return max((s.end for s in self.scheduled), default=self.start)

    @property
    def works_while_learning(self) -> bool:
        """A learn-work module: the job starts with it, before the learning ends."""
        return self.job_from < self.training_end


def build(person: Person, gap: frozenset[Hashable], catalogue: Catalogue,
          schemes: Sequence[funding.Scheme], *, adjustments: Adjustments = Adjustments(),
          today: date, job_label: str = "", lang: str = "nl",
          alternatives: int = 3, route_wage: float | None = None) -> Plan:
    """``route_wage``: the wage of the learn-work vacancy the plan leads to; it is what the
    person earns while learning, before any module's own learn-work wage."""
    unknown = sorted(k for k in adjustments.include_modules if k not in catalogue.position)
    if unknown:
        raise ValueError(f"unknown module: {', '.join(unknown)}")
    start = max(person.reach.start, today)
    candidates = [m for m in (catalogue.modules[i] for i in catalogue.teaching_any(gap))
                  if m.key not in adjustments.exclude_modules and person.reach.admits(m)]
    required = [catalogue.by_key(k) for k in sorted(adjustments.include_modules)]
    keys = {m.key for m in candidates}
    candidates += [m for m in required if m.key not in keys]
    chosen = selection.choose(candidates, gap, required=adjustments.include_modules,
                              priority=adjustments.priority)
    scheduled = tuple(timeline.schedule(chosen.modules, start))
    first_start = min((s.start for s in scheduled), default=start)
    assessments = tuple(funding.assess(s, person.facts, start=first_start, today=today,
                                       lang=lang) for s in schemes)
    usable = [a.scheme for a in assessments if a.status == "yes"]
    months = timeline.training_months(scheduled)
    combination = funding.combine(usable, [s.module for s in scheduled],
                                  [s.start for s in scheduled], months,
                                  excluded=adjustments.exclude_schemes)
    learn_work = [s for s in scheduled if s.module.is_learn_work]
    total_weeks = sum(s.module.weeks for s in scheduled)
    load = chosen.hours / total_weeks if total_weeks else 0.0
    options = income.picture(
        person.facts.situation, person.monthly_income, months, load,
        person.study_hours_per_week,
        learn_work_wage=route_wage if route_wage is not None else
        max((s.module.learn_work_wage or 0.0 for s in learn_work), default=None) or None,
        income_support_monthly=combination.income_support / months if months else 0.0,
        lang=lang)
    job_from = min((s.start for s in learn_work),
                   default=max((s.end for s in scheduled), default=start))
    steps = _steps(scheduled, start, first_start, job_from, job_label, lang)
    return Plan(frozenset(gap), chosen, scheduled, assessments, combination, tuple(options),
                steps, start, job_from,
                _alternatives(candidates, chosen, gap, alternatives))


def _steps(scheduled: Sequence[timeline.Scheduled], start: date, first_start: date,
           job_from: date, job_label: str, lang: str) -> tuple[Step, ...]:
    nl = lang != "en"
    steps = [Step("apply", "Intake en regelingen aanvragen" if nl else
                  "Intake and applying for funding", start,
                  max(first_start, start + timedelta(days=14)))]
    steps += [Step("module", s.module.title or s.module.key, s.start, s.end) for s in scheduled]
    label = job_label or ("Aan het werk" if nl else "At work")
    steps.append(Step("job", label, job_from, job_from + timedelta(weeks=26)))
    return tuple(steps)


def _alternatives(candidates: Sequence[Module],
                  chosen: selection.Selection, gap: frozenset[Hashable],
                  limit: int) -> dict[str, tuple[Module, ...]]:
    """Per chosen module, the cheapest other admissible modules teaching any of its gap skills:
    what a coach can swap to."""
    chosen_keys = {m.key for m in chosen.modules}
    out = {}
    for module in chosen.modules:
        mine = module.skills & gap
        others = [m for m in candidates if m.key not in chosen_keys and m.skills & mine]
        others.sort(key=lambda m: (-len(m.skills & mine), selection.weight(m), m.key))
        out[module.key] = tuple(others[:limit])
    return out
