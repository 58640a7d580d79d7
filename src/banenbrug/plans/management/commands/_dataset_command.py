"""What `training-catalogue` and `funding-schemes` share: `import FILE` and `export FILE`.

`--format csv|json` names the file's format (default: its suffix). The import summary and all
errors go to stderr; errors list file, row, field and reason and exit with code 2.
`--json` prints the import report or export count as JSON on stdout, for scripts.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json, stderr
from banenbrug.plans import exchange
from banenbrug.plans.plan_rows import describe_errors
from banenbrug.tables.errors import RowsInvalid
from banenbrug.taxonomy.models import Skill


class DatasetCommand(BaseCommand):
    dataset: exchange.Dataset
    what: str  # "modules" or "schemes", for messages

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for action, text in (("import", f"import {self.what} (CSV or JSON); all or nothing, "
                                         "matched on key, idempotent"),
                             ("export", f"export every {self.what[:-1]} (canonical: export, "
                                         "import, export gives the same bytes)")):
            p = sub.add_parser(action, help=text)
            p.add_argument("file")
            p.add_argument("--format", choices=["csv", "json"],
                           help="the file's format (default: from its suffix)")
            p.add_argument("--json", action="store_true", dest="as_json",
                           help="print the result as JSON on stdout")

    def handle(self, *args, action, file, format, as_json, **options):
        result = self.do_import(Path(file), format) if action == "import" else \
            self.do_export(Path(file), format)
        if as_json:
            print_json(result)

    def do_import(self, path: Path, fmt: str | None) -> dict:
        if not path.is_file():
            raise bad_input(f"{path}: no such file")
        if self.dataset.needs_skills and not Skill.objects.exists():
            raise bad_input("no ESCO skills in the database: import ESCO first "
                            "(`banenbrug setup` or `banenbrug import-esco`)")
        try:
            report = exchange.import_file(self.dataset, path, fmt).as_dict()
        except RowsInvalid as exc:
            raise bad_input(f"{len(exc.errors)} error(s), nothing was imported:\n"
                            f"{describe_errors(exc.source, exc.errors)}") from exc
        counts = {bucket: report[bucket].get(self.dataset.section, 0) for bucket in report}
        stderr.print(f"[green]Imported[/] {path.name}: {counts['created']} created, "
                     f"{counts['updated']} updated, {counts['unchanged']} unchanged")
        return {"file": str(path), **counts}

    def do_export(self, path: Path, fmt: str | None) -> dict:
        if not path.parent.is_dir():
            raise bad_input(f"{path.parent}: no such folder")
        try:
            count = exchange.export_file(self.dataset, path, fmt)
        except RowsInvalid as exc:
            raise bad_input(describe_errors(exc.source, exc.errors)) from exc
        stderr.print(f"[green]Exported[/] {count} {self.what} to {path}")
        return {"file": str(path), "count": count}
