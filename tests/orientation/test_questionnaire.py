"""Questionnaire structure and scoring (pure)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from banenbrug.orientation import questionnaire as q
from banenbrug.orientation.texts import QUESTIONS


def test_thirty_items_five_per_type_interleaved_and_all_worded():
    assert len(q.ITEMS) == 30 and set(q.ITEMS) == set(QUESTIONS)
    assert [q.item_type(i) for i in q.ITEMS[:6]] == list("RIASEC")
    assert {t: sum(q.item_type(i) == t for i in q.ITEMS) for t in "RIASEC"} == dict.fromkeys(
        "RIASEC", 5)


def test_profile_maps_all_like_to_7_all_dislike_to_1_and_unanswered_to_the_middle():
    answers = q.from_mapping({**{f"r{k}": "leuk" for k in range(1, 6)},
                              **{f"c{k}": "niet leuk" for k in range(1, 6)}})
    np.testing.assert_allclose(q.profile(answers), [7, 4, 4, 4, 4, 1])
    mixed = q.from_mapping({"r1": 2, "r2": 2, "r3": 0, "r4": "weet ik niet", "i1": "like",
                            "a1": "dislike"})
    assert q.profile(mixed)[0] == pytest.approx(1 + 6 * 6 / 10)


def test_errors_name_the_question():
    with pytest.raises(q.AnswerError, match="'r1'"):
        q.from_mapping({"r1": "misschien"})
    with pytest.raises(q.AnswerError, match="unknown question id"):
        q.from_mapping({"gender": "f"})
    with pytest.raises(q.AnswerError, match="at least 6"):
        q.profile(q.from_mapping({"r1": 2}))
    with pytest.raises(q.AnswerError):
        q.from_code("2" * 29)
    with pytest.raises(q.AnswerError):
        q.from_mapping({"r1": True})


def test_the_page_ignores_foreign_parameters_but_files_do_not():
    assert q.from_mapping({"r1": 2, "utm_source": "x"}, strict=False).answered == 1


@given(st.lists(st.sampled_from([None, 0, 1, 2]), min_size=30, max_size=30))
def test_code_round_trip(values):
    answers = q.Answers(tuple(values))
    assert q.from_code(answers.code()) == answers
    assert q.from_mapping(answers.as_dict()) == answers


def test_points_per_type_map_onto_the_one_to_seven_scale():
    from banenbrug.orientation.questionnaire import from_sums

    # 10 points is every item liked (7.0), 0 none (1.0), 5 half (4.0); a missing type counts 0
    assert from_sums({"R": 10, "I": 5}).tolist() == [7.0, 4.0, 1.0, 1.0, 1.0, 1.0]


def test_every_ordered_top_three_code_comes_in_a_clear_and_a_mild_version():
    from banenbrug.orientation.questionnaire import code_profiles

    profiles = code_profiles()
    assert len(profiles) == 2 * 6 * 5 * 4
    codes = [code for code, _ in profiles]
    assert len(set(codes)) == 120 and codes.count("IAS") == 2
    clear, mild = (p for code, p in profiles if code == "IAS")
    order = "RIASEC"
    for profile in (clear, mild):  # I first, A second, S third, the rest below
        i, a, s = (profile[order.index(t)] for t in "IAS")
        rest = [profile[order.index(t)] for t in "REC"]
        assert i > a > s > max(rest)
    assert clear[order.index("I")] - clear[order.index("R")] > \
        mild[order.index("I")] - mild[order.index("R")]
