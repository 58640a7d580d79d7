"""The one Celery task: run a Job row by its id (service.execute does the work)."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError

from banenbrug.jobs import config, service
from banenbrug.jobs.celery_app import app


@app.task(name="banenbrug.jobs.run", bind=True, max_retries=None)
def run_job(self: Any, job_id: int) -> str:
    try:
        outcome = service.execute(job_id)
    except DatabaseError as exc:  # the database briefly away: the job's row is still there
        raise self.retry(countdown=5, queue=config.queue(), exc=exc) from exc
    if outcome == "busy":
        # delivered again while its worker still sends heartbeats (a job longer than the
        # visibility timeout): look again once that worker could have gone silent
        raise self.retry(countdown=config.stale_after(), queue=config.queue())
    return outcome
