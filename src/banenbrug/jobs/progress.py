"""Following a job from the command line: a rich progress bar on stderr, and its JSON."""

from __future__ import annotations

import sys
from typing import Any

from banenbrug.jobs import service, states
from banenbrug.jobs.models import Job


def follow(job_id: int, *, bar: bool = True) -> Job:
    """Wait for the job, showing its progress (0..1 and message) as a bar unless bar=False."""
    if not bar:
        return service.wait(job_id)
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from banenbrug.cli_support import stderr

    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                  TimeElapsedColumn(), console=stderr) as shown:
        task = shown.add_task(f"taak {job_id}", total=1.0)

        def update(job: Job) -> None:
            label = job.message or {states.QUEUED: "in de wachtrij / queued"}.get(job.status, "")
            shown.update(task, completed=job.progress,
                         description=f"taak {job_id} · {label}" if label else f"taak {job_id}")

        return service.wait(job_id, update)


def add_job_arguments(parser: Any, what: str) -> None:
    parser.add_argument("--job", action="store_true",
                        help=f"run as a background job ({what}): on a worker when REDIS_URL is "
                             "set; waits with a progress bar")
    parser.add_argument("--no-wait", action="store_true",
                        help="with --job: print the job's id and return at once")


def run_as_job(kind: str, params: dict[str, Any], options: dict[str, Any], format: str) -> None:
    """Start the job from the command line (no user: the shell's user holds the database) and
    follow it; a job that failed exits with code 2 and its message."""
    from banenbrug.cli_support import bad_input, print_json
    from banenbrug.jobs import config

    if options["no_wait"] and not config.broker_url():
        raise bad_input("--no-wait needs REDIS_URL: without a worker the job runs in this "
                        "process, which must stay until the job ends")
    job = service.start(kind, params, None)
    if options["no_wait"]:
        if format == "json":
            print_json(job_json(job))
        else:
            sys.stdout.write(f"{job.pk}\n")
        return
    job = follow(job.pk, bar=format == "text")
    if format == "json":
        print_json(job_json(job))
    if job.status == states.FAILED:
        raise bad_input(job.error)
    if format != "json":
        sys.stdout.write(summary(job) + "\n")


def job_json(job: Job) -> dict[str, Any]:
    return {"id": job.pk, "kind": job.kind, "status": job.status,
            "progress": round(job.progress, 3), "message": job.message,
            "attempts": job.attempts, "result": job.result, "result_url": job.result_url,
            "file": job.output_name or None, "error": job.error or None,
            "created_at": job.created_at.isoformat(),
            "finished_at": job.finished_at.isoformat() if job.finished_at else None}


def summary(job: Job) -> str:
    text = f"job {job.pk} ({job.kind}): {job.status}, {job.progress:.0%}"
    if job.error:
        text += f"\n{job.error}"
    return text
