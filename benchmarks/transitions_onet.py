"""Benchmark the transition engine against O*NET's related occupations; prints markdown.

    PYTHONPATH=src python benchmarks/transitions_onet.py [--data-dir DIR]

Judges top-10 rankings (hit@10, precision@10, MRR@10) of the engine, a plain IDF-cosine
baseline and ablations; then build time, memory, query latency, band and green/digital figures.
Writes nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

import numpy as np

from banenbrug.transitions.engine import EngineParams, TransitionEngine
from banenbrug.transitions.esco_csv import load_esco
from banenbrug.transitions.validation import (
    Metrics,
    baseline_matrix,
    evaluate,
    load_reference,
    related_rate_by_score,
    top_k_scores,
)

ROOT = Path(__file__).resolve().parents[1]

ABLATIONS: list[tuple[str, dict[str, object]]] = [
    ("no near-miss credit", {"near_miss_credit": 0.0}),
    ("near misses without skill groups", {"near_miss_groups": False}),
    ("near-miss credit 0.25", {"near_miss_credit": 0.25}),
    ("near-miss credit 0.75", {"near_miss_credit": 0.75}),
    ("near-miss credit 1.0", {"near_miss_credit": 1.0}),
    ("no ISCO evidence", {"isco_weight": 0.0}),
    ("ISCO weight 0.2", {"isco_weight": 0.2}),
    ("essential skills only", {"optional_weight": 0.0}),
    ("destination coverage only (origin weight 0)", {"origin_weight": 0.0}),
    ("symmetric (origin weight 0.5)", {"origin_weight": 0.5}),
    (
        "no near-miss, no ISCO, coverage only",
        {"near_miss_credit": 0.0, "isco_weight": 0.0, "origin_weight": 0.0},
    ),
]


def _default_data_dir() -> Path:
    env = os.environ.get("BANENBRUG_DATA_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def _row(name: str, m: Metrics) -> str:
    return f"| {name} | {m.hit:.3f} | {m.precision:.3f} | {m.mrr:.3f} |"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=_default_data_dir())
    ap.add_argument("--queries", type=int, default=500)
    args = ap.parse_args(argv)

    esco = load_esco(args.data_dir)
    ref = load_reference(args.data_dir, esco.occupation_codes)
    arrays = esco.arrays
    params = EngineParams()

    # Build: peak Python-side allocation (tracemalloc sees numpy/scipy buffers) and RSS growth.
    rss0 = _rss_mb()
    tracemalloc.start()
    engine = TransitionEngine.build(arrays, params)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss_delta = _rss_mb() - rss0
    times = []
    for _ in range(3):
        t = time.perf_counter()
        TransitionEngine.build(arrays, params)
        times.append(time.perf_counter() - t)

    n = len(arrays.occupation_uris)
    print(f"## Transition engine vs O*NET related occupations (ESCO {n} occupations)\n")
    print(
        f"Evaluable origins: {len(ref.evaluable)} (mapped to O*NET, >= 1 related ESCO "
        "occupation); same-O*NET-code occupations are left out of each ranking.\n"
    )
    print("| ranking | hit@10 | precision@10 | MRR@10 |")
    print("|---|---|---|---|")
    print(
        _row(
            "baseline: cosine of IDF skill vectors (optional 0.5)",
            evaluate(baseline_matrix(arrays), ref),
        )
    )
    print(_row("**engine (defaults)**", evaluate(engine.similarity_matrix(), ref)))
    for name, change in ABLATIONS:
        m = TransitionEngine.build(arrays, replace(params, **change)).similarity_matrix()
        print(_row(f"ablation: {name}", evaluate(m, ref)))

    rng = np.random.default_rng(0)
    origins = rng.choice(n, size=min(args.queries, n), replace=False)
    lat = []
    for o in origins:
        t = time.perf_counter()
        engine.top([int(o)], top=20)
        lat.append((time.perf_counter() - t) * 1000)
    prof = []
    for o in origins[:100]:
        extra = rng.choice(len(arrays.skill_uris), size=3, replace=False).tolist()
        t = time.perf_counter()
        engine.top([int(o), int((o + 1) % n)], extra, top=20, green=True)
        prof.append((time.perf_counter() - t) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "engine.npz"
        engine.save(path)
        t = time.perf_counter()
        TransitionEngine.load(path)
        load_s = time.perf_counter() - t
        size_mb = path.stat().st_size / 2**20

    q = statistics.quantiles
    print("\n| cost | value |\n|---|---|")
    print(f"| build (median of 3, 2 cores) | {statistics.median(times):.2f} s |")
    print(f"| build peak traced memory | {peak:.0f} MB (max RSS growth {rss_delta:.0f} MB) |")
    print(
        f"| top-20 with gaps, one occupation (n={len(lat)}) | p50 {statistics.median(lat):.1f}"
        f" ms, p95 {q(lat, n=20)[-1]:.1f} ms |"
    )
    print(
        f"| top-20 green, 2 occupations + 3 skills (n={len(prof)}) | p50 "
        f"{statistics.median(prof):.1f} ms, p95 {q(prof, n=20)[-1]:.1f} ms |"
    )
    print(f"| cache file (.npz) | {size_mb:.0f} MB, load {load_s:.2f} s |")

    m = engine.similarity_matrix()
    top10 = top_k_scores(m, 10)
    qs = np.quantile(top10, [0.1, 0.25, 0.5, 0.75, 0.9])
    print("\nTop-10 scores, quantiles 10/25/50/75/90%: " + ", ".join(f"{x:.2f}" for x in qs))
    print("\n| score | share O*NET-related (all pairs) | pairs | band |\n|---|---|---|---|")
    edges = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.01]
    for lo, rate, count in related_rate_by_score(m, ref, edges):
        print(f"| >= {lo:.1f} | {rate:.3f} | {count} | {engine.band(lo)} |")
    shares = {
        b: float(np.mean([engine.band(float(s)) == b for s in top10]))
        for b in ("dichtbij", "haalbaar", "uitdaging")
    }
    print("\nBands of top-10 results: " + ", ".join(f"{b} {v:.0%}" for b, v in shares.items()))
    print(
        f"\nGreen occupations: {int(engine.green.sum())}, digital: {int(engine.digital.sum())}, "
        f"both: {int((engine.green & engine.digital).sum())} (of {n})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
