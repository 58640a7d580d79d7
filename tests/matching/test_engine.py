"""Unit tests of the pure matching engine on hand-built arrays."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.matching.engine import MatchingEngine, MatchParams, People, Vacancies

S = 8  # skills
A, B, C, D, FAM_1, FAM_2, OPT_1, OPT_2 = range(S)
IDF = np.ones(S, dtype=np.float32)
FAMILY = sp.csr_matrix(([1.0, 1.0], ([FAM_1, FAM_2], [FAM_2, FAM_1])), shape=(S, S))


def rows(sets: list[set[int]], s: int = S) -> sp.csr_matrix:
    pairs = [(i, j) for i, skills in enumerate(sets) for j in sorted(skills)]
    r = [p[0] for p in pairs]
    c = [p[1] for p in pairs]
    return sp.csr_matrix((np.ones(len(pairs), np.float32), (r, c)), shape=(len(sets), s))


def people(sets: list[set[int]], hours: list[tuple[float, float]] | None = None,
           region: list[int] | None = None, province: list[int] | None = None) -> People:
    n = len(sets)
    hours = hours or [(32, 40)] * n
    return People(skills=rows(sets), hours_min=np.array([h[0] for h in hours]),
                  hours_max=np.array([h[1] for h in hours]),
                  region=np.array(region or [0] * n), province=np.array(province or [0] * n))


def vacancies(ess: list[set[int]], opt: list[set[int]] | None = None,
              hours: list[tuple[float, float]] | None = None, part_time: list[bool] | None = None,
              region: list[int] | None = None, province: list[int] | None = None) -> Vacancies:
    m = len(ess)
    hours = hours or [(32, 40)] * m
    return Vacancies(essential=rows(ess), optional=rows(opt or [set()] * m),
                     hours_min=np.array([h[0] for h in hours]),
                     hours_max=np.array([h[1] for h in hours]),
                     part_time_possible=np.array(part_time or [False] * m),
                     region=np.array(region or [0] * m), province=np.array(province or [0] * m))


ENGINE = MatchingEngine(IDF, FAMILY)


def test_essential_coverage_dominates_optional() -> None:
    # Vacancy 0: the person has both essentials, none of the optionals; vacancy 1 the reverse.
    vac = vacancies([{A, B}, {C, D}], [{OPT_1, OPT_2}, {A, B}])
    found = ENGINE.top_vacancies(people([{A, B}]), 0, vac, k=2)
    assert [m.vacancy for m in found] == [0, 1]
    assert found[0].essential_coverage == 1.0 and found[1].essential_coverage == 0.0
    assert found[0].score > found[1].score > 0


def test_near_miss_counts_partly() -> None:
    vac = vacancies([{FAM_1, A}])
    p = people([{A, FAM_2}, {A}, {A, FAM_1}])
    cov = [ENGINE.explain(p, i, vac, 0).essential_coverage for i in range(3)]
    assert cov == [0.75, 0.5, 1.0]  # near miss = half a skill (near_miss_credit 0.5)
    without = MatchingEngine(IDF, None).explain(p, 0, vac, 0).essential_coverage
    assert without == 0.5


def test_part_time_person_prefers_part_time_possible_vacancy() -> None:
    vac = vacancies([{A}, {A}], hours=[(32, 40), (32, 40)], part_time=[False, True])
    p = people([{A}], hours=[(24, 24)])
    found = ENGINE.top_vacancies(p, 0, vac, k=2)
    assert [m.vacancy for m in found] == [1, 0]
    assert found[0].hours_fit == 1.0 and found[1].hours_fit < 1.0
    # A full-time person fits both fully: hours do not separate them.
    full = ENGINE.top_vacancies(people([{A}], hours=[(36, 40)]), 0, vac, k=2)
    assert full[0].score == full[1].score


def test_hours_fit_is_smooth() -> None:
    fit = ENGINE.hours_fit(np.full(5, 24.0), np.full(5, 24.0), np.array([24, 28, 32, 36, 40.0]),
                           np.full(5, 40.0), np.zeros(5, bool))
    assert fit[0] == 1.0 and np.all(np.diff(fit) < 0) and fit[-1] == 0.0


def test_same_region_beats_other_province() -> None:
    vac = vacancies([{A}] * 3, region=[5, 6, 7], province=[1, 1, 2])
    p = people([{A}], region=[5], province=[1])
    found = ENGINE.top_vacancies(p, 0, vac, k=3)
    assert [m.vacancy for m in found] == [0, 1, 2]
    assert [m.place_fit for m in found] == [1.0, 0.5, 0.0]


def test_top_candidates_respects_consent() -> None:
    p = people([{A, B}, {A}, {A, B}, set()])
    vac = vacancies([{A, B}])
    consent = np.array([False, True, True, True])
    found = ENGINE.top_candidates(vac, 0, p, k=10, allowed=consent)
    assert [m.person for m in found] == [2, 1, 3]
    assert 0 not in [m.person for m in ENGINE.top_candidates(vac, 0, p, k=1, allowed=consent)]


def test_explain_lists_matched_missing_and_near_miss() -> None:
    vac = vacancies([{A, B, FAM_1}], [{OPT_1, OPT_2}])
    e = ENGINE.explain(people([{A, FAM_2, OPT_1}]), 0, vac, 0)
    assert e.matched == (A, OPT_1)
    assert e.missing == (B,)
    assert e.near_miss == (FAM_1,)
    assert e.optional_missing == (OPT_2,)
    assert e.hours_fit == 1.0 and e.place_fit == 1.0
    expected = (0.8 * (1 + 0 + 0.5) / 3 + 0.2 * 0.5) / 1.0
    assert abs(e.score - expected) < 1e-6


def test_no_skills_no_score() -> None:
    found = ENGINE.top_vacancies(people([{C}]), 0, vacancies([{A}]), k=1)
    assert found[0].score == 0.0


def random_world(seed: int, n: int, m: int) -> tuple[People, Vacancies, MatchingEngine]:
    rng = np.random.default_rng(seed)
    s = 12
    fam = sp.random(s, s, density=0.15, random_state=seed, format="csr")
    fam = ((fam + fam.T) > 0).astype(np.float32).tocsr()
    fam.setdiag(0)
    engine = MatchingEngine(rng.random(s).astype(np.float32) + 0.1, sp.csr_matrix(fam))
    engine.min_profiles = 1  # force the pruned path and its exactness check
    ppl = People(skills=sp.csr_matrix((rng.random((n, s)) < 0.3).astype(np.float32)),
                 hours_min=rng.choice([0, 16, 24, 32], n).astype(float),
                 hours_max=rng.choice([0, 24, 32, 40], n).astype(float),
                 region=rng.integers(-1, 4, n), province=rng.integers(-1, 2, n),
                 **coordinates(rng, n))
    # Few distinct profiles, many vacancies: the fast path of all_top_vacancies must be exact.
    profiles = (rng.random((4, s)) < 0.3).astype(np.float32)
    pick = rng.integers(0, 4, m)
    vac = Vacancies(essential=sp.csr_matrix(profiles[pick]),
                    optional=sp.csr_matrix((rng.random((m, s)) < 0.1).astype(np.float32)
                                           * (pick[:, None] == 0)),
                    hours_min=rng.choice([16, 24, 32], m).astype(float),
                    hours_max=rng.choice([24, 36, 40], m).astype(float),
                    part_time_possible=rng.random(m) < 0.5,
                    region=rng.integers(-1, 4, m), province=rng.integers(-1, 2, m),
                    learnable=learn_work_rows(rng, m, s), **coordinates(rng, m))
    return ppl, vac, engine


def coordinates(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Places in a 200 km square of five spots (so distances repeat), a fifth unknown."""
    spot = rng.integers(0, 5, n)
    unknown = rng.random(n) < 0.2
    return {"lat": np.where(unknown, np.nan, 51 + 0.4 * spot),
            "lon": np.where(unknown, np.nan, 4 + 0.5 * (spot % 3))}


