"""Benchmark the switch-plan builder at national scale: 10,000 modules, 200 schemes.

    PYTHONPATH=src python benchmarks/plan_builder.py [--data-dir DIR] [--modules N]
        [--schemes N] [--plans N]

The catalogue is synthetic but shaped like a real one: every module teaches 2-8 essential
skills of one real ESCO occupation (the real ESCO files in the data dir), so modules compete
for the same gaps as real courses do. Schemes are random rules in the real rule language with
random caps, percentages, forms and exclusions. Each plan is a real transition: the gap between
two ESCO occupations' essential skills, for a person with a random situation, age and region.
Times the whole `builder.build` (candidate lookup, module choice, scheduling, eligibility of
every scheme, funding programme, income) per plan; the catalogue index is built once and
reported apart. Writes nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from banenbrug.plans import builder, funding, rules
from banenbrug.plans.catalogue import Catalogue, Module, Reach
from banenbrug.transitions.esco_csv import load_esco

ROOT = Path(__file__).resolve().parents[1]
FORMS = ["modular", "part_time", "bootcamp", "learn_work", "public_private"]
SITUATIONS = ["employed", "ww", "bijstand", "selfemployed", "student"]
REGIONS = [f"AM{n:02d}" for n in range(1, 36)]
TODAY = date(2027, 1, 4)


def _default_data_dir() -> Path:
    env = os.environ.get("BANENBRUG_DATA_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def essential_by_occupation(data_dir: Path) -> list[list[int]]:
    esco = load_esco(data_dir)
    by_occ: dict[int, list[int]] = {}
    for o, s in esco.arrays.essential:
        by_occ.setdefault(o, []).append(s)
    return [sorted(by_occ.get(o, [])) for o in range(len(esco.occupation_labels))]


def make_catalogue(essential: list[list[int]], n: int, rng: random.Random) -> list[Module]:
    rich = [skills for skills in essential if len(skills) >= 4]
    modules = []
    for i in range(n):
        skills = rng.choice(rich)
        taught = rng.sample(skills, min(len(skills), rng.randint(2, 8)))
        form = rng.choice(FORMS)
        hours = rng.randint(8, 400)
        modules.append(Module(
            key=f"m{i:05d}", skills=frozenset(taught),
            cost=0.0 if form == "public_private" else float(rng.randint(3, 150) * 50),
            hours=float(hours), weeks=max(1, hours // rng.randint(8, 20)), form=form,
            delivery=rng.choice(["online", "in_person", "blended"]),
            region=rng.choice(["", *REGIONS]),
            starts=tuple(sorted(TODAY + timedelta(days=rng.randint(0, 330))
                                for _ in range(rng.randint(0, 3)))),
            learn_work_wage=float(rng.randint(2100, 2800)) if form == "learn_work" else None))
    return modules


def make_schemes(n: int, rng: random.Random) -> list[funding.Scheme]:
    keys = [f"s{i:03d}" for i in range(n)]
    out = []
    for key in keys:
        clauses = []
        if rng.random() < 0.6:
            clauses.append(f"situation in ({', '.join(rng.sample(SITUATIONS, rng.randint(1, 3)))})")
        if rng.random() < 0.3:
            clauses.append(f"age >= {rng.choice([18, 27, 45, 55])}")
        if rng.random() < 0.3:
            clauses.append(f"region in ({', '.join(rng.sample(REGIONS, rng.randint(1, 5)))})")
        if rng.random() < 0.3:
            clauses.append("target_shortage = yes")
        if rng.random() < 0.2:
            clauses.append(f"income <= {rng.choice([30000, 45000, 60000])}")
        income = rng.random() < 0.15
        out.append(funding.Scheme(
            key=key, name=key, rule=rules.parse(" and ".join(clauses)),
            pays_for="income" if income else "training",
            percent=float(rng.choice([50, 75, 80, 100])),
            max_amount=float(rng.choice([500, 1000, 2500, 5000, 10000])),
            cap_basis=rng.choice(["per_person", "per_year"]),
            monthly=float(rng.randint(100, 600)) if income else None,
            forms=frozenset(rng.sample(FORMS, rng.randint(1, 3))) if rng.random() < 0.3
            else frozenset(),
            stackable=rng.random() > 0.1,
            excludes=frozenset(rng.sample(keys, rng.randint(0, 3))) - {key}))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=_default_data_dir())
    ap.add_argument("--modules", type=int, default=10_000)
    ap.add_argument("--schemes", type=int, default=200)
    ap.add_argument("--plans", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    essential = essential_by_occupation(args.data_dir)
    modules = make_catalogue(essential, args.modules, rng)
    offered = make_schemes(args.schemes, rng)
    t0 = time.perf_counter()
    catalogue = Catalogue(modules)
    index_s = time.perf_counter() - t0
    occupations = [i for i, skills in enumerate(essential) if skills]
    times, methods, gaps, candidates, uncovered, chosen, used = [], Counter(), [], [], [], [], []
    for _ in range(args.plans):
        origin, target = rng.sample(occupations, 2)
        gap = frozenset(essential[target]) - frozenset(essential[origin])
        person = builder.Person(
            rules.Facts(situation=rng.choice(SITUATIONS), age=rng.randint(18, 64),
                        income=float(rng.randint(0, 80000)), region=rng.choice(REGIONS),
                        target_shortage=rng.random() < 0.5),
            Reach(regions=frozenset(rng.sample(REGIONS, 4)), start=TODAY),
            monthly_income=float(rng.randint(1200, 5000)))
        t = time.perf_counter()
        plan = builder.build(person, gap, catalogue, offered, today=TODAY)
        times.append((time.perf_counter() - t) * 1000)
        methods[plan.selection.method] += 1
        gaps.append(len(gap))
        candidates.append(plan.selection.candidates)
        uncovered.append(len(plan.selection.uncovered))
        chosen.append(len(plan.selection.modules))
        used.append(len(plan.funding.used))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    q = np.percentile(times, [50, 95, 99])
    print(f"# plan builder: {args.modules:,} modules, {args.schemes} schemes, "
          f"{args.plans} plans (seed {args.seed})")
    print(f"- catalogue index build: {index_s * 1000:.0f} ms (once per catalogue version)")
    print(f"- plan build: p50 {q[0]:.1f} ms, p95 {q[1]:.1f} ms, p99 {q[2]:.1f} ms, "
          f"max {max(times):.1f} ms, mean {statistics.mean(times):.1f} ms")
    print(f"- module choice: {dict(methods)}; gap skills median {statistics.median(gaps):.0f}, "
          f"candidate modules median {statistics.median(candidates):.0f} "
          f"(max {max(candidates)}), modules chosen median {statistics.median(chosen):.0f}, "
          f"untaught gap skills median {statistics.median(uncovered):.0f}")
    print(f"- schemes used per plan: median {statistics.median(used):.0f}, max {max(used)}")
    print(f"- peak RSS {rss:.0f} MB; python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
