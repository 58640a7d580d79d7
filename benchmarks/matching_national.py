"""National batch matching (`banenbrug match-all`) on SYNTHETIC people and DISTINCT vacancies.

Data from the real ESCO occupation-skill structure (the data dir's CSV files): each person the
skills of 1-2 real occupations (20 % forgotten, 3 random skills added), each vacancy one real
occupation's essential skills with 20 % dropped, half of its optional skills and 2 random
skills as optional; a vacancy whose skill profile repeats another is drawn again, so every
vacancy is distinct. ISCO major groups 2, 3, 7 (technical and ICT) three times as likely. Group
labels: a person's first occupation, a vacancy's occupation (what the database knows too).
Places: a real municipality (its centroid, region and province) per person and vacancy, a
tenth of each without one (region only), so the score uses distance where both have one.

Prints, with medians over --repeat runs where it says so:
  - one person's top 20 among all vacancies (MatchingEngine.top_vacancies), p50 / p95;
  - baseline, same run: the engine's all-pairs path (all_top_vacancies) per person and its
    one-vacancy path (top_candidates) per vacancy;
  - the national matcher: build, per person (top vacancies) and per vacancy (top candidates)
    on a sample of whole groups (--sample of the labels), extrapolated to all rows, or all
    rows with --full; peak RSS;
  - exactness: rows identical (ids and float32 scores) to top_vacancies / top_candidates;
  - 1 and 2 worker processes, each building its own matcher as a machine would, sharing the
    sample as --part 1/2 and 2/2 would;
  - with --src, another checkout's national.py (over this tree's engine) on the same sample,
    in turns with this tree's, wall and CPU time, and whether its rows are the same.

    .venv/bin/python benchmarks/matching_national.py [--persons 100000] [--vacancies 100000]
        [--src ../main/src] [--no-workers]
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from banenbrug.atlas import files_atlas
from banenbrug.conf.paths import data_dir
from banenbrug.matching import regions
from banenbrug.matching.engine import MatchingEngine, People, Vacancies
from banenbrug.matching.national import NationalMatcher
from banenbrug.transitions.engine import EngineParams, TransitionEngine, _incidence
from banenbrug.transitions.esco_csv import load_esco


def other_national(src: Path):
    """Another checkout's national.py as its own module (it imports this tree's engine)."""
    spec = importlib.util.spec_from_file_location(
        "other_national", src / "banenbrug" / "matching" / "national.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_national"] = module
    spec.loader.exec_module(module)
    return module


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def world(folder: Path, n: int, m: int, seed: int = 0):
    esco = load_esco(folder)
    transitions = TransitionEngine.build(esco.arrays, EngineParams())
    n_occ, s = len(esco.arrays.occupation_uris), len(esco.arrays.skill_uris)
    ess = _incidence(esco.arrays.essential, (n_occ, s))
    opt = _incidence(esco.arrays.optional, (n_occ, s))
    rng = np.random.default_rng(seed)
    weight = np.array([3.0 if c[:1] in {"2", "3", "7"} else 1.0
                       for c in esco.arrays.occupation_isco])
    weight /= weight.sum()
    # People: as benchmarks/matching_scale.py.
    held = (ess + opt).tocsr()
    held.data[:] = 1
    first, second = rng.choice(n_occ, n, p=weight), rng.choice(n_occ, n, p=weight)
    two = rng.random(n) < 0.4
    skills = held[first].maximum(sp.diags(two.astype(np.float32)) @ held[second]).tocsr()
    skills.data = (rng.random(skills.nnz) > 0.2).astype(np.float32)
    noise = sp.csr_matrix((np.ones(3 * n, np.float32), (np.repeat(np.arange(n), 3),
                                                        rng.integers(0, s, 3 * n))), (n, s))
    skills = skills.maximum(noise).tocsr()
    skills.eliminate_zeros()
    wants = rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])
    rng.integers(0, 12, 35), rng.integers(0, 35, n)  # the draws of the regions before places
    place = Places(np.random.default_rng(seed + 7), n, m)
    people = People(skills, np.array([32, 24, 16, 0], np.float32)[wants],
                    np.array([40, 32, 24, 0], np.float32)[wants], *place.people)
    # Vacancies: distinct edits of an occupation's skills.
    occ = rng.choice(n_occ, m, p=weight)
    essential = ess[occ].tocsr()
    essential.data = (rng.random(essential.nnz) > 0.2).astype(np.float32)
    essential.eliminate_zeros()
    optional = opt[occ].tocsr()
    optional.data = (rng.random(optional.nnz) > 0.5).astype(np.float32)
    optional.eliminate_zeros()
    extra = np.zeros((m, 2), dtype=np.int64)
    redraw = np.arange(m)
    while len(redraw):
        extra[redraw] = rng.integers(0, s, (len(redraw), 2))
        added = sp.csr_matrix((np.ones(2 * m, np.float32), (np.repeat(np.arange(m), 2),
                                                            extra.ravel())), (m, s))
        full = optional.maximum(added).tocsr()
        keys = [essential.indices[essential.indptr[v]:essential.indptr[v + 1]].tobytes() + b"|"
                + full.indices[full.indptr[v]:full.indptr[v + 1]].tobytes() for v in range(m)]
        seen: set[bytes] = set()
        repeats = []
        for v, key in enumerate(keys):
            (repeats.append(v) if key in seen else seen.add(key))
        redraw = np.array(repeats, dtype=np.int64)
    offers = rng.choice(3, m, p=[0.6, 0.25, 0.15])
    rng.integers(0, 35, m)
    region, province, lat, lon = place.vacancies
    vacancies = Vacancies(essential, full, np.array([32, 24, 16], np.float32)[offers],
                          np.array([40, 36, 24], np.float32)[offers], rng.random(m) < 0.4,
                          region, province, lat=lat, lon=lon)
    engine = MatchingEngine(transitions.idf, transitions.family)
    return engine, people, vacancies, first, occ, len(seen)


class Places:
    """A real municipality per person and vacancy (uniform over the 342), with its region,
    province and centroid; a tenth of each side without a municipality (region only)."""

    def __init__(self, rng: np.random.Generator, n: int, m: int) -> None:
        atlas = files_atlas()
        codes = sorted(atlas.municipalities)
        region_of, province_of = regions.region_index(), regions.province_index()
        self.region = np.array([region_of[atlas.municipalities[c].labour_market]
                                for c in codes])
        self.province = np.array([province_of[regions.regions()[r].province_code]
                                  for r in self.region])
        self.lat = np.array([atlas.centroids[c][0] for c in codes])
        self.lon = np.array([atlas.centroids[c][1] for c in codes])
        self.people, self.vacancies = self._draw(rng, n), self._draw(rng, m)

    def _draw(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, ...]:
        at = rng.integers(0, len(self.lat), n)
        unknown = rng.random(n) < 0.1
        lat = np.where(unknown, np.nan, self.lat[at])
        lon = np.where(unknown, np.nan, self.lon[at])
        return self.region[at], self.province[at], lat, lon


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def whole_groups(labels: np.ndarray, share: float, seed: int) -> np.ndarray:
    """Rows of a random share of the labels: a part as the matcher meets it, groups entire."""
    found = np.unique(labels)
    pick = np.random.default_rng(seed).choice(found, max(1, int(share * len(found))),
                                              replace=False)
    return np.flatnonzero(np.isin(labels, pick)).astype(np.int64)


def _worker(args) -> tuple[float, float]:
    engine, people, vacancies, first, occ, persons, vacs = args
    t = time.perf_counter()
    matcher = NationalMatcher(engine, people, vacancies, first, occ)
    built = time.perf_counter() - t
    matcher.top_vacancies(persons)
    matcher.top_candidates(vacs)
    return built, time.perf_counter() - t - built


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=100_000)
    ap.add_argument("--vacancies", type=int, default=100_000)
    ap.add_argument("--sample", type=float, default=0.05, help="share of the group labels")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--full", action="store_true", help="every row, not a sample")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--src", type=Path, default=None,
                    help="another checkout's src: its national matcher in turns with this one")
    ap.add_argument("--no-workers", action="store_true", help="skip the worker processes")
    args = ap.parse_args()
    folder = args.data_dir or data_dir()
    assert folder is not None, "no data dir"

    t = time.perf_counter()
    engine, people, vacancies, first, occ, distinct = world(folder, args.persons,
                                                            args.vacancies)
    n, m = len(people), len(vacancies)
    print(f"ESCO + synthetic data: {time.perf_counter() - t:.1f} s; persons {n:,} "
          f"({people.skills.nnz / n:.1f} skills each), vacancies {m:,} ({distinct:,} distinct "
          f"skill profiles; {vacancies.essential.nnz / m:.1f} essential + "
          f"{vacancies.optional.nnz / m:.1f} optional)", flush=True)

    rng = np.random.default_rng(1)
    engine.profiles(vacancies)
    times: list[float] = []
    for person in rng.integers(0, n, 200):
        t = time.perf_counter()
        engine.top_vacancies(people, int(person), vacancies, k=20)
        times.append(time.perf_counter() - t)
    print(f"1 x {m:,}: top 20 vacancies for one person: p50 {pct(times, 50):.1f} ms, "
          f"p95 {pct(times, 95):.1f} ms (budget 50 ms)", flush=True)

    t = time.perf_counter()
    matcher = NationalMatcher(engine, people, vacancies, first, occ)
    built = time.perf_counter() - t
    print(f"national matcher built in {built:.1f} s ({len(matcher.vacancy_groups):,} vacancy "
          f"groups); peak RSS {rss_mb():,.0f} MB", flush=True)
    persons = np.arange(n) if args.full else whole_groups(first, args.sample, 2)
    vacs = np.arange(m) if args.full else whole_groups(occ, args.sample, 3)
    other = None
    if args.src is not None:
        t = time.perf_counter()
        other = other_national(args.src).NationalMatcher(engine, people, vacancies, first, occ)
        print(f"--src matcher ({args.src}) built in {time.perf_counter() - t:.1f} s; peak RSS "
              f"now {rss_mb():,.0f} MB (both matchers)", flush=True)
    o_p, o_v, cpu_p, cpu_v, o_cpu_p, o_cpu_v = [], [], [], [], [], []
    o_same = True
    baseline_rows = persons[:: max(1, len(persons) // 500)][:500]
    base, base_v, per_p, per_v = [], [], [], []
    for _ in range(1 if args.full else args.repeat):
        # Baseline and new code in turns, so the shared machine's load hits both alike.
        assert people.lat is not None and people.lon is not None
        sub = People(people.skills[baseline_rows], people.hours_min[baseline_rows],
                     people.hours_max[baseline_rows], people.region[baseline_rows],
                     people.province[baseline_rows], people.lat[baseline_rows],
                     people.lon[baseline_rows])
        t = time.perf_counter()
        engine.all_top_vacancies(sub, vacancies, k=20)
        base.append((time.perf_counter() - t) / len(baseline_rows))
        t = time.perf_counter()
        for v in vacs[:: max(1, len(vacs) // 20)][:20]:
            engine.top_candidates(vacancies, int(v), people, k=20)
        base_v.append((time.perf_counter() - t) / 20)
        t, c = time.perf_counter(), time.process_time()
        p_idx, p_val = matcher.top_vacancies(persons)
        per_p.append((time.perf_counter() - t) / len(persons))
        cpu_p.append((time.process_time() - c) / len(persons))
        t, c = time.perf_counter(), time.process_time()
        v_idx, v_val = matcher.top_candidates(vacs)
        per_v.append((time.perf_counter() - t) / len(vacs))
        cpu_v.append((time.process_time() - c) / len(vacs))
        if other is not None:
            t, c = time.perf_counter(), time.process_time()
            op = other.top_vacancies(persons)
            o_p.append((time.perf_counter() - t) / len(persons))
            o_cpu_p.append((time.process_time() - c) / len(persons))
            t, c = time.perf_counter(), time.process_time()
            ov = other.top_candidates(vacs)
            o_v.append((time.perf_counter() - t) / len(vacs))
            o_cpu_v.append((time.process_time() - c) / len(vacs))
            o_same &= all(np.array_equal(a[0], b) and a[1].tobytes() == c_.tobytes()
                          for a, b, c_ in ((op, p_idx, p_val), (ov, v_idx, v_val)))
    b, bv, pp, pv = (statistics.median(x) for x in (base, base_v, per_p, per_v))
    print(f"baseline (engine all_top_vacancies, {len(baseline_rows)} persons): "
          f"{b * 1000:.2f} ms per person -> {b * n:.0f} s for {n:,} persons; (engine "
          f"top_candidates, 20 vacancies): {bv * 1000:.1f} ms per vacancy -> {bv * m:.0f} s",
          flush=True)
    print(f"national, {len(persons):,} persons / {len(vacs):,} vacancies"
          f"{'' if args.full else ' (whole groups, extrapolated)'}: top vacancies "
          f"{pp * 1000:.2f} ms per person -> {pp * n:.0f} s; top candidates {pv * 1000:.2f} ms "
          f"per vacancy -> {pv * m:.0f} s; together with the build {built + pp * n + pv * m:.0f}"
          f" s (budget 120 s); speed-up over the baseline {b / pp:.1f}x for persons, "
          f"{bv / pv:.1f}x for vacancies; "
          f"peak RSS {rss_mb():,.0f} MB (budget 4,096 MB{', both matchers' if other else ''})",
          flush=True)
    cp, cv = statistics.median(cpu_p), statistics.median(cpu_v)
    print(f"  CPU time: {cp * 1000:.2f} ms per person, {cv * 1000:.2f} ms per vacancy -> "
          f"{cp * n + cv * m:.0f} CPU s for both directions", flush=True)
    if other is not None:
        op_, ov_ = statistics.median(o_p), statistics.median(o_v)
        ocp, ocv = statistics.median(o_cpu_p), statistics.median(o_cpu_v)
        print(f"--src matcher, same sample, in turns: {op_ * 1000:.2f} ms per person, "
              f"{ov_ * 1000:.2f} ms per vacancy -> {op_ * n + ov_ * m:.0f} s (CPU {ocp * 1000:.2f}"
              f" / {ocv * 1000:.2f} ms -> {ocp * n + ocv * m:.0f} CPU s); this tree is "
              f"{op_ / pp:.1f}x / {ov_ / pv:.1f}x faster (CPU {ocp / cp:.1f}x / {ocv / cv:.1f}x); "
              f"rows the same as this tree's: {o_same}", flush=True)
        del other

    same = 0
    for i in rng.choice(len(persons), 50):
        one = engine.top_vacancies(people, int(persons[i]), vacancies, k=20)
        same += ([mt.vacancy for mt in one] == p_idx[i].tolist()
                 and np.array([mt.score for mt in one], np.float32).tobytes()
                 == p_val[i].tobytes())
    for i in rng.choice(len(vacs), 50):
        one = engine.top_candidates(vacancies, int(vacs[i]), people, k=20)
        same += ([mt.person for mt in one] == v_idx[i].tolist()
                 and np.array([mt.score for mt in one], np.float32).tobytes()
                 == v_val[i].tobytes())
    print(f"rows identical to the engine's one-row paths (ids and scores): {same}/100",
          flush=True)

    del matcher
    if args.no_workers:
        return
    halves = [(engine, people, vacancies, first, occ, persons[part::2], vacs[part::2])
              for part in range(2)]
    ctx = multiprocessing.get_context("fork")
    walls = {}
    for workers in (1, 2):
        t = time.perf_counter()
        with ctx.Pool(workers) as pool:
            got = pool.map(_worker, halves, chunksize=1)
        walls[workers] = time.perf_counter() - t
        print(f"{workers} worker process(es), 2 parts: wall {walls[workers]:.1f} s (each part: "
              f"build {', '.join(f'{g[0]:.0f}' for g in got)} s, rows "
              f"{', '.join(f'{g[1]:.0f}' for g in got)} s)", flush=True)
    print(f"speed-up with 2 workers: {walls[1] / walls[2]:.2f}x", flush=True)


if __name__ == "__main__":
    main()
