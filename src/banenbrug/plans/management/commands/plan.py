from django.core.management.base import BaseCommand

from banenbrug.cli_support import bad_input, native_stdout_to_stderr, print_json
from banenbrug.people.models import JobSeeker
from banenbrug.plans import service


def _keys(values: list[str] | None) -> list[str]:
    return [k.strip() for v in values or [] for k in v.split(",") if k.strip()]


class Command(BaseCommand):
    help = ("A switch plan for a person: the skill gap to an occupation or vacancy, the modules "
            "that close it, the funding combined, income while learning, vacancies, timeline.")

    def add_arguments(self, parser):
        parser.add_argument("--person", type=int, required=True, help="job seeker id")
        parser.add_argument("--to", required=True,
                            help="ESCO occupation URI or label, or vacancy:ID")
        parser.add_argument("--with-module", action="append", metavar="KEY",
                            help="require this module (repeat or comma-separate)")
        parser.add_argument("--without-module", action="append", metavar="KEY",
                            help="leave this module out")
        parser.add_argument("--without-scheme", action="append", metavar="KEY",
                            help="leave this funding scheme out")
        parser.add_argument("--priority", choices=["balanced", "cheapest", "fastest"],
                            default="balanced")
        parser.add_argument("--lang", choices=["nl", "en"], default="nl")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, person, to, with_module=None, without_module=None,
               without_scheme=None, priority="balanced", lang="nl", format="text", **options):
        seeker = JobSeeker.objects.filter(pk=person).first()
        if seeker is None:
            raise bad_input(f"--person {person}: no job seeker with this id")
        try:
            adjustments = service.adjustments_from(_keys(with_module), _keys(without_module),
                                                   _keys(without_scheme), priority)
            with native_stdout_to_stderr():
                plan = service.plan_for(seeker, to, adjustments=adjustments, lang=lang)
        except service.PlanInputError as exc:
            lines = [str(exc)] + [f"  {c['uri']}  {c['label']}" for c in exc.candidates]
            raise bad_input("\n".join(lines)) from exc
        if format == "json":
            print_json(plan)
            return
        self._text(plan)

    def _text(self, plan):
        out = self.stdout.write
        d, f = plan["destination"], plan["funding"]
        out(f"Plan for {plan['person']['pseudonym']} -> {d['label']} "
            f"({d['held']} of {d['essential_skills']} essential skills held)")
        out(f"Skill gap: {len(plan['gap'])}; no module teaches {len(plan['uncovered_skills'])}"
            + (": " + ", ".join(s["label"] for s in plan["uncovered_skills"])
               if plan["uncovered_skills"] else ""))
        for m in plan["modules"]:
            out(f"  {m['start']} - {m['end']}  {m['title']} ({m['provider']})  "
                f"EUR {m['cost']:,.0f}, {m['hours']:.0f} h  [{m['key']}]")
        sel = plan["selection"]
        out(f"Modules: EUR {sel['cost']:,.0f}, {sel['hours']:.0f} h ({sel['method']})")
        out(f"Funding: EUR {f['covered']:,.0f} of {f['total_cost']:,.0f} covered; own "
            f"contribution EUR {f['own_contribution']:,.0f}; income support "
            f"EUR {f['income_support']:,.0f}")
        for s in f["schemes"]:
            if s["paid"]:
                out(f"  {s['name']}: EUR {s['paid']:,.2f}")
        for o in plan["income"]["options"]:
            monthly = "unknown" if o["monthly"] is None else f"EUR {o['monthly']:,.0f}/month"
            out(f"  income: {o['text']} {monthly}")
        out(f"Job from {plan['job_from']}; vacancies: {len(plan['vacancies'])}, "
            f"pledges: {len(plan['pledges'])}")
