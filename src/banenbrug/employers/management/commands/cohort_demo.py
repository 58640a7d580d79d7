"""An example cohort with a job promise for the demo, marked as example.

Runs after the registry examples, the plans catalogue and the matching demo (setup order).
Deterministic and idempotent: when an example cohort exists, nothing changes. The cohort belongs
to the example initiative of the Drechtsteden heat-pump academy, trains for the occupation its
example pledges name, with the two catalogue modules that teach most of that occupation's
essential skills; those pledges are linked to it. The synthetic job seekers who hold most of its
entry skills apply (in id order, at fixed times) and the selection runs: with a threshold of
10 % (ESCO lists 30 essential skills for the occupation, side-entrants hold few) some are
admitted, some wait and some do not pass. There are no example outcomes: the synthetic people
gave no consent to evaluation.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, Q

from banenbrug.cli_support import stderr
from banenbrug.employers import cohort_service
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.people.models import Employer, JobSeeker
from banenbrug.plans.models import TrainingModule
from banenbrug.registry.models import Initiative
from banenbrug.taxonomy.models import OccupationSkill

INITIATIVE = "warmtepomp-academie-drechtsteden"
REGION = "AM23"  # Drechtsteden
THRESHOLD = 10
START = date(2027, 9, 6)
APPLIED = datetime(2026, 10, 5, 9, tzinfo=UTC)
APPLICANTS = 24
PLACES = 12


class Command(BaseCommand):
    help = "Load an example cohort with a job promise for the demo (idempotent)."

    def handle(self, *args, **options):
        if Cohort.objects.filter(is_example=True).exists():
            stderr.print("Example cohort already present; nothing changed.")
            return
        initiative = Initiative.objects.filter(key=INITIATIVE).first()
        pledge = initiative.pledges.exclude(occupation=None).first() if initiative else None
        if initiative is None or pledge is None:
            stderr.print("[yellow]No example registry (or its pledges): example cohort "
                         "skipped.[/]")
            return
        essential = OccupationSkill.objects.filter(
            occupation=pledge.occupation, relation=OccupationSkill.Relation.ESSENTIAL)
        modules = list(TrainingModule.objects.annotate(n=Count(
            "skills", filter=Q(skills__in=essential.values("skill")))).filter(n__gt=0)
            .order_by("-n", "key")[:2])
        if not modules:
            stderr.print("[yellow]No catalogue modules for the occupation: example cohort "
                         "skipped.[/]")
            return
        with transaction.atomic():
            organiser, _ = Employer.objects.get_or_create(
                name="Warmtepomp Academie Drechtsteden (voorbeeld)",
                defaults={"is_synthetic": True})
            cohort = Cohort.objects.create(
                title="Warmtepompmonteur in 16 weken, najaar 2027",  # is_example marks it
                description="Een opleidingsgroep met baangarantie: installateurs in de "
                            "Drechtsteden zeggen vooraf banen toe aan wie de opleiding afrondt.",
                initiative=initiative, organiser=organiser, occupation=pledge.occupation,
                start_date=START, places=PLACES, region=REGION, threshold=THRESHOLD,
                is_example=True)
            cohort.modules.set(modules)
            for key in initiative.pledges.filter(cohort=None).values_list("key", flat=True):
                cohort_service.link_pledge(cohort, key)
            entry = cohort_service.entry_skills(cohort)
            seekers = sorted(JobSeeker.objects.filter(is_synthetic=True).annotate(
                held=Count("skills", filter=Q(skills__skill__in=entry))).order_by(
                "-held", "pk")[:APPLICANTS], key=lambda s: s.pk)
            CohortApplication.objects.bulk_create(
                CohortApplication(cohort=cohort, seeker=s, position=i,
                                  applied_at=APPLIED + timedelta(minutes=17 * i))
                for i, s in enumerate(seekers, 1))
            decisions = cohort_service.run_selection(cohort.pk)
        admitted = sum(d.newly_admitted for d in decisions)
        stderr.print(f"[green]Example cohort[/]: {cohort.title}, {len(decisions)} applications, "
                     f"{admitted} admitted.")
