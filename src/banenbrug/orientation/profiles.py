"""Interest profiles (RIASEC, O*NET's 1-7 scale) and job zones for ESCO occupations.

Through the official ESCO→O*NET crosswalk: an ESCO occupation that maps to several O*NET
occupations gets their average. One without a usable mapping borrows the average of the other
ESCO occupations in its ISCO unit group; failing that, the crosswalk's row for the unit group
itself. The source of every profile is kept so the interface can say when it is borrowed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from banenbrug.orientation.onet import RIASEC, OnetData

FloatArray = npt.NDArray[np.float64]


class Source(StrEnum):
    DIRECT = "direct"  # the occupation's own crosswalk rows
    ISCO_GROUP = "isco_group"  # borrowed from other ESCO occupations in the ISCO unit group
    ISCO_CROSSWALK = "isco_crosswalk"  # borrowed from the crosswalk row of the ISCO unit group
    NONE = "none"


@dataclass(frozen=True)
class OccupationRef:
    uri: str
    code: str  # ESCO code, e.g. "7411.1"
    isco: str  # ISCO-08 unit group, e.g. "7411"


@dataclass(frozen=True)
class ProfileTable:
    uris: tuple[str, ...]
    profiles: FloatArray  # (n, 6), nan where no profile
    job_zones: FloatArray  # (n,), average job zone, nan where unknown
    sources: tuple[Source, ...]
    onet_codes: tuple[tuple[str, ...], ...]  # the O*NET codes averaged (direct or borrowed)

    def index(self) -> dict[str, int]:
        return {uri: i for i, uri in enumerate(self.uris)}

    def counts(self) -> dict[str, int]:
        return {s.value: self.sources.count(s) for s in Source}


def _average(codes: Sequence[str], onet: OnetData) -> tuple[FloatArray | None, float]:
    usable = [onet.interests[c] for c in codes if c in onet.interests]
    zones = [onet.job_zones[c] for c in codes if c in onet.job_zones]
    profile = np.mean(usable, axis=0) if usable else None
    return profile, float(np.mean(zones)) if zones else float("nan")


def build_profiles(occupations: Sequence[OccupationRef], onet: OnetData) -> ProfileTable:
    by_code: dict[str, list[str]] = defaultdict(list)
    for esco_code, onet_code in onet.crosswalk:
        if onet_code not in by_code[esco_code]:
            by_code[esco_code].append(onet_code)
    n = len(occupations)
    profiles = np.full((n, len(RIASEC)), np.nan)
    zones = np.full(n, np.nan)
    sources = [Source.NONE] * n
    codes: list[tuple[str, ...]] = [()] * n
    for i, occ in enumerate(occupations):
        mapped = by_code.get(occ.code, []) if occ.code else []
        profile, zone = _average(mapped, onet)
        if profile is not None:
            profiles[i], zones[i], sources[i] = profile, zone, Source.DIRECT
            codes[i] = tuple(c for c in mapped if c in onet.interests)
    direct = [i for i in range(n) if sources[i] is Source.DIRECT]
    by_isco: dict[str, list[int]] = defaultdict(list)
    for i in direct:
        by_isco[occupations[i].isco].append(i)
    for i, occ in enumerate(occupations):
        if sources[i] is not Source.NONE:
            continue
        peers = by_isco.get(occ.isco, [])
        if peers:
            profiles[i] = profiles[peers].mean(axis=0)
            zones[i] = float(np.nanmean(zones[peers])) if np.isfinite(zones[peers]).any() \
                else float("nan")
            sources[i] = Source.ISCO_GROUP
            codes[i] = tuple(sorted({c for p in peers for c in codes[p]}))
            continue
        group_codes = by_code.get(occ.isco, [])
        profile, zone = _average(group_codes, onet)
        if profile is not None:
            profiles[i], zones[i], sources[i] = profile, zone, Source.ISCO_CROSSWALK
            codes[i] = tuple(c for c in group_codes if c in onet.interests)
    return ProfileTable(tuple(o.uri for o in occupations), profiles, zones, tuple(sources),
                        tuple(codes))
