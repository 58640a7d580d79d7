"""Unit tests of the pure transition engine on a small hand-built taxonomy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.transitions.engine import EngineParams, TaxonomyArrays, TransitionEngine

# skills
COMMON, RARE_A, RARE_B, KNOW_1, KNOW_2, PARENT, CHILD, LONER, GREEN, DIG_1, DIG_2 = range(11)
N_SKILLS = 11
# occupations
A, B, HOLD_RARE, HOLD_COMMON, NEAR_DEST, HOLD_PARENT, HOLD_LONER, HOLD_CHILD = range(8)
GREEN_OCC, DIGITAL_OCC = 8, 9
FILLERS = range(10, 16)

ESSENTIAL = {
    A: {COMMON, RARE_A},
    B: {COMMON, RARE_A, RARE_B, KNOW_1},
    HOLD_RARE: {RARE_A},
    HOLD_COMMON: {COMMON},
    NEAR_DEST: {CHILD, KNOW_2},
    HOLD_PARENT: {PARENT},
    HOLD_LONER: {LONER},
    HOLD_CHILD: {CHILD},
    GREEN_OCC: {GREEN, COMMON},
    DIGITAL_OCC: {DIG_1, DIG_2, COMMON},
    **{f: {COMMON, LONER} for f in FILLERS},
}


def taxonomy(**changes: object) -> TaxonomyArrays:
    n = 16
    green_share = np.full(n, np.nan)
    green_share[GREEN_OCC] = 0.5
    arrays = TaxonomyArrays(
        occupation_uris=[f"occ/{i}" for i in range(n)],
        occupation_isco=[f"{1000 + 10 * i}" for i in range(n)],  # no two share a unit group
        skill_uris=[f"skill/{i}" for i in range(N_SKILLS)],
        skill_is_knowledge=np.isin(np.arange(N_SKILLS), [KNOW_1, KNOW_2]),
        essential=[(o, s) for o, skills in ESSENTIAL.items() for s in sorted(skills)],
        optional=[(B, LONER)],
        skill_broader=[(CHILD, PARENT)],
        skill_related=[],
        green_skill=np.isin(np.arange(N_SKILLS), [GREEN]),
        digital_skill=np.isin(np.arange(N_SKILLS), [DIG_1, DIG_2]),
        green_share=green_share,
    )
    return replace(arrays, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def engine() -> TransitionEngine:
    return TransitionEngine.build(taxonomy(), EngineParams(isco_weight=0.0))


def test_scores_lie_in_unit_interval(engine: TransitionEngine) -> None:
    m = engine.similarity_matrix()
    assert m.dtype == np.float32 and m.shape == (16, 16)
    assert m.min() >= 0.0 and m.max() <= 1.0


def test_subset_origin_scores_lower_than_superset_origin(engine: TransitionEngine) -> None:
    m = engine.similarity_matrix()
    # A's skills are a subset of B's: B covers all of A, A covers only part of B.
    assert m[A, B] < m[B, A]


def test_rare_skill_counts_more_than_common_one(engine: TransitionEngine) -> None:
    m = engine.similarity_matrix()
    assert engine.idf[RARE_A] > engine.idf[COMMON]
    assert m[HOLD_RARE, A] > m[HOLD_COMMON, A]


def test_near_miss_gets_partial_credit(engine: TransitionEngine) -> None:
    m = engine.similarity_matrix()
    assert m[HOLD_CHILD, NEAR_DEST] > m[HOLD_PARENT, NEAR_DEST] > m[HOLD_LONER, NEAR_DEST]
    from_parent = {t.dest: t for t in engine.top([HOLD_PARENT], top=15)}[NEAR_DEST]
    from_loner = {t.dest: t for t in engine.top([HOLD_LONER], top=15)}[NEAR_DEST]
    assert from_parent.near_misses == (CHILD,)
    assert from_loner.near_misses == ()
    assert from_parent.effort_weeks < from_loner.effort_weeks


def test_without_near_miss_credit_parent_is_no_help() -> None:
    m = TransitionEngine.build(
        taxonomy(), EngineParams(isco_weight=0.0, near_miss_credit=0.0)
    ).similarity_matrix()
    assert m[HOLD_PARENT, NEAR_DEST] == pytest.approx(m[HOLD_LONER, NEAR_DEST])


def test_shared_isco_group_adds_evidence() -> None:
    isco = [f"{1000 + 10 * i}" for i in range(16)]
    isco[HOLD_RARE] = isco[A][:3] + "9"  # same 3-digit minor group as A
    base = TransitionEngine.build(taxonomy(), EngineParams(isco_weight=0.1)).similarity_matrix()
    near = TransitionEngine.build(
        taxonomy(occupation_isco=isco), EngineParams(isco_weight=0.1)
    ).similarity_matrix()
    assert near[HOLD_RARE, A] > base[HOLD_RARE, A]
    assert near[HOLD_COMMON, A] == pytest.approx(base[HOLD_COMMON, A])


def test_profile_scores_at_least_each_of_its_parts(engine: TransitionEngine) -> None:
    profile = engine.scores([HOLD_RARE, HOLD_PARENT], [KNOW_1])
    for single in (HOLD_RARE, HOLD_PARENT):
        assert np.all(profile >= engine.scores([single]) - 1e-6)
    assert profile[B] > engine.scores([HOLD_RARE])[B]  # the extra knowledge item helps for B


def test_single_origin_query_matches_matrix_row(engine: TransitionEngine) -> None:
    m = engine.similarity_matrix()
    for o in (A, NEAR_DEST, DIGITAL_OCC):
        np.testing.assert_allclose(engine.scores([o]), m[o], atol=1e-6)


def test_top_excludes_origins_and_ranks_by_score(engine: TransitionEngine) -> None:
    result = engine.top([A, B], top=20)
    dests = [t.dest for t in result]
    assert A not in dests and B not in dests
    assert len(dests) == 14
    scores = [t.score for t in result]
    assert scores == sorted(scores, reverse=True)


def test_green_and_digital_filters(engine: TransitionEngine) -> None:
    assert engine.green[GREEN_OCC] and not engine.green[A]
    assert engine.digital[DIGITAL_OCC] and not engine.digital[GREEN_OCC]
    green = engine.top([A], green=True)
    assert [t.dest for t in green] == [GREEN_OCC] and green[0].green
    digital = engine.top([A], digital=True)
    assert [t.dest for t in digital] == [DIGITAL_OCC] and digital[0].digital
    assert engine.top([GREEN_OCC], green=True) == []  # the origin itself is excluded


def test_missing_skills_ordered_and_split(engine: TransitionEngine) -> None:
    to_b = {t.dest: t for t in engine.top([HOLD_COMMON], top=15)}[B]
    weights = [g.weight for g in to_b.missing]
    assert weights == sorted(weights, reverse=True)
    assert {g.skill for g in to_b.missing} == {RARE_A, RARE_B, KNOW_1}
    assert [g.skill for g in to_b.missing_knowledge] == [KNOW_1]
    assert {g.skill for g in to_b.missing_skills} == {RARE_A, RARE_B}
    assert COMMON in to_b.carried_over
    assert LONER not in to_b.carried_over  # optional for B, not held by the origin
    assert to_b.effort_weeks > 0


def test_bands_follow_thresholds(engine: TransitionEngine) -> None:
    p = engine.params
    assert engine.band(p.band_close) == "dichtbij"
    assert engine.band(p.band_close - 1e-3) == "haalbaar"
    assert engine.band(p.band_feasible - 1e-3) == "uitdaging"
    for t in engine.top([B], top=15):
        assert t.band == engine.band(t.score)


def test_save_load_roundtrip(engine: TransitionEngine, tmp_path) -> None:
    path = tmp_path / "engine.npz"
    engine.save(path)
    loaded = TransitionEngine.load(path)
    np.testing.assert_array_equal(loaded.similarity_matrix(), engine.similarity_matrix())
    assert loaded.params == engine.params
    assert loaded.occupation_uris == engine.occupation_uris
    assert loaded.top([A], [KNOW_2], top=5) == engine.top([A], [KNOW_2], top=5)


def test_top_table(engine: TransitionEngine) -> None:
    rows = engine.top_table(top=3)
    assert len(rows) == 16 * 3
    m = engine.similarity_matrix()
    for o in range(16):
        mine = [r for r in rows if r[0] == o]
        assert [r[2] for r in mine] == [1, 2, 3]
        assert all(r[1] != o for r in mine)
        others = np.delete(m[o], o)
        assert mine[0][3] == pytest.approx(float(others.max()))


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 14)), min_size=1, max_size=60),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 14)), max_size=30),
    st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=10),
    st.lists(st.integers(0, 14), max_size=3),
)
def test_random_taxonomies_keep_invariants(ess, opt, broader, extra) -> None:
    arrays = TaxonomyArrays(
        occupation_uris=[f"o{i}" for i in range(8)],
        occupation_isco=["1111", "1112", "1121", "2111", "", "2111", "9999", "1"],
        skill_uris=[f"s{i}" for i in range(15)],
        skill_is_knowledge=np.arange(15) % 3 == 0,
        essential=ess,
        optional=opt,
        skill_broader=[(a, b) for a, b in broader if a != b],
        skill_related=[],
        green_skill=np.arange(15) % 5 == 0,
        digital_skill=np.arange(15) % 4 == 0,
        green_share=np.full(8, np.nan),
    )
    engine = TransitionEngine.build(arrays)
    m = engine.similarity_matrix()
    assert np.all((m >= 0) & (m <= 1))
    for o in range(8):
        np.testing.assert_allclose(engine.scores([o]), m[o], atol=1e-5)
    both = engine.scores([0, 1], extra)
    assert np.all(both >= np.maximum(m[0], m[1]) - 1e-5)
