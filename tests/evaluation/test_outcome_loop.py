"""The outcome loop's pure part: facts to rows, keys, who is left out, the comparison rule."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banenbrug.evaluation.outcome_format import COLUMNS
from banenbrug.evaluation.outcome_loop import (
    AGE_OUT_OF_RANGE,
    COMPARISON,
    MISSING_INTAKE,
    Fact,
    FollowUp,
    Intake,
    Person,
    Placement,
    build_rows,
    due_follow_ups,
    facts_for,
    months_later,
    record_key,
    to_row,
)
from banenbrug.evaluation.power import mde_proportion, records_needed

START = dt.date(2026, 3, 15)
SECRET = "test-secret"
UNKNOWN = FollowUp()
FULL = Intake(birth_year=1990, education_level="middelbaar", annual_income=24000.0,
              benefit_months=6, region="Groningen", situation="ww")


def fact(pseudonym="K-00001", initiative=1, participant=True, intake=FULL, source="open_hiring",
         follow_up=UNKNOWN):
    return Fact(source, pseudonym, initiative, participant, START, intake, follow_up)


def test_a_fact_becomes_a_row_in_the_outcome_format():
    row = to_row(fact(follow_up=FollowUp(employed_6m=True, earnings_6m=2900.0)))
    assert row == {
        "source": "open_hiring", "participant": True, "start_date": START, "age": 36,
        "education_level": "middelbaar", "prior_earnings": 24000.0, "benefit_months": 6,
        "region": "Groningen", "situation": "uitkering", "employed_6m": True,
        "employed_12m": None, "earnings_6m": 2900.0, "earnings_12m": None}
    # every field but the loop's own source is a column of the uploaded format
    assert set(row) - {"source"} <= set(COLUMNS)


@pytest.mark.parametrize("situation, expected", [("employed", "werkend"), ("bijstand", "uitkering"),
                                                 ("student", "student"), ("other", "anders")])
def test_situations_map_to_the_outcome_format(situation, expected):
    intake = Intake(**{**FULL.__dict__, "situation": situation})
    assert to_row(fact(intake=intake))["situation"] == expected


def test_keys_are_stable_per_source_and_person_and_name_nobody():
    key = record_key("open_hiring", "K-00001", SECRET)
    assert key == record_key("open_hiring", "K-00001", SECRET)
    assert key != record_key(COMPARISON, "K-00001", SECRET)
    assert key != record_key("open_hiring", "K-00002", SECRET)
    assert key != record_key("open_hiring", "K-00001", "another secret")
    assert "K-00001" not in key and len(key) == 64


def test_the_same_facts_twice_give_one_row_per_person():
    rows = build_rows([fact(), fact(), fact("K-00002")], SECRET)
    assert len(rows.rows[1]) == 2


@pytest.mark.parametrize("missing", ["birth_year", "education_level", "annual_income",
                                     "benefit_months", "region"])
def test_missing_intake_leaves_the_person_out_and_counts_them(missing):
    gap = Intake(**{**FULL.__dict__, missing: "" if missing in ("education_level", "region")
                    else None})
    rows = build_rows([fact("K-00001", intake=gap), fact("K-00002")], SECRET)
    assert list(rows.rows[1]) == [record_key("open_hiring", "K-00002", SECRET)]
    assert rows.left_out[1] == {MISSING_INTAKE: 1}


def test_an_age_outside_the_format_leaves_the_person_out():
    young = Intake(**{**FULL.__dict__, "birth_year": 2012})  # 14 at the start
    rows = build_rows([fact(intake=young)], SECRET)
    assert rows.rows[1] == {} and rows.left_out[1] == {AGE_OUT_OF_RANGE: 1}


def test_employer_confirmed_facts_take_precedence_over_self_reports():
    said = FollowUp(employed_6m=False, employed_12m=True, earnings_12m=3100.0)
    merged = said.confirmed_by(FollowUp(employed_6m=True))
    assert merged == FollowUp(employed_6m=True, employed_12m=True, earnings_12m=3100.0)


def _person(pseudonym, region="AM01", registered=START, answers=UNKNOWN):
    return Person(pseudonym, region, registered, FULL, answers)


def test_comparison_group_same_regions_never_placed_registered_in_the_window():
    people = {
        1: _person("K-00001"), 2: _person("K-00002", region="AM02"),  # participants
        3: _person("K-00003", answers=FollowUp(employed_12m=True)),  # comparable
        4: _person("K-00004", region="AM09"),  # another region
        5: _person("K-00005", registered=START - dt.timedelta(days=200)),  # long before
        6: _person("K-00006", registered=START + dt.timedelta(days=40)),  # after the last start
        7: _person("K-00007"),  # placed through another initiative
        8: _person("K-00008", region="AM02", registered=START - dt.timedelta(days=80)),
    }
    placements = [Placement("open_hiring", 1, 10, START),
                  Placement("open_hiring", 2, 10, START + dt.timedelta(days=30)),
                  Placement("open_hiring", 7, 20, START),
                  Placement("open_hiring", 99, 10, START)]  # no consent: not in `people`
    facts = facts_for(placements, people)
    ours = {(f.pseudonym, f.participant) for f in facts if f.initiative == 10}
    assert ours == {("K-00001", True), ("K-00002", True), ("K-00003", False),
                    ("K-00008", False)}
    comparison = next(f for f in facts if f.pseudonym == "K-00003")
    assert comparison.source == COMPARISON and comparison.start_date == START
    assert comparison.follow_up.employed_12m is True
    # the other initiative's comparison: its participant's region and window, not K-00001
    assert {f.pseudonym for f in facts if f.initiative == 20 and not f.participant} == {
        "K-00003"}


def test_no_comparison_group_without_participants():
    assert facts_for([], {1: _person("K-00001")}) == []


def test_follow_up_moments():
    assert months_later(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert months_later(dt.date(2026, 7, 1), 6) == dt.date(2027, 1, 1)
    assert months_later(dt.date(2026, 1, 31), 12) == dt.date(2027, 1, 31)
    start = dt.date(2026, 1, 10)
    assert due_follow_ups(start, dt.date(2026, 7, 9)) == ()
    assert due_follow_ups(start, dt.date(2026, 7, 10)) == (6,)
    assert due_follow_ups(start, dt.date(2027, 1, 10)) == (6, 12)


def test_records_needed_by_hand():
    # p = 0.5, equal groups, 5 points: 2.801585^2 * 0.25 * 2 / 0.0025 = 1569.78 -> 1570 each
    needed = records_needed(0.05)
    assert (needed.n_treated, needed.n_control, needed.base_rate) == (1570, 1570, 0.5)
    # twice as many controls: 2.801585^2 * 0.21 * 1.5 / 0.01 = 247.24 -> 248 and 496
    assert (records_needed(0.1, 0.3, 2.0).n_treated, records_needed(0.1, 0.3, 2.0).n_control
            ) == (248, 496)
    with pytest.raises(ValueError):
        records_needed(0.0)


@given(st.floats(0.01, 0.3), st.floats(0.05, 0.95), st.floats(0.2, 5.0))
def test_the_records_needed_detect_the_effect_and_one_fewer_does_not(effect, rate, ratio):
    needed = records_needed(effect, rate, ratio)
    assert mde_proportion(rate, needed.n_treated, needed.n_control) <= effect + 1e-9
    if needed.n_treated > 6:  # then the smaller group keeps at least one
        fewer = needed.n_treated - 1
        assert mde_proportion(rate, fewer, int(ratio * fewer)) > effect - 1e-9
