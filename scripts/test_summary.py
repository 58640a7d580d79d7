"""Counts per test run and lane from pytest's JUnit XML files, and one closing total line.

    python scripts/test_summary.py var/test/reports/*.xml

Exits 1 when the files hold no test that ran (a suite that tested nothing has not passed).
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path


def outcome(case: ET.Element) -> str:
    if case.find("failure") is not None or case.find("error") is not None:
        return "failed"
    if case.find("skipped") is not None:
        return "skipped"
    return "passed"


def lane(case: ET.Element) -> str:
    for prop in case.iter("property"):
        if prop.get("name") == "lane":
            return prop.get("value", "?")
    return "?"  # e.g. a module that failed to import


def line(counts: Counter[str]) -> str:
    return f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"


def main(paths: list[str]) -> int:
    total: Counter[str] = Counter()
    print("== summary")
    for path in map(Path, paths):
        if not path.is_file():
            continue
        per_lane: dict[str, Counter[str]] = {}
        for case in ET.parse(path).getroot().iter("testcase"):
            per_lane.setdefault(lane(case), Counter())[outcome(case)] += 1
        for name, counts in sorted(per_lane.items()):
            print(f"{path.stem:<10} {name:<5} {line(counts)}")
            total.update(counts)
    if total["passed"] + total["failed"] == 0:
        print("no test ran: nothing was tested", file=sys.stderr)
        return 1
    print(f"total: {line(total)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
