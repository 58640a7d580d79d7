"""Values built once per version and kept in memory: engines, indexes, catalogues.

A `Memo` holds, per name, the value for the latest version only. The first caller for a new
version builds it under the lock (re-entrant: a builder may need another memoised value, as
the skill extractor needs the skill space); later callers read it without locking. Tests
`clear()` a memo to start cold. `Recent` keeps the last answers of a function per input.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
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


class Recent:
    """The last `size` results of a costly function, per input, for one version at a time.

    For answers people ask for again and again (the same job title searched, the same
    occupation's transitions): the engines are pure functions of the input and the data
    version, so a repeated question gets the answer computed before. A new version empties it
    (a new import may change every answer). Building happens outside the lock: two threads that
    ask the same new question at once both compute it, which costs less than making one wait.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._version: Hashable = None
        self._held: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, version: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if version == self._version and key in self._held:
                self._held.move_to_end(key)
                found: T = self._held[key]
                return found
        value = build()
        with self._lock:
            if version != self._version:
                self._held.clear()
                self._version = version
            self._held[key] = value
            while len(self._held) > self.size:
                self._held.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._held.clear()
