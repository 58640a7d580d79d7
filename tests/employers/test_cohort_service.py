"""Cohorts on the database: creating one (bad input named), applying with consent, the
selection and its Dutch explanation, pledges, outcomes only with consent, who sees what, and
the pledge link's migration."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404

from banenbrug.employers import access, cohort_service
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.employers.service import EmployerInputError
from banenbrug.registry.models import Pledge
from banenbrug.taxonomy.models import Skill
from tests.employers.cohort_world import cohort_data
from tests.world import ESCO, SOLAR, WIRING, make_seeker

Status = CohortApplication.Status


def test_a_cohort_needs_the_entry_skills_its_modules_do_not_teach(cohort_world):
    cohort = cohort_world.cohort
    assert (cohort.organiser, cohort.initiative.key, cohort.occupation.uri) == (
        cohort_world.employer, "gap", SOLAR)
    assert cohort_service.entry_skills(cohort) == {Skill.objects.get(uri=WIRING).pk}


@pytest.mark.parametrize(("changes", "message"), [
    ({"modules": []}, "minstens één module"),
    ({"places": 0}, "minstens één plaats"),
    ({"start_date": "2020-01-01"}, "startdatum ligt in het verleden"),
    ({"region": "AM99"}, "Onbekende arbeidsmarktregio: AM99"),
    ({"initiative": "bestaat-niet"}, "niet in het register"),
    ({"modules": ["geen-module"]}, "Onbekende module: geen-module"),
    ({"threshold": 120}, "0 tot en met 100"),
    ({"occupation_text": f"{ESCO}occupation/o-none"}, "Geen eenduidig ESCO-beroep"),
])
def test_bad_cohort_input_is_named_and_nothing_is_stored(cohort_world, changes, message):
    with pytest.raises(EmployerInputError, match=message):
        cohort_service.create_cohort(cohort_world.employer, cohort_data(**changes))
    assert Cohort.objects.count() == 1


def test_applying_needs_consent_and_happens_once(cohort_world):
    w = cohort_world
    with pytest.raises(EmployerInputError, match="toestemming"):
        cohort_service.apply(w.cohort.pk, w.seeker, consent=False)
    assert not CohortApplication.objects.exists()
    first = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    with pytest.raises(EmployerInputError, match="al aangemeld"):
        cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    second = cohort_service.apply(w.cohort.pk, w.other, consent=True)
    assert (first.position, second.position) == (1, 2)
    assert "nummer 1" in cohort_service.explanation(first)
    Cohort.objects.filter(pk=w.cohort.pk).update(is_open=False)
    with pytest.raises(EmployerInputError, match="kan niet meer"):
        cohort_service.apply(w.cohort.pk, make_seeker(), consent=True)


def test_selection_admits_who_passes_in_order_and_explains_why(cohort_world):
    w = cohort_world
    Cohort.objects.filter(pk=w.cohort.pk).update(places=1)
    electrician = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)  # holds wiring
    baker = cohort_service.apply(w.cohort.pk, w.other, consent=True)  # does not
    late = make_seeker()
    late.skills.create(skill=Skill.objects.get(uri=WIRING), source="declared")
    later = cohort_service.apply(w.cohort.pk, late, consent=True)

    cohort_service.run_selection(w.cohort.pk)
    electrician.refresh_from_db(), baker.refresh_from_db(), later.refresh_from_db()
    assert [a.status for a in (electrician, baker, later)] == [Status.ADMITTED,
                                                               Status.NOT_PASSED,
                                                               Status.RESERVE]
    why = cohort_service.explanation(electrician)
    assert "1 van de 1 instapvaardigheden (100%)" in why and "drempel is 50%" in why
    assert "Je bent toegelaten" in why
    assert "niet toegelaten" in cohort_service.explanation(baker)
    assert cohort_service.missing_skills(baker, "nl") == [
        str(Skill.objects.get(uri=WIRING).label("nl"))]
    assert "1e op de wachtlijst" in cohort_service.explanation(later)

    # the admitted one withdraws: the next selection gives the place to the reserve
    cohort_service.withdraw(electrician)
    cohort_service.run_selection(w.cohort.pk)
    later.refresh_from_db()
    assert later.status == Status.ADMITTED


def test_pledges_link_only_within_the_initiative(cohort_world):
    w = cohort_world
    mine = Pledge.objects.create(key="zon-bv", employer="Zon BV", initiative=w.initiative,
                                 jobs_pledged=5, jobs_delivered=1)
    other = Pledge.objects.create(key="elders", employer="Elders", initiative=w.other_initiative,
                                  jobs_pledged=3)
    with pytest.raises(EmployerInputError, match="ander initiatief"):
        cohort_service.link_pledge(w.cohort, other.key)
    with pytest.raises(EmployerInputError, match="niet in het register"):
        cohort_service.link_pledge(w.cohort, "onbekend")
    cohort_service.link_pledge(w.cohort, mine.key)
    summary = cohort_service.summary(w.cohort, "nl")
    assert (summary.places, summary.jobs_pledged, summary.jobs_delivered) == (2, 5, 1)
    assert [p.key for p in summary.pledges] == ["zon-bv"]
    cohort_service.link_pledge(w.cohort, mine.key, linked=False)
    assert cohort_service.summary(w.cohort, "nl").jobs_pledged == 0


def test_outcomes_only_for_participants_with_consent(cohort_world):
    w = cohort_world
    pledge = Pledge.objects.create(key="zon-bv", employer="Zon BV", initiative=w.initiative,
                                   jobs_pledged=5, cohort=w.cohort)
    w.seeker.consent_evaluation = True
    w.seeker.save()
    mine = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    no_consent = make_seeker()
    no_consent.skills.create(skill=Skill.objects.get(uri=WIRING), source="declared")
    theirs = cohort_service.apply(w.cohort.pk, no_consent, consent=True)
    outsider = cohort_service.apply(w.cohort.pk, w.other, consent=True)
    cohort_service.run_selection(w.cohort.pk)
    mine.refresh_from_db(), theirs.refresh_from_db(), outsider.refresh_from_db()

    with pytest.raises(EmployerInputError, match="geen toestemming"):
        cohort_service.record_outcomes(theirs, {"completed": True})
    with pytest.raises(EmployerInputError, match="niet toegelaten"):
        cohort_service.record_outcomes(outsider, {"completed": True})
    with pytest.raises(EmployerInputError, match="Alleen wie is aangenomen"):
        cohort_service.record_outcomes(mine, {"hired": False, "employed_6m": True})
    with pytest.raises(EmployerInputError, match="hoort niet bij dit cohort"):
        cohort_service.record_outcomes(mine, {"hired": True}, pledge_key="elders")
    mine.refresh_from_db()
    assert (mine.hired, mine.employed_6m) == (None, None)  # nothing half-written

    cohort_service.record_outcomes(mine, {"completed": True, "hired": True,
                                          "employed_6m": True}, pledge_key=pledge.key)
    pledge.refresh_from_db()
    assert pledge.jobs_delivered == 1  # the hire is a job the pledge delivered
    cohort_service.record_outcomes(mine, {"employed_6m": True}, pledge_key=pledge.key)
    pledge.refresh_from_db()
    assert pledge.jobs_delivered == 1  # recorded again: counted once
    cohort_service.record_outcomes(mine, {"hired": False, "employed_6m": None})
    pledge.refresh_from_db()
    assert pledge.jobs_delivered == 0  # corrected: no longer delivered
    cohort_service.record_outcomes(mine, {"hired": True, "employed_6m": True},
                                   pledge_key=pledge.key)
    facts = cohort_service.cohort_outcome_facts(w.cohort.pk)
    assert [(f.pseudonym, f.cohort_start, f.completed, f.hired, f.hired_by_pledger,
             f.employed_6m, f.employed_12m) for f in facts] == [
        (w.seeker.pseudonym, w.cohort.start_date, True, True, True, True, None)]
    # one participant: below the small-cell rule, the page shows no count at all
    assert set(cohort_service.summary(w.cohort, "nl").outcomes.values()) == {None}
    # consent withdrawn later: the facts leave nothing of them
    w.seeker.consent_evaluation = False
    w.seeker.save()
    assert cohort_service.cohort_outcome_facts(w.cohort.pk) == []


def test_organisers_see_only_their_cohorts_and_seekers_only_their_applications(cohort_world):
    w = cohort_world
    assert list(access.own_cohorts(w.employer_user)) == [w.cohort]
    with pytest.raises(Http404):
        access.own_cohort(w.other_employer_user, w.cohort.pk)
    with pytest.raises(PermissionDenied):
        access.own_cohorts(w.seeker_user)
    mine = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    cohort_service.apply(w.cohort.pk, w.other, consent=True)
    assert list(access.own_applications(w.seeker_user)) == [mine]
    with pytest.raises(PermissionDenied):
        access.own_applications(w.employer_user)
    other_cohort = cohort_service.create_cohort(w.other_employer, cohort_data())
    with pytest.raises(Http404):  # an application of someone else's cohort
        access.cohort_application(other_cohort, mine.pk)


@pytest.mark.django_db(transaction=True)
def test_the_pledge_link_migration_keeps_the_pledges():
    before = [("registry", "0001_initial"), ("employers", "0002_employer_moved_to_people")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    initiative = old.get_model("registry", "Initiative").objects.create(
        key="gap", name="GAP", organisation="GAP", kind="side_entry")
    old.get_model("registry", "Pledge").objects.create(
        key="zon", employer="Zon BV", initiative=initiative, jobs_pledged=7, jobs_delivered=2,
        pledged_on=date(2026, 1, 5), is_example=True)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = Pledge.objects.get(key="zon")
    assert (kept.employer, kept.initiative.key, kept.jobs_pledged, kept.jobs_delivered,
            kept.pledged_on, kept.is_example, kept.cohort) == (
        "Zon BV", "gap", 7, 2, date(2026, 1, 5), True, None)


def test_cohort_participants_become_outcome_records_of_their_initiative(cohort_world):
    from banenbrug.evaluation.estimators import Options
    from banenbrug.evaluation.models import OutcomeRecord
    from banenbrug.evaluation.outcome_records import run_outcome_loop
    from banenbrug.people.models import Circumstances

    w = cohort_world
    w.seeker.consent_evaluation = True
    w.seeker.save()
    Circumstances.objects.create(seeker=w.seeker, birth_year=1990, education_level="middelbaar",
                                 annual_income_eur=18000, benefit_months=6)
    mine = cohort_service.apply(w.cohort.pk, w.seeker, consent=True)
    cohort_service.run_selection(w.cohort.pk)
    mine.refresh_from_db()
    cohort_service.record_outcomes(mine, {"completed": True, "hired": True, "employed_6m": True,
                                          "employed_12m": True})
    run_outcome_loop(options=Options(bootstrap=50))
    record = OutcomeRecord.objects.get(source="cohort")
    assert record.participant and record.start_date == w.cohort.start_date
    assert (record.employed_6m, record.employed_12m) == (True, True)  # as the organiser recorded
    assert record.initiative.registry_initiative_id == w.initiative.pk
    w.seeker.consent_evaluation = False  # withdrawn: the next run removes the record
    w.seeker.save()
    run_outcome_loop(options=Options(bootstrap=50))
    assert not OutcomeRecord.objects.filter(source="cohort").exists()
