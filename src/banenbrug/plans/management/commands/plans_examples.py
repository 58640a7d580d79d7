"""`banenbrug plans-examples`: load the example catalogue and funding schemes. Idempotent."""

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, stderr
from banenbrug.plans.examples import load_examples
from banenbrug.plans.plan_rows import describe_errors
from banenbrug.tables.errors import RowsInvalid
from banenbrug.taxonomy.models import Skill


class Command(BaseCommand):
    help = ("Load the example training catalogue and funding schemes (marked as examples). "
            "Needs the ESCO import; a second run changes nothing.")

    def handle(self, *args, **options):
        if not Skill.objects.exists():
            raise bad_input("no ESCO skills in the database: import ESCO first "
                            "(`banenbrug setup` does both)")
        try:
            reports = load_examples()
        except RowsInvalid as exc:
            # Most likely an ESCO version without some of the skills the examples name.
            raise bad_input(f"example set: {len(exc.errors)} error(s), nothing was imported:\n"
                            f"{describe_errors(exc.source, exc.errors)}") from exc
        for section, report in reports.items():
            counts = report.as_dict()
            stderr.print(f"[green]Example {section} ready[/]: "
                         + ", ".join(f"{counts[b].get(section, 0)} {b}"
                                     for b in ("created", "updated", "unchanged")))
