"""Benchmark: Ontdek (orientation) on the full ESCO data and the O*NET files.

Needs a database that holds the ESCO import: DATABASE_URL (e.g. the test suite's
var/test/realdata.sqlite3) or the settings' default. Engine caches go to a temporary folder.
Reports the catalogue build (ESCO occupations + green/digital rule + O*NET profiles through the
crosswalk), its load from the var/ cache, latency of suggestions from a profile and from
questionnaire answers (service layer, with explanations), of a full occupation story, and of
the results page through Django's test client. Prints markdown tables.

    DATABASE_URL=sqlite:///var/test/realdata.sqlite3 .venv/bin/python benchmarks/orientation.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable

import numpy as np

BUDGET_P95_MS = 100.0


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def row(name: str, times: list[float]) -> str:
    p95 = float(np.percentile(times, 95))
    return (f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p95:.1f} | "
            f"{max(times):.1f} | {'ok' if p95 <= BUDGET_P95_MS else 'over'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="banenbrug-bench-") as tmp:
        os.environ["BANENBRUG_VAR_DIR"] = tmp
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
        os.environ["DJANGO_DEBUG"] = "0"
        import django

        django.setup()
        from django.test import Client
        from django.utils import translation

        from banenbrug.orientation import catalogue, questionnaire, service, suggest

        catalogue._memo.clear()
        start = time.perf_counter()
        cat = catalogue.get()
        cold = time.perf_counter() - start
        catalogue._memo.clear()
        start = time.perf_counter()
        catalogue.get()
        warm = time.perf_counter() - start
        counts = cat.table.counts()
        print("| catalogue | value |\n|---|---|")
        print(f"| build (DB + O*NET files, cold) | {cold:.2f} s |")
        print(f"| load from var/ cache | {warm * 1000:.0f} ms |")
        print(f"| ESCO occupations | {len(cat.uris)} |")
        print(f"| profile direct / ISCO group / ISCO crosswalk / none | {counts['direct']} / "
              f"{counts['isco_group']} / {counts['isco_crosswalk']} / {counts['none']} |")
        print(f"| candidates (green, digital or technical, with profile) | "
              f"{len(cat.candidates.uris)} |")

        rng = np.random.default_rng(7)
        profiles = rng.uniform(1, 7, size=(options.runs, 6))
        codes = ["".join(rng.choice(list("012"), size=30)) for _ in range(options.runs)]
        it_p, it_a = iter(profiles), iter(codes)
        client = Client(HTTP_HOST="127.0.0.1")
        it_c = iter(codes)
        uuids = [cat.uris[i].rsplit("/", 1)[1] for i in cat.candidate_rows[:options.runs]]
        it_s = iter(uuids * (options.runs // max(len(uuids), 1) + 1))
        with translation.override("nl"):
            by_profile = timed(lambda: service.for_profile(next(it_p), "nl"), options.runs)
            by_answers = timed(lambda: service.for_answers(
                questionnaire.from_code(next(it_a)), "nl"), options.runs)
            stories = timed(lambda: service.story(next(it_s), "nl"), min(options.runs, 100))
        # baseline in the same run: scoring alone, without the selection rules
        it_b, it_e = iter(profiles), iter(profiles)
        scoring = timed(lambda: suggest.scores(next(it_b), cat.candidates.profiles), options.runs)
        engine = timed(lambda: suggest.suggest(next(it_e), cat.candidates), options.runs)
        every = timed(lambda: service.most_suggested(40), 5)
        def page() -> None:
            response = client.get(f"/ontdek/resultaat/?a={next(it_c)}")
            assert response.status_code == 200, response.status_code

        pages = timed(page, min(options.runs, 100))
        print(f"\n| operation (p95 budget {BUDGET_P95_MS:.0f} ms) | runs | p50 ms | p95 ms | "
              "max ms | |\n|---|---|---|---|---|---|")
        print(row("suggestions from a profile (top 10, with why)", by_profile))
        print(row("suggestions from questionnaire answers", by_answers))
        print(row("occupation story (service)", stories))
        print(row("results page (Django test client, HTML)", pages))
        print(row("engine: suggest (top 10, technical share, variety)", engine))
        print(row("baseline: scores only (no selection)", scoring))
        print(row("most suggested over all 240 code profiles", every))


if __name__ == "__main__":
    main()
