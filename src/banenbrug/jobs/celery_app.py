"""The Celery application: Redis as broker, settings that lose no job when a worker dies.

- acks_late: a job's message is acknowledged when the job ends, not when it is received, so a
  worker killed mid-job (kill -9, a machine gone) leaves it unacknowledged in Redis;
- visibility_timeout: after that many seconds Redis hands the unacknowledged job to another
  worker (a running job keeps its claim through its heartbeat, see service.execute);
- task_reject_on_worker_lost: a job whose process died is put back, not acknowledged;
- prefetch 1: a worker holds only the job it runs, the rest stay for the other workers.
Results live in the Job row, so Celery keeps none.
"""

from __future__ import annotations

from celery import Celery

from banenbrug.jobs import config

app = Celery("banenbrug")
app.conf.update(
    broker_url=config.broker_url(),
    broker_transport_options={"visibility_timeout": config.visibility_timeout()},
    broker_connection_retry_on_startup=True,
    task_default_queue=config.queue(),
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_ignore_result=True,
    worker_prefetch_multiplier=1,
    worker_hijack_root_logger=False,
    worker_send_task_events=False,
)
