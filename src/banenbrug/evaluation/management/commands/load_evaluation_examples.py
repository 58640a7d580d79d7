from django.core.management.base import BaseCommand

from banenbrug.cli_support import stderr
from banenbrug.evaluation.examples import example_csv
from banenbrug.evaluation.import_service import import_outcomes


class Command(BaseCommand):
    help = "Load the synthetic example initiatives (invented data, marked as examples). Idempotent."

    def handle(self, *args, **options):
        summary = import_outcomes(example_csv(), "voorbeelden.csv", example=True)
        stderr.print(f"[green]Evaluation examples ready[/] ({len(summary.initiatives)} "
                     f"initiatives, {summary.records} invented records).")
