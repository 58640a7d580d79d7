"""Benchmark the transition engine against O*NET's related occupations; prints markdown.

    PYTHONPATH=src python benchmarks/transitions_onet.py [--data-dir DIR] [--coach CSV]

Judges top-10 rankings (hit@10, precision@10, MRR@10) of the engine, a plain IDF-cosine
baseline and ablations; then build time, memory, query latency, band and green/digital figures.
Then the meaning and ISCO-neighbourhood terms: the weights are chosen by a grid search on the
dev half of the O*NET origins (split by a hash of the origin URI) and reported on the held-out
test half, beside today's engine (skills and ISCO digits only) on the same split; and the coach
list (tests/data/understanding/coach_switches.csv): the rank of each switch's target in its
origin's unfiltered top 20, before and after. Needs the text vectors (`banenbrug
build-vectors`); without the text model only the first part runs. Writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from banenbrug.transitions.engine import (
    EngineParams,
    MeaningVectors,
    TaxonomyArrays,
    TransitionEngine,
)
from banenbrug.transitions.esco_csv import load_esco, load_occupation_texts
from banenbrug.transitions.validation import (
    Metrics,
    Reference,
    baseline_matrix,
    evaluate,
    load_reference,
    related_rate_by_score,
    split_origins,
    top_k_scores,
)

ROOT = Path(__file__).resolve().parents[1]
COACH = ROOT / "tests" / "data" / "understanding" / "coach_switches.csv"
# Today's engine: skill overlap and shared ISCO digits only.
TODAY = {"description_weight": 0.0, "label_weight": 0.0, "hood_weight": 0.0}
# The grid searched on the dev half (round values; the three weights sum to at most 0.8).
GRID_DESCRIPTION = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
GRID_LABEL = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
GRID_HOOD = (0.0, 0.05, 0.1, 0.15, 0.2)
GRID_SHAPE = ((0.5, 0.25), (0.5, 0.0), (0.75, 0.5))  # (minor group, sub-major group)

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
    ap.add_argument("--coach", type=Path, default=COACH)
    args = ap.parse_args(argv)

    esco = load_esco(args.data_dir)
    ref = load_reference(args.data_dir, esco.occupation_codes)
    arrays = esco.arrays
    meaning = load_meaning(args.data_dir, arrays)
    if meaning is not None:
        meaning_section(arrays, meaning, ref, esco.occupation_labels, args.coach)
        print()
    params = EngineParams()

    # Build: peak Python-side allocation (tracemalloc sees numpy/scipy buffers) and RSS growth.
    rss0 = _rss_mb()
    tracemalloc.start()
    engine = TransitionEngine.build(arrays, params, meaning)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss_delta = _rss_mb() - rss0
    times, lexical_times = [], []
    for _ in range(3):
        t = time.perf_counter()
        TransitionEngine.build(arrays, params, meaning)
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        TransitionEngine.build(arrays, params)
        lexical_times.append(time.perf_counter() - t)

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
    with_text = "with text vectors" if meaning is not None else "no text model"
    print(_row(f"**engine (defaults, {with_text})**", evaluate(engine.similarity_matrix(), ref)))
    if meaning is not None:
        lexical = TransitionEngine.build(arrays, params).similarity_matrix()
        print(_row("lexical fallback (defaults, no text model)", evaluate(lexical, ref)))
    today = TransitionEngine.build(arrays, replace(params, **TODAY)).similarity_matrix()
    print(_row("today's engine (skills + ISCO digits, no meaning/neighbourhood)",
               evaluate(today, ref)))
    for name, change in ABLATIONS:  # on today's engine, as before
        m = TransitionEngine.build(arrays, replace(params, **TODAY, **change)).similarity_matrix()
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
        loads = []
        for _ in range(3):
            t = time.perf_counter()
            TransitionEngine.load(path)
            loads.append(time.perf_counter() - t)
        load_s = statistics.median(loads)
        size_mb = path.stat().st_size / 2**20

    q = statistics.quantiles
    print("\n| cost | value |\n|---|---|")
    print(f"| build (median of 3, 2 cores, {with_text}) | {statistics.median(times):.2f} s |")
    lexical_s = statistics.median(lexical_times)
    print(f"| build without text vectors (median of 3) | {lexical_s:.2f} s |")
    print(f"| build peak traced memory | {peak:.0f} MB (max RSS growth {rss_delta:.0f} MB) |")
    print(
        f"| top-20 with gaps, one occupation (n={len(lat)}) | p50 {statistics.median(lat):.1f}"
        f" ms, p95 {q(lat, n=20)[-1]:.1f} ms |"
    )
    print(
        f"| top-20 green, 2 occupations + 3 skills (n={len(prof)}) | p50 "
        f"{statistics.median(prof):.1f} ms, p95 {q(prof, n=20)[-1]:.1f} ms |"
    )
    print(f"| cache file (.npz) | {size_mb:.0f} MB, load {load_s:.2f} s (median of 3) |")

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


def load_meaning(data_dir: Path, arrays: TaxonomyArrays) -> MeaningVectors | None:
    """The occupations' text vectors from the vector cache (the texts read from the ESCO files
    exactly as the database holds them); None without the text model or vectors."""
    from banenbrug.understanding.model import get_model
    from banenbrug.understanding.vectors import VectorCache

    model = get_model()
    if model is None:
        print("No text model: the meaning section is skipped.\n")
        return None
    cache = VectorCache(model)
    descriptions, labels = load_occupation_texts(data_dir, arrays.occupation_uris)
    parts = []
    for name, pairs in (("descriptions", descriptions), ("labels", labels)):
        vectors, found = cache.lookup([t for _, t in pairs])
        print(f"Text vectors ({model.name}): {name} {int(found.sum())} of {len(pairs)} found")
        if not found.any():
            print("No cached vectors (run `banenbrug build-vectors`): meaning skipped.\n")
            return None
        owners = [i for (i, _), ok in zip(pairs, found, strict=True) if ok]
        parts.append((owners, vectors[found]))
    print()
    return MeaningVectors.from_texts(model.name, len(arrays.occupation_uris), *parts)


def _mix(
    terms: dict[str, np.ndarray], wd: float, wl: float, wh: float, shape: tuple[float, float]
) -> np.ndarray:
    """The engine's mix (TransitionEngine._mix) on precomputed n x n terms, for the grid."""
    hood = terms["same4"] + shape[0] * terms["only3"] + shape[1] * terms["only2"]
    m = (1 - wd - wl - wh) * terms["skill"] + wd * terms["description"] + wl * terms["label"]
    m += wh * hood
    return np.clip(m, 0.0, 1.0).astype(np.float32)


