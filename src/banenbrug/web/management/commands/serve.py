from django.core.management import call_command
from django.core.management.base import BaseCommand

from banenbrug.cli_support import stderr
from banenbrug.taxonomy.models import ImportRun
from banenbrug.web.warm import warm_up


class Command(BaseCommand):
    help = "Serve the web app on 127.0.0.1 (threaded; for one machine, not the internet)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        if ImportRun.data_version() != "empty":
            with stderr.status("Engines laden / loading engines"):
                warm_up(lambda name, seconds: stderr.print(f"  {name}: {seconds:.1f} s"))
        stderr.print(f"Banenbrug: http://{host}:{port}/")
        call_command("runserver", f"{host}:{port}", use_reloader=False)
