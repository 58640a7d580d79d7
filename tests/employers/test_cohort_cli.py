"""`banenbrug cohort`: list, show, select and the outcome facts; bad input exits with 2."""

from __future__ import annotations

import json

from banenbrug.employers import cohort_service
from tests.conftest import call_cli


def test_cohort_cli_selects_and_prints_the_outcome_facts(cohort_world):
    w = cohort_world
    w.seeker.consent_evaluation = True
    w.seeker.save()
    mine = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    cohort_service.apply(w.cohort.pk, w.other, consent=True)

    listed = json.loads(call_cli("cohort", "list", "--format", "json").stdout)
    assert [c["id"] for c in listed] == [w.cohort.pk]
    selected = json.loads(call_cli("cohort", "select", str(w.cohort.pk), "--format",
                                   "json").stdout)
    assert [(d["verdict"], d["held"], d["needed"]) for d in selected] == [
        ("admitted", 1, 1), ("not_passed", 0, 1)]
    mine.refresh_from_db()
    cohort_service.record_outcomes(mine, {"completed": True, "hired": False})
    facts = json.loads(call_cli("cohort", "outcomes", str(w.cohort.pk), "--format",
                                "json").stdout)
    assert facts == [{"pseudonym": w.seeker.pseudonym,
                      "cohort_start": w.cohort.start_date.isoformat(), "completed": True,
                      "hired": False, "hired_by_pledger": None, "employed_6m": None,
                      "employed_12m": None}]
    shown = json.loads(call_cli("cohort", "show", str(w.cohort.pk), "--format", "json").stdout)
    assert (shown["admitted"], shown["applications"], shown["outcomes"]["participants"]) == (
        1, 2, None)

    bad = call_cli("cohort", "show", "999999")
    assert bad.returncode == 2 and "existing cohort" in bad.stderr
