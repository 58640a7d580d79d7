import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from banenbrug.cli_support import bad_input, print_json
from banenbrug.orientation import catalogue, content, onet, questionnaire, reach, service


def read_answers(path: Path) -> questionnaire.Answers:
    """A JSON object {question id: answer}, optionally wrapped as {"answers": {...}}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise bad_input(f"{path}: file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad_input(f"{path}: not valid JSON ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data = data["answers"]
    if not isinstance(data, dict):
        raise bad_input(f"{path}: expected a JSON object of question id -> answer")
    try:
        return questionnaire.from_mapping(data)
    except questionnaire.AnswerError as exc:
        raise bad_input(f"{path}: {exc}") from None


class Command(BaseCommand):
    help = ("Ontdek: suggest green and digital occupations from questionnaire answers or an "
            "interest profile, or export the anonymous reach counts for the monitor.")

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--profile", help="six interest scores R,I,A,S,E,C on O*NET's 1-7 "
                                              "scale, e.g. 6,4,2,3,3,5")
        source.add_argument("--answers", type=Path, help="JSON file with questionnaire "
                                                         "answers {question id: 0|1|2}")
        source.add_argument("--export-reach", type=Path, metavar="FILE",
                            help="write the reach counts as CSV in the monitor's long format")
        source.add_argument("--most-suggested", type=int, metavar="N",
                            help="the N occupations suggested to the most interest profiles "
                                 "(every top-three code, clear and mild), with their counts")
        parser.add_argument("--top", type=int, default=service.DEFAULT_TOP)
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, profile, answers, export_reach, most_suggested, top, lang, format,
               **options):
        if most_suggested is not None:
            self.most_suggested(most_suggested, lang, format)
            return
        if export_reach is not None:
            rows = reach.write_csv(export_reach)
            if format == "json":
                print_json({"file": str(export_reach), "rows": rows})
            else:
                self.stdout.write(f"{rows} rows written to {export_reach}")
            return
        if not 1 <= top <= service.MAX_TOP:
            raise bad_input(f"--top must be between 1 and {service.MAX_TOP}")
        with translation.override(lang):
            try:
                if answers is not None:
                    result = service.for_answers(read_answers(answers), lang, top)
                else:
                    result = service.for_profile(service.parse_profile(profile), lang, top)
            except questionnaire.AnswerError as exc:
                raise bad_input(f"{answers}: {exc}") from None
            except ValueError as exc:
                raise bad_input(f"--profile: {exc}") from None
            except (catalogue.CatalogueUnavailable, onet.OnetInputError) as exc:
                raise bad_input(str(exc)) from None
        if format == "json":
            print_json(result.as_json())
            return
        self.stdout.write("profile: " + "  ".join(f"{k}={v:.1f}" for k, v in
                                                  result.profile.items()))
        for n, s in enumerate(result.suggestions, start=1):
            kinds = "/".join(k for k, on in (("green", s.green), ("digital", s.digital),
                                             ("technical", s.technical)) if on)
            self.stdout.write(f"{n:2}. {s.score:.3f}  {s.label}  [{kinds}]\n    {s.why}")

    def most_suggested(self, n: int, lang: str, format: str) -> None:
        if n < 1:
            raise bad_input("--most-suggested must be at least 1")
        try:
            found = service.most_suggested(n)
            cat = catalogue.get()
        except (catalogue.CatalogueUnavailable, onet.OnetInputError) as exc:
            raise bad_input(str(exc)) from None
        written = content.stories()
        rows = [{"uri": uri, "label": cat.label(cat.index[uri], lang), "profiles": count,
                 "written_story": uri in written} for uri, count in found]
        if format == "json":
            print_json({"profiles": len(questionnaire.code_profiles()), "occupations": rows})
            return
        for n_, row in enumerate(rows, start=1):
            mark = "" if row["written_story"] else "  (no written story)"
            self.stdout.write(f"{n_:2}. {row['profiles']:3}  {row['label']}{mark}")
