"""Reading a large bad CSV file: the old indicator reader (from a checkout of main, if given)
against `banenbrug.tables`, each in a fresh child process: wall time, peak RSS, lines of error
output.

    PYTHONPATH=src .venv/bin/python benchmarks/table_import.py [--mb 200] [--old-src ../main/src]
        [--rows 20000 --repeats 5 --rounds 3 --only-rows]

Cases, on a generated file of indicator rows that are all wrong (a word where the value
should be), the bug report's case:
- `indicators import` of a `--mb` file: the old reader; the new one (refused by the size limit
  before it is read);
- the same file streamed through `tables.reading.Table` with the limit raised above its size
  (what reading a large file costs now);
- a `--small-mb` file under the limit through both indicator readers, every row checked;
- `--rows` good rows of each row type through its checker (registry initiatives, training
  modules, funding schemes: the rows as the CSV reader hands them over; indicators and outcome
  data: a CSV text read and checked), old and new code each in a child process (median of
  `--repeats` runs), `--rounds` child processes per tree alternating old and new.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HEADER = ("period,region,occupation_group,population_group,indicator,value,unit,source,"
          "note\n")
ROW = "2021,NL,technical_ict,all,vacancies_open,veel,count,CBS,\n"

CHILD = textwrap.dedent("""
    import resource, sys, time
    from pathlib import Path
    path, how = Path(sys.argv[1]), sys.argv[2]
    start = time.perf_counter()
    if how == "table":
        from banenbrug.tables.reading import Limits, Table
        from banenbrug.monitor.indicators import OPTIONAL, REQUIRED, DERIVED
        table = Table(path, (*REQUIRED, *OPTIONAL, *DERIVED), REQUIRED,
                      limits=Limits(max_bytes=2**40, max_rows=10**9))
        rows = sum(1 for _ in table.rows())
        output = f"{rows} rows"
    else:
        from banenbrug.monitor.indicators import IndicatorFileError, read_indicator_file
        from banenbrug.monitor.regions import Region, RegionCatalogue
        regions = RegionCatalogue({"NL": Region("NL", "NL", "national")}, from_files=True)
        try:
            read_indicator_file(path, regions)
            output = "accepted"
        except IndicatorFileError as exc:
            output = str(exc)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.1f}\\t{peak:.0f}\\t{output.count(chr(10)) + 1}\\t"
          f"{output.splitlines()[-1][:70]}")
""")


ROWS = textwrap.dedent("""
    import csv, os, resource, statistics, sys, time
    from pathlib import Path
    what, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    src = Path(os.environ["PYTHONPATH"])

    def copies(path, columns):
        base = list(csv.DictReader(path.open(encoding="utf-8")))
        return [{**{c: row.get(c, "") for c in columns}, "key": f"{row['key']}-{i}"}
                for i in range(n // len(base) + 1) for row in base][:n]

    if what == "initiatives":
        from banenbrug.registry.rows import INITIATIVE_COLUMNS, Known, check_initiatives
        kinds = ("matching", "retention", "side_entry")
        rows = [{c: "" for c in INITIATIVE_COLUMNS} | {
            "key": f"i-{i}", "name": f"Initiatief {i}", "organisation": f"Org {i % 300}",
            "kind": kinds[i % 3], "description": "Synthetisch benchmarkinitiatief.",
            "target_groups": "women;youth", "regions": f"AM{i % 35 + 1:02d};GM0014",
            "occupations": f"http://example.org/occupation/{i % 40}", "isco_groups": "2512",
            "status": "active", "funding_amount": "125000", "funding_start": "2024-01-01",
            "funding_end": "2026-12-31", "funding_type": "project",
            "website": "https://example.org", "outcomes": "gemeten|https://example.org/r",
            "is_example": "true"} for i in range(n)]
        known = Known(regions=frozenset({f"AM{i:02d}" for i in range(1, 36)} | {"GM0014"}),
                      occupations=frozenset(f"http://example.org/occupation/{i}"
                                            for i in range(40)),
                      isco_codes=frozenset({"2512"}))
        check = lambda: check_initiatives(rows, known, list(range(2, n + 2)))
    elif what == "indicators":
        from banenbrug.monitor.indicators import parse_indicator_csv
        from banenbrug.monitor.regions import Region, RegionCatalogue
        regions = RegionCatalogue({"NL": Region("NL", "NL", "national")}, from_files=True)
        text = ("period,region,occupation_group,population_group,indicator,value,unit,source,"
                "note\\n" + "".join(f"{1000 + i // 12}-{i % 12 + 1:02d},NL,technical_ict,all,"
                                   f"vacancies_open,{i},count,CBS,\\n" for i in range(n)))
        check = lambda: parse_indicator_csv(text, regions)
    elif what == "outcomes":
        from banenbrug.evaluation.outcome_format import parse_outcome_file
        text = ("initiative,participant,start_date,age,education_level,prior_earnings,"
                "benefit_months,region,situation,employed_6m,employed_12m,tech_job_12m,"
                "earnings_12m,initiative_cost\\n" + "".join(
                    f"A,{i % 2},2024-01-05,{20 + i % 40},laag,{i},{i % 24},Twente,werkzoekend,"
                    f"1,1,{i % 2},{30000 + i % 7},500000\\n" for i in range(n)))
        check = lambda: [r for rs in parse_outcome_file(text, "o.csv").records.values()
                         for r in rs]
    else:
        os.environ["DJANGO_SETTINGS_MODULE"] = "banenbrug.conf.dev"
        import django
        django.setup()
        from banenbrug.plans import plan_rows as P
        from banenbrug.plans.exchange import CHOICES
        data = src / "banenbrug" / "plans" / "data"
        if what == "modules":
            rows = copies(data / "example_catalogue.csv", P.MODULE_COLUMNS)
            skills = frozenset(u for r in rows for u in r["skills"].split(";"))
            known = P.Known(skills=skills, choices=CHOICES, is_region=lambda c: True)
            check = lambda: P.check_modules(rows, known, list(range(2, n + 2)))
        else:
            rows = copies(data / "example_schemes.csv", P.SCHEME_COLUMNS)
            known = P.Known(skills=frozenset(), choices=CHOICES, is_region=lambda c: True,
                            schemes=frozenset(k for r in rows for k in r["excludes"].split(";")))
            check = lambda: P.check_schemes(rows, known, list(range(2, n + 2)))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        clean, *errors = check() if what not in ("indicators", "outcomes") else (check(), [])
        times.append(time.perf_counter() - start)
        assert len(clean) == n and not errors[0], (len(clean), errors[0][:3])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n / statistics.median(times):,.0f}\\t{statistics.median(times) * 1000:.0f}\\t"
          f"{peak:.0f}")
