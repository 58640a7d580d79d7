from django.core.management.base import BaseCommand

from banenbrug.atlas import AtlasError
from banenbrug.cli_support import bad_input, stderr
from banenbrug.registry.examples import load_examples
from banenbrug.registry.regions import load_regions
from banenbrug.tables.errors import RowsInvalid
from banenbrug.taxonomy.models import Occupation


class Command(BaseCommand):
    help = "Load the regions (from the data dir) and the registry's example set. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="folder with regions/ (default BANENBRUG_DATA_DIR"
                                               " or ../shared/data)")
        parser.add_argument("--no-examples", action="store_true",
                            help="load the regions only")

    def handle(self, *args, data_dir=None, no_examples=False, **options):
        from pathlib import Path

        try:
            counts = load_regions(Path(data_dir) if data_dir else None)
        except AtlasError as exc:
            raise bad_input(f"{exc}. Nothing was imported.") from exc
        stderr.print(f"[green]Regions ready[/]: {counts['labour_market']} labour-market regions, "
                     f"{counts['res']} RES regions, {counts['province']} provinces, "
                     f"{counts['municipality']} municipalities.")
        if no_examples:
            return
        if not Occupation.objects.exists():
            raise bad_input("no ESCO occupations in the database: import ESCO first "
                            "(`banenbrug setup` does both)")
        try:
            report = load_examples()
        except RowsInvalid as exc:
            raise bad_input(f"example set: {exc}") from exc
        stderr.print(f"[green]Registry examples ready[/]: {report.as_dict()}")
