import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.matching import cv_files, service
from banenbrug.taxonomy.models import ImportRun


class Command(BaseCommand):
    help = ("Suggested ESCO skills for a CV file (PDF, Word .docx or text; '-' reads stdin), "
            "best first, with the words that triggered each. Nothing is stored.")

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the CV file, or - for standard input")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl",
                            help="language of the skill labels (default nl)")
        parser.add_argument("--top", type=int, default=30, help="how many (1-100, default 30)")
        parser.add_argument("--occupation", metavar="URI",
                            help="ESCO URI of the person's occupation: its skills rank higher")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, file, lang="nl", top=30, format="table", occupation=None,
               **options):
        if not 1 <= top <= 100:
            raise bad_input(f"--top must be between 1 and 100, not {top}")
        data = self._read(file)
        try:
            text = cv_files.read_cv_file("" if file == "-" else Path(file).name, data)
        except cv_files.DocumentError as exc:
            raise bad_input(f"{file}: {exc.message('en')} [{exc.code}]") from exc
        if ImportRun.data_version() == "empty":
            raise bad_input("no ESCO data in the database: run `banenbrug setup` or import-esco")
        try:
            skills = service.suggest_skills(text, lang, limit=top, occupation=occupation)
        except service.MatchInputError as exc:
            raise bad_input(f"{file}: {exc}") from exc
        if format == "json":
            print_json({"file": file, "lang": lang, "characters": len(text), "skills": skills})
            return
        if not skills:
            self.stdout.write("no skills found")
        width = max((len(s["label"]) for s in skills), default=0)
        for rank, s in enumerate(skills, 1):
            words = ", ".join(s["evidence"])
            self.stdout.write(f"{rank:>3}. {s['label']:<{width}}  {s['score']:.2f}  [{words}]")

    def _read(self, file: str) -> bytes:
        limit = cv_files.MAX_BYTES + 1  # one byte over is enough to refuse with the size message
        if file == "-":
            return sys.stdin.buffer.read(limit)
        path = Path(file)
        if not path.is_file():
            raise bad_input(f"{file}: no such file")
        try:
            with path.open("rb") as handle:
                return handle.read(limit)
        except OSError as exc:
            raise bad_input(f"{file}: cannot be read ({exc.strerror})") from exc
