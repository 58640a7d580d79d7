from django.core.management.base import BaseCommand

from banenbrug.cli_support import stderr
from banenbrug.monitor import services


class Command(BaseCommand):
    help = ("Load the monitor's national baseline figures (Actieplan Groene en digitale banen, "
            "2022) and the illustrative regional example data. Idempotent.")

    def handle(self, *args, **options):
        for report in services.load_shipped():
            stderr.print(f"[green]Monitor[/]: {report.source.rsplit('/', 1)[-1]}: "
                         f"{report.rows} rows ({report.created} new, {report.updated} updated)")
