from django.core.management.base import BaseCommand

from banenbrug.cli_support import RichProgress, bad_input, print_json
from banenbrug.matching import batch
from banenbrug.matching.service import MatchInputError


class Command(BaseCommand):
    help = ("National batch matching: store the best open vacancies of every job seeker and the "
            "best consenting candidates of every vacancy. --part K/N does one of N parts, so N "
            "workers (on N machines) share the work; each part is stored whole or not at all.")

    def add_arguments(self, parser):
        parser.add_argument("--part", default="1/1", help="K/N: part K of N (default 1/1: all)")
        parser.add_argument("--top", type=int, default=20, help="how many per row (1-100)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, part="1/1", top=20, format="text", no_progress=False, **options):
        try:
            index, parts = batch.parse_part(part)
            if no_progress or format == "json":
                result = batch.match_part(index, parts, k=top)
            else:
                with RichProgress() as bar:
                    seen = [0]

                    def progress(done: int, total: int) -> None:
                        if not seen[0]:
                            bar.start(f"match-all {part}", total)
                        bar.advance(done - seen[0])
                        seen[0] = done

                    result = batch.match_part(index, parts, k=top, progress=progress)
        except MatchInputError as exc:
            raise bad_input(str(exc)) from exc
        if format == "json":
            print_json({**result.as_dict(), "part": part})
            return
        self.stdout.write(f"part {part}: {result.persons} job seekers, {result.vacancies} "
                          f"vacancies, {result.stored} matches stored in {result.seconds} s")
