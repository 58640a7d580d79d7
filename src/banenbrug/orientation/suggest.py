"""Match a person's interest profile to occupations' profiles (pure; arrays in, dataclasses out).

score = SHAPE_WEIGHT * shape + (1 - SHAPE_WEIGHT) * level, both in [0, 1]:
- shape: cosine of the two centred profiles (Pearson correlation), rescaled from [-1, 1];
  does the occupation's mix of interests look like the person's?
- level: how strongly the occupation involves what the person likes most: the occupation's
  scores weighted by the person's squared distances above the scale's floor, so the top one or
  two interests dominate.
A small, fixed bonus (PRIOR_WEIGHT * relevance, relevance in [0, 1]) lets the occupations the
transitions need most (the action plan's bottleneck list, high green or digital share) come
first among equally fitting ones; it is the same for everybody.
Results are kept varied: at most `per_group` occupations per ISCO unit group. Ties break on the
profile source and the URI, never on anything about the person but the profile.

Technical options for everybody: only technical occupations (see technical.py) and core
transition occupations (the action plan's list or a green share of at least 0.3, e.g. a
sustainability manager) are suggested, and at least TECHNICAL_SHARE of the list (6 of 10) are
technical ones: the best-fitting technical occupations for this profile. So an artistic or
social profile also meets industrial design, game development, healthcare technology or
technical teaching, and no job enters the list for its interest code alone. Teaching jobs
(ISCO 23) take at most two places, so the list shows the work itself, not only teaching it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from banenbrug.orientation.onet import RIASEC

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
SHAPE_WEIGHT = 0.5
PRIOR_WEIGHT = 0.03
TECHNICAL_SHARE = 0.6
CAPPED = {"23": 2}  # ISCO sub-major group -> most places in one list
FLAT = 0.25  # a profile whose spread (std) is below this has no shape to speak of
LIKED = 4.5  # a person's interest at or above this counts as "likes" ...
STANDS_OUT = 0.5  # ... when it also lies this far above the person's own mean
INVOLVED = 4.0  # an occupation's interest at or above this is part of the work


@dataclass(frozen=True)
class Candidates:
    """The occupations that may be suggested, with their profiles."""

    uris: tuple[str, ...]
    profiles: FloatArray  # (n, 6), no nan
    isco: tuple[str, ...]
    green: BoolArray
    digital: BoolArray
    borrowed: BoolArray  # profile borrowed from the ISCO unit group
    relevance: FloatArray  # (n,) in [0, 1]: how central to the transitions
    technical: BoolArray  # technical work (technical.py)
    core: BoolArray  # central to the transitions without being technical

    def __post_init__(self) -> None:
        n = len(self.uris)
        if self.relevance.shape != (n,) or (self.relevance < 0).any() \
                or (self.relevance > 1).any():
            raise ValueError("relevance must be an (n,) array in [0, 1]")
        if self.profiles.shape != (n, len(RIASEC)) or not np.isfinite(self.profiles).all():
            raise ValueError("profiles must be a finite (n, 6) array")
        if not (len(self.isco) == len(self.green) == len(self.digital) == len(self.borrowed)
                == len(self.technical) == len(self.core) == n):
            raise ValueError("candidate arrays differ in length")


@dataclass(frozen=True)
class Reason:
    interest: str  # R, I, A, S, E or C
    person: float
    occupation: float


@dataclass(frozen=True)
class Suggestion:
    index: int
    uri: str
    score: float
    green: bool
    digital: bool
    technical: bool
    borrowed: bool
    reasons: tuple[Reason, ...]  # the person's liked interests this work involves, top first


def check_profile(profile: npt.ArrayLike) -> FloatArray:
    values = np.asarray(profile, dtype=np.float64)
    if values.shape != (len(RIASEC),):
        raise ValueError("an interest profile has six scores: R, I, A, S, E, C")
    if not np.isfinite(values).all() or (values < 1).any() or (values > 7).any():
        raise ValueError("interest scores must lie on O*NET's scale from 1 to 7")
    return values


def ranked_interests(profile: FloatArray) -> list[int]:
    """Indices of the interests from strongest to weakest (ties in RIASEC order)."""
    return sorted(range(len(RIASEC)), key=lambda k: (-profile[k], k))


def route(profile: npt.ArrayLike) -> str:
    """The two-letter code of the person's top interests ("RI"), or "-" for a flat profile."""
    values = check_profile(profile)
    if values.std() < FLAT:
        return "-"
    return "".join(RIASEC[k] for k in ranked_interests(values)[:2])


