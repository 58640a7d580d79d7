from pathlib import Path

from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json, stderr
from banenbrug.transitions import service


class Command(BaseCommand):
    help = ("Green and digital occupations within reach of an occupation (URI, exact label or "
            "search text), with the skills to learn; or --export the top-N table of all.")

    def add_arguments(self, parser):
        parser.add_argument("origin", nargs="*", help="ESCO occupation URI, label or search text")
        parser.add_argument("--also", action="append", default=[], metavar="OCCUPATION",
                            help="another occupation the person has worked in (repeatable)")
        parser.add_argument("--with-skill", action="append", default=[], metavar="URI",
                            help="an extra ESCO skill the person has (repeatable)")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--green", action="store_true", help="only green destinations")
        parser.add_argument("--digital", action="store_true", help="only digital destinations")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--export", metavar="FILE",
                            help="write the top-N of every occupation (.csv or .parquet)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, origin, also, with_skill, top, green, digital, lang, export,
               format, **options):
        if not 1 <= top <= 500:
            raise bad_input("--top must be between 1 and 500")
        if export:
            path = Path(export)
            if path.suffix.lower() not in (".csv", ".parquet"):
                raise bad_input("--export FILE must end in .csv or .parquet")
            if not path.parent.is_dir():
                raise bad_input(f"folder {path.parent} does not exist")
            with stderr.status("Overstapmatrix bouwen / building the transition matrix"):
                rows = service.export(path, top=top, lang=lang)
            stderr.print(f"wrote {rows:,} rows to {path}")
            return
        text = " ".join(origin).strip()
        if not text:
            raise bad_input("give an occupation (URI, label or search text), or --export FILE")
        try:
            occupations = [service.resolve_occupation(t, lang) for t in [text, *also]]
            skills = service.resolve_skills(with_skill, lang)
        except service.TransitionInputError as exc:
            raise bad_input(_with_candidates(exc)) from exc
        result = service.transitions(service.Profile(occupations, skills), top=top,
                                     green=green, digital=digital, lang=lang)
        if format == "json":
            print_json(result)
            return
        self.stdout.write(f"Van / from: {result['from']['label']}")
        for rank, t in enumerate(result["transitions"], start=1):
            tags = " ".join(tag for tag, on in (("groen", t["green"]), ("digitaal", t["digital"]))
                            if on)
            self.stdout.write(f"{rank:>3}. {t['score']:.2f} {t['band_label']:<9} {t['label']}"
                              f"{f' [{tags}]' if tags else ''}  "
                              f"(+{len(t['missing_essential_skills'])} te leren, "
                              f"~{t['effort_weeks']:g} wk)")


def _with_candidates(exc: service.TransitionInputError) -> str:
    lines = [str(exc)]
    lines += [f"  {c['label']}  {c['uri']}" for c in exc.candidates]
    return "\n".join(lines)
