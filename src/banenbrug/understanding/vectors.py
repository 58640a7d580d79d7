"""Passage vectors cached on disk per model, keyed by the text itself.

Embedding every ESCO label takes minutes, and most labels survive a new data version, so the
cache is content-addressed (SHA-1 of the text) rather than versioned: an import re-embeds only
the labels it added or changed. Vectors are stored as float16 (half the disk, cosine error
~1e-3) in append-only shards written atomically; an interrupted build keeps every finished
shard. Several processes may build at once: shards have unique names and duplicates are
harmless.

A vector depends only on the model and the text, so, like pip's cache, one folder per user
serves every checkout, the tests and the demo: `BANENBRUG_VECTOR_CACHE`, else
`$XDG_CACHE_HOME/banenbrug/vectors` (`~/.cache/banenbrug/vectors`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from banenbrug.understanding.model import TextModel, Vectors

CACHE_SETTING = "BANENBRUG_VECTOR_CACHE"
BATCH = 64  # texts per model call: large enough to keep the engine busy, small for progress
SHARD = 4096  # vectors per shard file
Progress = Callable[[int, int], None]  # (done, total)


def cache_folder(model: TextModel) -> Path:
    root = os.environ.get(CACHE_SETTING)
    if not root:
        user_cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        root = str(Path(user_cache) / "banenbrug" / "vectors")
    return Path(root) / model.name


KEY_BYTES = 20  # a SHA-1 digest


def text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf-8")).digest()


class VectorCache:
    """All cached vectors of one model, in memory: key -> row of one float16 matrix."""

    def __init__(self, model: TextModel, folder: Path | None = None) -> None:
        self.model = model
        self.folder = folder or cache_folder(model)
        self._rows: dict[bytes, int] = {}
        self._parts: list[npt.NDArray[np.float16]] = []
        self._size = 0
        self._read: set[str] = set()
        self._read_new_shards()

    def _read_new_shards(self) -> None:
        for shard in sorted(self.folder.glob("shard-*.npz")):
            if shard.name in self._read:
                continue
            self._read.add(shard.name)
            try:
                with np.load(shard) as stored:
                    keys, vectors = stored["keys"], stored["vectors"]
            except (OSError, ValueError, KeyError):
                continue  # a damaged shard only costs re-embedding its texts
            self._add(list(keys), vectors)

    def __len__(self) -> int:
        return len(self._rows)

    def _add(self, keys: Sequence[bytes], vectors: npt.NDArray[np.float16]) -> None:
        for offset, key in enumerate(keys):
            # numpy's fixed-width bytes ("S20") drop trailing NUL bytes: a digest that ends in
            # 0x00 (1 in 256) comes back shorter, and its text would never be found again
            self._rows.setdefault(bytes(key).ljust(KEY_BYTES, b"\0"), self._size + offset)
        self._parts.append(vectors)
        self._size += len(keys)

    def _matrix(self) -> npt.NDArray[np.float16]:
        if len(self._parts) > 1:
            self._parts = [np.concatenate(self._parts)]
        return self._parts[0] if self._parts else np.zeros((0, self.model.dim), np.float16)

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The distinct texts that have no vector yet, in first-seen order."""
        return [t for t in dict.fromkeys(texts) if text_key(t) not in self._rows]

    def lookup(self, texts: Sequence[str]) -> tuple[Vectors, npt.NDArray[np.bool_]]:
        """Vectors for `texts` (float32, zero rows where none is cached) and which were found.
        Never computes: a request must not wait for embedding."""
        rows = np.array([self._rows.get(text_key(t), -1) for t in texts], dtype=np.int64)
        found = rows >= 0
        out = np.zeros((len(texts), self.model.dim), dtype=np.float32)
        if found.any():
            out[found] = self._matrix()[rows[found]].astype(np.float32)
        return out, found

    def fill(self, texts: Sequence[str], progress: Progress | None = None) -> int:
        """Embed and store every text that has no vector yet; returns how many were embedded.
        One builder per folder at a time (a file lock): a second one waits, then reads what the
        first wrote instead of embedding the same texts again."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._read_new_shards()
            return self._fill(self.missing(texts), progress)

    def _fill(self, todo: list[str], progress: Progress | None) -> int:
        done = 0
        for start in range(0, len(todo), SHARD):
            chunk = todo[start : start + SHARD]
            parts = []
            for b in range(0, len(chunk), BATCH):
                parts.append(self.model.passages(chunk[b : b + BATCH]))
                done += len(chunk[b : b + BATCH])
                if progress:
                    progress(done, len(todo))
            vectors = np.concatenate(parts).astype(np.float16)
            keys = np.array([text_key(t) for t in chunk], dtype=f"S{KEY_BYTES}")
            self._write_shard(keys, vectors)
            self._add(list(keys), vectors)
        return len(todo)

    def _write_shard(self, keys: npt.NDArray[np.bytes_], vectors: npt.NDArray[np.float16]) -> None:
        name = f"shard-{uuid.uuid4().hex}"
        temporary = self.folder / f"{name}.{os.getpid()}.tmp.npz"
        np.savez(temporary, keys=keys, vectors=vectors)
        temporary.replace(self.folder / f"{name}.npz")
