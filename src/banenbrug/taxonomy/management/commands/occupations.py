from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.taxonomy.models import ImportRun
from banenbrug.taxonomy.search_service import search


class Command(BaseCommand):
    help = "Search ESCO occupations by label (Dutch and English, typo-tolerant)."

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="+")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, text, lang, top, format, **options):
        query = " ".join(text).strip()
        if not query:
            raise bad_input("empty search text")
        if top < 1:
            raise bad_input("--top must be at least 1")
        if ImportRun.data_version() == "empty":
            raise bad_input("no ESCO data in the database: run `banenbrug setup` or import-esco")
        results = search("occupation", query, lang=lang, limit=top)
        if format == "json":
            print_json({"query": query, "lang": lang, "results": [
                {"uri": r.concept.uri, "label": r.concept.label(lang), "score": r.score,
                 "matched_label": r.matched_label, "code": r.concept.code,
                 "isco_group": r.concept.isco_code} for r in results]})
            return
        if not results:
            self.stdout.write(f"No occupations found for '{query}'.")
        for r in results:
            self.stdout.write(f"{r.score:.2f}  {r.concept.label(lang)}  ({r.concept.uri})")
