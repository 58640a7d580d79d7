from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.jobs.models import Job


class Command(BaseCommand):
    help = "Show a background job (status, progress, result); --wait follows it to the end."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int)
        parser.add_argument("--wait", action="store_true",
                            help="wait until the job is done, with a progress bar")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, id, wait, format, **options):
        from banenbrug.jobs.progress import follow, job_json, summary

        if not Job.objects.filter(pk=id).exists():
            raise bad_input(f"no job with id {id}")
        job = follow(id, bar=format == "text") if wait else Job.objects.get(pk=id)
        if format == "json":
            print_json(job_json(job))
        else:
            self.stdout.write(summary(job))
