"""The eligibility rule language: parsing, errors that point at the problem, three-valued
evaluation, and the words people read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from banenbrug.plans import rules

WW = rules.Facts(situation="ww", age=30, income=25000.0, region="AM23", province="PV28",
                 sector="horeca", target_shortage=True, target_green=True,
                 target_digital=False, target_isco="7411")


@pytest.mark.parametrize("text, expected", [
    ("", "yes"),
    ("situation in (ww, bijstand)", "yes"),
    ("situation = bijstand", "no"),
    ("SITUATION NOT IN (ww)", "no"),
    ("age >= 27 and age < 31", "yes"),
    ("age > 30", "no"),
    ("income <= 25000; region in (am23, AM24)", "yes"),
    ("province != PV28", "no"),
    ("sector = Horeca en target_green = ja", "yes"),
    ("target_digital = yes", "no"),
    ("target_isco in (74, 31)", "yes"),
    ("target_isco not in (7411)", "no"),
])
def test_evaluation(text, expected):
    assert rules.evaluate(rules.parse(text), WW).status == expected


@pytest.mark.parametrize("text, message, position", [
    ("situatie = ww", "unknown field 'situatie'", 0),
    ("age >= x", "'x' is not a number", 7),
    ("situation = zzp", "unknown situation 'zzp'", 12),
    ("situation in (ww", "not closed", 16),
    ("age >= 27 or age < 20", "expected 'and'", 10),
    ("age >= 27 and", "ends after 'and'", 13),
    ("region < AM01", "only compares numbers", 9),
    ("age in (1, 2)", "use a comparison", 7),
    ("target_green = misschien", "expected yes or no", 15),
    ("target_isco = 74a", "not an ISCO code", 14),
    ("age >= 27 & income < 3", "unexpected character '&'", 10),
])
def test_errors_name_the_problem_and_place(text, message, position):
    with pytest.raises(rules.RuleError) as caught:
        rules.parse(text)
    assert message in str(caught.value)
    assert caught.value.position == position


def test_unknown_facts_are_unknown_not_no():
    rule = rules.parse("situation = ww and age >= 45")
    verdict = rules.evaluate(rule, rules.Facts(situation="ww"))
    assert verdict.status == "unknown"
    assert [c.clause.field for c in verdict.unknown] == ["age"]
    # a definite no wins over unknown, and every failing clause is told
    verdict = rules.evaluate(rule, rules.Facts(situation="employed"))
    assert verdict.status == "no"
    assert rules.reason(verdict.failed[0], "nl") == (
        "vereist: situatie is WW-uitkering (nu: werkend)")
    assert rules.reason(verdict.unknown[0], "en") == "unknown: age is not filled in"


def test_words():
    rule = rules.parse("situation in (ww, bijstand) and income <= 30000 and target_green = yes")
    assert rules.explain(rule) == ("situatie is een van WW-uitkering of bijstand en jaarinkomen "
                                   "(bruto) ten hoogste €\u00a030.000 en doelberoep is groen")
    assert rules.explain(rules.parse("")) == "iedereen"
    assert rules.explain(rules.parse("age >= 45"), "en") == "age at least 45"


CLAUSES = st.sampled_from([
    "situation in (ww, bijstand)", "situation != student", "age >= 27", "age < 60",
    "income <= 40000", "region in (AM01, AM23)", "province = PV28", "sector = ict",
    "target_shortage = yes", "target_green = no", "target_isco in (31)"])


@given(st.lists(CLAUSES, max_size=5), st.sampled_from([" and ", " en ", "; "]))
def test_any_conjunction_parses_and_its_words_round_trip(clauses, joiner):
    rule = rules.parse(joiner.join(clauses))
    assert len(rule.clauses) == len(clauses)
    # the canonical text of each clause parses to the same clause
    for clause, text in zip(rule.clauses, clauses, strict=True):
        assert rules.parse(text).clauses == (clause,)
