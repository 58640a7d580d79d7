"""Matching engine speed at national scale on SYNTHETIC people and vacancies.

Synthetic data from the real ESCO occupation-skill structure: each person takes the skills of
1-2 real occupations (essential and optional; 20 % dropped, 3 random skills added), each vacancy
the essential and optional skills of one real occupation; occupations of ISCO major groups 2, 3
and 7 (technical and ICT) drawn three times as often. Hours, part-time and regions at random.

Prints: engine and profile build, one person's top 20 among all vacancies (p50/p95), one
vacancy's top 20 among all persons (p50/p95), every person's top 20 (wall time, peak RSS), an
exactness check of the all-pairs result against the one-person path, and the worst case where
no two vacancies share a skill profile (extrapolated from a sample of persons).

    .venv/bin/python benchmarks/matching_scale.py [--persons 100000] [--vacancies 100000]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from banenbrug.conf.paths import data_dir
from banenbrug.matching.engine import MatchingEngine, People, Vacancies
from banenbrug.transitions.engine import EngineParams, TransitionEngine, _incidence
from banenbrug.transitions.esco_csv import load_esco


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(ess: sp.csr_matrix, opt: sp.csr_matrix, isco: list[str], n: int, m: int,
              seed: int = 0) -> tuple[People, Vacancies]:
    rng = np.random.default_rng(seed)
    n_occ, s = ess.shape
    weight = np.array([3.0 if code[:1] in {"2", "3", "7"} else 1.0 for code in isco])
    weight /= weight.sum()
    held = (ess + opt).tocsr()
    held.data[:] = 1
    first = rng.choice(n_occ, n, p=weight)
    second = rng.choice(n_occ, n, p=weight)
    two = rng.random(n) < 0.4
    skills = held[first].maximum(sp.diags(two.astype(np.float32)) @ held[second]).tocsr()
    skills.data = (rng.random(skills.nnz) > 0.2).astype(np.float32)  # forget 20 %
    noise = sp.csr_matrix((np.ones(3 * n, dtype=np.float32),
                           (np.repeat(np.arange(n), 3), rng.integers(0, s, 3 * n))), shape=(n, s))
    skills = skills.maximum(noise).tocsr()
    skills.eliminate_zeros()
    region_province = rng.integers(0, 12, 35)
    wants = rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])
    lo = np.array([32, 24, 16, 0], dtype=np.float32)[wants]
    hi = np.array([40, 32, 24, 0], dtype=np.float32)[wants]
    p_region = rng.integers(0, 35, n)
    people = People(skills=skills, hours_min=lo, hours_max=hi, region=p_region,
                    province=region_province[p_region])
    occ = rng.choice(n_occ, m, p=weight)
    offers = rng.choice(3, m, p=[0.6, 0.25, 0.15])
    v_region = rng.integers(0, 35, m)
    vacancies = Vacancies(
        essential=ess[occ].tocsr(), optional=opt[occ].tocsr(),
        hours_min=np.array([32, 24, 16], dtype=np.float32)[offers],
        hours_max=np.array([40, 36, 24], dtype=np.float32)[offers],
        part_time_possible=rng.random(m) < 0.4,
        region=v_region, province=region_province[v_region])
    return people, vacancies


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--vacancies", type=int, default=100_000)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--sample", type=int, default=2000, help="persons for the worst case")
    args = ap.parse_args()
    folder = args.data_dir or data_dir()
    assert folder is not None, "no data dir"

    t = time.perf_counter()
    esco = load_esco(folder)
    transitions = TransitionEngine.build(esco.arrays, EngineParams())
    n_occ, s = len(esco.arrays.occupation_uris), len(esco.arrays.skill_uris)
    ess = _incidence(esco.arrays.essential, (n_occ, s))
    opt = _incidence(esco.arrays.optional, (n_occ, s))
    engine = MatchingEngine(transitions.idf, transitions.family)
    people, vacancies = synthetic(ess, opt, esco.arrays.occupation_isco, args.persons,
                                  args.vacancies)
    print(f"ESCO + transition engine + synthetic data: {time.perf_counter() - t:.1f} s")
    print(f"persons {len(people):,} (skills/person {people.skills.nnz / len(people):.1f}), "
          f"vacancies {len(vacancies):,} (essential/vacancy "
          f"{vacancies.essential.nnz / len(vacancies):.1f}, optional/vacancy "
          f"{vacancies.optional.nnz / len(vacancies):.1f})")

    t = time.perf_counter()
    prof = engine.profiles(vacancies)
    print(f"skill profiles of the vacancies: {len(prof):,} distinct, built in "
          f"{time.perf_counter() - t:.2f} s")

    rng = np.random.default_rng(1)
    times: list[float] = []
    for person in rng.integers(0, len(people), 200):
        t = time.perf_counter()
        engine.top_vacancies(people, int(person), vacancies, k=20)
        times.append(time.perf_counter() - t)
    print(f"top 20 vacancies for one person: p50 {pct(times, 50):.1f} ms, "
          f"p95 {pct(times, 95):.1f} ms (budget 50 ms)")
    consent = rng.random(len(people)) < 0.7
    times = []
    for vacancy in rng.integers(0, len(vacancies), 50):
        t = time.perf_counter()
        engine.top_candidates(vacancies, int(vacancy), people, k=20, allowed=consent)
        times.append(time.perf_counter() - t)
    print(f"top 20 consenting candidates for one vacancy: p50 {pct(times, 50):.1f} ms, "
          f"p95 {pct(times, 95):.1f} ms")

    t = time.perf_counter()
    idx, _ = engine.all_top_vacancies(people, vacancies, k=20)
    wall = time.perf_counter() - t
    print(f"all persons x all vacancies, top 20 each: {wall:.1f} s "
          f"(budget 120 s), peak RSS {rss_mb():,.0f} MB (budget 4,096 MB)")
    agree = 0
    checks = rng.integers(0, len(people), 100)
    for person in checks:
        one = engine.top_vacancies(people, int(person), vacancies, k=20)
        agree += [mt.vacancy for mt in one] == idx[person].tolist()
    print(f"all-pairs rows equal to the one-person path: {agree}/{len(checks)}")

    # Worst case: one extra random skill per vacancy makes every profile distinct.
    m = len(vacancies)
    extra = sp.csr_matrix((np.ones(m, dtype=np.float32), (np.arange(m), rng.integers(0, s, m))),
                          shape=(m, s))
    distinct = Vacancies(vacancies.essential.maximum(extra).tocsr(), vacancies.optional,
                         vacancies.hours_min, vacancies.hours_max, vacancies.part_time_possible,
                         vacancies.region, vacancies.province)
    t = time.perf_counter()
    prof = engine.profiles(distinct)
    built = time.perf_counter() - t
    sample = People(people.skills[: args.sample], people.hours_min[: args.sample],
                    people.hours_max[: args.sample], people.region[: args.sample],
                    people.province[: args.sample])
    t = time.perf_counter()
    engine.all_top_vacancies(sample, distinct, k=20)
    per_person = (time.perf_counter() - t) / args.sample
    print(f"worst case, {len(prof):,} distinct profiles (built in {built:.1f} s): "
          f"{per_person * 1000:.1f} ms per person, i.e. ~{per_person * len(people) / 60:.0f} min "
          f"for {len(people):,} persons; peak RSS {rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
