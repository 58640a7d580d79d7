"""Benchmark: the Overstap-verkenner's compare page with one and with four destinations side by
side (each column one engine explanation plus a catalogue query for the typical training),
through the Django test client on an already imported database. Baseline in the same run: the
explorer page of the same origin (20 destinations and the chart data).

    DATABASE_URL=sqlite:///var/test/realdata/realdata.sqlite3 BANENBRUG_VAR_DIR=var/test/realdata \\
        .venv/bin/python benchmarks/compare_view.py [--origins 12] [--repeat 5]

Medians per page kind over origins x repeats (after one warm-up request each), in ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")

import django

django.setup()

from django.test import Client  # noqa: E402

from banenbrug.taxonomy.models import Occupation  # noqa: E402
from banenbrug.transitions import service  # noqa: E402

ORIGINS = ("loodgieter", "automonteur", "bakker", "lasser", "timmerman", "kok", "kapper",
           "metselaar", "glaszetter", "boekhouder", "magazijnmedewerker", "verpleegkundige")


def timed(client: Client, path: str, query: dict) -> float:
    start = time.perf_counter()
    response = client.get(path, query)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (path, query, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--origins", type=int, default=len(ORIGINS))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    times: dict[str, list[float]] = {"explorer (baseline)": [], "compare, 1 destination": [],
                                     "compare, 4 side by side": []}
    for text in ORIGINS[:args.origins]:
        try:
            origin = service.resolve_occupation(text)
        except service.TransitionInputError as exc:  # ambiguous: the first candidate
            origin = Occupation.objects.get(uri=exc.candidates[0]["uri"])
        top = [t["uri"] for t in service.transitions(service.Profile([origin], []), top=4,
                                                     green=True)["transitions"]]
        pages = {"explorer (baseline)": ("/overstap/", {"van": origin.uri, "groen": "1"}),
                 "compare, 1 destination": ("/overstap/vergelijk/",
                                            {"van": origin.uri, "naar": top[:1]}),
                 "compare, 4 side by side": ("/overstap/vergelijk/",
                                             {"van": origin.uri, "naar": top})}
        for kind, (path, query) in pages.items():
            timed(client, path, query)  # warm: engine, index and templates loaded
            times[kind] += [timed(client, path, query) for _ in range(args.repeat)]
    print(f"origins: {args.origins}, repeats: {args.repeat}, load average: "
          f"{os.getloadavg()[0]:.1f}\n")
    print("| page | median (ms) | p90 (ms) | requests |\n|---|--:|--:|--:|")
    for kind, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"| {kind} | {statistics.median(values):.0f} | {p90:.0f} | {len(values)} |")
    print(f"\nquery string of a 4-column page: {len(urlencode(pages[kind][1], doseq=True))} "
          "characters")


if __name__ == "__main__":
    main()
