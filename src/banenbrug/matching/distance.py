"""Straight-line distance between places and what it does to a match. Pure numpy.

Places are municipality centroids (src/banenbrug/atlas.py) in degrees; NaN means unknown. The decay
(docs/matching.md, "Distance"): a distance up to ``free_km`` fits fully (centroids of
neighbouring municipalities lie about that far apart, so it says "about here"), beyond it the
fit halves every ``half_km``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def haversine_km(lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike,
                 lon2: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Great-circle distance in km, elementwise with broadcasting; NaN where a side is NaN."""
    p1, l1, p2, l2 = (np.radians(np.asarray(a, dtype=np.float64))
                      for a in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    out: npt.NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    return out


def distance_fit(km: npt.NDArray[Any], free_km: float, half_km: float) -> npt.NDArray[np.float32]:
    """1 up to ``free_km``, then halving every ``half_km``: monotone, never below 0."""
    over = np.maximum(np.asarray(km, dtype=np.float64) - free_km, 0.0)
    out: npt.NDArray[np.float32] = np.power(0.5, over / half_km).astype(np.float32)
    return out
