"""Judge transition rankings against O*NET's related occupations (an outside reference).

An ESCO occupation maps to O*NET-SOC codes through the official crosswalk. Its "related" ESCO
occupations are those mapped to the ``Primary-Short`` related O*NET occupations of its own codes,
minus the ESCO occupations that share an O*NET code with it: O*NET says nothing about those, so
they are neither counted as related nor allowed to take a place in the ranking being judged.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from banenbrug.transitions.engine import TaxonomyArrays, _incidence


@dataclass(frozen=True)
class Reference:
    related: list[frozenset[int]]  # per ESCO occupation: related ESCO occupations
    excluded: list[frozenset[int]]  # per ESCO occupation: itself and same-O*NET-code occupations

    @property
    def evaluable(self) -> list[int]:
        return [i for i, r in enumerate(self.related) if r]


@dataclass(frozen=True)
class Metrics:
    hit: float  # share of origins with at least one related occupation in the top k
    precision: float  # mean share of the top k that is related
    mrr: float  # mean reciprocal rank of the first related occupation (0 beyond k)
    n: int  # evaluable origins


def read_crosswalk(path: Path) -> dict[str, set[str]]:
    """ESCO code -> O*NET-SOC codes, from the official xlsx (header on the 4th row)."""
    import openpyxl  # only the benchmark needs it

    wb = openpyxl.load_workbook(path, read_only=True)
    out: dict[str, set[str]] = defaultdict(set)
    for row in wb.active.iter_rows(min_row=5, values_only=True):
        if row and row[0] and row[2]:
            out[str(row[0]).strip()].add(str(row[2]).strip())
    wb.close()
    return out


def read_related(path: Path, tier: str = "Primary-Short") -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["Relatedness Tier"] == tier:
                out[r["O*NET-SOC Code"]].add(r["Related O*NET-SOC Code"])
    return out


def build_reference(
    occupation_codes: Sequence[str],
    crosswalk: dict[str, set[str]],
    related: dict[str, set[str]],
) -> Reference:
    onet = [crosswalk.get(c, set()) for c in occupation_codes]
    by_onet: dict[str, set[int]] = defaultdict(set)
    for i, codes in enumerate(onet):
        for c in codes:
            by_onet[c].add(i)
    rel_out: list[frozenset[int]] = []
    exc_out: list[frozenset[int]] = []
    for i, codes in enumerate(onet):
        same = {i}.union(*(by_onet[c] for c in codes))
        targets = set().union(*(related.get(c, set()) for c in codes))
        rel = set().union(*(by_onet[t] for t in targets)) - same
        rel_out.append(frozenset(rel))
        exc_out.append(frozenset(same))
    return Reference(rel_out, exc_out)


def load_reference(data_dir: str | Path, occupation_codes: Sequence[str]) -> Reference:
    onet = Path(data_dir) / "onet"
    return build_reference(
        occupation_codes,
        read_crosswalk(onet / "ESCO_to_ONET-SOC.xlsx"),
        read_related(onet / "Related Occupations.txt"),
    )


def ranked(
    matrix: npt.NDArray[np.float32], origin: int, exclude: frozenset[int], k: int
) -> list[int]:
    """Top-k destinations of one row, ``exclude`` left out; score desc, index asc on ties."""
    row = matrix[origin].astype(np.float64, copy=True)
    row[list(exclude)] = -np.inf
    cand = np.argpartition(-row, k)[: k + 1]
    cand = cand[np.lexsort((cand, -row[cand]))]
    return [int(c) for c in cand[:k] if np.isfinite(row[c])]


def split_origins(uris: Sequence[str], ref: Reference) -> tuple[list[int], list[int]]:
    """(dev, test): the evaluable origins split in two by a hash of the origin's URI, so the
    split is the same on every run and machine and does not depend on the occupations' order.
    Weights are chosen on dev; figures are reported on test."""
    dev: list[int] = []
    test: list[int] = []
    for o in ref.evaluable:
        (dev if hashlib.sha1(uris[o].encode()).digest()[0] % 2 == 0 else test).append(o)
    return dev, test


def evaluate(
    matrix: npt.NDArray[np.float32],
    ref: Reference,
    k: int = 10,
    origins: Sequence[int] | None = None,
) -> Metrics:
    """Top-k metrics over ``origins`` (default: every evaluable origin)."""
    hits, precs, rrs = [], [], []
    for o in ref.evaluable if origins is None else origins:
        top = ranked(matrix, o, ref.excluded[o], k)
        good = [d in ref.related[o] for d in top]
        hits.append(any(good))
        precs.append(sum(good) / k)
        rrs.append(1.0 / (good.index(True) + 1) if any(good) else 0.0)
    n = len(hits)
    return Metrics(float(np.mean(hits)), float(np.mean(precs)), float(np.mean(rrs)), n)


def baseline_matrix(
    arrays: TaxonomyArrays, optional_weight: float = 0.5
) -> npt.NDArray[np.float32]:
    """Plain baseline: cosine of IDF-weighted skill vectors (essential 1, optional 0.5)."""
    n, s = len(arrays.occupation_uris), len(arrays.skill_uris)
    ess = _incidence(arrays.essential, (n, s))
    opt = _incidence(arrays.optional, (n, s))
    vec = ess.maximum(opt * np.float32(optional_weight)).tocsr()
    df = np.asarray((vec > 0).sum(axis=0)).ravel()
    idf = np.where(df > 0, np.log(n / np.maximum(df, 1)), 0.0).astype(np.float32)
    vec = (vec @ sp.diags(idf)).tocsr()
    norm = np.sqrt(np.asarray(vec.multiply(vec).sum(axis=1)).ravel())
    vec = (sp.diags(1.0 / np.maximum(norm, 1e-9)) @ vec).tocsr()
    return np.asarray((vec @ vec.T).toarray(), dtype=np.float32)


def related_rate_by_score(
    matrix: npt.NDArray[np.float32], ref: Reference, edges: Sequence[float]
) -> list[tuple[float, float, int]]:
    """Over all (evaluable origin, destination) pairs outside the excluded ones: per score bin
    [edges[i], edges[i+1]) the share that O*NET calls related, and the number of pairs."""
    origins = np.array(ref.evaluable)
    mask = np.ones((len(origins), matrix.shape[1]), dtype=bool)
    rel = np.zeros_like(mask)
    for row, o in enumerate(origins):
        mask[row, list(ref.excluded[o])] = False
        rel[row, list(ref.related[o])] = True
    sc = matrix[origins]
    out = []
    for lo, hi in itertools.pairwise(edges):
        m = mask & (sc >= lo) & (sc < hi)
        out.append((float(lo), float(rel[m].mean()) if m.any() else float("nan"), int(m.sum())))
    return out


def top_k_scores(matrix: npt.NDArray[np.float32], k: int = 10) -> npt.NDArray[np.float32]:
    """All scores that make an occupation's top k (itself left out)."""
    m = matrix.copy()
    np.fill_diagonal(m, -np.inf)
    return np.sort(np.partition(-m, k - 1, axis=1)[:, :k] * -1, axis=None)
