"""Training cohorts with a job promise (the GAP Academy model): who gets a place, and what
became of the participants. Pure: plain data in, plain data out.

Selection has two published steps, nothing else:

1. **Skills assessment.** The *entry skills* are the target occupation's essential skills that
   the cohort's modules do not teach: what the training assumes a participant brings. An
   applicant's score is the share of them they hold; everyone at or above the cohort's
   threshold passes. The score only decides pass or not: it never ranks. Without a target
   occupation, or when the modules teach every essential skill, there are no entry skills and
   everyone passes.
2. **Open Hiring order.** Of those who pass, the first to apply get the free places, with the
   same rule as a vacancy's Open Hiring queue (matching/open_hiring.py). The others who pass
   wait in order of application for a place that comes free; a place once given is kept by a
   later selection, whatever the score is by then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from banenbrug.matching.open_hiring import first_in_line
from banenbrug.small_cells import MIN_CELL

# Counts under MIN_CELL are not shown (banenbrug.small_cells: one rule for every pillar).
DEFAULT_THRESHOLD = 50  # percent of the entry skills


class SelectionInputError(ValueError):
    """A selection that cannot be run as asked (no places, a threshold outside 0-100)."""


def entry_skills(occupation_essential: Iterable[int], taught: Iterable[int]) -> frozenset[int]:
    """The skills a participant should bring: the occupation's essentials the modules skip."""
    return frozenset(occupation_essential) - frozenset(taught)


@dataclass(frozen=True)
class Applicant:
    key: int  # the application's id
    position: int  # order of application: 1 applied first
    skills: frozenset[int]
    admitted: bool = False  # holds a place from an earlier selection


class Verdict(StrEnum):
    ADMITTED = "admitted"
    RESERVE = "reserve"  # passed the assessment; no place free yet
    NOT_PASSED = "not_passed"


@dataclass(frozen=True)
class Decision:
    key: int
    verdict: Verdict
    held: int  # entry skills held
    needed: int  # entry skills in all
    newly_admitted: bool = False
    reserve_rank: int | None = None  # 1: first in line for a place that comes free

    @property
    def percent(self) -> int:
        """The score in whole percent (100 without entry skills)."""
        return 100 if not self.needed else self.held * 100 // self.needed


def passes(held: int, needed: int, threshold: int) -> bool:
    """At or above the threshold, in integers: exactly 50 % of 4 skills passes 50 %."""
    return held * 100 >= threshold * needed


def select(applicants: Sequence[Applicant], entry: frozenset[int], threshold: int,
           places: int) -> list[Decision]:
    """Every applicant's verdict, in order of application."""
    if places < 1:
        raise SelectionInputError("places")
    if not 0 <= threshold <= 100:
        raise SelectionInputError("threshold")
    ordered = sorted(applicants, key=lambda a: (a.position, a.key))
    held = {a.key: len(a.skills & entry) for a in ordered}
    line = [a for a in ordered
            if not a.admitted and passes(held[a.key], len(entry), threshold)]
    new = {a.key for a in first_in_line(line, places, sum(a.admitted for a in ordered))}
    reserve = {a.key: rank for rank, a in enumerate((a for a in line if a.key not in new), 1)}
    decisions = []
    for a in ordered:
        if a.admitted or a.key in new:
            verdict = Verdict.ADMITTED
        elif a.key in reserve:
            verdict = Verdict.RESERVE
        else:
            verdict = Verdict.NOT_PASSED
        decisions.append(Decision(a.key, verdict, held[a.key], len(entry),
                                  newly_admitted=a.key in new,
                                  reserve_rank=reserve.get(a.key)))
    return decisions


@dataclass(frozen=True)
class Participant:
    """An admitted applicant's recorded outcomes (None: not recorded yet)."""

    seeker_id: int  # the evaluation pillar's outcome loop finds the person's intake by it
    pseudonym: str
    consent_evaluation: bool
    completed: bool | None = None
    hired: bool | None = None
    hired_by_pledger: bool | None = None  # by an employer that pledged jobs to the cohort
    employed_6m: bool | None = None
    employed_12m: bool | None = None


@dataclass(frozen=True)
class OutcomeFact:
    """One participant's outcomes as the outcome loop reads them: no name, no account."""

    seeker_id: int

    pseudonym: str
    cohort_start: date
    completed: bool | None
    hired: bool | None
    hired_by_pledger: bool | None
    employed_6m: bool | None
    employed_12m: bool | None


OUTCOMES = ("completed", "hired", "hired_by_pledger", "employed_6m", "employed_12m")


def outcome_facts(participants: Iterable[Participant], start: date) -> list[OutcomeFact]:
    """The facts of the participants who consent to evaluation; nobody else's leave."""
    return [OutcomeFact(p.seeker_id, p.pseudonym, start, p.completed, p.hired,
                        p.hired_by_pledger, p.employed_6m, p.employed_12m)
            for p in participants if p.consent_evaluation]


def outcome_counts(facts: Sequence[OutcomeFact],
                   min_cell: int = MIN_CELL) -> Mapping[str, int | None]:
    """How many participants (with consent) and how many of them had each outcome; a count
    between 1 and `min_cell` - 1 is None (not shown), as in the evaluation pillar, and under
    `min_cell` participants nothing is shown (not even a 0: it would tell about each one)."""
    if len(facts) < min_cell:
        return dict.fromkeys(("participants", *OUTCOMES))
    counts = {"participants": len(facts)}
    counts.update({name: sum(getattr(f, name) is True for f in facts) for name in OUTCOMES})
    return {name: n if n == 0 or n >= min_cell else None for name, n in counts.items()}