def learn_work_rows(rng: np.random.Generator, m: int, s: int) -> sp.csr_matrix:
    """About a third of the vacancies are learn-work with one of two trainings, so learn-work
    profiles repeat (ties) and the offset reaches every bound of the national matcher."""
    trainings = (rng.random((2, s)) < 0.4).astype(np.float32)
    which = rng.integers(0, 6, m)
    return sp.csr_matrix(np.where((which < 2)[:, None], trainings[np.minimum(which, 1)], 0))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 30), st.integers(1, 80), st.integers(1, 25))
def test_all_top_vacancies_agrees_with_top_vacancies(seed: int, n: int, m: int, k: int) -> None:
    ppl, vac, engine = random_world(seed, n, m)
    idx, val = engine.all_top_vacancies(ppl, vac, k=k, block=7)
    assert idx.shape == (n, k) and val.dtype == np.float32
    for person in range(n):
        one = engine.top_vacancies(ppl, person, vac, k=k)
        got = [int(v) for v in idx[person] if v >= 0]
        assert got == [mt.vacancy for mt in one]
        assert np.allclose(val[person, : len(got)], [mt.score for mt in one])


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_both_directions_give_bitwise_the_same_scores(seed: int) -> None:
    # Bitwise, not close: rankings break ties by index, so a last-bit difference between the
    # two directions would reorder tied pairs.
    ppl, vac, engine = random_world(seed, 20, 15)
    for v in range(15):
        col = engine.candidate_scores(vac, v, ppl)
        row = np.array([engine.vacancy_scores(ppl, p, vac)[v] for p in range(20)])
        assert col.tobytes() == row.tobytes()


