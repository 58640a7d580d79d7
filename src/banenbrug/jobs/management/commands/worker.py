import os

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input
from banenbrug.jobs import config


class Command(BaseCommand):
    help = ("Run background jobs from Redis (REDIS_URL): one job at a time per process; start "
            "one per core, on as many machines as you like (docs/jobs.md).")

    def add_arguments(self, parser):
        parser.add_argument("--queue", default=None,
                            help="queue to take jobs from (default BANENBRUG_JOB_QUEUE or "
                                 "'banenbrug')")
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args, queue, loglevel, **options):
        if not config.broker_url():
            raise bad_input("REDIS_URL is not set: without it jobs run inside the process that "
                            "starts them, and there is nothing for a worker to do.")
        from banenbrug.jobs import tasks  # noqa: F401 - registers the task
        from banenbrug.jobs.celery_app import app

        # solo pool: the job runs in this process, so kill -9 ends the job with it (a prefork
        # child could outlive its parent and finish a job that Redis hands out again)
        app.worker_main(["worker", "--pool=solo", "--concurrency=1",
                         f"--queues={queue or config.queue()}", f"--loglevel={loglevel}",
                         f"--hostname=banenbrug-{os.getpid()}@%h",
                         "--without-gossip", "--without-mingle", "--without-heartbeat"])
