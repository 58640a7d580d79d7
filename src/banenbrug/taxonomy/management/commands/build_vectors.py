import os

from django.core.management.base import BaseCommand

from banenbrug.cli_support import RichProgress, print_json


class Command(BaseCommand):
    help = ("Compute the text-model vectors of ESCO labels and descriptions that are not cached "
            "yet (run by setup and after an import; minutes the first time, seconds after).")

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=None,
                            help="model threads (default: every core, this is batch work)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, threads, format, **options):
        from banenbrug.taxonomy.semantic_service import build_vectors
        from banenbrug.understanding.model import get_model

        model = get_model(threads or os.cpu_count() or 1)
        if model is None:
            message = "no text model available: search and extraction use the lexical path"
            if format == "json":
                print_json({"model": None, "embedded": 0, "message": message})
            else:
                self.stderr.write(message)
            return
        with RichProgress() as bar:
            shown = [0]

            def progress(done: int, total: int) -> None:
                if not shown[0]:
                    bar.start("Vectoren berekenen", total)
                bar.advance(done - shown[0])
                shown[0] = done

            embedded = build_vectors(progress, model)
        if format == "json":
            print_json({"model": model.name, "embedded": embedded})
        else:
            self.stderr.write(f"{embedded} new vectors ({model.name}).")
