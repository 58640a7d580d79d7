"""Unit tests of the meaning (text-vector) and ISCO-neighbourhood terms of the transition engine,
on the small hand-built taxonomy of test_engine.py."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from banenbrug.transitions.engine import EngineParams, MeaningVectors, TransitionEngine
from tests.transitions.test_engine import (
    FILLERS,
    GREEN_OCC,
    HOLD_LONER,
    HOLD_RARE,
    A,
    B,
    taxonomy,
)

N, DIM = 16, 24
# today's engine: skills and shared ISCO digits, no meaning or neighbourhood term
ZERO = replace(EngineParams(), description_weight=0.0, label_weight=0.0, hood_weight=0.0)


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def meaning(twins: tuple[int, int] = (HOLD_LONER, GREEN_OCC)) -> MeaningVectors:
    """Random directions (unrelated texts), except that the two `twins` have near-identical
    descriptions and labels."""
    rng = np.random.default_rng(3)
    desc = _unit(rng.normal(size=(N, DIM)))
    labels = _unit(rng.normal(size=(N, DIM)))
    a, b = twins
    desc[b] = _unit(desc[a : a + 1] + 0.01 * rng.normal(size=(1, DIM)))[0]
    labels[b] = _unit(labels[a : a + 1] + 0.01 * rng.normal(size=(1, DIM)))[0]
    return MeaningVectors("test-model", desc, labels)


def rank(engine: TransitionEngine, origin: int, dest: int) -> int:
    return [t.dest for t in engine.top([origin], top=N)].index(dest) + 1


def test_no_skill_overlap_but_same_meaning_ranks_higher_with_meaning_on() -> None:
    # HOLD_LONER (skill LONER) and GREEN_OCC (GREEN, COMMON) share no skill at all.
    off = TransitionEngine.build(taxonomy(), ZERO, meaning())
    on = TransitionEngine.build(taxonomy(), replace(ZERO, description_weight=0.3), meaning())
    no_overlap = off.explain([HOLD_LONER], GREEN_OCC)
    assert no_overlap.coverage == 0.0 and no_overlap.carried_over == ()
    assert on.similarity_matrix()[HOLD_LONER, GREEN_OCC] > off.similarity_matrix()[
        HOLD_LONER, GREEN_OCC] + 0.25
    # Each ranks the other higher; above every occupation without skill overlap or meaning.
    for origin, dest in ((HOLD_LONER, GREEN_OCC), (GREEN_OCC, HOLD_LONER)):
        assert rank(on, origin, dest) < rank(off, origin, dest)
        strangers = [d for d in range(N) if d not in (origin, dest)
                     and not off.explain([origin], d).carried_over]
        assert all(rank(on, origin, dest) < rank(on, origin, d) for d in strangers)
    labels = TransitionEngine.build(taxonomy(), replace(ZERO, label_weight=0.3), meaning())
    assert rank(labels, HOLD_LONER, GREEN_OCC) < rank(off, HOLD_LONER, GREEN_OCC)


def test_cosines_are_rescaled_median_to_zero_identical_to_one() -> None:
    engine = TransitionEngine.build(taxonomy(), ZERO, meaning())
    terms = engine.terms(range(N))
    for kind in ("description", "label"):
        m = terms[kind]
        assert m.min() >= 0.0 and m.max() <= 1.0
        off_diagonal = m[~np.eye(N, dtype=bool)]
        assert np.median(off_diagonal) == pytest.approx(0.0, abs=0.05)
        assert np.allclose(np.diag(m), 1.0, atol=1e-5)
        assert m[HOLD_LONER, GREEN_OCC] > 0.99


def test_isco_neighbours_above_strangers_unit_over_minor_over_submajor() -> None:
    # The fillers share one skill set, so from A they tie on skills; only ISCO tells them apart.
    unit, minor, submajor, stranger = FILLERS[:4]
    isco = [f"{1000 + 10 * i}" for i in range(N)]
    isco[A], isco[unit], isco[minor], isco[submajor], isco[stranger] = (
        "7126", "7126", "7127", "7131", "9629")
    arrays = taxonomy(occupation_isco=isco)
    flat = replace(ZERO, isco_weight=0.0)
    plain = TransitionEngine.build(arrays, flat).similarity_matrix()[A]
    assert plain[unit] == plain[minor] == plain[submajor] == plain[stranger] > 0
    engine = TransitionEngine.build(arrays, replace(flat, hood_weight=0.2))
    hood = engine.terms([A])["hood"][0]
    p = engine.params
    assert (hood[unit], hood[minor], hood[submajor], hood[stranger]) == (
        1.0, p.hood_minor, p.hood_submajor, 0.0)
    assert 1.0 > p.hood_minor > p.hood_submajor > 0.0
    m = engine.similarity_matrix()[A]
    assert m[unit] > m[minor] > m[submajor] > m[stranger]
    top = [t.dest for t in engine.top([A], top=N)]
    assert top.index(unit) < top.index(minor) < top.index(submajor) < top.index(stranger)


def test_weights_of_zero_give_todays_scores_exactly() -> None:
    today = TransitionEngine.build(taxonomy(), ZERO)
    with_vectors = TransitionEngine.build(taxonomy(), ZERO, meaning())
    np.testing.assert_array_equal(with_vectors.similarity_matrix(), today.similarity_matrix())
    for origins, extra in (([A], []), ([HOLD_RARE, HOLD_LONER], [3]), ([], [1, 2])):
        np.testing.assert_array_equal(
            with_vectors.scores(origins, extra), today.scores(origins, extra)
        )
    assert with_vectors.top([B], top=5) == today.top([B], top=5)


def test_without_text_vectors_the_meaning_weights_do_not_count() -> None:
    params = replace(ZERO, description_weight=0.3, label_weight=0.2)
    lexical = TransitionEngine.build(taxonomy(), params)  # no text model
    assert lexical.mix_weights() == (0.0, 0.0, 0.0)
    np.testing.assert_array_equal(
        lexical.similarity_matrix(), TransitionEngine.build(taxonomy(), ZERO).similarity_matrix()
    )


def test_queries_match_the_matrix_and_profiles_never_score_lower() -> None:
    params = replace(ZERO, description_weight=0.2, label_weight=0.1, hood_weight=0.1)
    engine = TransitionEngine.build(taxonomy(), params, meaning())
    m = engine.similarity_matrix()
    assert m.min() >= 0.0 and m.max() <= 1.0
    for o in (A, HOLD_LONER, GREEN_OCC):
        np.testing.assert_allclose(engine.scores([o]), m[o], atol=1e-6)
    both = engine.scores([HOLD_LONER, HOLD_RARE], [2])
    assert np.all(both >= np.maximum(m[HOLD_LONER], m[HOLD_RARE]) - 1e-6)
    assert engine.scores([], [2]).shape == (N,)  # loose skills only: no meaning to compare


def test_save_load_keeps_the_vectors(tmp_path) -> None:
    params = replace(ZERO, description_weight=0.2, label_weight=0.1, hood_weight=0.1)
    engine = TransitionEngine.build(taxonomy(), params, meaning())
    engine.save(tmp_path / "e.npz")
    loaded = TransitionEngine.load(tmp_path / "e.npz")
    assert loaded.meaning is not None and loaded.meaning.model == "test-model"
    np.testing.assert_array_equal(loaded.similarity_matrix(), engine.similarity_matrix())
    assert loaded.top([HOLD_LONER], [2], top=5) == engine.top([HOLD_LONER], [2], top=5)
    lexical = TransitionEngine.build(taxonomy(), params)
    lexical.save(tmp_path / "l.npz")
    assert TransitionEngine.load(tmp_path / "l.npz").meaning is None


def test_vectors_from_texts_average_per_occupation() -> None:
    rows = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    vectors = MeaningVectors.from_texts("m", 3, ([0, 0, 2], rows), ([1], rows[:1]))
    np.testing.assert_allclose(vectors.description[0], [2**-0.5, 2**-0.5, 0], atol=1e-6)
    assert not vectors.description[1].any()  # no text: a zero row, no evidence
    np.testing.assert_allclose(vectors.description[2], [0, 0, 1])
    np.testing.assert_allclose(vectors.labels[1], [1, 0, 0])
