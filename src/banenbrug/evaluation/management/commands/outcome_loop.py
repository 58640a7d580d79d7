from django.core.management.base import BaseCommand

from banenbrug.cli_support import print_json
from banenbrug.evaluation.outcome_records import all_loop_counts, run_outcome_loop
from banenbrug.jobs.progress import add_job_arguments, run_as_job


class Command(BaseCommand):
    help = ("The outcome loop: with --run, turn consenting people's placements and follow-up "
            "answers into outcome records (idempotent); then show per initiative its record "
            "counts (none under 10) and when it can be evaluated.")

    def add_arguments(self, parser):
        parser.add_argument("--run", action="store_true", help="run the loop first")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        add_job_arguments(parser, "the outcome loop")

    def handle(self, *args, run, format, **options):
        if run and options["job"]:
            run_as_job("outcome_loop", {}, options, format)
            return
        summary = run_outcome_loop() if run else None
        rows = all_loop_counts()
        if format == "json":
            print_json({"run": summary.__dict__ if summary else None, "initiatives": rows})
            return
        if summary:
            self.stdout.write(f"{summary.created} records added, {summary.updated} updated, "
                              f"{summary.removed} removed; {summary.left_out} left out "
                              "(person in an initiative with incomplete intake, or aged "
                              "outside 15-80).")
        for row in rows:
            self.stdout.write(f"{row['name']}: {_n(row['participants'])} participants, "
                              f"{_n(row['comparison'])} comparison; for 5 points: "
                              f"{row['needed']['n_treated']} + {row['needed']['n_control']}"
                              " with an outcome")


def _n(count: int | None) -> str:
    return "fewer than 10" if count is None else str(count)
