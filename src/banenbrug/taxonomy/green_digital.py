"""Which occupations count as green or digital: one rule, used by every pillar.

- green: ESCO's own green share (share of an occupation's skills that are green) is at least
  GREEN_SHARE_MIN (the top decile of occupations), or the occupation is on the short list of
  energy-transition occupations named in Dutch policy (data/transition_occupations.csv, each
  with its source), which ESCO's share misses by a hair (heat pump technician: 0.098).
- digital: at least DIGITAL_SHARE_MIN of its essential skills are in ESCO's digital collection.
Measured counts and the reasoning are in docs/transitions-engine.md.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

GREEN_SHARE_MIN = 0.10
DIGITAL_SHARE_MIN = 0.25
POLICY_LIST = Path(__file__).parent / "data" / "transition_occupations.csv"


@cache
def policy_green_uris() -> frozenset[str]:
    with POLICY_LIST.open(encoding="utf-8") as handle:
        return frozenset(row["uri"] for row in csv.DictReader(handle))


def green_mask(uris: list[str], green_share: npt.NDArray[np.floating]) -> npt.NDArray[np.bool_]:
    """Green per occupation; `green_share` is nan where ESCO gives none (then computed upstream)."""
    listed = policy_green_uris()
    share = np.nan_to_num(np.asarray(green_share, dtype=np.float64), nan=0.0)
    return (share >= GREEN_SHARE_MIN) | np.fromiter((u in listed for u in uris), bool, len(uris))


def digital_mask(
    digital_essential: npt.NDArray[np.integer], essential_total: npt.NDArray[np.integer]
) -> npt.NDArray[np.bool_]:
    total = np.maximum(np.asarray(essential_total), 1)
    return (np.asarray(digital_essential) / total) >= DIGITAL_SHARE_MIN


def is_green(uri: str, green_share: float | None) -> bool:
    return bool(green_mask([uri], np.array([np.nan if green_share is None else green_share]))[0])


def is_digital(digital_essential: int, essential_total: int) -> bool:
    return bool(digital_mask(np.array([digital_essential]), np.array([essential_total]))[0])