def scores(profile: npt.ArrayLike, profiles: FloatArray) -> FloatArray:
    person = check_profile(profile)
    centred = profiles - profiles.mean(axis=1, keepdims=True)
    p = person - person.mean()
    norms = np.linalg.norm(centred, axis=1) * np.linalg.norm(p)
    if np.linalg.norm(p) < 1e-9:
        shape = np.full(len(profiles), 0.5)  # no preference: shape says nothing
    else:
        cosine = np.divide(centred @ p, norms, out=np.zeros(len(profiles)), where=norms > 1e-9)
        shape = (cosine + 1.0) / 2.0
    weights = (person - 1.0) ** 2
    weights = weights / weights.sum() if weights.sum() > 0 else np.full(len(RIASEC), 1 / 6)
    level = ((profiles - 1.0) / 6.0) @ weights
    result: FloatArray = SHAPE_WEIGHT * shape + (1.0 - SHAPE_WEIGHT) * level
    return result


def reasons(person: FloatArray, occupation: FloatArray, limit: int = 2) -> tuple[Reason, ...]:
    found = [Reason(RIASEC[k], round(float(person[k]), 2), round(float(occupation[k]), 2))
             for k in ranked_interests(person)
             if person[k] >= LIKED and person[k] - person.mean() >= STANDS_OUT
             and occupation[k] >= INVOLVED]
    return tuple(found[:limit])


def suggest(profile: npt.ArrayLike, candidates: Candidates, top: int = 10,
            per_group: int = 1) -> list[Suggestion]:
    """The best `top` occupations, best first, at most `per_group` per ISCO unit group, at least
    TECHNICAL_SHARE of them technical (as far as there are technical candidates)."""
    if top < 1 or per_group < 1:
        raise ValueError("top and per_group must be at least 1")
    person = check_profile(profile)
    values = scores(person, candidates.profiles) + PRIOR_WEIGHT * candidates.relevance
    rounded = np.round(values, 6)  # ties on equal profiles break deterministically below
    eligible = [i for i in range(len(values)) if candidates.technical[i] or candidates.core[i]]
    order = sorted(eligible,
                   key=lambda i: (-rounded[i], bool(candidates.borrowed[i]), candidates.uris[i]))
    others_allowed = top - math.ceil(TECHNICAL_SHARE * top)
    picked = _varied(order, candidates, per_group, top, others_allowed)
    if len(picked) < top:  # too few technical candidates: fill up with the others
        picked = _varied(order, candidates, per_group, top, top)
    return [Suggestion(
        index=i, uri=candidates.uris[i], score=round(float(values[i]), 4),
        green=bool(candidates.green[i]), digital=bool(candidates.digital[i]),
        technical=bool(candidates.technical[i]), borrowed=bool(candidates.borrowed[i]),
        reasons=reasons(person, candidates.profiles[i])) for i in picked]


def _varied(order: list[int], candidates: Candidates, per_group: int, top: int,
            others_allowed: int) -> list[int]:
    """The first `top` of `order`, at most `per_group` per ISCO unit group, CAPPED per
    sub-major group and at most `others_allowed` that are not technical."""
    taken: dict[str, int] = {}
    capped: dict[str, int] = {}
    others = 0
    chosen: list[int] = []
    for i in order:
        group, sub_major, technical = candidates.isco[i], candidates.isco[i][:2], \
            bool(candidates.technical[i])
        if (taken.get(group, 0) >= per_group
                or capped.get(sub_major, 0) >= CAPPED.get(sub_major, top)
                or (not technical and others >= others_allowed)):
            continue
        taken[group] = taken.get(group, 0) + 1
        capped[sub_major] = capped.get(sub_major, 0) + 1
        others += not technical
        chosen.append(i)
        if len(chosen) == top:
            break
    return chosen
