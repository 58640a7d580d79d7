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

        run_job.apply_async(args=[job_id], queue=config.queue())
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
    claimed = _claim(job_id)
    if isinstance(claimed, str):
        return claimed
    job = claimed
    beat = _Heartbeat(job.pk, job.attempts)
    beat.start()
    try:
        outcome = kinds.get(job.kind).run(job.params, beat.report)
    except JobError as exc:
        beat.stop()
        return _end(job, "fail", error=str(exc))
    except Exception as exc:
        beat.stop()
        log.exception("job %s (%s) failed", job.pk, job.kind)
        return _end(job, "fail", error=f"Interne fout ({exc.__class__.__name__}); "
                                       "de beheerder kan de details in het log vinden.")
    beat.stop()
    return _end(job, "finish", outcome=outcome)


def _claim(job_id: int) -> Job | str:
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return "gone"
        if job.status in states.FINAL:
            return "final"
        age = (now - job.heartbeat_at).total_seconds() if job.heartbeat_at else None
        if not states.may_claim(job.status, age, config.stale_after()):
            return "busy"
        if job.attempts >= config.MAX_ATTEMPTS:
            job.status = states.next_status(job.status, "fail")
            job.error = (f"Gestopt na {job.attempts} pogingen: het proces dat de taak uitvoerde "
                         "stopte telkens voordat ze klaar was.")
            job.finished_at = now
            _drop_transient(job)
            job.save()
            return "failed"
        job.status = states.next_status(job.status, "claim")
        job.attempts += 1
        job.started_at = job.heartbeat_at = now
        job.progress, job.message = 0.0, ""
        job.save()
    return job


def _end(job: Job, event: str, *, outcome: kinds.Outcome | None = None, error: str = "") -> str:
    with transaction.atomic():
        current = Job.objects.select_for_update().get(pk=job.pk)
        if current.status != states.RUNNING or current.attempts != job.attempts:
            # another worker took over while this one looked dead; the kind is idempotent, so
            # the rows are right either way, and the job's record is the other worker's
            return "final" if current.status in states.FINAL else "busy"
        current.status = states.next_status(current.status, event)
        current.finished_at = current.heartbeat_at = timezone.now()
        if outcome is not None:
            current.progress, current.message = 1.0, ""
            current.result = outcome.result
            current.result_url = outcome.url.replace("{job}", str(current.pk))
            current.output, current.output_name = outcome.file, outcome.filename
        current.error = error
        _drop_transient(current)
        current.save()
        return current.status


def _drop_transient(job: Job) -> None:
    transient = kinds.KINDS[job.kind].transient if job.kind in kinds.KINDS else ()
    job.params = {k: v for k, v in job.params.items() if k not in transient}


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
