"""Values built once per version and kept in memory: engines, indexes, catalogues.

A `Memo` holds, per name, the value for the latest version only. The first caller for a new
version builds it under the lock (re-entrant: a builder may need another memoised value, as
the skill extractor needs the skill space); later callers read it without locking. Tests
`clear()` a memo to start cold.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._held: dict[str, tuple[Hashable, Any]] = {}

    def get(self, name: str, version: Hashable, build: Callable[[], T]) -> T:
        held = self._held.get(name)
        if held is None or held[0] != version:
            with self._lock:
                held = self._held.get(name)
                if held is None or held[0] != version:
                    held = (version, build())
                    self._held[name] = held
        value: T = held[1]
        return value

    def clear(self) -> None:
        with self._lock:
            self._held.clear()
