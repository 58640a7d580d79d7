"""`banenbrug cohort list|show|select|outcomes`: cohorts with a job promise for operators.

`outcomes` prints the outcome facts the outcome loop reads (cohort_service.cohort_outcome_facts):
pseudonyms only, and only of participants who consent to evaluation."""

from dataclasses import asdict

from django.core.management.base import BaseCommand
from django.utils import translation

from banenbrug.cli_support import bad_input, print_json
from banenbrug.employers import cohort_service
from banenbrug.employers.models import Cohort
from banenbrug.employers.service import EmployerInputError
from banenbrug.taxonomy.models import Skill


class Command(BaseCommand):
    help = "Cohorts with a job promise: list, show one, run its selection, its outcome facts."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "show", "select", "outcomes"])
        parser.add_argument("cohort", nargs="?", type=int, help="cohort id (not for list)")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action, cohort=None, lang="nl", format="text", **options):
        if action == "list":
            rows = [{"id": c.pk, "title": c.title, "start_date": c.start_date.isoformat(),
                     "places": c.places, "region": c.region, "is_example": c.is_example}
                    for c in Cohort.objects.all()]
            return self._out(rows, format, [f"{r['id']}: {r['title']} ({r['start_date']}, "
                                            f"{r['places']} places, {r['region']})"
                                            for r in rows])
        item = Cohort.objects.filter(pk=cohort).first() if cohort is not None else None
        if item is None:
            raise bad_input(f"{action}: give the id of an existing cohort (got {cohort})")
        with translation.override("en"):  # messages in English, as every command
            try:
                return getattr(self, f"_{action}")(item, lang, format)
            except EmployerInputError as exc:
                raise bad_input(f"{action} {item.pk}: {exc}") from exc

    def _out(self, data, format, lines):
        if format == "json":
            print_json(data)
        else:
            self.stdout.write("\n".join(lines) if lines else "nothing")

    def _show(self, item, lang, format):
        s = cohort_service.summary(item, lang)
        data = {"id": item.pk, "title": item.title, "places": s.places,
                "applications": s.applications, "admitted": s.admitted,
                "jobs_pledged": s.jobs_pledged, "jobs_delivered": s.jobs_delivered,
                "entry_skills": [{"uri": k.uri, "label": str(k.label(lang))} for k in
                                 Skill.objects.filter(pk__in=cohort_service.entry_skills(item))
                                 .order_by("uri")],
                "outcomes": s.outcomes}
        self._out(data, format, [f"{item.title}: {s.admitted} of {s.places} places taken, "
                                 f"{s.applications} applications, {s.jobs_pledged} jobs "
                                 f"pledged, {s.jobs_delivered} delivered, "
                                 f"{len(s.entry_skills)} entry skills"])

    def _select(self, item, lang, format):
        decisions = cohort_service.run_selection(item.pk)
        data = [{"application": d.key, "verdict": d.verdict.value, "held": d.held,
                 "needed": d.needed, "newly_admitted": d.newly_admitted,
                 "reserve_rank": d.reserve_rank} for d in decisions]
        self._out(data, format, [f"{sum(d.newly_admitted for d in decisions)} newly admitted, "
                                 f"{len(decisions)} applications assessed"])

    def _outcomes(self, item, lang, format):
        facts = cohort_service.cohort_outcome_facts(item.pk)
        # pseudonyms only: the id the outcome loop joins on stays inside the platform
        data = [{**{k: v for k, v in asdict(f).items() if k != "seeker_id"},
                 "cohort_start": f.cohort_start.isoformat()} for f in facts]
        self._out(data, format, [f"{f.pseudonym}: completed {f.completed}, hired {f.hired}, "
                                 f"6 months {f.employed_6m}, 12 months {f.employed_12m}"
                                 for f in facts])
