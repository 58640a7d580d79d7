"""The national matcher gives exactly the engine's top k, in both directions, ties included."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.matching.national import NationalMatcher
from tests.matching.test_engine import random_world


def matcher_and_engine(seed: int, n: int, m: int, n_labels: int, block: int):
    ppl, vac, engine = random_world(seed, n, m)
    rng = np.random.default_rng(seed)
    open_ = rng.random(m) < 0.8
    consent = rng.random(n) < 0.7
    matcher = NationalMatcher(engine, ppl, vac, rng.integers(0, n_labels, n),
                              rng.integers(0, n_labels, m), open=open_, consent=consent,
                              block=block)
    return matcher, engine, ppl, vac, open_, consent


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 40), st.integers(1, 60), st.integers(1, 25),
       st.integers(1, 8), st.integers(1, 3), st.integers(1, 9))
def test_national_top_k_is_the_engines_in_both_directions(seed: int, n: int, m: int, k: int,
                                                          n_labels: int, first: int,
                                                          block: int) -> None:
    # Few first groups and small blocks force the path where the first proof fails.
    matcher, engine, ppl, vac, open_, consent = matcher_and_engine(seed, n, m, n_labels, block)
    idx, val = matcher.top_vacancies(np.arange(n), k, first_groups=first)
    for person in range(n):
        one = engine.top_vacancies(ppl, person, vac, k=k, allowed=open_)
        assert [int(v) for v in idx[person] if v >= 0] == [mt.vacancy for mt in one]
        assert val[person, : len(one)].tobytes() == np.array([mt.score for mt in one],
                                                              dtype=np.float32).tobytes()
    idx, val = matcher.top_candidates(np.arange(m), k, first_groups=first)
    for vacancy in range(m):
        one = engine.top_candidates(vac, vacancy, ppl, k=k, allowed=consent)
        assert [int(p) for p in idx[vacancy] if p >= 0] == [mt.person for mt in one]
        assert val[vacancy, : len(one)].tobytes() == np.array([mt.score for mt in one],
                                                               dtype=np.float32).tobytes()


def test_ties_go_to_the_lower_row_and_a_subset_of_rows_is_the_same_answer() -> None:
    matcher = matcher_and_engine(7, 30, 80, 3, 4)[0]
    idx, val = matcher.top_vacancies(np.arange(30), 10, first_groups=1)
    # The world repeats 4 skill profiles over 80 vacancies: there are ties to break.
    tied = [(i, j) for i in range(30) for j in range(9) if val[i, j] == val[i, j + 1]]
    assert tied
    for i, j in tied:
        assert idx[i, j] < idx[i, j + 1]
    part, part_val = matcher.top_vacancies(np.array([29, 3, 11]), 10)
    assert part.tolist() == idx[[29, 3, 11]].tolist()
    assert part_val.tobytes() == val[[29, 3, 11]].tobytes()
    every = matcher.top_candidates(np.arange(80), 10, first_groups=1)[0]
    some = matcher.top_candidates(np.array([70, 2, 41]), 10, first_groups=1)[0]
    assert some.tolist() == every[[70, 2, 41]].tolist()


def test_progress_reports_every_row_once() -> None:
    matcher = matcher_and_engine(1, 25, 10, 2, 4)[0]
    calls: list[tuple[int, int]] = []
    matcher.top_candidates(np.arange(10), 5, progress=lambda done, total: calls.append(
        (done, total)))
    assert calls[-1] == (10, 10)
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 30), st.integers(1, 40), st.integers(1, 6))
def test_group_and_member_bounds_are_never_below_a_members_score(seed: int, n: int, m: int,
                                                                 n_labels: int) -> None:
    # The proof of exactness rests on these: a member's score <= its group's skill bound x the
    # pair's factor <= skill bound x the group's largest factor (slack only for float32).
    matcher, engine, ppl, vac, *_ = matcher_and_engine(seed, n, m, n_labels, 4)
    slack = np.float32(1 + 1e-5)
    skill, most = matcher.vacancy_bounds(np.arange(n))
    groups = matcher.vacancy_groups
    for person in range(n):
        score = engine.vacancy_scores(ppl, person, vac)
        for g in range(len(groups)):
            members = groups.members[groups.indptr[g]:groups.indptr[g + 1]]
            member_bound = skill[person, g] * matcher._factor(np.array([person]), members)[0]
            assert (score[members] <= member_bound * slack).all()
            assert (member_bound <= skill[person, g] * most[person, g] * slack).all()
    skill, most = matcher.candidate_bounds(np.arange(m))
    groups = matcher.person_groups
    for vacancy in range(m):
        score = engine.candidate_scores(vac, vacancy, ppl)
        for g in range(len(groups)):
            members = groups.members[groups.indptr[g]:groups.indptr[g + 1]]
            member_bound = skill[vacancy, g] * matcher._factor(members, np.array([vacancy]))[:, 0]
            assert (score[members] <= member_bound * slack).all()
            assert (member_bound <= skill[vacancy, g] * most[vacancy, g] * slack).all()
