"""Nearest concepts by embedding similarity: texts (labels, descriptions) owned by concepts.

A concept scores as its best text, like the lexical index. e5 cosines crowd into a narrow band
(unrelated short texts still score ~0.75), so `calibrate` maps the band onto 0..1 before a
caller blends it with lexical scores; its two anchors are tuned on the dev sets
(docs/understanding.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from banenbrug.understanding.model import Vectors

FLOOR, CEILING = 0.80, 0.95  # e5-small cosine treated as "unrelated" and "the same meaning"


def calibrate(cosine: npt.NDArray[np.float32] | float,
              floor: float = FLOOR, ceiling: float = CEILING) -> npt.NDArray[np.float32]:
    scaled: npt.NDArray[np.float32] = np.clip(
        (np.asarray(cosine, dtype=np.float32) - floor) / (ceiling - floor), 0, 1)
    return scaled


@dataclass(frozen=True)
class Near:
    concept: int
    cosine: float
    row: int  # the text that matched


class SemanticIndex:
    """Immutable: one float32 row per text, `owners[i]` the concept of `texts[i]`."""

    def __init__(self, owners: Sequence[int] | npt.NDArray[np.int64], vectors: Vectors,
                 texts: Sequence[str] = ()) -> None:
        owners = np.asarray(owners, dtype=np.int64)
        if len(owners) != len(vectors) or len(texts) not in (0, len(owners)):
            raise ValueError("one owner (and text, if any) per vector")
        order = np.argsort(owners, kind="stable")  # a concept's texts side by side: reduceat
        self.owners = owners[order]
        self.vectors = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32)[order])
        self.texts = [texts[i] for i in order] if len(texts) else []
        self.concepts, self._starts = np.unique(self.owners, return_index=True)

    def __len__(self) -> int:
        return len(self.owners)

    def cosines(self, query: Vectors) -> npt.NDArray[np.float32]:
        return np.asarray(self.vectors @ np.asarray(query, dtype=np.float32).ravel())

    def nearest(self, query: Vectors, limit: int = 50) -> list[Near]:
        """The `limit` best concepts, best first (each once, as its best text)."""
        if not len(self.owners) or limit <= 0:
            return []
        cos = self.cosines(query)
        pool = min(len(cos), limit * 8)  # several texts per concept: over-fetch, then dedupe
        rows = np.argpartition(-cos, pool - 1)[:pool]
        rows = rows[np.argsort(-cos[rows], kind="stable")]
        out: list[Near] = []
        seen: set[int] = set()
        for row in rows:
            concept = int(self.owners[row])
            if concept not in seen:
                seen.add(concept)
                out.append(Near(concept, float(cos[row]), int(row)))
                if len(out) == limit:
                    break
        return out

    def best_per_concept(self, query: Vectors, n_concepts: int) -> npt.NDArray[np.float32]:
        """Each concept's best cosine (-1 where it has no text), indexed by concept."""
        best: npt.NDArray[np.float32] = self.best_per_concept_many(np.atleast_2d(query),
                                                                   n_concepts)[0]
        return best

    def best_per_concept_many(self, queries: Vectors,
                              n_concepts: int) -> npt.NDArray[np.float32]:
        """Rows of `best_per_concept` for many queries in one matrix product."""
        best = np.full((len(queries), n_concepts), -1.0, dtype=np.float32)
        if len(self.owners) and len(queries):
            cos = np.asarray(queries, dtype=np.float32) @ self.vectors.T
            best[:, self.concepts] = np.maximum.reduceat(cos, self._starts, axis=1)
        return best
