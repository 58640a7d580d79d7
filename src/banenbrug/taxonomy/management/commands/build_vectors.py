from django.core.management.base import BaseCommand

from banenbrug.cli_support import RichProgress, print_json


class Command(BaseCommand):
    help = ("Compute the text-model vectors of ESCO labels and descriptions that are not cached "
            "yet (run by setup and after an import; a few minutes the first time).")

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=None,
                            help="model threads (default: every core, this is batch work)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, threads, format, **options):
        import os

        from banenbrug.taxonomy.semantic_service import build_vectors
        from banenbrug.understanding.model import get_model

        model = get_model(threads or os.cpu_count() or 1)
        if model is None:
            message = "no text model available: search and extraction use the lexical path"
            if format == "json":
                print_json({"model": None, "embedded": 0, "message": message})
            else:
                self.stdout.write(message)
            return
        with RichProgress() as bar:
            started = False

            def progress(done: int, total: int) -> None:
                nonlocal started
                if not started:
                    bar.start("Vectoren berekenen", total)
                    started = True
                bar.advance(done - progress.done)  # type: ignore[attr-defined]
                progress.done = done  # type: ignore[attr-defined]

            progress.done = 0  # type: ignore[attr-defined]
            embedded = build_vectors(progress, model)
        if format == "json":
            print_json({"model": model.name, "embedded": embedded})
        else:
            self.stdout.write(f"{embedded} new vectors ({model.name}).")
