import gc
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from banenbrug.cli_support import stderr
from banenbrug.taxonomy.models import ImportRun
from banenbrug.web import server, warm


class Command(BaseCommand):
    help = ("Serve the web app with gunicorn (gthread): engines loaded before the port opens, "
            "DEBUG off unless --debug. See docs/serving.md.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1",
                            help="address to listen on (add it to DJANGO_ALLOWED_HOSTS)")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get(
            "BANENBRUG_WORKERS", server.DEFAULT_WORKERS)),
            help=f"processes (default {server.DEFAULT_WORKERS}, BANENBRUG_WORKERS)")
        parser.add_argument("--threads", type=int, default=int(os.environ.get(
            "BANENBRUG_THREADS", server.DEFAULT_THREADS)),
            help=f"request threads per process (default {server.DEFAULT_THREADS}, "
                 "BANENBRUG_THREADS); at most workers x threads database connections")
        parser.add_argument("--debug", action="store_true",
                            help="Django's debug pages (never on a reachable server); "
                                 "same as DJANGO_DEBUG=1")
        parser.add_argument("--access-log", action="store_true", help="log every request")

    def handle(self, *args, host, port, workers, threads, debug, access_log, **options):
        if debug and not settings.DEBUG:
            # `banenbrug serve --debug` sets DJANGO_DEBUG before the settings load (cli.py);
            # this covers call_command and other ways in
            settings.DEBUG = True
        try:
            config = server.gunicorn_options(host=host, port=port, workers=workers,
                                             threads=threads, access_log=access_log)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        problem = server.connection_budget_problem(server.connection_bound(config),
                                                   server.postgres_max_connections())
        if problem:
            raise CommandError(problem)
        stderr.print(f"Banenbrug: http://{host}:{port}/  ({workers} x {threads} threads, "
                     f"DEBUG {'on' if settings.DEBUG else 'off'})")
        try:
            server.run(config, self._load)
        except server.ServerMissing as exc:
            raise CommandError(str(exc)) from exc

    @staticmethod
    def _load():
        """In gunicorn's master, before it binds the port: warm every engine, then hand over."""
        from django.core.handlers.wsgi import WSGIHandler
        from django.db import connections

        if ImportRun.data_version() == "empty":
            warm.mark_warm()  # nothing to load until ESCO is imported
        else:
            with stderr.status("Engines laden / loading engines"):
                warm.warm_up(lambda name, seconds: stderr.print(f"  {name}: {seconds:.1f} s"))
        # the master's connection must not be shared by the forked workers
        connections.close_all()
        # The engines' Python objects move to a generation the collector never visits: its
        # passes in the workers would otherwise write to every object's header and so copy the
        # pages the workers share with the master (copy-on-write), one copy per worker.
        gc.collect()
        gc.freeze()
        application = WSGIHandler()  # Django is set up already
        sys.stderr.flush()
        return application