def _objective(m: Metrics) -> float:
    return m.precision + m.mrr


def coach_ranks(
    path: Path, engines: Sequence[TransitionEngine], labels: list[str]
) -> list[tuple[str, str, list[int | None]]]:
    """Per coach switch: (origin, target, [rank of the target in the origin's unfiltered top 20
    per engine, None when absent])."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    index = {u: i for i, u in enumerate(engines[0].occupation_uris)}
    out = []
    tops: dict[tuple[int, int], list[int]] = {}
    for r in rows:
        o, d = index.get(r["origin_uri"].strip()), index.get(r["target_uri"].strip())
        if o is None or d is None:
            print(f"(coach row not in ESCO: {r['origin_label']} -> {r['target_label']})")
            continue
        ranks: list[int | None] = []
        for e, engine in enumerate(engines):
            if (e, o) not in tops:
                tops[(e, o)] = [t.dest for t in engine.top([o], top=20)]
            top = tops[(e, o)]
            ranks.append(top.index(d) + 1 if d in top else None)
        out.append((labels[o], labels[d], ranks))
    return out


def meaning_section(
    arrays: TaxonomyArrays,
    meaning: MeaningVectors,
    ref: Reference,
    labels: list[str],
    coach: Path,
) -> None:
    uris = arrays.occupation_uris
    dev, test = split_origins(uris, ref)
    base = replace(EngineParams(), **TODAY)
    today = TransitionEngine.build(arrays, base, meaning)
    terms = {"skill": today.similarity_matrix()}
    everyone = range(len(uris))
    parts = today.terms(everyone)
    terms["description"], terms["label"] = parts["description"], parts["label"]
    hood = parts["hood"]  # default shape: 1 / 0.5 / 0.25
    terms["same4"] = (hood == 1.0).astype(np.float32)
    terms["only3"] = (hood == base.hood_minor).astype(np.float32)
    terms["only2"] = (hood == base.hood_submajor).astype(np.float32)
    del parts, hood

    print("## Meaning and ISCO neighbourhood: weights chosen on dev, reported on test\n")
    print(
        f"O*NET origins split by SHA-1 of the origin URI: dev {len(dev)}, test {len(test)}. "
        "Grid: description "
        f"{GRID_DESCRIPTION}, label {GRID_LABEL}, neighbourhood {GRID_HOOD}, neighbourhood "
        f"shape (minor, sub-major) {GRID_SHAPE}; sum of weights <= 0.8; objective on dev "
        "precision@10 + MRR@10.\n"
    )
    t0 = time.perf_counter()
    results = []
    for wd, wl, wh in itertools.product(GRID_DESCRIPTION, GRID_LABEL, GRID_HOOD):
        if wd + wl + wh > 0.8 + 1e-9:
            continue
        for shape in GRID_SHAPE if wh > 0 else GRID_SHAPE[:1]:
            m = evaluate(_mix(terms, wd, wl, wh, shape), ref, origins=dev)
            results.append((_objective(m), (wd, wl, wh, shape), m))
    results.sort(key=lambda r: -r[0])
    print(f"{len(results)} grid points in {time.perf_counter() - t0:.0f} s. Best on dev:\n")
    print("| description | label | neighbourhood | shape | dev P@10 | dev MRR@10 |")
    print("|--:|--:|--:|---|--:|--:|")
    for _, (wd, wl, wh, shape), m in results[:8]:
        print(f"| {wd} | {wl} | {wh} | {shape} | {m.precision:.3f} | {m.mrr:.3f} |")

    def best_with(ok: Callable[[tuple[float, float, float, tuple[float, float]]], bool]) -> dict:
        _, (wd, wl, wh, shape), _ = next(r for r in results if ok(r[1]))
        return {"description_weight": wd, "label_weight": wl, "hood_weight": wh,
                "hood_minor": shape[0], "hood_submajor": shape[1]}

    chosen = best_with(lambda w: True)
    variants = [
        ("description only (best on dev)", best_with(lambda w: w[1] == 0 and w[2] == 0)),
        ("labels only (best on dev)", best_with(lambda w: w[0] == 0 and w[2] == 0)),
        ("neighbourhood only = lexical fallback (best on dev)",
         best_with(lambda w: w[0] == 0 and w[1] == 0)),
        ("meaning without neighbourhood (best on dev)", best_with(lambda w: w[2] == 0)),
    ]
    print(f"\nChosen (best on dev): {chosen}; engine defaults now: "
          f"{ {k: getattr(EngineParams(), k) for k in chosen} }\n")
    after = TransitionEngine.build(arrays, replace(base, **chosen), meaning)
    grid_m = _mix(terms, chosen["description_weight"], chosen["label_weight"],
                  chosen["hood_weight"], (chosen["hood_minor"], chosen["hood_submajor"]))
    drift = float(np.abs(after.similarity_matrix() - grid_m).max())
    print(f"(engine matrix vs grid mix: max difference {drift:.1e})\n")
    print("| ranking | dev P@10 | dev MRR@10 | **test P@10** | **test MRR@10** | test hit@10 |")
    print("|---|--:|--:|--:|--:|--:|")

    def line(name: str, matrix: np.ndarray) -> None:
        d, t = evaluate(matrix, ref, origins=dev), evaluate(matrix, ref, origins=test)
        print(f"| {name} | {d.precision:.3f} | {d.mrr:.3f} | {t.precision:.3f} | {t.mrr:.3f} "
              f"| {t.hit:.3f} |")

    line("before: today's engine (skills + ISCO digits)", today.similarity_matrix())
    line("**after: chosen weights**", after.similarity_matrix())
    for name, weights in variants:
        line(name, _mix(terms, weights["description_weight"], weights["label_weight"],
                        weights["hood_weight"], (weights["hood_minor"], weights["hood_submajor"])))
    line("meaning alone (description + labels 50/50, no skills)",
         _mix(terms, 0.5, 0.5, 0.0, (0.5, 0.25)))

    if not coach.exists():
        print(f"\nNo coach list at {coach}.")
        return
    ranks = coach_ranks(coach, [today, after], labels)
    print(f"\n### Coach list ({coach.name}): target's rank in the origin's unfiltered top 20\n")
    print("| origin | target | before | after |\n|---|---|--:|--:|")
    for origin, target, (r0, r1) in ranks:
        print(f"| {origin} | {target} | {r0 or '-'} | {r1 or '-'} |")
    n = len(ranks)
    for k in (20, 10):
        b = sum(1 for *_, (r0, _) in ranks if r0 is not None and r0 <= k)
        a = sum(1 for *_, (_, r1) in ranks if r1 is not None and r1 <= k)
        print(f"\nIn the top {k}: before {b} of {n} ({b / n:.0%}), after {a} of {n} ({a / n:.0%})")


if __name__ == "__main__":
    sys.exit(main())
