"""Print the test suite's line coverage: the whole package, and each pure engine module.

Engines are the modules type-checked strictly (the strict `[[tool.mypy.overrides]]` of
pyproject.toml, the one with `disallow_untyped_calls`; settings excepted): the pure code every
pillar's figures rest on. Each must have at least `--engine-minimum` per cent of its lines
run by the tests (the exit code is 1 when one has fewer); those under `--target` are marked.
The data file is the one `pytest --cov` wrote (COVERAGE_FILE, default .coverage).

    .venv/bin/python scripts/coverage_summary.py [--engine-minimum 85] [--target 90]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parents[1]


def engine_files() -> list[Path]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    strict = next(o for o in config["tool"]["mypy"]["overrides"] if o.get("disallow_untyped_calls"))
    return [ROOT / "src" / (m.replace(".", "/") + ".py") for m in strict["module"]
            if ".conf." not in m]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine-minimum", type=float, default=90.0, help="fail below this")
    parser.add_argument("--target", type=float, default=90.0, help="mark engines below this")
    args = parser.parse_args()
    cov = coverage.Coverage(config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    total = cov.report(file=open("/dev/null", "w"))  # noqa: SIM115 - the figure, not the table
    print(f"== coverage: {total:.1f}% of the package's lines run by the tests")
    low = []
    rows = []
    for path in engine_files():
        _, statements, _, missing, _ = cov.analysis2(str(path))
        share = 100.0 * (1 - len(missing) / len(statements)) if statements else 100.0
        rows.append((share, path.relative_to(ROOT / "src").as_posix()))
        if share < args.engine_minimum:
            low.append(path)
    for share, name in sorted(rows):
        mark = ("  << below the minimum" if share < args.engine_minimum
                else f"  < {args.target:g}% target" if share < args.target else "")
        print(f"   {share:5.1f}%  {name}{mark}")
    on_target = sum(1 for share, _ in rows if share >= args.target)
    print(f"== engines: {on_target} of {len(rows)} at >= {args.target:g}%, "
          f"{len(rows) - len(low)} at >= {args.engine_minimum:g}% (the gate)")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
