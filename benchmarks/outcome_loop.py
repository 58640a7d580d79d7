"""Benchmark: the outcome loop on a synthetic platform (people, Open Hiring placements).

Prints markdown. In a temporary SQLite database (or `--database-url`): `--people` consenting
job seekers with full intake over 10 labour-market regions, `--initiatives` registry
initiatives with an Open Hiring vacancy each, and `--placed` people placed through them. Times
the first run (every record written, every report computed with `--bootstrap` replications),
a rerun with nothing changed (must add nothing), and a rerun after 10% answered the follow-up
questions (outcomes updated, reports recomputed).

    .venv/bin/python benchmarks/outcome_loop.py [--people 5000] [--placed 600] [--initiatives 6]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=5000)
    ap.add_argument("--placed", type=int, default=600)
    ap.add_argument("--initiatives", type=int, default=6)
    ap.add_argument("--bootstrap", type=int, default=500)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="banenbrug-loop-bench-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev",
           "DATABASE_URL": args.database_url or f"sqlite:///{folder / 'loop.sqlite3'}",
           "BANENBRUG_VAR_DIR": str(folder)}
    os.environ.update(env)
    subprocess.run([sys.executable, "-m", "banenbrug", "migrate", "--verbosity", "0"], env=env,
                   check=True, cwd=ROOT)
    import django

    django.setup()
    from django.conf import settings

    from banenbrug.evaluation.estimators import Options
    from banenbrug.evaluation.outcome_records import RunSummary, run_outcome_loop
    from banenbrug.matching.models import QueueEntry, Vacancy
    from banenbrug.matching.regions import by_code
    from banenbrug.people.models import Circumstances, Employer, FollowUp, JobSeeker
    from banenbrug.registry.models import Initiative

    rng = random.Random(0)
    regions = list(by_code())[:10]
    people = JobSeeker.objects.bulk_create([
        JobSeeker(region=rng.choice(regions), postcode="9711", hours_min=24, hours_max=36,
                  situation=rng.choice(["ww", "bijstand", "employed", "other"]),
                  consent_evaluation=True) for _ in range(args.people)])
    Circumstances.objects.bulk_create([
        Circumstances(seeker=p, birth_year=rng.randint(1960, 2004),
                      education_level=rng.choice(["laag", "middelbaar", "hoog"]),
                      annual_income_eur=rng.randint(0, 60000), benefit_months=rng.randint(0, 24))
        for p in people])
    employer = Employer.objects.create(name="Bench BV")
    vacancies = []
    for i in range(args.initiatives):
        initiative = Initiative.objects.create(key=f"bench-{i}", name=f"Bench {i}",
                                               organisation="X", kind="matching")
        vacancies.append(Vacancy.objects.create(
            employer=employer, title="Monteur", region=regions[i % 10], postcode="9711",
            hours_min=24, hours_max=40, hiring_mode="open_hiring", openings=500,
            initiative=initiative))
    QueueEntry.objects.bulk_create([
        QueueEntry(vacancy=vacancies[i % args.initiatives], seeker=p, position=i + 1,
                   status="accepted") for i, p in enumerate(rng.sample(people, args.placed))])
    options = Options(bootstrap=args.bootstrap)

    def timed(label: str) -> tuple[str, float, RunSummary]:
        began = time.perf_counter()
        summary = run_outcome_loop(options=options)
        return label, time.perf_counter() - began, summary

    runs = [timed("first run (all records, all reports)"),
            timed("rerun, nothing changed")]
    FollowUp.objects.bulk_create([FollowUp(seeker=p, employed_6m=True, employed_12m=True,
                                           earnings_12m=rng.randint(1800, 4000))
                                  for p in rng.sample(people, args.people // 10)])
    runs.append(timed("rerun after 10% answered"))
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Outcome loop, {engine}: {args.people} people, {args.placed} placed, "
          f"{args.initiatives} initiatives, bootstrap {args.bootstrap}\n")
    print("| run | seconds | added | updated | removed | left out |\n|---|---|---|---|---|---|")
    for label, seconds, s in runs:
        print(f"| {label} | {seconds:.2f} | {s.created} | {s.updated} | {s.removed} | "
              f"{s.left_out} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
