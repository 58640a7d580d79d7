import io
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from banenbrug.cli_support import RichProgress, bad_input, print_json, stderr
from banenbrug.jobs.progress import add_job_arguments, run_as_job
from banenbrug.taxonomy.esco_files import EscoInputError
from banenbrug.taxonomy.esco_import import ImportReport, import_esco


class Command(BaseCommand):
    help = "Import the official ESCO CSV downloads (zips, folders or CSV files, in any order)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="ESCO zip files, folders or CSV files")
        parser.add_argument("--strict", action="store_true",
                            help="fail on a relation to an unknown URI instead of skipping it")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--no-vectors", action="store_true",
                            help="skip computing text-model vectors for new labels "
                                 "(run `banenbrug build-vectors` later)")
        add_job_arguments(parser, "import, vectors and every engine for the new data")

    def handle(self, *args, paths, strict, format, no_progress, no_vectors, **options):
        if options["job"]:
            # the worker may run elsewhere: it gets absolute paths, as this machine sees them
            run_as_job("esco_import", {"paths": [str(Path(p).resolve()) for p in paths],
                                       "strict": strict}, options, format)
            return
        try:
            if no_progress or format == "json":
                report = import_esco(paths, strict=strict)
            else:
                with RichProgress() as progress:
                    report = import_esco(paths, strict=strict, progress=progress)
        except EscoInputError as exc:
            raise bad_input(f"{exc}. Nothing was imported; the database is unchanged.") from exc
        if report.changed and not no_vectors:
            # after the transaction: vectors are a cache, the import stands without them
            call_command("build_vectors", format="json" if format == "json" else "text",
                         stdout=io.StringIO() if format == "json" else None)
        if format == "json":
            print_json(report.as_dict())
        else:
            summarise(report)


def summarise(report: ImportReport) -> None:
    from rich.table import Table

    if not report.changed:
        stderr.print(f"[green]Nothing changed[/]: the database already holds these files "
                     f"({report.seconds:.1f} s).")
    table = Table(title="ESCO import", show_lines=False)
    for column in ("table", "total", "created", "updated", "deleted"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for name, total in report.totals.items():
        table.add_row(name, f"{total:,}", f"{report.created[name]:,}",
                      f"{report.updated[name]:,}", f"{report.deleted[name]:,}")
    stderr.print(table)
    for what, count in sorted(report.unknown.items()):
        stderr.print(f"[yellow]reported[/] {what}: {count:,}")
    for name, count in sorted(report.repeated.items()):
        stderr.print(f"[yellow]reported[/] {name}: {count:,} concept(s) listed twice with the "
                     "same content (used once)")
    if report.ignored:
        stderr.print(f"not used: {len(report.ignored)} file(s) "
                     f"({', '.join(p.rsplit(':', 1)[-1] for p in report.ignored)})")
    if report.changed:
        stderr.print(f"[green]Imported[/] in {report.seconds:.1f} s.")
