"""Problems and warnings as codes with parameters, so the pure engine stays free of Django.

The app renders them in the reader's language (`messages.py`); `str()` gives an English
fallback for scripts and benchmarks that run without Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Issue:
    """A warning the reader must see next to the estimate."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code}: {self.params}" if self.params else self.code


class EvaluationError(ValueError):
    """Input or data that must not produce a number (bad column, no overlap, tiny groups...)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        details = ", ".join(f"{k}={v}" for k, v in params.items())
        super().__init__(f"{code}: {details}" if details else code)
