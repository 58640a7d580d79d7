from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, print_json
from banenbrug.matching import service, vacancies
from banenbrug.matching.models import HiringMode, Vacancy
from banenbrug.people.models import JobSeeker


class Command(BaseCommand):
    help = ("The best vacancies for a person, or the best consenting candidates for a vacancy, "
            "with matched, missing and near-miss skills.")

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--person", type=int, help="job seeker id")
        who.add_argument("--vacancy", type=int, help="vacancy id")
        parser.add_argument("--top", type=int, default=10, help="how many (1-100, default 10)")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        narrow = parser.add_argument_group("filters (with --person)")
        narrow.add_argument("--max-km", type=int, help="at most this many km, straight line "
                            "(needs the person's municipality)")
        narrow.add_argument("--hours", type=int, help="hours per week the vacancy accepts")
        narrow.add_argument("--hiring-mode", choices=HiringMode.values, default="")
        narrow.add_argument("--region", default="", help="the vacancy's labour-market region")

    def handle(self, *args, person=None, vacancy=None, top=10, lang="nl", format="text",
               max_km=None, hours=None, hiring_mode="", region="", **options):
        if not 1 <= top <= 100:
            raise bad_input(f"--top must be between 1 and 100, not {top}")
        if person is not None:
            seeker = JobSeeker.objects.filter(pk=person).first()
            if seeker is None:
                raise bad_input(f"--person {person}: no job seeker with this id")
            try:
                filters = service.MatchFilters(max_km=max_km, hours=hours,
                                               hiring_mode=hiring_mode, region=region)
            except service.MatchInputError as exc:
                raise bad_input(str(exc)) from None
            result = {"person": {"id": seeker.pk, "region": seeker.region,
                                 "municipality": seeker.municipality},
                      "matches": service.vacancies_for(seeker, top=top, lang=lang,
                                                       filters=filters)}
        else:
            item = Vacancy.objects.filter(pk=vacancy).first()
            if item is None:
                raise bad_input(f"--vacancy {vacancy}: no vacancy with this id")
            result = {"vacancy": {"id": item.pk, "title": item.title,
                                  "hiring_mode": item.hiring_mode,
                                  "learn_work": vacancies.route_summary(item)},
                      "matches": service.candidates_for(item, top=top, lang=lang)}
        if format == "json":
            print_json(result)
            return
        for rank, m in enumerate(result["matches"], 1):
            name = m.get("title") or m.get("pseudonym")
            km = f"  ± {m['distance_km']} km" if m["distance_km"] is not None else ""
            self.stdout.write(f"{rank:>3}. {name} (#{m['id']})  score {m['score']:.2f}{km}")
            for key, word in (("matched_skills", "has"), ("to_learn_skills", "to learn"),
                              ("missing_skills", "missing"), ("near_miss_skills", "near miss")):
                if m[key]:
                    labels = ", ".join(s["label"] for s in m[key][:8])
                    self.stdout.write(f"      {word}: {labels}")
        if not result["matches"]:
            self.stdout.write("no matches")
