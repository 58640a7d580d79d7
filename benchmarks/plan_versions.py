"""Benchmark what plan versions add to a plan page, on the installation's own database.

    .venv/bin/python benchmarks/plan_versions.py [--runs 21] [--to "monteur zonnepanelen"]

An adjusted plan shown before any version exists is compared with the plan without
adjustments (plans/views._against), so that request builds the plan twice; with a version it
compares with the version's stored snapshot (no second build). Times a whole
`service.plan_for` (the second build's cost) and `versions.against` (the line-by-line
comparison) for a synthetic demo person, warm. Run `make setup` first. Writes nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--to", default="monteur zonnepanelen")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    import django

    django.setup()
    from banenbrug.people.models import JobSeeker
    from banenbrug.plans import service, versions

    seeker = JobSeeker.objects.filter(is_synthetic=True).order_by("pk").first()
    if seeker is None:
        raise SystemExit("no demo people: run `make setup` first")
    plan = service.plan_for(seeker, args.to)  # warms the catalogue, schemes and engines

    def timed(work) -> list[float]:
        out = []
        for _ in range(args.runs):
            start = time.perf_counter()
            work()
            out.append((time.perf_counter() - start) * 1000)
        return out

    rows = {"`service.plan_for` (the second build)": timed(lambda: service.plan_for(seeker,
                                                                                   args.to)),
            "`versions.against` (the comparison)": timed(lambda: versions.against(plan, plan))}
    print(f"| step (median of {args.runs}, warm) | ms | max ms |")
    print("|---|--:|--:|")
    for name, values in rows.items():
        print(f"| {name} | {statistics.median(values):.2f} | {max(values):.2f} |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
