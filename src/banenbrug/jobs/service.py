"""Start jobs, run them, and let their owners follow them: the one way to run work outside a
request. `start` queues a job; where it runs depends on REDIS_URL (jobs.config): a Celery
worker (`banenbrug worker`), or a thread of this process. Either way `execute` runs it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from banenbrug.jobs import config, kinds, states
from banenbrug.jobs.models import Job

log = logging.getLogger(__name__)


class JobError(Exception):
    """An expected failure (bad input): its message is shown to the job's owner as it is."""


def start(kind: str, params: dict[str, Any], user: Any, *, session_key: str = "") -> Job:
    """Queue a job of `kind` for `user` (anonymous: for the session `session_key`; None: the
    command line, whose user holds the database already and needs no permission)."""
    spec = kinds.get(kind)
    signed_in = bool(user is not None and user.is_authenticated)
    if spec.permission and user is not None and not user.has_perm(spec.permission):
        raise PermissionDenied(f"starting a {kind} job needs {spec.permission}")
    job = Job.objects.create(kind=kind, params=params, owner=user if signed_in else None,
                             session_key="" if signed_in else session_key)
    transaction.on_commit(lambda: _dispatch(job.pk))
    return job


def _dispatch(job_id: int) -> None:
    if config.broker_url():
        from banenbrug.jobs.tasks import run_job  # Celery only where a broker is configured

        try:
            run_job.apply_async(args=[job_id], queue=config.queue())
        except Exception as exc:  # Redis unreachable (after Celery's own retries)
            log.error("job %s not queued: %s", job_id, exc.__class__.__name__)
            Job.objects.filter(pk=job_id, status=states.QUEUED).update(
                status=states.next_status(states.QUEUED, "fail"), finished_at=timezone.now(),
                error="De wachtrij (Redis) is niet bereikbaar; de taak is niet gestart.")
    else:
        threading.Thread(target=_run_in_thread, args=(job_id,), name=f"job-{job_id}",
                         daemon=True).start()


def _run_in_thread(job_id: int) -> None:
    try:
        execute(job_id)
    finally:
        connections.close_all()  # this thread's connections only


# --- running -------------------------------------------------------------------------------

def execute(job_id: int) -> str:
    """Run the job if it is this caller's to run. Returns what happened: "done", "failed",
    "busy" (another worker is running it and alive: try later), "final" or "gone"."""
    claimed = _while_locked(lambda: _claim(job_id))
    if isinstance(claimed, str):
        return claimed
    job = claimed
    beat = _Heartbeat(job.pk, job.attempts)
    beat.start()
    error: str | None = None
    try:
        outcome = kinds.get(job.kind).run(job.params, beat.report)
    except JobError as exc:
        error = str(exc) or exc.__class__.__name__
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        error = (f"Interne fout ({exc.__class__.__name__}); de beheerder kan de details in het "
                 "log vinden.")
    finally:  # also when the worker is being stopped: the silent heartbeat then hands it on
        beat.stop()
    if error is not None:
        return _while_locked(lambda: _end(job, "fail", error=error))
    return _while_locked(lambda: _end(job, "finish", outcome=outcome))


def _while_locked(step: Callable[[], Any], tries: int = 6) -> Any:
    """Run a compare-and-set step again while SQLite reports a table lock. A shared-cache
    database (the test suite's in-memory one) answers a concurrent writer with "table is
    locked" at once instead of waiting out the busy timeout; the steps only change a row that
    is still as they read it, so repeating one is safe."""
    for attempt in range(tries):
        try:
            return step()
        except DatabaseError as exc:
            if "locked" not in str(exc) or attempt == tries - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _claim(job_id: int) -> Job | str:
    """Take the job if it is free. Compare-and-set: the update names the state that was read,
    so of two workers at once exactly one changes the row (one statement, no read-then-write
    transaction, which SQLite would refuse to a second writer instead of making it wait)."""
    now = timezone.now()
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "gone"
    if job.status in states.FINAL:
        return "final"
    age = (now - job.heartbeat_at).total_seconds() if job.heartbeat_at else None
    if not states.may_claim(job.status, age, config.stale_after()):
        return "busy"
    as_read = Job.objects.filter(pk=job_id, status=job.status, attempts=job.attempts,
                                 heartbeat_at=job.heartbeat_at)
    if job.attempts >= config.MAX_ATTEMPTS:
        changed = as_read.update(
            status=states.next_status(job.status, "fail"), finished_at=now,
            params=_without_transient(job), error=(
                f"Gestopt na {job.attempts} pogingen: het proces dat de taak uitvoerde stopte "
                "telkens voordat ze klaar was."))
        return "failed" if changed else "busy"
    if not as_read.update(status=states.next_status(job.status, "claim"),
                          attempts=job.attempts + 1, started_at=now, heartbeat_at=now,
                          progress=0.0, message=""):
        return "busy"  # another worker was quicker
    job.refresh_from_db()
    return job


