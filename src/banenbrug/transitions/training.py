"""Typical training for the skills a switch lacks, shown on the compare page.

The training catalogue belongs to plans, a layer above transitions: plans provides the finder
when Django starts (plans/apps.py), so transitions never imports plans. Without it the page
suggests no training.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Finder = Callable[[list[str]], list[dict[str, Any]]]
_provided: list[Finder] = []


def provide(finder: Finder) -> None:
    """Set the one finder (a second call replaces the first, as a reloaded app would)."""
    _provided[:] = [finder]


def typical_training(skill_uris: list[str]) -> list[dict[str, Any]]:
    return _provided[0](skill_uris) if _provided else []
