"""Benchmark: occupation and skill search on the full ESCO data, through the service layer.

By default it imports `esco/` into a temporary SQLite database first, so it is self-contained;
`--existing-db` uses DATABASE_URL / the settings' database (already imported) instead. Reports the
index build time (labels read from the database + LabelIndex), the cached load time (pickle),
index sizes, and latency of `search_service.search()` (index lookup + DB fetch of the hits) over a
fixed set of Dutch and English queries with typos and swapped word order, plus top-1 hits for
known queries. Prints markdown tables.

    .venv/bin/python benchmarks/search_latency.py [--repeat 5] [--data-dir DIR] [--existing-db]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from banenbrug.conf.paths import data_dir

BUDGET_P95_MS = 40.0  # query embedding included (docs/understanding.md)
KINDS = ("occupation", "skill")

# (query, language of the user typing it); typos and swapped word order are deliberate.
QUERIES: list[tuple[str, str]] = [
    *((q, "nl") for q in (
        "elektricien", "elektriciën", "elektricien woningbouw", "installatiemonteur",
        "zonnepanelen monteur", "monteur zonnepanelen", "zonnepaneel installateur",
        "softwareontwikkelaar", "software ontwikkelaar", "programmeur", "programeur",
        "data analist", "data-analist", "loodgieter", "loodgietr", "warmtepomp installateur",
        "installateur warmtepompen", "verpleegkundige", "verpleegkundge", "wijkverpleegkundige",
        "lasser", "tig lasser", "windturbine technicus", "technicus windturbines",
        "netbeheerder", "cybersecurity", "cyber security specialist", "vrachtwagenchauffeur",
        "chauffeur vrachtwagen", "timmerman", "metselaar", "schilder", "kok", "bakker",
        "kapper", "leraar basisonderwijs", "docent wiskunde", "boekhouder", "projectleider bouw",
        "magazijnmedewerker", "heftruckchauffeur", "schoonmaker", "hovenier", "automonteur",
        "cnc operator", "verkoopmedewerker", "klantenservice medewerker", "huisarts",
        "fysiotherapeut", "maatschappelijk werker", "politieagent", "brandweerman",
        "samenwerken in een team", "excel gebruiken", "klantgericht werken",
        "veiligheidsvoorschriften naleven", "programmeren in python", "energietransitie",
    )),
    *((q, "en") for q in (
        "electrician", "electricain", "solar panel installer", "installer solar panels",
        "software developer", "developer software", "data analyst", "plumber",
        "heat pump installer", "nurse", "welder", "wind turbine technician",
        "cybersecurity analyst", "truck driver", "carpenter", "chef", "primary school teacher",
        "accountant", "project manager", "python programming", "teamwork",
        "communicate with customers", "machine learning", "sql", "forklift operator",
    )),
]

# (kind, query, lang, fragments of which one should be in the English label of the top hit)
KNOWN: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("occupation", "elektricien", "nl", ("electrician",)),
    ("occupation", "electricain", "en", ("electrician",)),
    ("occupation", "zonnepanelen monteur", "nl", ("solar",)),
    ("occupation", "monteur zonnepanelen", "nl", ("solar",)),
    ("occupation", "softwareontwikkelaar", "nl", ("software developer",)),
    ("occupation", "programeur", "nl", ("programmer", "developer")),
    ("occupation", "data analist", "nl", ("data analyst",)),
    ("occupation", "loodgieter", "nl", ("plumber",)),
    ("occupation", "warmtepomp installateur", "nl", ("heat pump",)),
    ("occupation", "verpleegkundige", "nl", ("nurse",)),
    ("occupation", "lasser", "nl", ("welder",)),
    ("occupation", "windturbine technicus", "nl", ("wind", "offshore renewable")),
    ("occupation", "vrachtwagenchauffeur", "nl", ("driver",)),
    ("occupation", "netbeheerder", "nl", ("electricity distribution", "grid")),  # informal
    ("skill", "cybersecurity", "en", ("cyber",)),
    ("skill", "programmeren in python", "nl", ("python",)),
    ("skill", "teamwork", "en", ("team",)),
]


def setup(existing_db: bool, tmp: str) -> None:
    if not existing_db:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["BANENBRUG_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    import django

    django.setup()


def fresh_import(esco: Path) -> None:
    from django.core.management import call_command

    from banenbrug.taxonomy.esco_import import import_esco

    call_command("migrate", verbosity=0, interactive=False)
    began = time.perf_counter()
    report = import_esco([esco])
    print(f"imported {esco} into a temp SQLite database in "
          f"{time.perf_counter() - began:.1f} s", file=sys.stderr)
    assert report.changed


def measure_indexes() -> list[str]:
    from banenbrug.taxonomy import search_service as service
    from banenbrug.taxonomy.search import LabelIndex

    rows = ["| index | concepts | labels | build from DB (s) | cached load (s) |",
            "|---|--:|--:|--:|--:|"]
    for kind in KINDS:
        began = time.perf_counter()
        built = LabelIndex(service._labels(kind))
        build = time.perf_counter() - began
        service.get_index(kind)  # writes the pickle cache when it is not there yet
        service._memo.clear()
        began = time.perf_counter()
        index = service.get_index(kind)
        load = time.perf_counter() - began
        assert len(index) == len(built)
        concepts = len(set(index.concepts.tolist()))
        rows.append(f"| {kind} | {concepts:,} | {len(index):,} | {build:.2f} | {load:.2f} |")
    return rows


def measure_latency(repeat: int) -> tuple[list[str], bool]:
    from banenbrug.taxonomy.search_service import search

    rows = ["| search | queries × repeats | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) "
            "| p95 ≤ 50 ms |", "|---|--:|--:|--:|--:|--:|---|"]
    within = True
    everything: list[float] = []
    for kind in (*KINDS, "both"):
        if kind == "both":
            samples = everything
        else:
            samples = []
            for query, lang in QUERIES:
                search(kind, query, lang)  # warm-up
                for _ in range(repeat):
                    began = time.perf_counter()
                    search(kind, query, lang)
                    samples.append((time.perf_counter() - began) * 1000)
            everything.extend(samples)
        p50, p95, p99 = np.percentile(samples, [50, 95, 99])
        ok = p95 <= BUDGET_P95_MS
        within = within and ok
        rows.append(f"| {kind} | {len(samples) // repeat} × {repeat} | {p50:.1f} | {p95:.1f} "
                    f"| {p99:.1f} | {max(samples):.1f} | {'yes' if ok else '**no**'} |")
    return rows, within


def slowest(repeat: int) -> list[str]:
    from banenbrug.taxonomy.search_service import search

    timings = []
    for kind in KINDS:
        for query, lang in QUERIES:
            runs = []
            for _ in range(repeat):
                began = time.perf_counter()
                search(kind, query, lang)
                runs.append((time.perf_counter() - began) * 1000)
            timings.append((statistics.median(runs), kind, query))
    timings.sort(reverse=True)
    return [f"{ms:.1f} ms {kind} “{query}”" for ms, kind, query in timings[:5]]


def top_hits() -> list[str]:
    from banenbrug.taxonomy.search_service import search

    rows = ["| kind | query | top-1 (label in query language) | matched label | score | ok |",
            "|---|---|---|---|--:|---|"]
    for kind, query, lang, expected in KNOWN:
        results = search(kind, query, lang, limit=1)
        if not results:
            rows.append(f"| {kind} | {query} | (nothing) | | | **no** |")
            continue
        top = results[0]
        english = top.concept.label_en.lower()
        ok = "?" if not expected else "yes" if any(e in english for e in expected) else "**no**"
        rows.append(f"| {kind} | {query} | {top.concept.label(lang)} | {top.matched_label} "
                    f"| {top.score:.2f} | {ok} |")
    return rows


def describe_model() -> str:
    """Which ranking ran: the hybrid needs the model and cached vectors; and the memory."""
    import resource

    from banenbrug.taxonomy.semantic_service import label_index
    from banenbrug.understanding.model import get_model

    model = get_model()
    sizes = {kind: len(index) if (index := label_index(kind)) else 0 for kind in KINDS}
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ranking = "lexical only" if model is None or not any(sizes.values()) else "hybrid"
    return (f"\nranking: {ranking} (model {model.name if model else 'none'}; vectors "
            f"{sizes['occupation']:,} occupation / {sizes['skill']:,} skill texts); "
            f"peak RSS {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--data-dir", type=Path, default=data_dir(),
                        help="folder holding esco/ (default BANENBRUG_DATA_DIR or ../shared/data)")
    parser.add_argument("--existing-db", action="store_true",
                        help="use DATABASE_URL / the settings' database instead of a fresh import")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="banenbrug-bench-") as tmp:
        setup(options.existing_db, tmp)
        if not options.existing_db:
            if options.data_dir is None or not (options.data_dir / "esco").is_dir():
                sys.exit("no ESCO data: pass --data-dir (the folder that holds esco/)")
            fresh_import(options.data_dir / "esco")
        indexes = measure_indexes()
        latency, within = measure_latency(options.repeat)
        print(describe_model())
        print(f"\n{len(QUERIES)} queries ({sum(lang == 'nl' for _, lang in QUERIES)} Dutch), "
              f"1 warm-up + {options.repeat} timed runs each, per kind\n")
        print("\n".join([*indexes, "", *latency, "", "Slowest queries (median): "
                         + "; ".join(slowest(options.repeat)), "", *top_hits()]))
    if not within:
        sys.exit(f"p95 above the {BUDGET_P95_MS:.0f} ms budget")


if __name__ == "__main__":
    main()
