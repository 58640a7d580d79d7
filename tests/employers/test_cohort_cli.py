"""`banenbrug cohort`: list, show, select and the outcome facts; bad input exits with 2. One
command per test: a command closes the database connection when it ends."""

from __future__ import annotations

import json

import pytest

from banenbrug.employers import cohort_service
from banenbrug.employers.models import CohortApplication
from tests.conftest import call_cli


@pytest.fixture
def applied(cohort_world):
    w = cohort_world
    w.seeker.consent_evaluation = True
    w.seeker.save()
    w.mine = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    cohort_service.apply(w.cohort.pk, w.other, consent=True)
    return w


def test_list(applied):
    listed = json.loads(call_cli("cohort", "list", "--format", "json").stdout)
    assert [(c["id"], c["places"], c["is_example"]) for c in listed] == [
        (applied.cohort.pk, 2, False)]


def test_select_prints_every_verdict(applied):
    selected = json.loads(call_cli("cohort", "select", str(applied.cohort.pk), "--format",
                                   "json").stdout)
    assert [(d["verdict"], d["held"], d["needed"]) for d in selected] == [
        ("admitted", 1, 1), ("not_passed", 0, 1)]


def test_outcomes_prints_the_facts_of_consenting_participants(applied):
    w = applied
    cohort_service.run_selection(w.cohort.pk)
    cohort_service.record_outcomes(CohortApplication.objects.get(pk=w.mine.pk),
                                   {"completed": True, "hired": False})
    facts = json.loads(call_cli("cohort", "outcomes", str(w.cohort.pk), "--format",
                                "json").stdout)
    assert facts == [{"pseudonym": w.seeker.pseudonym,
                      "cohort_start": w.cohort.start_date.isoformat(), "completed": True,
                      "hired": False, "hired_by_pledger": None, "employed_6m": None,
                      "employed_12m": None}]


def test_show(applied):
    cohort_service.run_selection(applied.cohort.pk)
    shown = json.loads(call_cli("cohort", "show", str(applied.cohort.pk), "--format",
                                "json").stdout)
    assert (shown["admitted"], shown["applications"], shown["outcomes"]["participants"]) == (
        1, 2, None)
    assert [s["uri"] for s in shown["entry_skills"]] == [
        "http://data.europa.eu/esco/skill/s-wiring"]


def test_bad_input_exits_with_2(cohort_world):
    bad = call_cli("cohort", "show", "999999")
    assert bad.returncode == 2 and "existing cohort" in bad.stderr
