"""Starting, running and following jobs on the test database (SQLite and PostgreSQL)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from banenbrug.jobs import kinds, service, states
from banenbrug.jobs.kinds import Outcome
from banenbrug.jobs.models import Job
from banenbrug.jobs.service import JobError
from tests.conftest import call_cli

pytestmark = pytest.mark.django_db


@pytest.fixture
def test_kinds():
    """Kinds of our own: one that succeeds (and records its calls), one with bad input, one
    with a bug, and one that needs a permission."""
    calls = []

    def ok(params, progress):
        calls.append(params)
        progress(0.5, "halverwege")
        return Outcome(result={"sum": params["a"] + params["b"]}, url="/klaar/{job}/")

    def bad(params, progress):
        raise JobError("rij 3, kolom 'age': geen getal")

    def bug(params, progress):
        raise KeyError("secret-value")

    made = {"t_ok": ok, "t_bad": bad, "t_bug": bug}
    for name, run in made.items():
        kinds.kind(name, name, transient=("upload",))(run)
    kinds.kind("t_guarded", "guarded", permission="accounts.manage_taxonomy")(ok)
    yield calls
    for name in [*made, "t_guarded"]:
        kinds.KINDS.pop(name)


@pytest.fixture
def alice():
    return User.objects.create_user("alice", password="x")


def test_a_job_runs_once_and_keeps_its_result(test_kinds, alice):
    job = service.start("t_ok", {"a": 2, "b": 3, "upload": "rows"}, alice)
    assert (job.status, job.attempts, job.owner) == (states.QUEUED, 0, alice)
    assert service.execute(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.progress, job.result, job.attempts) == ("done", 1.0, {"sum": 5}, 1)
    assert job.result_url == f"/klaar/{job.pk}/"
    assert job.params == {"a": 2, "b": 3}  # the transient upload is gone
    assert job.started_at <= job.finished_at
    assert service.execute(job.pk) == "final"  # delivered again: nothing runs twice
    assert len(test_kinds) == 1


def test_bad_input_fails_with_its_message(test_kinds, alice):
    job = service.start("t_bad", {"upload": "rows"}, alice)
    assert service.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "rij 3, kolom 'age': geen getal"
    assert "upload" not in job.params


def test_a_bug_fails_without_showing_its_details(test_kinds, alice):
    job = service.start("t_bug", {}, alice)
    assert service.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert "KeyError" in job.error
    assert "secret-value" not in job.error


def test_unknown_kind_is_refused_before_anything_is_stored(alice):
    with pytest.raises(ValueError, match="unknown job kind 'nope'"):
        service.start("nope", {}, alice)
    assert not Job.objects.exists()


def test_a_kind_with_a_permission_needs_it(test_kinds, alice):
    with pytest.raises(PermissionDenied):
        service.start("t_guarded", {"a": 1, "b": 1}, alice)
    with pytest.raises(PermissionDenied):
        service.start("t_guarded", {"a": 1, "b": 1}, AnonymousUser())
    alice.user_permissions.add(Permission.objects.get(codename="manage_taxonomy"))
    alice = User.objects.get(pk=alice.pk)  # fresh permission cache
    assert service.start("t_guarded", {"a": 1, "b": 1}, alice).owner == alice
    assert service.start("t_guarded", {"a": 1, "b": 1}, None).owner is None  # the CLI


def test_a_running_job_with_a_live_worker_is_not_taken_over(test_kinds, alice):
    job = service.start("t_ok", {"a": 1, "b": 1}, alice)
    Job.objects.filter(pk=job.pk).update(status="running", attempts=1,
                                         heartbeat_at=timezone.now())
    assert service.execute(job.pk) == "busy"
    assert test_kinds == []


def test_a_job_whose_worker_died_is_run_again(test_kinds, alice):
    job = service.start("t_ok", {"a": 1, "b": 1}, alice)
    silent = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(status="running", attempts=1, heartbeat_at=silent)
    assert service.execute(job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)


def test_after_max_attempts_the_job_fails_with_a_message(test_kinds, alice):
    job = service.start("t_ok", {"a": 1, "b": 1, "upload": "rows"}, alice)
    silent = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(status="running", attempts=3, heartbeat_at=silent)
    assert service.execute(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert "Gestopt na 3 pogingen" in job.error
    assert "upload" not in job.params
    assert test_kinds == []


def test_a_worker_that_was_taken_over_does_not_overwrite_the_record(test_kinds, alice):
    job = service.start("t_ok", {"a": 1, "b": 1}, alice)
    claimed = service._claim(job.pk)
    # meanwhile another worker took the job over (attempt 2) and finished it
    Job.objects.filter(pk=job.pk).update(attempts=2, status="done", result={"sum": "theirs"})
    assert service._end(claimed, "finish", outcome=Outcome(result={"sum": "mine"})) == "final"
    job.refresh_from_db()
    assert job.result == {"sum": "theirs"}


def test_only_the_owner_and_admins_see_a_job(alice):
    job = Job.objects.create(kind="t_ok", owner=alice)
    bob = User.objects.create_user("bob", password="x")
    admin = User.objects.create_user("beheer", password="x", is_staff=True)
    assert service.may_see(job, alice)
    assert not service.may_see(job, bob)
    assert service.may_see(job, admin)
    assert not service.may_see(job, AnonymousUser(), "some-session")
    anonymous = Job.objects.create(kind="t_ok", session_key="abc")
    assert service.may_see(anonymous, AnonymousUser(), "abc")
    assert not service.may_see(anonymous, AnonymousUser(), "other")
    assert not service.may_see(anonymous, AnonymousUser(), "")
    assert not service.may_see(anonymous, bob)


def test_without_a_broker_a_job_whose_process_died_is_marked_failed(alice, settings):
    settings.REDIS_URL = ""
    old = timezone.now() - timedelta(minutes=5)
    job = Job.objects.create(kind="t_ok", owner=alice, status="running", attempts=1,
                             heartbeat_at=old)
    assert service.settle(job).status == "failed"
    assert "Onderbroken" in job.error
    fresh = Job.objects.create(kind="t_ok", owner=alice, status="running", attempts=1,
                               heartbeat_at=timezone.now())
    assert service.settle(fresh).status == "running"


@pytest.mark.django_db(transaction=True)
def test_eager_mode_runs_the_job_in_a_thread_and_wait_follows_it(test_kinds, alice, settings):
    """The embedded demo: no REDIS_URL, the job runs in a thread of this process."""
    settings.REDIS_URL = ""
    job = service.start("t_ok", {"a": 20, "b": 22}, alice)
    seen = []
    done = service.wait(job.pk, lambda j: seen.append(j.status), poll=0.05)
    assert (done.status, done.result) == ("done", {"sum": 42})
    assert seen[-1] == "done"
    assert len(test_kinds) == 1


def test_the_job_command_shows_a_job(alice):
    job = Job.objects.create(kind="forecast", owner=alice, status="done", progress=1.0,
                             result={"to": 2050}, result_url="/monitor/prognose/?taak=1")
    shown = call_cli("job", str(job.pk), "--format", "json")
    assert shown.returncode == 0
    assert json.loads(shown.stdout) | {"created_at": None, "finished_at": None} == {
        "id": job.pk, "kind": "forecast", "status": "done", "progress": 1.0, "message": "",
        "attempts": 0, "result": {"to": 2050}, "result_url": "/monitor/prognose/?taak=1",
        "file": None, "error": None, "created_at": None, "finished_at": None}


def test_the_job_command_refuses_an_unknown_id():
    # one command per test: a command closes the database connection when it ends (Django),
    # which on PostgreSQL ends the test's transaction
    missing = call_cli("job", "999999")
    assert missing.returncode == 2 and "no job with id 999999" in missing.stderr


def test_an_unreachable_redis_fails_the_job_with_a_message(test_kinds, alice, settings,
                                                           monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    from banenbrug.jobs import tasks

    def refuse(*args, **kwargs):
        raise ConnectionError("refused")

    monkeypatch.setattr(tasks.run_job, "apply_async", refuse)
    job = service.start("t_ok", {"a": 1, "b": 1}, alice)
    service._dispatch(job.pk)  # what the commit hook does
    job.refresh_from_db()
    assert job.status == "failed" and "Redis" in job.error


@pytest.mark.django_db(transaction=True)
def test_of_workers_claiming_one_job_at_once_exactly_one_wins(test_kinds, alice):
    import threading

    from django.db import connections

    job = Job.objects.create(kind="t_ok", owner=alice, params={"a": 1, "b": 1})
    barrier = threading.Barrier(4)
    results = []

    def claim():
        try:
            barrier.wait()
            # as execute() claims: SQLite's shared-cache test database refuses a second
            # writer at once ("table is locked") instead of letting it wait
            results.append(service._while_locked(lambda: service._claim(job.pk)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(r, Job) for r in results) == 1
    assert sorted(r for r in results if isinstance(r, str)) == ["busy"] * 3
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)