def test_params_change_weights() -> None:
    vac = vacancies([{A}], region=[1], province=[1])
    p = people([{A}], region=[2], province=[2])
    strict = MatchingEngine(IDF, None, MatchParams(place_weight=1.0))
    assert strict.top_vacancies(p, 0, vac)[0].score == 0.0
    assert ENGINE.top_vacancies(p, 0, vac)[0].score == np.float32(0.5)  # place_weight 0.5


# ------------------------------------------------------------------ learn-work vacancies

def learn_work(ess: list[set[int]], taught: list[set[int]]) -> Vacancies:
    plain = vacancies(ess)
    return Vacancies(plain.essential, plain.optional, plain.hours_min, plain.hours_max,
                     plain.part_time_possible, plain.region, plain.province,
                     learnable=rows(taught))


def test_training_that_teaches_the_missing_skills_ranks_the_vacancy_higher() -> None:
    # The same job twice: vacancy 1 is the learn-work version whose training teaches C and D,
    # the two essential skills the person lacks.
    vac = learn_work([{A, B, C, D}, {A, B, C, D}], [set(), {C, D}])
    person = people([{A, B}])
    found = ENGINE.top_vacancies(person, 0, vac, k=2)
    assert [m.vacancy for m in found] == [1, 0]
    # Held A, B count 1, the taught C, D half: (1 + 1 + 0.5 + 0.5) / 4.
    assert found[0].skill_fit == pytest.approx(0.75)
    assert found[1].skill_fit == pytest.approx(0.5)
    # What the person brings is unchanged: the coverage counts held skills only.
    assert found[0].essential_coverage == found[1].essential_coverage == pytest.approx(0.5)
    # The other direction ranks the person by the same numbers.
    assert ENGINE.candidate_scores(vac, 1, person)[0] == pytest.approx(found[0].score)


def test_to_be_learned_is_listed_apart_from_held_missing_and_near() -> None:
    vac = learn_work([{A, B, C, FAM_1}], [{C, D}])  # D is taught but not asked: not listed
    e = ENGINE.explain(people([{A, FAM_2}]), 0, vac, 0)
    assert e.matched == (A,)
    assert e.to_learn == (C,)
    assert e.missing == (B,)  # neither held, near, nor taught
    assert e.near_miss == (FAM_1,)
    # A near miss that the training teaches: to be learned, credit 0.5 + 0.5 * 0.5.
    vac = learn_work([{A, FAM_1}], [{FAM_1}])
    e = ENGINE.explain(people([{A, FAM_2}]), 0, vac, 0)
    assert e.to_learn == (FAM_1,) and e.near_miss == ()
    assert e.score == pytest.approx((1 + 0.75) / 2)


def test_learning_never_beats_holding_the_skill() -> None:
    vac = learn_work([{A, B}], [{B}])
    ppl = people([{A, B}, {A}, set()])
    scores = ENGINE.candidate_scores(vac, 0, ppl)
    assert scores[0] == pytest.approx(1.0)  # held: the training adds nothing
    assert scores[0] > scores[1] > 0  # nobody learns A, but B is half there
    assert scores[2] == 0  # holding nothing requested, the training alone is no fit
    no_share = MatchingEngine(IDF, FAMILY, MatchParams(learn_share=0.0))
    assert no_share.candidate_scores(vac, 0, ppl)[1] == pytest.approx(0.5)
