"""Jobcarving speed: one vacancy against 100,000 SYNTHETIC job seekers (budget 500 ms).

People and vacancies come from `matching_scale.synthetic` (the real ESCO occupation-skill
structure: each person the skills of 1-2 real occupations, 20 % forgotten, 3 random added; each
vacancy the skills of one real occupation). Coherence is the real ESCO family matrix and real
co-occurrence of essential skills in occupations; a skill counts as learnable in a short module
when a module of at most 80 hours in the example catalogue teaches it. Baseline in the same run:
matching's own `candidate_scores` for the same vacancy (the one-vacancy matching call).

    .venv/bin/python benchmarks/jobcarving.py [--persons 100000] [--vacancies 40] [--repeat 3]

Per vacancy the median of ``--repeat`` runs; the table gives the median, p95 and max of those
over the vacancies.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import time
from pathlib import Path

import numpy as np

from banenbrug.conf.paths import PROJECT_ROOT, data_dir
from banenbrug.employers.jobcarving import belongs_together, carve
from banenbrug.matching.engine import MatchingEngine
from banenbrug.transitions.engine import EngineParams, TransitionEngine, _incidence
from banenbrug.transitions.esco_csv import load_esco
from benchmarks.matching_scale import synthetic

CATALOGUE = PROJECT_ROOT / "src/banenbrug/plans/data/example_catalogue.csv"
SHORT_HOURS = 80


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--vacancies", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3, help="runs per vacancy (median)")
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()
    folder = args.data_dir or data_dir()
    assert folder is not None, "no data dir"

    esco = load_esco(folder)
    transitions = TransitionEngine.build(esco.arrays, EngineParams())
    n_occ, s = len(esco.arrays.occupation_uris), len(esco.arrays.skill_uris)
    ess = _incidence(esco.arrays.essential, (n_occ, s))
    opt = _incidence(esco.arrays.optional, (n_occ, s))
    engine = MatchingEngine(transitions.idf, transitions.family)
    # vacancies with at least 8 essential skills: the ones worth carving
    people, vacancies = synthetic(ess, opt, esco.arrays.occupation_isco, args.persons,
                                  args.vacancies * 5)
    sizes = np.diff(vacancies.essential.indptr)
    chosen = np.flatnonzero(sizes >= 8)[: args.vacancies]
    index = {u: i for i, u in enumerate(esco.arrays.skill_uris)}
    learnable_all = np.zeros(s, dtype=bool)
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if float(row["hours"]) <= SHORT_HOURS:
                learnable_all[[index[u] for u in row["skills"].split(";") if u in index]] = True
    family = transitions.family.tocsr()
    print(f"persons {len(people):,}, vacancies {len(chosen)} "
          f"(essential skills median {int(np.median(sizes[chosen]))})")

    carving, baseline, setup, gains = [], [], [], []
    for v in chosen:
        cols = np.unique(vacancies.essential[int(v)].indices)
        t = time.perf_counter()
        sub = ess[:, cols]
        cooccur = (sub.T @ sub).toarray().astype(np.int64)
        together = belongs_together(family[cols][:, cols].toarray() > 0, cooccur)
        setup.append(time.perf_counter() - t)
        runs, base = [], []
        for _ in range(args.repeat):  # the median of a few runs: the machine is shared
            t = time.perf_counter()
            result = carve(engine, vacancies, int(v), people, together, learnable_all[cols])
            runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            engine.candidate_scores(vacancies, int(v), people)
            base.append(time.perf_counter() - t)
        carving.append(statistics.median(runs))
        baseline.append(statistics.median(base))
        if result.carved:
            gains.append(result.carved[0].candidates / max(result.original.candidates, 1))

    def ms(values: list[float], q: float) -> float:
        return float(np.percentile(np.array(values) * 1000, q))

    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print("| measure | median | p95 | max |")
    print("|---|---|---|---|")
    for name, values in (("carve one vacancy (engine)", carving),
                         ("coherence graph (family + co-occurrence)", setup),
                         ("baseline: matching candidate_scores, same vacancy", baseline)):
        print(f"| {name} | {ms(values, 50):.0f} ms | {ms(values, 95):.0f} ms | "
              f"{max(values) * 1000:.0f} ms |")
    print(f"carved role found for {len(gains)}/{len(chosen)} vacancies; candidates carved / "
          f"whole vacancy, median {statistics.median(gains) if gains else 0:.1f}x")


if __name__ == "__main__":
    main()
