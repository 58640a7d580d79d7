"""The interest questionnaire's structure and scoring (the wording lives in texts.py).

Thirty activities, five per RIASEC type, after O*NET's illustrative interest activities. Each is
answered "leuk" (2), "weet ik niet" (1) or "niet leuk" (0); an unanswered item counts as
"weet ik niet". A type's score is its mean mapped linearly onto O*NET's 1-7 scale, so the
person's profile and the occupations' profiles are on the same scale. Nothing but the answers
goes in: the questionnaire asks no gender, age or background.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import permutations

import numpy as np
import numpy.typing as npt

from banenbrug.orientation.onet import RIASEC

PER_TYPE = 5
# Interleaved (r1, i1, a1, ...) so neighbouring questions belong to different types.
ITEMS: tuple[str, ...] = tuple(f"{t.lower()}{k}" for k in range(1, PER_TYPE + 1) for t in RIASEC)
LIKE, UNSURE, DISLIKE = 2, 1, 0
MIN_ANSWERED = 6
WORDS = {"2": LIKE, "1": UNSURE, "0": DISLIKE, "leuk": LIKE, "weet ik niet": UNSURE,
         "weet niet": UNSURE, "niet leuk": DISLIKE, "like": LIKE, "unsure": UNSURE,
         "dislike": DISLIKE}
UNANSWERED = "-"


class AnswerError(ValueError):
    """Answers that cannot be read; the message names the item."""


@dataclass(frozen=True)
class Answers:
    values: tuple[int | None, ...]  # per item in ITEMS order; None = unanswered

    @property
    def answered(self) -> int:
        return sum(v is not None for v in self.values)

    def code(self) -> str:
        """Compact form for a shareable URL: one character per item."""
        return "".join(UNANSWERED if v is None else str(v) for v in self.values)

    def as_dict(self) -> dict[str, int]:
        return {item: v for item, v in zip(ITEMS, self.values, strict=True) if v is not None}


def item_type(item: str) -> str:
    return item[0].upper()


def parse_value(item: str, raw: object) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise AnswerError(f"answer to {item!r}: expected 0, 1, 2, 'leuk', 'weet ik niet' or "
                          f"'niet leuk', got {raw!r}")
    value = WORDS.get(str(raw).strip().lower())
    if value is None:
        raise AnswerError(f"answer to {item!r}: expected 0, 1, 2, 'leuk', 'weet ik niet' or "
                          f"'niet leuk', got {raw!r}")
    return value


def from_mapping(answers: Mapping[str, object], *, strict: bool = True) -> Answers:
    """From {item: answer}. strict: unknown item ids are an error (files, the API); the page
    ignores foreign query parameters instead."""
    unknown = sorted(set(answers) - set(ITEMS))
    if strict and unknown:
        raise AnswerError(f"unknown question id(s): {', '.join(unknown)} (expected "
                          f"{ITEMS[0]} … {ITEMS[-1]})")
    return Answers(tuple(parse_value(item, answers.get(item)) for item in ITEMS))


def from_code(code: str) -> Answers:
    if len(code) != len(ITEMS) or set(code) - {"0", "1", "2", UNANSWERED}:
        raise AnswerError(f"answer code must be {len(ITEMS)} characters of 0, 1, 2 or '-'")
    return Answers(tuple(None if c == UNANSWERED else int(c) for c in code))


def profile(answers: Answers) -> npt.NDArray[np.float64]:
    """RIASEC scores on the 1-7 scale; raises AnswerError when too few questions are answered."""
    if answers.answered < MIN_ANSWERED:
        raise AnswerError(f"answer at least {MIN_ANSWERED} questions "
                          f"({answers.answered} answered)")
    sums = dict.fromkeys(RIASEC, 0.0)
    for item, value in zip(ITEMS, answers.values, strict=True):
        sums[item_type(item)] += UNSURE if value is None else value
    return np.array([1.0 + 6.0 * sums[t] / (PER_TYPE * LIKE) for t in RIASEC])


def from_sums(sums: Mapping[str, int]) -> npt.NDArray[np.float64]:
    """The profile of answers whose points per type (0-10) are `sums` (missing types: 0)."""
    return np.array([1.0 + 6.0 * sums.get(t, 0) / (PER_TYPE * LIKE) for t in RIASEC])


SHARP = (10, 9, 8, 2)  # points of the top three types and of the other three
MILD = (8, 7, 6, 4)


def code_profiles() -> list[tuple[str, npt.NDArray[np.float64]]]:
    """One profile per ordered top-three code (RIA, RIS, ... 120 of them) at two strengths, a
    clear and a mild preference, each a profile the questionnaire can produce. What "every
    interest profile" means in the tests and in the choice of the most suggested occupations."""
    found = []
    for code in permutations(RIASEC, 3):
        for first, second, third, rest in (SHARP, MILD):
            sums = dict.fromkeys(RIASEC, rest) | dict(zip(code, (first, second, third),
                                                          strict=True))
            found.append(("".join(code), from_sums(sums)))
    return found
