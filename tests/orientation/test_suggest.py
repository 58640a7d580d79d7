"""The pure matching engine: scores, variety, explanations, determinism."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.orientation import suggest as s

PROFILES = np.array([
    [7.0, 3.0, 1.1, 1.4, 1.4, 4.7],  # 0 electrician        7411
    [6.9, 3.1, 1.1, 1.4, 1.4, 4.6],  # 1 electrician clone  7411
    [6.5, 3.0, 1.2, 1.9, 1.8, 4.5],  # 2 heat pump          7127
    [2.2, 6.5, 3.0, 1.8, 2.5, 5.0],  # 3 software           2512
    [1.8, 7.0, 2.5, 1.5, 2.5, 6.0],  # 4 data               2511
    [2.0, 4.5, 6.5, 2.0, 3.0, 3.5],  # 5 designer           2513
    [3.0, 3.0, 2.0, 6.5, 3.0, 2.0],  # 6 teacher            2320
    [2.0, 2.5, 2.0, 3.5, 6.8, 4.0],  # 7 sales              2433
])
ISCO = ("7411", "7411", "7127", "2512", "2511", "2513", "2320", "2433")


def candidates(relevance: np.ndarray | None = None) -> s.Candidates:
    n = len(PROFILES)
    return s.Candidates(
        uris=tuple(f"occ/{i}" for i in range(n)), profiles=PROFILES, isco=ISCO,
        green=np.array([1, 1, 1, 0, 0, 0, 1, 1], bool), digital=np.array([0, 0, 0, 1, 1, 1, 0, 0],
                                                                          bool),
        borrowed=np.zeros(n, bool), relevance=np.zeros(n) if relevance is None else relevance,
        technical=np.ones(n, bool), core=np.zeros(n, bool))


def top_uris(profile, **kw) -> list[str]:
    return [x.uri for x in s.suggest(profile, candidates(), **kw)]


FAMILY = [0, 0, 0, 1, 1, 2, 3, 4]


def test_an_occupations_own_profile_brings_up_its_own_family_first():
    for i, profile in enumerate(PROFILES):
        scores = s.scores(profile, PROFILES)
        assert FAMILY[int(np.argmax(scores))] == FAMILY[i]


def test_sensible_orders_for_clear_patterns():
    assert top_uris([7, 3, 2, 2, 2, 4], top=2) == ["occ/0", "occ/2"]
    assert top_uris([2, 7, 2, 2, 2, 6], top=2) == ["occ/4", "occ/3"]
    assert top_uris([2, 4, 7, 2, 3, 2], top=1) == ["occ/5"]
    assert top_uris([2, 2, 2, 7, 3, 2], top=1) == ["occ/6"]
    assert top_uris([2, 2, 2, 3, 7, 4], top=1) == ["occ/7"]


def test_results_are_varied_one_per_unit_group_unless_asked():
    assert "occ/1" not in top_uris([7, 3, 1, 1, 1, 5], top=8)
    assert top_uris([7, 3, 1, 1, 1, 5], top=2, per_group=2) == ["occ/0", "occ/1"]


def test_relevance_breaks_near_ties_but_not_clear_preferences():
    relevance = np.zeros(len(PROFILES))
    relevance[1] = 1.0
    pushed = [x.uri for x in s.suggest([7, 3, 1, 1, 1, 5], candidates(relevance), top=1)]
    assert pushed == ["occ/1"]  # the near-identical clone with the higher relevance
    assert [x.uri for x in s.suggest([2, 7, 2, 2, 2, 6], candidates(relevance), top=1)] == [
        "occ/4"]


def test_reasons_name_liked_interests_the_work_involves():
    found = s.suggest([7, 5, 1, 1, 1, 5], candidates(), top=1)[0]
    assert [r.interest for r in found.reasons] == ["R", "C"]  # I=3.0 is not part of the work
    flat = s.suggest([5, 5, 5, 5, 5, 5], candidates(), top=1)[0]
    assert flat.reasons == ()  # nothing stands out: no claim about what the person likes
    assert s.route([5] * 6) == "-" and s.route([7, 6, 1, 1, 1, 1]) == "RI"


def test_profile_validation():
    for bad in ([1, 2, 3], [0, 4, 4, 4, 4, 4], [8, 4, 4, 4, 4, 4], [np.nan, 4, 4, 4, 4, 4]):
        with pytest.raises(ValueError):
            s.suggest(bad, candidates())
    with pytest.raises(ValueError):
        s.suggest([4] * 6, candidates(), top=0)


profiles = st.lists(st.floats(1, 7, allow_nan=False), min_size=6, max_size=6)


@settings(max_examples=60, deadline=None)
@given(profiles, st.permutations(range(len(PROFILES))))
def test_results_do_not_depend_on_the_order_of_candidates(profile, order):
    base = candidates()
    shuffled = s.Candidates(
        uris=tuple(base.uris[i] for i in order), profiles=base.profiles[list(order)],
        isco=tuple(base.isco[i] for i in order), green=base.green[list(order)],
        digital=base.digital[list(order)], borrowed=base.borrowed[list(order)],
        relevance=base.relevance[list(order)], technical=base.technical[list(order)],
        core=base.core[list(order)])
    first = [(x.uri, x.score) for x in s.suggest(profile, base, top=5)]
    assert first == [(x.uri, x.score) for x in s.suggest(profile, shuffled, top=5)]
    scores = [score for _u, score in first]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 1 + s.PRIOR_WEIGHT for score in scores)


def mixed(core: list[int]) -> s.Candidates:
    """The teacher (6) and the sales job (7) are not technical; `core` marks core ones."""
    base = candidates()
    technical = np.array([1, 1, 1, 1, 1, 1, 0, 0], bool)
    return s.Candidates(
        uris=base.uris, profiles=base.profiles, isco=base.isco, green=base.green,
        digital=base.digital, borrowed=base.borrowed, relevance=base.relevance,
        technical=technical, core=np.isin(np.arange(len(PROFILES)), core))


def test_a_non_technical_job_is_never_suggested_for_its_interest_code_alone():
    social = [2, 2, 2, 7, 3, 2]  # the teacher (S 6.5) fits best by far
    assert "occ/6" not in [x.uri for x in s.suggest(social, mixed(core=[]), top=7)]
    found = s.suggest(social, mixed(core=[6]), top=3)
    assert found[0].uri == "occ/6" and not found[0].technical  # core: it may lead


def test_at_least_the_technical_share_of_the_list_is_technical_and_best_fitting():
    social = [2, 2, 2, 7, 3, 2]
    both_core = mixed(core=[6, 7])
    found = s.suggest(social, both_core, top=5, per_group=2)
    technical = [x for x in found if x.technical]
    assert len(technical) == 3 == np.ceil(s.TECHNICAL_SHARE * 5)  # 2 others allowed of 5
    unrestricted = sorted(range(6), key=lambda i: -s.scores(social, PROFILES)[i])
    assert [x.uri for x in technical] == [f"occ/{i}" for i in unrestricted[:3]]
    assert [x.score for x in found] == sorted((x.score for x in found), reverse=True)


def test_too_few_technical_candidates_fill_up_with_core_ones():
    base = mixed(core=[6, 7])
    only_two = s.Candidates(
        uris=base.uris, profiles=base.profiles, isco=base.isco, green=base.green,
        digital=base.digital, borrowed=base.borrowed, relevance=base.relevance,
        technical=np.isin(np.arange(len(PROFILES)), [0, 3]), core=base.core)
    found = s.suggest([2, 2, 2, 7, 3, 2], only_two, top=4)
    assert sorted(x.uri for x in found) == ["occ/0", "occ/3", "occ/6", "occ/7"]


def test_teaching_takes_at_most_two_places():
    teachers = np.array([[3.0, 4.0, 2.0, 6.5 - k / 10, 3.0, 2.0] for k in range(4)])
    n = len(PROFILES) + len(teachers)
    found = s.suggest([2, 3, 2, 7, 3, 2], s.Candidates(
        uris=tuple(f"occ/{i}" for i in range(n)), profiles=np.vstack([PROFILES, teachers]),
        isco=(*ISCO, "2310", "2330", "2341", "2359"), green=np.ones(n, bool),
        digital=np.zeros(n, bool), borrowed=np.zeros(n, bool), relevance=np.zeros(n),
        technical=np.ones(n, bool), core=np.zeros(n, bool)), top=6)
    assert sum(x.uri in {"occ/6", "occ/8", "occ/9", "occ/10", "occ/11"} for x in found) == 2
    assert {x.uri for x in found[:2]} == {"occ/6", "occ/8"}  # the best two teaching jobs