""")


def write(path: Path, megabytes: int) -> None:
    # in 1 MB pieces: a child inherits its parent's peak RSS (Linux keeps it across exec)
    piece = ROW * (2**20 // len(ROW))
    with path.open("w") as out:
        out.write(HEADER)
        for _ in range(megabytes):
            out.write(piece)


def run(src: Path, path: Path, how: str) -> list[str]:
    return child(src, CHILD, str(path), how)


def child(src: Path, code: str, *args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin",
                               "BANENBRUG_VAR_DIR": tempfile.gettempdir()}, timeout=1800)
    if done.returncode:
        return ["failed", "", "", done.stderr.strip().splitlines()[-1][:70]]
    return done.stdout.strip().split("\t")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--small-mb", type=int, default=50)
    parser.add_argument("--old-src", type=Path, help="src/ of a checkout with the old readers")
    parser.add_argument("--rows", type=int, default=0, help="good rows per row type (0: skip)")
    parser.add_argument("--repeats", type=int, default=5, help="runs per child process")
    parser.add_argument("--rounds", type=int, default=3, help="child processes per tree")
    parser.add_argument("--only-rows", action="store_true", help="skip the large files")
    args = parser.parse_args()
    new = Path(__file__).resolve().parents[1] / "src"
    if args.rows:
        print("| row type | code | rows/s (median of rounds) | each round | peak RSS MB |")
        print("|---|---|--:|---|--:|")
        trees = [(label, src) for label, src in (("old", args.old_src), ("new", new)) if src]
        for what in ("initiatives", "modules", "schemes", "indicators", "outcomes"):
            # old and new alternate round by round: a change of the machine's load hits both
            found: dict[str, list[list[str]]] = {label: [] for label, _ in trees}
            for _ in range(args.rounds):
                for label, src in trees:
                    found[label].append(child(src, ROWS, what, str(args.rows),
                                              str(args.repeats)))
            for label, runs in found.items():
                rates = [float(r[0].replace(",", "")) for r in runs]
                print(f"| {what} | {label} | {statistics.median(rates):,.0f} | "
                      f"{', '.join(f'{r:,.0f}' for r in rates)} | {runs[0][2]} |", flush=True)
    if args.only_rows:
        return
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "big.csv", Path(folder) / "small.csv"
        write(big, args.mb)
        write(small, args.small_mb)
        cases = [(f"{args.mb} MB, `indicators import` reader", big, "indicators"),
                 (f"{args.mb} MB, streamed by `tables` (limit raised)", big, "table"),
                 (f"{args.small_mb} MB, `indicators import` reader", small, "indicators")]
        print("| file, reader | code | wall s | peak RSS MB | lines of errors | last line |")
        print("|---|---|---|---|---|---|")
        for what, path, how in cases:
            for label, src in (("old", args.old_src), ("new", new)):
                if src is None or (how == "table" and label == "old"):
                    continue
                seconds, peak, lines, last = run(src, path, how)
                print(f"| {what} | {label} | {seconds} | {peak} | {lines} | {last} |",
                      flush=True)


if __name__ == "__main__":
    main()