def _end(job: Job, event: str, *, outcome: kinds.Outcome | None = None, error: str = "") -> str:
    now = timezone.now()
    fields: dict[str, Any] = {"status": states.next_status(job.status, event),
                              "finished_at": now, "heartbeat_at": now, "error": error,
                              "params": _without_transient(job)}
    if outcome is not None:
        fields |= {"progress": 1.0, "message": "", "result": outcome.result,
                   "result_url": outcome.url.replace("{job}", str(job.pk)),
                   "output": outcome.file, "output_name": outcome.filename}
    if Job.objects.filter(pk=job.pk, status=states.RUNNING, attempts=job.attempts).update(
            **fields):
        return str(fields["status"])
    # another worker took over while this one looked dead; the kind is idempotent, so the rows
    # are right either way, and the job's record is the other worker's
    current = Job.objects.get(pk=job.pk)
    return "final" if current.status in states.FINAL else "busy"


def _without_transient(job: Job) -> dict[str, Any]:
    spec = kinds.find(job.kind)
    transient = spec.transient if spec else ()
    return {k: v for k, v in job.params.items() if k not in transient}


class _Heartbeat:
    """Tells the database, every HEARTBEAT_SECONDS from a thread (and connection) of its own,
    that the job's worker lives and how far it is. A kind reports progress from inside its
    transaction, where a write would stay invisible until the end; this thread's write is
    visible at once."""

    def __init__(self, job_id: int, attempt: int) -> None:
        self._job_id, self._attempt = job_id, attempt
        self._fraction, self._message = 0.0, ""
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat",
                                        daemon=True)

    def report(self, fraction: float, message: str = "") -> None:
        self._fraction = states.clamp_progress(fraction)
        self._message = message[:200]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def _beat(self) -> None:
        try:
            while not self._stopped.wait(config.HEARTBEAT_SECONDS):
                # SQLite may be busy with the job's own transaction: then the next beat
                with contextlib.suppress(DatabaseError):
                    Job.objects.filter(pk=self._job_id, status=states.RUNNING,
                                       attempts=self._attempt).update(
                        heartbeat_at=timezone.now(), progress=self._fraction,
                        message=self._message)
        finally:
            connections.close_all()


# --- following -----------------------------------------------------------------------------

def may_see(job: Job, user: Any, session_key: str = "") -> bool:
    """Only the job's owner and admins; an anonymous visitor only the jobs of their session."""
    if user is not None and user.is_authenticated:
        return bool(user.is_staff or job.owner_id == user.pk)
    return job.owner_id is None and bool(session_key) and job.session_key == session_key


def settle(job: Job) -> Job:
    """Without a broker nothing delivers a job again: a job whose process died (heartbeat
    silent, or never started) is marked failed instead of looking busy forever."""
    if config.broker_url() or job.status in states.FINAL:
        return job
    since = job.heartbeat_at or job.created_at
    if timezone.now() - since > timedelta(seconds=config.stale_after()):
        Job.objects.filter(pk=job.pk, status=job.status).update(
            status=states.next_status(job.status, "fail"), finished_at=timezone.now(),
            error="Onderbroken: het proces dat deze taak uitvoerde is gestopt. "
                  "Start de taak opnieuw.")
        job.refresh_from_db()
    return job


def wait(job_id: int, on_update: Callable[[Job], None] = lambda job: None,
         poll: float = 0.5) -> Job:
    """Block until the job is done or failed, calling `on_update` with each new state."""
    while True:
        job = settle(Job.objects.get(pk=job_id))
        on_update(job)
        if job.status in states.FINAL:
            return job
        time.sleep(poll)
