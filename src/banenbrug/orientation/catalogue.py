"""The occupations Ontdek works with: ESCO occupations from the database, green/digital by the
shared rule, technical by technical.py, interest profiles and job zones from O*NET.

Built once per data version (the ESCO import's token plus the O*NET files' sizes and mtimes),
kept in memory and pickled under var/cache/, so pages and the CLI start fast.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from banenbrug.cache_files import load_or_build, load_pickle, save_pickle
from banenbrug.conf.paths import data_dir
from banenbrug.memo import Memo
from banenbrug.orientation import onet
from banenbrug.orientation.profiles import OccupationRef, ProfileTable, Source, build_profiles
from banenbrug.orientation.suggest import Candidates
from banenbrug.orientation.technical import is_technical
from banenbrug.taxonomy.green_digital import digital_mask, green_mask, policy_green_uris
from banenbrug.taxonomy.models import CollectionMembership, ImportRun, Occupation, OccupationSkill

CACHE_VERSION = 3
CORE_GREEN_SHARE = 0.3  # green enough to be suggested without being technical work
_memo = Memo()


class CatalogueUnavailable(RuntimeError):
    """No ESCO data in the database or no O*NET files: Ontdek cannot suggest anything."""


@dataclass(frozen=True)
class Catalogue:
    uris: tuple[str, ...]
    labels_nl: tuple[str, ...]
    labels_en: tuple[str, ...]
    isco: tuple[str, ...]
    green: npt.NDArray[np.bool_]
    digital: npt.NDArray[np.bool_]
    technical: npt.NDArray[np.bool_]
    table: ProfileTable
    candidate_rows: npt.NDArray[np.intp]  # catalogue row of each candidate
    candidates: Candidates
    index: dict[str, int] = field(repr=False)

    def label(self, row: int, lang: str) -> str:
        return (self.labels_nl[row] if lang == "nl" else "") or self.labels_en[row]

    def label_lang(self, row: int, lang: str) -> str:
        """The language the label is actually in (ESCO lacks some Dutch labels)."""
        return "nl" if lang == "nl" and self.labels_nl[row] else "en"

    def is_candidate(self, row: int) -> bool:
        return bool((self.green[row] or self.digital[row] or self.technical[row])
                    and self.table.sources[row] is not Source.NONE)


def onet_dir() -> Path:
    base = data_dir()
    folder = base / "onet" if base else None
    if folder is None or not folder.is_dir():
        raise CatalogueUnavailable("O*NET data not found: set BANENBRUG_DATA_DIR to the folder "
                                   "that holds onet/ (see docs/orientation.md)")
    return folder


def _key() -> str:
    version = ImportRun.data_version()
    if version == "empty":
        raise CatalogueUnavailable("no ESCO data in the database: run `banenbrug setup`")
    raw = f"{CACHE_VERSION}|{version}|{onet.data_key(onet_dir())}"
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def _digital_counts(ids: list[int]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    row = {pk: i for i, pk in enumerate(ids)}
    digital_skills = set(CollectionMembership.objects.filter(collection="digital")
                         .values_list("skill_id", flat=True))
    total = np.zeros(len(ids), np.int64)
    digital = np.zeros(len(ids), np.int64)
    for occ, skill in OccupationSkill.objects.filter(relation="essential").values_list(
            "occupation_id", "skill_id").iterator(chunk_size=20000):
        total[row[occ]] += 1
        digital[row[occ]] += skill in digital_skills
    return digital, total


def transition_relevance(uris: list[str], green_share: npt.NDArray[np.float64],
                         digital_n: npt.NDArray[np.int64], total_n: npt.NDArray[np.int64],
                         ) -> npt.NDArray[np.float64]:
    """1 for the action plan's bottleneck occupations; otherwise the green share relative to
    0.3 or the digital share of essential skills relative to 0.5, whichever is larger, capped."""
    listed = policy_green_uris()
    green = np.clip(np.nan_to_num(green_share, nan=0.0) / 0.3, 0, 1)
    digital = np.clip(digital_n / np.maximum(total_n, 1) / 0.5, 0, 1)
    policy = np.array([u in listed for u in uris], dtype=np.float64)
    result: npt.NDArray[np.float64] = np.maximum(policy, np.maximum(green, digital))
    return result


def build() -> Catalogue:
    occupations = list(Occupation.objects.order_by("uri").values_list(
        "id", "uri", "code", "isco_code", "label_nl", "label_en", "green_share"))
    uris = [o[1] for o in occupations]
    share = np.array([np.nan if o[6] is None else o[6] for o in occupations])
    digital_n, total_n = _digital_counts([o[0] for o in occupations])
    green = green_mask(uris, share)
    digital = digital_mask(digital_n, total_n)
    table = build_profiles([OccupationRef(o[1], o[2], o[3]) for o in occupations],
                           onet.read_onet(onet_dir()))
    relevance = transition_relevance(uris, share, digital_n, total_n)
    isco = tuple(o[3] for o in occupations)
    technical = np.array([is_technical(uris[i], isco[i], bool(green[i] or digital[i]))
                          for i in range(len(uris))], dtype=bool)
    core = np.isin(uris, list(policy_green_uris())) | (np.nan_to_num(share) >= CORE_GREEN_SHARE)
    rows = np.array([i for i in range(len(uris)) if (green[i] or digital[i] or technical[i])
                     and table.sources[i] is not Source.NONE], dtype=np.intp)
    candidates = Candidates(
        uris=tuple(uris[i] for i in rows), profiles=table.profiles[rows],
        isco=tuple(isco[i] for i in rows), green=green[rows], digital=digital[rows],
        borrowed=np.array([table.sources[i] is not Source.DIRECT for i in rows], dtype=bool),
        relevance=relevance[rows], technical=technical[rows], core=core[rows])
    return Catalogue(tuple(uris), tuple(o[4] for o in occupations),
                     tuple(o[5] for o in occupations), isco, green, digital, technical, table, rows,
                     candidates, {uri: i for i, uri in enumerate(uris)})


def get() -> Catalogue:
    """The current catalogue: from memory, else the var/ cache, else built (and cached)."""
    key = _key()
    catalogue: Catalogue = _memo.get("catalogue", key, lambda: load_or_build(
        "orientation", key, f"-v{CACHE_VERSION}.pickle", load=load_pickle, build=build,
        save=save_pickle))
    return catalogue
