"""Benchmark: the registry at scale: import, search, finder, overlaps, fragmentation, export.

Builds a temporary SQLite database (migrated here), loads the real CBS regions, adds a handful of
synthetic ESCO occupations, then generates N synthetic initiatives (random regions, target
groups, kinds, occupations, funding) as a CSV and imports it through the real importer. Times:
import (all rows checked, then written in one transaction), a re-import of the same file (no
changes), CSV export, the service calls the pages and API use (search with free text and
facets, the finder, overlaps, fragmentation per labour-market and RES region). Prints markdown.

    .venv/bin/python benchmarks/registry_search.py [--sizes 500,2000,5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_SEARCH_MS = 200.0  # one page view at 2,000 initiatives
QUERIES = ["vrouwen in ICT in Groningen", "tafels over warmtepompen in RES-regio Drechtsteden",
           "zij-instroom voor statushouders in Rotterdam", "jongeren techniek Limburg",
           "installateurs in 's-Hertogenbosch", ""]


def setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["BANENBRUG_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def synthetic_csv(n: int, seed: int = 7) -> str:
    from banenbrug.registry.regions import atlas
    from banenbrug.registry.rows import INITIATIVE_COLUMNS
    from banenbrug.registry.vocab import FUNDING_TYPES, KINDS, STATUSES, TARGET_GROUPS

    rng = random.Random(seed)
    known = atlas()
    regions = [p.code for p in known.regions.values()] + list(known.municipalities)
    occupations = [f"http://example.org/occupation/{i}" for i in range(40)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=INITIATIVE_COLUMNS)
    writer.writeheader()
    for i in range(n):
        writer.writerow({
            "key": f"bench-{i}", "name": f"Initiatief {i}", "organisation": f"Org {i % 300}",
            "kind": rng.choice(KINDS), "description": "Synthetisch benchmarkinitiatief.",
            "target_groups": ";".join(rng.sample(TARGET_GROUPS, rng.randint(1, 3))),
            "regions": "NL" if rng.random() < 0.03 else ";".join(
                rng.sample(regions, rng.randint(1, 2))),
            "occupations": ";".join(rng.sample(occupations, rng.randint(0, 3))),
            "isco_groups": "", "status": rng.choice(STATUSES),
            "funding_amount": str(rng.randint(10, 5000) * 1000),
            "funding_source": "Fonds", "funding_start": "2024-01-01",
            "funding_end": "2026-12-31", "funding_type": rng.choice(FUNDING_TYPES),
            "contact": "", "website": "", "source": "",
            "outcomes": "gemeten|https://example.org/r" if rng.random() < 0.3 else "",
            "is_example": "true"})
    return out.getvalue()


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        setup_django(folder)
        from django.urls import reverse

        from banenbrug.registry import service
        from banenbrug.registry.exchange import export_text, import_payload
        from banenbrug.registry.models import Initiative
        from banenbrug.registry.regions import load_regions
        from banenbrug.registry.rows import read_csv
        from banenbrug.taxonomy.models import Occupation

        reverse("registry:index")  # import the URL configuration once, outside the timings
        ms, _ = timed(load_regions)
        print(f"regions: load 419 regions and municipalities: {ms:.0f} ms\n")
        Occupation.objects.bulk_create(
            Occupation(uri=f"http://example.org/occupation/{i}", label_en=f"occupation {i}",
                       isco_code=["2512", "7411", "7127", "3115", "7212"][i % 5])
            for i in range(40))
        print("| initiatives | import (ms) | re-import, unchanged (ms) | CSV export (ms) | "
              "search p50 (ms) | search max (ms) | finder (ms) | overlaps (ms) | "
              "fragmentation AM / RES (ms) | first search, cold (ms) |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for n in sizes:
            Initiative.objects.all().delete()
            text = synthetic_csv(n)
            import_ms, _ = timed(lambda t=text: import_payload(read_csv(t), "bench.csv"))
            again_ms, report = timed(lambda t=text: import_payload(read_csv(t), "bench.csv"))
            assert report.unchanged == {"initiatives": n}, report
            export_ms, exported = timed(lambda: export_text("csv"))
            assert exported == export_text("csv")
            cold_ms, _ = timed(lambda: service.search(service.SearchRequest()))
            search_times = []
            for query in QUERIES:
                for _ in range(args.repeat):
                    ms, _ = timed(lambda q=query: service.search(service.SearchRequest(text=q)))
                    search_times.append(ms)
            finder_ms, _ = timed(lambda: service.finder("GM0505", "heat_pump", "switchers"),
                                 args.repeat)
            overlaps_ms, _ = timed(service.overlaps, args.repeat)
            frag_am, _ = timed(lambda: service.fragmentation("labour_market"), args.repeat)
            frag_res, _ = timed(lambda: service.fragmentation("res"), args.repeat)
            print(f"| {n:,} | {import_ms:.0f} | {again_ms:.0f} | {export_ms:.0f} | "
                  f"{statistics.median(search_times):.0f} | {max(search_times):.0f} | "
                  f"{finder_ms:.0f} | {overlaps_ms:.0f} | {frag_am:.0f} / {frag_res:.0f} | "
                  f"{cold_ms:.0f} |")
        print(f"\nBudget: search ≤ {BUDGET_SEARCH_MS:.0f} ms per page view at 2,000 "
              f"initiatives. Python {sys.version.split()[0]}, SQLite.")


if __name__ == "__main__":
    main()
