"""The Open Hiring rule, pure: free places go to the first in line, in order of sign-up.

One rule for every line in Banenbrug: a vacancy's queue (matching/queue.py) and a training
cohort's places (employers/cohorts.py). No ranking: whoever came first and may take part gets
the place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def free_places(places: int, held: int) -> int:
    """Places nobody holds yet (never negative)."""
    return max(places - held, 0)


def first_in_line(in_line: Sequence[T], places: int, held: int) -> Sequence[T]:
    """The people who get the free places: `in_line` is in order of sign-up (a QuerySet ordered
    by position works too, and stays one LIMIT query)."""
    return in_line[:free_places(places, held)]
