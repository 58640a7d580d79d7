"""The jobcarving engine: a partition, never fewer people than the whole vacancy, rare skills in
the core, coherent carved roles; and the same reach as matching's own score."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.employers.jobcarving import (
    CarvingInputError,
    CarvingParams,
    belongs_together,
    carve,
)
from banenbrug.matching.engine import MatchingEngine, People, Vacancies


def vacancy(essential: list[int], s: int, region: int = 0, province: int = 0,
            hours: tuple[int, int] = (32, 40), part_time: bool = True) -> Vacancies:
    row = sp.csr_matrix((np.ones(len(essential), np.float32), ([0] * len(essential), essential)),
                        shape=(1, s))
    return Vacancies(essential=row, optional=sp.csr_matrix((1, s), dtype=np.float32),
                     hours_min=np.array([hours[0]], np.float32),
                     hours_max=np.array([hours[1]], np.float32),
                     part_time_possible=np.array([part_time]), region=np.array([region]),
                     province=np.array([province]))


def people(rows: list[list[int]], s: int, region: list[int] | None = None,
           province: list[int] | None = None) -> People:
    n = len(rows)
    r = [i for i, row in enumerate(rows) for _ in row]
    c = [j for row in rows for j in row]
    return People(skills=sp.csr_matrix((np.ones(len(c), np.float32), (r, c)), shape=(n, s)),
                  hours_min=np.full(n, 32, np.float32), hours_max=np.full(n, 40, np.float32),
                  region=np.array(region if region is not None else [0] * n),
                  province=np.array(province if province is not None else [0] * n))


def connected(skills: tuple[int, ...], together: np.ndarray) -> bool:
    seen, todo = {skills[0]}, [skills[0]]
    while todo:
        a = todo.pop()
        for b in skills:
            if b not in seen and together[a, b]:
                seen.add(b)
                todo.append(b)
    return seen == set(skills)


def test_a_carved_role_of_common_skills_reaches_the_many_and_the_core_keeps_the_rare():
    s = 8
    engine = MatchingEngine(np.ones(s, np.float32), None)
    # skills 0-3 common (helpers), 4-5 specialist (two people), 6 nobody holds
    helpers = [[0, 1, 2, 3]] * 6 + [[0, 1, 2]] * 2
    specialists = [[0, 1, 2, 3, 4, 5]] * 2
    crowd = people(helpers + specialists, s)
    together = np.ones((7, 7), bool)
    result = carve(engine, vacancy([0, 1, 2, 3, 4, 5, 6], s), 0, crowd, together,
                   params=CarvingParams(reach=0.7, min_skills=3))
    # whole vacancy: 6 of 7 skills for the specialists (0.857) and 4/7 for the helpers (0.57)
    assert result.original.candidates == 2
    assert result.carved[0].skills == (0, 1, 2, 3)
    assert result.carved[0].candidates == 10  # the two 3-of-4 helpers reach 0.75 too
    assert result.remaining.skills == (4, 5, 6)
    assert result.rare == (6,)
    assert result.holders == (10, 10, 10, 8, 2, 2, 0)


def test_people_outside_the_region_and_province_are_never_within_reach():
    s = 4
    engine = MatchingEngine(np.ones(s, np.float32), None)
    crowd = people([[0, 1, 2, 3]] * 3, s, region=[0, 5, 9], province=[0, 0, 3])
    result = carve(engine, vacancy([0, 1, 2, 3], s), 0, crowd, np.ones((4, 4), bool))
    assert result.local == 2  # same region, and same province; the third lives elsewhere
    assert result.original.candidates == 2


def test_a_skill_a_short_module_teaches_counts_towards_reach_but_not_as_ready_now():
    s = 4
    engine = MatchingEngine(np.ones(s, np.float32), None)
    crowd = people([[0]] * 5 + [[0, 1, 2, 3]], s)
    learnable = np.array([False, True, True, False])
    params = CarvingParams(reach=0.8, learn_credit=0.5, min_skills=3)
    result = carve(engine, vacancy([0, 1, 2, 3], s), 0, crowd, np.ones((4, 4), bool),
                   learnable, params=params)
    assert result.original.candidates == 1
    # {0,1,2}: 1 + 0.5 + 0.5 = 2/3 < 0.8 for the five; so no carving pays off here ...
    assert result.carved == ()
    # ... but at reach 0.6 the five reach it after a short module, and none is ready now
    lower = carve(engine, vacancy([0, 1, 2, 3], s), 0, crowd, np.ones((4, 4), bool), learnable,
                  params=CarvingParams(reach=0.6, learn_credit=0.5, min_skills=3))
    assert lower.carved[0].skills == (0, 1, 2)
    assert lower.carved[0].candidates == 6
    assert lower.carved[0].ready_now == 1


def test_an_incoherent_set_is_never_carved():
    s = 6
    engine = MatchingEngine(np.ones(s, np.float32), None)
    crowd = people([[0, 1, 2]] * 5 + [[0, 1, 2, 3, 4, 5]], s)
    together = np.zeros((6, 6), bool)  # 0-1 and 1-3 linked; 2 stands alone
    for a, b in ((0, 1), (1, 3), (3, 4), (4, 5)):
        together[a, b] = together[b, a] = True
    result = carve(engine, vacancy(list(range(6)), s), 0, crowd, together,
                   params=CarvingParams(reach=0.6, min_skills=3))
    # {0, 1, 2} would reach all six at full coverage, but 2 belongs with nothing
    assert [role.skills for role in result.carved] == [(0, 1, 3)]
    assert result.carved[0].candidates == 6  # 2 of 3 = 0.67 for the five, and the all-rounder
    assert 2 in result.remaining.skills


def test_the_original_count_is_matching_s_own_score_at_the_reach():
    rng = np.random.default_rng(3)
    s = 30
    idf = rng.uniform(0.2, 3, s).astype(np.float32)
    family = sp.random(s, s, density=0.08, random_state=4, format="csr")
    engine = MatchingEngine(idf, family + family.T)
    rows = [list(rng.choice(s, rng.integers(1, 15), replace=False)) for _ in range(300)]
    crowd = people(rows, s, region=list(rng.integers(0, 4, 300)),
                   province=list(rng.integers(0, 2, 300)))
    crowd = People(crowd.skills, rng.choice([8, 16, 24, 32], 300).astype(np.float32),
                   np.full(300, 40, np.float32), crowd.region, crowd.province)
    vac = vacancy(list(rng.choice(s, 12, replace=False)), s, region=1, province=0,
                  part_time=False)
    score = engine.candidate_scores(vac, 0, crowd)
    place = engine.place_fit(crowd.region, crowd.province, vac.region[0], vac.province[0])
    expected = int(((score >= 0.5 - 1e-6) & (place > 0)).sum())
    result = carve(engine, vac, 0, crowd, np.ones((12, 12), bool),
                   params=CarvingParams(reach=0.5, learn_credit=0.0))
    assert expected > 0
    assert result.original.candidates == expected


def test_a_vacancy_without_essential_skills_is_refused():
    engine = MatchingEngine(np.ones(3, np.float32), None)
    with pytest.raises(CarvingInputError, match="no essential skills"):
        carve(engine, vacancy([], 3), 0, people([[0]], 3), np.zeros((0, 0), bool))


def test_belongs_together_is_family_or_co_occurrence_symmetric_without_self_loops():
    family = np.array([[0, 1, 0], [0, 0, 0], [0, 0, 0]], bool)
    cooccur = np.array([[5, 0, 1], [0, 5, 2], [1, 2, 5]])
    out = belongs_together(family, cooccur, min_cooccur=2)
    assert out.tolist() == [[False, True, False], [True, False, True], [False, True, False]]


@st.composite
def worlds(draw):
    s = draw(st.integers(4, 14))
    n_ess = draw(st.integers(1, s))
    essential = sorted(draw(st.lists(st.integers(0, s - 1), min_size=n_ess, max_size=n_ess,
                                     unique=True)))
    n_people = draw(st.integers(0, 40))
    rows = [draw(st.lists(st.integers(0, s - 1), max_size=s, unique=True))
            for _ in range(n_people)]
    regions = [draw(st.integers(0, 2)) for _ in range(n_people)]
    idf = np.array(draw(st.lists(st.floats(0, 3, width=32), min_size=s, max_size=s)),
                   np.float32)
    n = len(essential)
    together = np.array(draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n)),
                        bool).reshape(n, n)
    together = together | together.T
    learnable = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), bool)
    params = CarvingParams(reach=draw(st.sampled_from([0.3, 0.5, 0.7, 0.9])),
                           min_skills=draw(st.integers(1, 4)))
    max_carved = draw(st.integers(0, 3))
    crowd = people(rows, s, region=regions, province=[r // 2 for r in regions])
    return (MatchingEngine(idf, None), vacancy(essential, s), crowd, together, learnable,
            params, max_carved)


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_properties_partition_never_fewer_rare_in_core_coherent(world):
    engine, vac, crowd, together, learnable, params, max_carved = world
    result = carve(engine, vac, 0, crowd, together, learnable, max_carved, params)
    n = len(result.essential)
    parts = [s for role in result.carved for s in role.skills] + list(result.remaining.skills)
    assert sorted(parts) == list(range(n))  # a partition: every skill once
    assert len(result.remaining.skills) >= 1
    assert len(result.carved) <= max_carved
    for role in result.carved:
        assert role.candidates >= result.original.candidates
        assert connected(role.skills, together)
        assert role.ready_now <= role.candidates
    for position, holders in enumerate(result.holders):
        if holders == 0:
            assert position in result.remaining.skills
