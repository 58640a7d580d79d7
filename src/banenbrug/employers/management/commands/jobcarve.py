from django.core.management.base import BaseCommand
from django.utils import translation

from banenbrug.cli_support import bad_input, print_json
from banenbrug.employers import service
from banenbrug.matching.models import Vacancy


class Command(BaseCommand):
    help = ("Jobcarving: split a hard-to-fill vacancy into carved roles that many more local job "
            "seekers can do and the core role that keeps the rare skills.")

    def add_arguments(self, parser):
        parser.add_argument("--vacancy", type=int, required=True, help="vacancy id")
        parser.add_argument("--max-carved", type=int, default=1,
                            help=f"carved roles at most (1-{service.MAX_CARVED}, default 1)")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, vacancy, max_carved=1, lang="nl", format="text", **options):
        item = Vacancy.objects.filter(pk=vacancy).first()
        if item is None:
            raise bad_input(f"--vacancy {vacancy}: no vacancy with this id")
        try:
            with translation.override("en"):  # messages on stderr in English, as every command
                result = service.jobcarving(item, max_carved=max_carved, lang=lang)
        except service.EmployerInputError as exc:
            raise bad_input(f"--vacancy {vacancy}: {exc}") from exc
        if format == "json":
            print_json(service.contract(result))
            return
        original = result["original"]
        self.stdout.write(f"{item.title} (#{item.pk}): {len(original['skills'])} essential "
                          f"skills, {original['candidates']} of {result['local']} local job "
                          f"seekers within reach")
        for role in result["carved"]:
            self.stdout.write(f"  carved: {role['title']}: {len(role['skills'])} skills, "
                              f"{role['candidates']} within reach ({role['ready_now']} without "
                              f"a module)")
            for module in role["modules"]:
                self.stdout.write(f"      module {module['key']}: {module['title']} "
                                  f"({module['hours']:g} h)")
        if not result["carved"]:
            self.stdout.write("  no carved role reaches more job seekers than the whole vacancy")
        remaining = result["remaining"]
        self.stdout.write(f"  core: {len(remaining['skills'])} skills, "
                          f"{remaining['candidates']} within reach")
