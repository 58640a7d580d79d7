"""National batch matching on the database: `match_part` computes one part of the batch and
stores it whole (`StoredMatch`), or not at all.

A part is every person and every vacancy whose id leaves remainder ``part`` when divided by
``parts``: a fixed split that needs no coordination, so N workers on N machines (sharing only
the database) each run one part, in any order, and a re-run replaces the same rows. Every part
reads all people and all vacancies (a person's best vacancies come from all of them), scores
with the exact national matcher, and only then writes, in one transaction; a worker killed
while computing writes nothing, one killed while writing is rolled back by the database.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from banenbrug.matching import service
from banenbrug.matching.models import StoredMatch, Vacancy
from banenbrug.matching.national import NationalMatcher
from banenbrug.people.models import WorkExperience

Progress = Callable[[int, int], None]
WRITE_BATCH = 5000
LOCK_KEY = 14_5  # pg advisory lock namespace of this module (issue 14, part 5)


@dataclass(frozen=True)
class PartResult:
    part: int
    parts: int
    persons: int
    vacancies: int
    stored: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_part(text: str) -> tuple[int, int]:
    """'K/N' (1 <= K <= N) -> (K - 1, N)."""
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise service.MatchInputError(f"--part {text!r}: write it as K/N, e.g. 1/4") from None
    if not 1 <= k <= n:
        raise service.MatchInputError(f"--part {text!r}: K must be between 1 and N")
    return k - 1, n


def _first_occupations(people: service.PeopleTable) -> np.ndarray:
    """A group label per person for the matcher: the occupation of their longest experience
    (-1 without one). Any labels give the same result; similar people together make it fast."""
    first: dict[int, int] = {}
    for seeker, occupation in WorkExperience.objects.order_by(
            "seeker_id", "-years", "id").values_list("seeker_id", "occupation_id"):
        first.setdefault(seeker, occupation)
    return np.array([first.get(pid, -1) for pid in people.ids], dtype=np.int64)


def _occupations(vacancies: service.VacancyTable) -> np.ndarray:
    by_id = dict(Vacancy.objects.values_list("id", "occupation_id"))
    return np.array([by_id.get(vid) or -1 for vid in vacancies.ids], dtype=np.int64)


def match_part(part: int, parts: int, k: int = 20,
               progress: Progress | None = None) -> PartResult:
    """Compute and store part ``part`` (0-based) of ``parts``: the k best open vacancies of
    its persons and the k best consenting candidates of its vacancies. ``progress(done,
    total)`` is called as rows are done (persons and vacancies together)."""
    if not 0 <= part < parts:
        raise service.MatchInputError(f"part {part} of {parts}: no such part")
    if not 1 <= k <= 100:
        raise service.MatchInputError(f"k must be between 1 and 100, not {k}")
    started = time.perf_counter()
    space = service.skill_space()
    people = service.people_table(space)
    vacancies = service.vacancy_table(space)
    matcher = NationalMatcher(space.engine, people.arrays, vacancies.arrays,
                              _first_occupations(people), _occupations(vacancies),
                              open=vacancies.open, consent=people.consent)
    persons = np.array([i for i, pid in enumerate(people.ids) if pid % parts == part],
                       dtype=np.int64)
    vacs = np.array([i for i, vid in enumerate(vacancies.ids) if vid % parts == part],
                    dtype=np.int64)
    total = len(persons) + len(vacs)

    def report(offset: int, rows: int) -> Progress | None:
        """The matcher's own steps as rows of this part done."""
        if progress is None:
            return None
        return lambda done, steps: progress(offset + rows * done // max(steps, 1), total)

    p_idx, p_val = matcher.top_vacancies(persons, k, progress=report(0, len(persons)))
    v_idx, v_val = matcher.top_candidates(vacs, k, progress=report(len(persons), len(vacs)))
    now = timezone.now()

    def rows() -> Iterator[StoredMatch]:
        for p, found, scores in zip(persons, p_idx, p_val, strict=True):
            for rank, (v, score) in enumerate(zip(found, scores, strict=True), 1):
                if v >= 0 and score > 0:  # a score of 0 is no match (as the live lists)
                    yield StoredMatch(direction=StoredMatch.Direction.VACANCY,
                                      seeker_id=people.ids[p], vacancy_id=vacancies.ids[v],
                                      rank=rank, score=float(score), computed_at=now)
        for v, found, scores in zip(vacs, v_idx, v_val, strict=True):
            for rank, (p, score) in enumerate(zip(found, scores, strict=True), 1):
                if p >= 0 and score > 0:
                    yield StoredMatch(direction=StoredMatch.Direction.CANDIDATE,
                                      seeker_id=people.ids[p], vacancy_id=vacancies.ids[v],
                                      rank=rank, score=float(score), computed_at=now)

    stored = _replace(part, parts, [people.ids[p] for p in persons],
                      [vacancies.ids[v] for v in vacs], rows())
    return PartResult(part, parts, len(persons), len(vacs), stored,
                      round(time.perf_counter() - started, 3))


def _replace(part: int, parts: int, seeker_ids: list[int], vacancy_ids: list[int],
             rows: Iterator[StoredMatch]) -> int:
    """The part's old rows out, the new ones in (made as they are written, a batch at a time:
    4 million objects would not fit in memory): one transaction. On PostgreSQL the same part
    run twice at once waits for the other (advisory lock) instead of colliding."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_KEY,
                                                                        parts * 1000 + part])
        for start in range(0, len(seeker_ids), WRITE_BATCH):
            StoredMatch.objects.filter(direction=StoredMatch.Direction.VACANCY,
                                       seeker_id__in=seeker_ids[start:start + WRITE_BATCH]
                                       ).delete()
        for start in range(0, len(vacancy_ids), WRITE_BATCH):
            StoredMatch.objects.filter(direction=StoredMatch.Direction.CANDIDATE,
                                       vacancy_id__in=vacancy_ids[start:start + WRITE_BATCH]
                                       ).delete()
        stored = 0
        while batch := list(islice(rows, WRITE_BATCH)):
            StoredMatch.objects.bulk_create(batch)
            stored += len(batch)
    return stored
