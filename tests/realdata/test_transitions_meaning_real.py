"""Transitions that see meaning, on the full ESCO data through the real command line: the
switches a Dutch career coach names first (tests/data/understanding/coach_switches.csv, written
by hand independently of the engine) must show up in the origin's unfiltered top 20.

The threshold is what a coach would accept of a tool that suggests where to look, fixed before
measuring: at least 60 % of the obvious switches in the first 20 suggestions (a coach reads a
page of 20; missing more than two in five would make the page untrustworthy). See
docs/transitions-engine.md, "Meaning".
"""

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import api_json

pytestmark = pytest.mark.realdata

COACH = Path(__file__).resolve().parents[1] / "data" / "understanding" / "coach_switches.csv"
SHARE_IN_TOP_20 = 0.60
OCC = "http://data.europa.eu/esco/occupation/"
PLUMBER = OCC + "ed3cf43d-c2c1-4c46-82fc-1375e27e0290"
HEAT_PUMP_TECHNICIAN = OCC + "8234eee9-1647-460d-8d62-7fe02cb884b0"  # refrigeration, a/c, heat pump


def _switches() -> dict[str, set[str]]:
    with COACH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_origin: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_origin[row["origin_uri"].strip()].add(row["target_uri"].strip())
    return by_origin


def _top(live_url, origin: str, top: int) -> list[str]:
    """The unfiltered top as every reader gets it (the CLI's is the same service: tested in
    test_transitions_real.py); asked of the live server, one question per origin."""
    return [t["uri"] for t in api_json(live_url, "/api/v1/transitions", **{"from": origin},
                                       top=top)["transitions"]]


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "not reached yet: 10 of 21 (48 %) with the meaning terms, 9 of 21 before "
    "(benchmarks/transitions_onet.py, docs/transitions-engine.md); strict, so it fails once met"))
def test_most_coach_switches_are_in_the_unfiltered_top_20(live_url):
    by_origin = _switches()
    total = sum(len(targets) for targets in by_origin.values())
    assert total >= 15
    found, missed = 0, []
    for origin, targets in by_origin.items():
        top = _top(live_url, origin, 20)
        found += len(targets & set(top))
        missed += [(origin, t) for t in targets if t not in top]
    assert found / total >= SHARE_IN_TOP_20, (found, total, missed)


@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "not reached yet: the heat-pump technician is 31st for a plumber; ESCO files it under ISCO "
    "3115, the plumber under 7126, and their skills overlap little (docs/transitions-engine.md)"))
def test_plumber_sees_the_heat_pump_technician_in_the_unfiltered_top_10(live_url):
    assert HEAT_PUMP_TECHNICIAN in _top(live_url, PLUMBER, 10)
