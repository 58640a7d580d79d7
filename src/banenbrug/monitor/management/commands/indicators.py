import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.monitor import services
from banenbrug.monitor.indicators import IndicatorFileError, to_csv_rows


class Command(BaseCommand):
    help = ("Monitor indicators: `import FILE` loads a long-format CSV (all rows or none); "
            "`export` writes the stored indicators as CSV, small cells suppressed.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="import a long-format indicator CSV")
        importer.add_argument("file")
        importer.add_argument("--format", choices=["text", "json"], default="text")
        exporter = sub.add_parser("export", help="write stored indicators as CSV to stdout")
        for name in ("indicator", "region", "occupation-group", "population-group", "period"):
            exporter.add_argument(f"--{name}")

    def handle(self, *args, action, **options):
        if action == "import":
            self._import(Path(options["file"]), options["format"])
        else:
            self._export(options)

    def _import(self, path: Path, fmt: str) -> None:
        if not path.is_file():
            raise bad_input(f"{path}: file not found")
        try:
            report = services.import_file(path)
        except IndicatorFileError as exc:
            raise bad_input(f"{exc}\nNothing was imported.") from exc
        if fmt == "json":
            print_json({"file": str(path), "rows": report.rows, "created": report.created,
                        "updated": report.updated})
        else:
            self.stdout.write(f"{path}: {report.rows} rows ({report.created} new, "
                              f"{report.updated} updated)")

    def _export(self, options) -> None:
        records = services.records(
            indicator=options["indicator"], region=options["region"],
            occupation_group=options["occupation_group"],
            population_group=options["population_group"], period=options["period"])
        csv.writer(sys.stdout, lineterminator="\n").writerows(to_csv_rows(records))
