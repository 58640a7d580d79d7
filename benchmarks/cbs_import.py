"""Benchmark: reading CBS figures (pure, no database): the two CBS files of the data folder, and
a StatLine OData v3 response the size of the whole of table 83599NED (about 24,000 cells),
built in memory in the v3 shape (50 region keys × 3 sectors × 160 quarters). The
baseline in the same run is `json.loads` of that response: what any reader pays. Prints the
best and median of --repeat timings as markdown.

    .venv/bin/python benchmarks/cbs_import.py [--repeat 7] [--cells 24000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from banenbrug.conf.paths import data_dir
from banenbrug.monitor.cbs_files import read_cbs_file
from banenbrug.monitor.regions import NATIONAL, Region, RegionCatalogue, load_regions
from banenbrug.monitor.statline import parse_responses, shipped_mapping

FILES = ("occupations_85276NED_85517NED_2023.csv", "vacatures_83599NED_2026KW02.csv")
SECTORS = ("T001081", "307500", "391600")


def response(cells: int) -> tuple[str, RegionCatalogue]:
    """A v3 TypedDataSet response with about `cells` rows: 50 regions × 3 sectors × as many
    quarters (back from 2026) as it takes."""
    codes = ["NL01", *(f"AM{i:02d}" for i in range(1, 50))]
    n_quarters = max(1, cells // (len(SECTORS) * len(codes)))
    quarters = [f"{2026 - i // 4}KW0{4 - i % 4}" for i in range(n_quarters)]
    rows = [{"ID": i, "BedrijfstakkenBranchesSBI2008": s.ljust(8), "RegioS": r.ljust(8),
             "Perioden": p, "OpenstaandeVacatures_1": 1.0 + (i % 97) / 10}
            for i, (r, s, p) in enumerate((r, s, p) for r in codes for s in SECTORS
                                          for p in quarters)]
    catalogue = RegionCatalogue({c: Region(c, c, "labour_market") for c in codes[1:]} | {
        NATIONAL: Region(NATIONAL, "Nederland", "national")}, from_files=True)
    meta = "https://opendata.cbs.nl/ODataApi/OData/83599NED/$metadata#Cbs.OData.WebAPI.TypedDataSet"
    return json.dumps({"odata.metadata": meta, "value": rows}), catalogue


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cells", type=int, default=24_000)
    args = parser.parse_args()
    folder = (data_dir() or Path("/nonexistent")) / "cbs"
    regions = load_regions(data_dir())
    text, catalogue = response(args.cells)
    mapping = shipped_mapping("83599NED")
    assert mapping is not None
    n_rows = len(json.loads(text)["value"])
    records, _skipped = parse_responses([("bench.json", text)], mapping, catalogue)
    assert len(records) == n_rows  # every cell read, none skipped
    cases: list[tuple[str, Callable[[], object]]] = [
        ("baseline: json.loads of the response", lambda: json.loads(text)),
        (f"StatLine v3 response, {n_rows:,} cells → records",
         lambda: parse_responses([("bench.json", text)], mapping, catalogue)),
    ]
    for name in FILES:
        path = folder / name
        if path.is_file():
            cases.append((f"{name} → records", lambda p=path: read_cbs_file(p, regions)))
    print(f"load average at start: {os.getloadavg()[0]:.2f}; Python {platform.python_version()}; "
          f"{os.cpu_count()} cores; repeat {args.repeat}\n")
    print("| case | best (ms) | median (ms) |\n|---|---:|---:|")
    for label, fn in cases:
        times = timed(fn, args.repeat)
        print(f"| {label} | {min(times) * 1000:.1f} | {statistics.median(times) * 1000:.1f} |")


if __name__ == "__main__":
    main()
