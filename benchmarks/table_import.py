"""Reading a large bad CSV file: the old indicator reader (from a checkout of main, if given)
against `banenbrug.tables`, each in a fresh child process: wall time, peak RSS, lines of error
output.

    PYTHONPATH=src .venv/bin/python benchmarks/table_import.py [--mb 200] [--old-src ../main/src]

Cases, on a generated file of indicator rows that are all wrong (a word where the value
should be), the bug report's case:
- `indicators import` of a `--mb` file: the old reader; the new one (refused by the size limit
  before it is read);
- the same file streamed through `tables.reading.Table` with the limit raised above its size
  (what reading a large file costs now);
- a `--small-mb` file under the limit through both indicator readers, every row checked.
"""

from __future__ import annotations

import argparse
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


def write(path: Path, megabytes: int) -> None:
    # in 1 MB pieces: a child inherits its parent's peak RSS (Linux keeps it across exec)
    piece = ROW * (2**20 // len(ROW))
    with path.open("w") as out:
        out.write(HEADER)
        for _ in range(megabytes):
            out.write(piece)


def run(src: Path, path: Path, how: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), how], capture_output=True,
                          text=True, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
                          timeout=1800)
    if done.returncode:
        return ["failed", "", "", done.stderr.strip().splitlines()[-1][:70]]
    return done.stdout.strip().split("\t")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--small-mb", type=int, default=50)
    parser.add_argument("--old-src", type=Path, help="src/ of a checkout with the old readers")
    args = parser.parse_args()
    new = Path(__file__).resolve().parents[1] / "src"
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
