"""A job's life, as a pure state machine: which status follows which event.

queued --claim--> running --finish--> done
                  running --fail----> failed
running --claim--> running   (its worker died mid-job: the broker delivered the job again and
                              another worker takes it over, once the heartbeats have stopped)
queued / running --fail--> failed   (also: given up after too many attempts)

done and failed are final. Every status change in the database goes through `next_status`, so
a change the diagram does not allow (a finished job run again, a failed job marked done) is a
bug that raises instead of silently rewriting history.
"""

from __future__ import annotations

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATUSES = (QUEUED, RUNNING, DONE, FAILED)
FINAL = frozenset({DONE, FAILED})

_NEXT: dict[tuple[str, str], str] = {
    (QUEUED, "claim"): RUNNING,
    (RUNNING, "claim"): RUNNING,  # taken over from a worker that stopped sending heartbeats
    (RUNNING, "finish"): DONE,
    (RUNNING, "fail"): FAILED,
    (QUEUED, "fail"): FAILED,
}


class IllegalTransition(ValueError):
    pass


def next_status(status: str, event: str) -> str:
    try:
        return _NEXT[(status, event)]
    except KeyError:
        raise IllegalTransition(f"a {status} job cannot {event}") from None


def may_claim(status: str, heartbeat_age: float | None, stale_after: float) -> bool:
    """Whether a worker may start this job now: queued, or running with a silent worker."""
    if status == QUEUED:
        return True
    return status == RUNNING and (heartbeat_age is None or heartbeat_age > stale_after)


def clamp_progress(fraction: float) -> float:
    """Progress as shown: within 0..1 whatever a job reports (NaN counts as no progress)."""
    if fraction != fraction:  # NaN
        return 0.0
    return min(1.0, max(0.0, fraction))
