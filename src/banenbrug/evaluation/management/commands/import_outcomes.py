from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.evaluation.import_service import import_outcomes
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.messages import problem_texts
from banenbrug.evaluation.table_reader import read_text
from banenbrug.jobs.progress import add_job_arguments, run_as_job


class Command(BaseCommand):
    help = ("Import initiatives' outcome data (participants and comparison group) from a CSV "
            "file and compute their reports. All or nothing; importing again replaces.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--example", action="store_true",
                            help="mark the initiatives as examples (invented data)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        add_job_arguments(parser, "import and reports")

    def handle(self, *args, file, example, format, **options):
        try:
            name = file.rsplit("/", 1)[-1]
            text = read_text(file, name)
            if options["job"]:
                run_as_job("evaluation_import", {"text": text, "name": name,
                                                 "example": example}, options, format)
                return
            summary = import_outcomes(text, name, example=example)
        except EvaluationError as exc:
            raise bad_input("\n".join(problem_texts(exc))) from exc
        if format == "json":
            print_json({"initiatives": summary.initiatives, "created": summary.created,
                        "records": summary.records})
            return
        self.stdout.write(f"{summary.records} records for {len(summary.initiatives)} "
                          f"initiative(s) imported; reports computed.")
