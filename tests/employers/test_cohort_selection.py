"""The cohort selection engine, pure: the threshold, Open Hiring order, the places, ties, and
the outcome facts and their suppression."""

from __future__ import annotations

from datetime import date

import pytest

from banenbrug.employers import cohorts
from banenbrug.employers.cohorts import Applicant, Participant, Verdict, select
from banenbrug.evaluation.estimators import MIN_CELL

ENTRY = frozenset({1, 2, 3, 4})


def _verdicts(decisions):
    return {d.key: d.verdict for d in decisions}


def test_entry_skills_are_the_essentials_the_modules_do_not_teach():
    assert cohorts.entry_skills([1, 2, 3, 4, 5], [4, 5, 9]) == frozenset({1, 2, 3})
    assert cohorts.entry_skills([], [1]) == frozenset()


def test_threshold_is_inclusive_and_exact():
    people = [Applicant(1, 1, frozenset({1, 2})),  # 50 %: exactly the threshold
              Applicant(2, 2, frozenset({1})),  # 25 %
              Applicant(3, 3, frozenset({1, 2, 3, 9}))]  # 75 %; 9 is no entry skill
    decisions = select(people, ENTRY, threshold=50, places=10)
    assert _verdicts(decisions) == {1: Verdict.ADMITTED, 2: Verdict.NOT_PASSED,
                                    3: Verdict.ADMITTED}
    assert [(d.held, d.needed, d.percent) for d in decisions] == [(2, 4, 50), (1, 4, 25),
                                                                  (3, 4, 75)]
    # one skill in three is 33.3 %: below a 34 % threshold, at 33 % it passes
    three = frozenset({1, 2, 3})
    assert not cohorts.passes(1, 3, 34) and cohorts.passes(1, 3, 33)
    assert _verdicts(select([Applicant(1, 1, frozenset({1}))], three, 34, 1)) == {
        1: Verdict.NOT_PASSED}


def test_places_go_in_order_of_application_not_by_score():
    # the best scorer applied last: Open Hiring gives the places to the first who pass
    people = [Applicant(10, 3, ENTRY), Applicant(11, 1, frozenset({1, 2})),
              Applicant(12, 2, frozenset({3})), Applicant(13, 4, frozenset({2, 3}))]
    decisions = select(people, ENTRY, threshold=50, places=2)
    assert [d.key for d in decisions] == [11, 12, 10, 13]  # in order of application
    assert _verdicts(decisions) == {11: Verdict.ADMITTED, 12: Verdict.NOT_PASSED,
                                    10: Verdict.ADMITTED, 13: Verdict.RESERVE}
    assert {d.key: d.reserve_rank for d in decisions} == {11: None, 12: None, 10: None, 13: 1}


def test_a_place_once_given_is_kept_and_only_free_places_are_given():
    people = [Applicant(1, 1, frozenset(), admitted=True),  # score fell since: keeps the place
              Applicant(2, 2, ENTRY), Applicant(3, 3, ENTRY), Applicant(4, 4, ENTRY)]
    decisions = select(people, ENTRY, threshold=50, places=2)
    assert _verdicts(decisions) == {1: Verdict.ADMITTED, 2: Verdict.ADMITTED,
                                    3: Verdict.RESERVE, 4: Verdict.RESERVE}
    assert [d.newly_admitted for d in decisions] == [False, True, False, False]
    assert [d.reserve_rank for d in decisions] == [None, None, 1, 2]
    # running again with the result as input changes nothing
    again = select([Applicant(d.key, d.key, ENTRY, admitted=d.verdict == Verdict.ADMITTED)
                    for d in decisions], ENTRY, 50, 2)
    assert _verdicts(again) == _verdicts(decisions)
    assert not any(d.newly_admitted for d in again)


def test_more_admitted_than_places_gives_no_new_place():
    people = [Applicant(1, 1, ENTRY, admitted=True), Applicant(2, 2, ENTRY, admitted=True),
              Applicant(3, 3, ENTRY)]
    assert _verdicts(select(people, ENTRY, 50, 1))[3] == Verdict.RESERVE


def test_ties_in_position_fall_back_to_the_application_key():
    people = [Applicant(7, 1, ENTRY), Applicant(5, 1, ENTRY)]
    decisions = select(people, ENTRY, 0, 1)
    assert [(d.key, d.verdict) for d in decisions] == [(5, Verdict.ADMITTED),
                                                      (7, Verdict.RESERVE)]


def test_without_entry_skills_everyone_passes():
    decisions = select([Applicant(1, 1, frozenset()), Applicant(2, 2, frozenset())],
                       frozenset(), threshold=100, places=1)
    assert _verdicts(decisions) == {1: Verdict.ADMITTED, 2: Verdict.RESERVE}
    assert decisions[0].percent == 100


@pytest.mark.parametrize(("threshold", "places", "what"), [(50, 0, "places"),
                                                            (101, 1, "threshold"),
                                                            (-1, 1, "threshold")])
def test_bad_selection_input_is_refused(threshold, places, what):
    with pytest.raises(cohorts.SelectionInputError, match=what):
        select([], ENTRY, threshold, places)


def test_outcome_facts_only_with_consent():
    start = date(2027, 3, 1)
    facts = cohorts.outcome_facts([
        Participant(1, "K-00001", True, completed=True, hired=True, hired_by_pledger=True,
                    employed_6m=True),
        Participant(2, "K-00002", False, completed=True, hired=False)], start)
    assert facts == [cohorts.OutcomeFact(1, "K-00001", start, True, True, True, True, None)]


def test_outcome_counts_suppress_small_cells():
    assert cohorts.MIN_CELL == MIN_CELL  # the evaluation pillar's rule, not a second one
    start = date(2027, 3, 1)
    few = [Participant(i, f"K-{i:05d}", True, completed=True) for i in range(MIN_CELL - 1)]
    assert set(cohorts.outcome_counts(cohorts.outcome_facts(few, start)).values()) == {None}
    many = [Participant(i, f"K-{i:05d}", True, completed=True, hired=i < 3)
            for i in range(12)]
    counts = cohorts.outcome_counts(cohorts.outcome_facts(many, start))
    assert counts == {"participants": 12, "completed": 12, "hired": None,
                      "hired_by_pledger": 0, "employed_6m": 0, "employed_12m": 0}
