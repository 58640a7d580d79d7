from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, stderr
from banenbrug.monitor import services
from banenbrug.monitor.indicators import IndicatorFileError


class Command(BaseCommand):
    help = ("Load the monitor's national baseline figures (Actieplan Groene en digitale banen, "
            "2022), the illustrative regional example data and, when the data folder has them, "
            "the real CBS figures (cbs/). Idempotent.")

    def handle(self, *args, **options):
        for report in services.load_shipped():
            stderr.print(f"[green]Monitor[/]: {report.source.rsplit('/', 1)[-1]}: "
                         f"{report.rows} rows ({report.created} new, {report.updated} updated)")
        try:
            cbs = services.load_cbs_from_data_dir()
        except IndicatorFileError as exc:
            raise bad_input(f"{exc}\nNothing of the CBS files was imported.") from exc
        if cbs is None:
            stderr.print("[yellow]Monitor[/]: no CBS files in the data folder (cbs/): the "
                         "monitor shows example figures only")
            return
        for file, _kind, count in cbs.files:
            stderr.print(f"[green]Monitor[/]: {file.rsplit('/', 1)[-1]}: {count} CBS figures")
        stderr.print(f"[green]Monitor[/]: CBS: {cbs.created} new, {cbs.updated} updated")
