"""The Open Hiring rule, pure: free places go to the first in line, in order of sign-up.

One rule for every line in Banenbrug: a vacancy's queue (matching/queue.py) and a training
cohort's places (employers/cohorts.py). No ranking: whoever came first and may take part gets
the place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Line(Protocol[T_co]):
    """People in order of sign-up that can be cut: a list, or a QuerySet (one LIMIT query)."""

    def __getitem__(self, index: slice, /) -> Iterable[T_co]: ...


def free_places(places: int, held: int) -> int:
    """Places nobody holds yet (never negative)."""
    return max(places - held, 0)


def first_in_line(in_line: Line[T], places: int, held: int) -> Iterable[T]:
    """The people who get the free places; `in_line` is in order of sign-up."""
    return in_line[:free_places(places, held)]
