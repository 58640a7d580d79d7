from pathlib import Path

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.monitor import services
from banenbrug.monitor.indicators import IndicatorFileError
from banenbrug.monitor.statline import MappingError


class Command(BaseCommand):
    help = ("Real CBS figures. `import FILE...` loads the CBS files of the data folder (cbs/*.csv, "
            "recognised by their header) and CBS StatLine OData responses (*.json, with a mapping "
            "shipped per table or given with --mapping): all files checked first, then one "
            "transaction; importing again changes nothing. `tables` lists the imported tables.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        importer = sub.add_parser("import", help="import CBS CSV files and StatLine responses")
        importer.add_argument("files", nargs="+", metavar="FILE")
        importer.add_argument("--mapping", help="TOML mapping for the StatLine responses")
        importer.add_argument("--format", choices=["text", "json"], default="text")
        tables = sub.add_parser("tables", help="list the imported CBS tables")
        tables.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, format, **options):
        if action == "tables":
            found = services.cbs_tables()
            if format == "json":
                print_json({"tables": found})
            for t in [] if format == "json" else found:
                self.stdout.write(f"{t['table_id']}  {t['rows']:>4} rows  "
                                  f"{', '.join(t['indicators'])}  {', '.join(t['periods'])}")
            return
        mapping = Path(options["mapping"]) if options["mapping"] else None
        if mapping is not None and not mapping.is_file():
            raise bad_input(f"{mapping}: mapping file not found")
        try:
            report = services.import_cbs([Path(f) for f in options["files"]], mapping)
        except (IndicatorFileError, MappingError) as exc:
            raise bad_input(f"{exc}\nNothing was imported.") from exc
        if format == "json":
            print_json({"files": [{"file": f, "kind": k, "records": n}
                                  for f, k, n in report.files],
                        "created": report.created, "updated": report.updated,
                        "skipped_rows": report.skipped, "notes": report.notes})
            return
        for file, kind, count in report.files:
            self.stdout.write(f"{file}: {kind}, {count} figures")
        self.stdout.write(f"{report.created} new, {report.updated} updated"
                          + (f", {report.skipped} response rows not in the mapping"
                             if report.skipped else ""))
        for note in report.notes:
            self.stdout.write(f"note: {note}")
