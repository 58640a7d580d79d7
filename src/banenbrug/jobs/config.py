"""Where jobs run, from the environment: Celery workers when REDIS_URL is set, else a thread of
the process that started the job (the embedded demo needs no extra service)."""

from __future__ import annotations

import os

from django.conf import settings


def broker_url() -> str:
    return str(getattr(settings, "REDIS_URL", "") or "")


def queue() -> str:
    # tests give each run a queue of its own so that runs sharing a Redis do not collide
    return os.environ.get("BANENBRUG_JOB_QUEUE", "banenbrug")


def visibility_timeout() -> int:
    """Seconds before Redis hands a job whose worker vanished (kill -9) to another worker."""
    return int(os.environ.get("BANENBRUG_JOB_VISIBILITY_TIMEOUT", "300"))


def stale_after() -> float:
    """Seconds without a heartbeat after which a running job's worker counts as gone."""
    return float(os.environ.get("BANENBRUG_JOB_STALE_AFTER", "60"))


HEARTBEAT_SECONDS = 1.0  # also how often progress reaches the database
MAX_ATTEMPTS = 3
