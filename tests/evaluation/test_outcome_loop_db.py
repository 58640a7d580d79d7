"""The outcome loop on the database: records written once, kept in step with consent, all or
nothing, and only counts for those who may see them (SQLite and PostgreSQL)."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from banenbrug.accounts.roles import ANALYST, COACH, JOB_SEEKER
from banenbrug.evaluation import outcome_records
from banenbrug.evaluation.estimators import Options
from banenbrug.evaluation.import_service import import_outcomes
from banenbrug.evaluation.models import Initiative, OutcomeRecord
from banenbrug.evaluation.outcome_loop import COMPARISON, MISSING_INTAKE
from banenbrug.evaluation.outcome_records import loop_counts, run_outcome_loop
from banenbrug.matching import profiles
from banenbrug.matching.models import QueueEntry
from banenbrug.people.models import Circumstances, Employer, FollowUp, JobSeeker
from banenbrug.registry.models import Initiative as RegistryInitiative
from tests.conftest import call_cli
from tests.world import make_user, make_vacancy

pytestmark = pytest.mark.django_db
FAST = Options(bootstrap=50)
FULL = {"birth_year": 1985, "education_level": "middelbaar", "annual_income_eur": 21000,
        "benefit_months": 8}


def person(*, region="AM01", consent=True, intake=FULL, user=None) -> JobSeeker:
    seeker = JobSeeker.objects.create(user=user, region=region, postcode="9711", hours_min=24,
                                      hours_max=36, consent_evaluation=consent, situation="ww")
    if intake:
        Circumstances.objects.create(seeker=seeker, **intake)
    return seeker


class Pilot:
    """A registry initiative with an Open Hiring vacancy and people placed through it."""

    def __init__(self, key="pilot", placed=12):
        self.registry = RegistryInitiative.objects.create(key=key, name=f"Pilot {key}",
                                                          organisation="X", kind="matching")
        employer = Employer.objects.create(name=f"Installateur {key}")
        self.vacancy = make_vacancy(employer, mode="open_hiring", openings=50,
                                    initiative=self.registry)
        self.placed = [self.place(person()) for _ in range(placed)]

    def place(self, seeker, status="accepted"):
        position = QueueEntry.objects.filter(vacancy=self.vacancy).count() + 1
        QueueEntry.objects.create(vacancy=self.vacancy, seeker=seeker, position=position,
                                  status=status)
        return seeker

    @property
    def evaluation(self) -> Initiative:
        return Initiative.objects.get(registry_initiative=self.registry)


@pytest.fixture
def pilot():
    pilot = Pilot()
    pilot.place(person(intake=None))  # placed, intake missing: left out and counted
    pilot.place(person(consent=False))  # no consent: not there at all
    pilot.place(person(), status="waiting")  # in the queue, not placed: comparison
    pilot.comparison = [person() for _ in range(14)]
    person(region="AM09")  # another region
    person(consent=False)
    return pilot


def test_placements_and_comparison_become_records_once(pilot):
    first = run_outcome_loop(options=FAST)
    records = pilot.evaluation.records
    assert (first.created, first.left_out) == (27, 1)
    assert records.filter(participant=True, source="open_hiring").count() == 12
    assert records.filter(participant=False, source=COMPARISON).count() == 15
    record = records.filter(participant=True).first()
    assert (record.age, record.education_level, record.prior_earnings, record.benefit_months,
            record.situation) == (timezone.localdate().year - 1985, "middelbaar", 21000.0, 8,
                                  "uitkering")
    assert record.region == "Groningen" and record.start_date == timezone.localdate()
    assert pilot.evaluation.loop == {"left_out": {MISSING_INTAKE: 1}}
    assert pilot.evaluation.report is not None  # computed for the records
    keys = set(records.values_list("source_key", flat=True))
    assert not any(s.pseudonym in key for s in pilot.placed for key in keys)
    again = run_outcome_loop(options=FAST)
    assert (again.created, again.updated, again.removed) == (0, 0, 0)
    assert set(records.values_list("source_key", flat=True)) == keys


def test_follow_up_answers_fill_in_outcomes_and_intake_stays_as_first_written(pilot):
    run_outcome_loop(options=FAST)
    someone = pilot.placed[0]
    FollowUp.objects.create(seeker=someone, employed_6m=True, earnings_6m=2800)
    Circumstances.objects.filter(seeker=someone).update(birth_year=1970)
    done = run_outcome_loop(options=FAST)
    assert (done.created, done.updated, done.removed) == (0, 1, 0)
    answered = pilot.evaluation.records.get(employed_6m=True)
    assert answered.earnings_6m == 2800.0 and answered.participant
    assert answered.age == timezone.localdate().year - 1985  # as it was at the start


def test_withdrawn_consent_removes_records_and_answers_on_the_next_run(pilot):
    run_outcome_loop(options=FAST)
    leaving = pilot.placed[0]
    FollowUp.objects.create(seeker=leaving, employed_6m=True)
    held = profiles.export(leaving)  # the right of access shows what the loop reads
    assert held["follow_up"]["employed_6m"] is True
    assert held["circumstances"]["education_level"] == "middelbaar"
    profiles.save_profile(leaving, consent_evaluation=False)
    assert not FollowUp.objects.filter(seeker=leaving).exists()
    assert profiles.export(leaving)["follow_up"] is None
    profiles.save_profile(pilot.comparison[0], consent_evaluation=False)
    done = run_outcome_loop(options=FAST)
    assert done.removed == 2
    assert pilot.evaluation.records.filter(participant=True).count() == 11
    assert pilot.evaluation.records.filter(participant=False).count() == 14


def test_a_comparison_person_who_is_placed_moves_to_the_participants(pilot):
    run_outcome_loop(options=FAST)
    pilot.place(pilot.comparison[0])
    done = run_outcome_loop(options=FAST)
    assert (done.created, done.removed) == (1, 1)
    assert pilot.evaluation.records.filter(participant=True).count() == 13


def test_a_failure_while_writing_leaves_every_initiative_as_it_was(pilot, monkeypatch):
    run_outcome_loop(options=FAST)
    before = sorted(OutcomeRecord.objects.values_list("initiative_id", "source_key",
                                                      "employed_6m"))
    Pilot("second", placed=3)
    FollowUp.objects.create(seeker=pilot.placed[0], employed_6m=True)
    write = outcome_records._write
    calls = []

    def failing(initiative, desired):
        calls.append(initiative)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return write(initiative, desired)

    monkeypatch.setattr(outcome_records, "_write", failing)
    with pytest.raises(RuntimeError):
        run_outcome_loop(options=FAST)
    assert sorted(OutcomeRecord.objects.values_list("initiative_id", "source_key",
                                                    "employed_6m")) == before
    assert not Initiative.objects.filter(registry_initiative__key="second").exists()


def test_uploads_and_the_loop_keep_to_their_own_records(pilot):
    run_outcome_loop(options=FAST)
    name = pilot.evaluation.name
    rows = "".join(f"{name},{i % 2},2025-01-01,{30 + i},laag,1000,0,Twente,werkzoekend,1\n"
                   for i in range(4))
    import_outcomes("initiative,participant,start_date,age,education_level,prior_earnings,"
                    "benefit_months,region,situation,employed_12m\n" + rows, "a.csv",
                    options=FAST)
    records = pilot.evaluation.records
    assert records.filter(source="").count() == 4 and records.exclude(source="").count() == 27
    run_outcome_loop(options=FAST)
    assert records.filter(source="").count() == 4 and records.count() == 31


def test_counts_under_ten_are_not_shown():
    small = Pilot("klein", placed=4)
    for _ in range(11):
        person()
    run_outcome_loop(options=FAST)
    counts = loop_counts(small.evaluation)
    assert counts["participants"] is None and counts["comparison"] == 11
    assert counts["power"] is None
    # the records an effect of 5 points needs: totals, at the worst-case base rate
    assert counts["needed"] == {"effect": 0.05, "n_treated": 1570, "n_control": 1570,
                                "base_rate": 0.5}


def test_who_sees_the_counts_and_who_may_run_the_loop(client, pilot):
    from banenbrug.jobs import service
    from banenbrug.jobs.models import Job

    assert client.get("/evaluatie/uitkomstenlus/").status_code == 404
    assert client.get("/api/evaluation/outcome-loop").status_code == 401
    client.force_login(make_user("zoeker", JOB_SEEKER))
    assert client.get("/evaluatie/uitkomstenlus/").status_code == 404
    assert client.get("/api/evaluation/outcome-loop").status_code == 403
    client.force_login(make_user("coach", COACH))
    page = client.get("/evaluatie/uitkomstenlus/").content.decode()
    assert "Pilot pilot" not in page  # nothing run yet
    assert "Uitkomstenlus nu draaien" not in page
    assert client.post("/evaluatie/uitkomstenlus/").status_code == 403
    assert client.post("/api/evaluation/outcome-loop").status_code == 403
    client.force_login(make_user("analist", ANALYST))
    started = client.post("/api/evaluation/outcome-loop")
    assert started.status_code == 202
    job = Job.objects.get(pk=started.json()["job"])
    assert started.json()["status_url"] == f"/taken/{job.pk}/"
    assert service.execute(job.pk) == "done"
    job.refresh_from_db()
    assert job.result["created"] == 27 and job.result_url == "/evaluatie/uitkomstenlus/"
    body = client.get("/api/evaluation/outcome-loop").json()
    [row] = [r for r in body if r["registry_key"] == "pilot"]
    assert (row["participants"], row["comparison"], row["left_out"]) == (
        12, 15, {MISSING_INTAKE: None})  # one left out: under ten, not shown
    assert "pseudonym" not in json.dumps(body) and "K-0" not in json.dumps(body)
    page = client.get("/evaluatie/uitkomstenlus/").content.decode()
    assert "Pilot pilot" in page and "1.570 deelnemers en 1.570" in page
    assert "Uitkomstenlus nu draaien" in page
    assert client.post("/evaluatie/uitkomstenlus/")["Location"].startswith("/taken/")


def test_cli_runs_the_loop_and_prints_counts(pilot):
    done = call_cli("outcome-loop", "--run", "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["run"]["created"] == 27 and body["run"]["left_out"] == 1
    [row] = [r for r in body["initiatives"] if r["registry_key"] == "pilot"]
    assert row["participants"] == 12 and row["from_loop"] == 27


def test_follow_up_questions_only_when_due_and_with_consent(client):
    user = make_user("anna", JOB_SEEKER)
    seeker = person(user=user, consent=False)
    client.force_login(user)
    page = client.get("/evaluatie/vervolgvragen/").content.decode()
    assert "geen toestemming" in page and 'name="employed_6m"' not in page
    assert client.post("/evaluatie/vervolgvragen/", {"employed_6m": "1"}).status_code == 200
    assert not FollowUp.objects.exists()
    seeker.consent_evaluation = True
    seeker.save()
    assert "Er zijn nog geen vragen" in client.get("/evaluatie/vervolgvragen/").content.decode()
    pilot = Pilot("later", placed=0)
    pilot.place(seeker)
    QueueEntry.objects.filter(seeker=seeker).update(
        signed_up_at=timezone.now() - dt.timedelta(days=200))
    page = client.get("/evaluatie/vervolgvragen/").content.decode()
    assert 'name="employed_6m"' in page and 'name="employed_12m"' not in page
    bad = client.post("/evaluatie/vervolgvragen/", {"employed_6m": "0", "earnings_6m": "2500"})
    assert "Zonder werk is er geen maandloon" in bad.content.decode()
    assert not FollowUp.objects.exists()
    client.post("/evaluatie/vervolgvragen/", {"employed_6m": "1", "earnings_6m": "2500"})
    answers = FollowUp.objects.get(seeker=seeker)
    assert (answers.employed_6m, answers.earnings_6m, answers.employed_12m) == (True, 2500, None)
    profile = client.get("/werk/profiel/").content.decode()
    assert "/evaluatie/vervolgvragen/" in profile


def test_the_situation_api_takes_the_evaluation_facts(client):
    user = make_user("bram", JOB_SEEKER)
    seeker = person(user=user, intake=None)
    client.force_login(user)
    url = f"/api/plans/people/{seeker.pk}/circumstances"
    body = {"situation": "ww", "birth_year": 1980, "education_level": "hoog",
            "benefit_months": 30}
    assert client.put(url, body, content_type="application/json").status_code == 422
    body["benefit_months"] = 12
    answer = client.put(url, body, content_type="application/json").json()
    assert (answer["education_level"], answer["benefit_months"]) == ("hoog", 12)
    held = Circumstances.objects.get(seeker=seeker)
    assert (held.education_level, held.benefit_months) == ("hoog", 12)


def test_the_pages_in_english(client, pilot):
    run_outcome_loop(options=FAST)
    client.cookies["django_language"] = "en"
    client.force_login(make_user("analist", ANALYST))
    page = client.get("/evaluatie/uitkomstenlus/").content.decode()
    for text in ("Outcome loop: when can an initiative be evaluated?", "Who is the comparison "
                 "group?", "This is no lottery.", "1,570 participants and 1,570 in the "
                 "comparison group", "Run the outcome loop now", "Left out"):
        assert text in page
    assert "Deelnemers" not in page and "Niet meegeteld" not in page and "minder dan" not in page


def test_the_registry_page_shows_the_record_counts_to_analysts_only(client, pilot):
    run_outcome_loop(options=FAST)
    url = f"/initiatieven/initiatief/{pilot.registry.key}/"
    assert "Uitkomstgegevens" not in client.get(url).content.decode()  # real: hidden
    client.force_login(make_user("analist", ANALYST))
    page = client.get(url).content.decode()
    assert "Uitkomstgegevens: 12 deelnemers, 15 in de vergelijkingsgroep." in page
    assert "met toestemming om mee te tellen: 13" in page  # intake missing too
    body = client.get(f"/api/registry/initiatives/{pilot.registry.key}").json()
    assert (body["evaluations"][0]["records_participants"],
            body["evaluations"][0]["records_comparison"]) == (12, 15)
