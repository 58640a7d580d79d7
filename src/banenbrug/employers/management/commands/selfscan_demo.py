"""Example self-scans for the synthetic demo employers, marked as examples.

Deterministic (fixed seed, employers in id order, fixed dates) and idempotent: when example
scans exist, a second run changes nothing. Each employer gets two or three scans half a year
apart that improve a little, so the progress chart has something to show. The sector follows
the employer's vacancies (ICT occupations: ICT; otherwise mostly construction and installation
or manufacturing), the province is where most of its vacancies are.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from banenbrug.cli_support import stderr
from banenbrug.employers import selfscan_service as service
from banenbrug.employers.models import SelfScan
from banenbrug.matching.models import Vacancy
from banenbrug.people.models import Employer

SEED = 2026
DATES = (datetime(2025, 3, 1, 9, tzinfo=UTC), datetime(2025, 9, 1, 9, tzinfo=UTC),
         datetime(2026, 3, 1, 9, tzinfo=UTC))
ICT_ISCO = ("25", "35")


def _sector(employer: Employer, rng: random.Random) -> str:
    isco = Vacancy.objects.filter(employer=employer).values_list("occupation__isco_code",
                                                                 flat=True)
    ict = sum(1 for code in isco if code and code.startswith(ICT_ISCO))
    if ict * 2 > len(isco):
        return "sbi:J"
    return rng.choices(["sbi:F", "sbi:C", "sbi:M", "sbi:D"], [0.5, 0.3, 0.1, 0.1])[0]


class Command(BaseCommand):
    help = "Load example self-scans for the synthetic demo employers (idempotent)."

    def handle(self, *args, **options):
        if SelfScan.objects.filter(is_example=True).exists():
            stderr.print("Example self-scans already present; nothing changed.")
            return
        employers = list(Employer.objects.filter(is_synthetic=True).order_by("pk"))
        if not employers:
            stderr.print("[yellow]No demo employers yet: example self-scans skipped.[/]")
            return
        rng = random.Random(SEED)
        questions = service.questionnaire().questions
        count = 0
        with transaction.atomic():
            for employer in employers:
                region = service.default_place(employer)[1] or "PV20"
                sector = _sector(employer, rng)
                level = [rng.choices(range(len(q.options)), [0.4, 0.4, 0.2][:len(q.options)])[0]
                         for q in questions]
                for taken_at in DATES[rng.choice([0, 0, 1]):]:
                    answers = {q.key: q.options[i].key for q, i in zip(questions, level,
                                                                        strict=True)}
                    service.save_scan(employer, sector, region, answers,
                                      taken_at=taken_at, is_example=True)
                    count += 1
                    # between scans a few answers move one step up
                    level = [min(i + (rng.random() < 0.3), len(q.options) - 1)
                             for q, i in zip(questions, level, strict=True)]
        stderr.print(f"[green]Example self-scans[/]: {count} scans of {len(employers)} demo "
                     "employers (marked as examples).")
