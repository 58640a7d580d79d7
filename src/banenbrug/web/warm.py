"""Load every engine a request may need before the server takes requests.

Engines are built by setup and import (and cached on disk); here they are only read into memory,
so the first visitor waits no longer than the next. Each loader is named for the progress line.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def _search() -> None:
    from banenbrug.taxonomy.search_service import get_index
    from banenbrug.taxonomy.semantic_service import label_index

    for kind in ("occupation", "skill"):
        get_index(kind)
        label_index(kind)


def _model() -> None:
    from banenbrug.understanding.model import get_model

    model = get_model()
    if model is not None:
        model.queries(["warm"])  # the first call maps the weights into memory


def _transitions() -> None:
    from banenbrug.transitions.service import get_engine

    get_engine()


def _skills_from_text() -> None:
    from banenbrug.matching.service import text_skills

    text_skills()


def _skill_space() -> None:
    from banenbrug.matching.service import skill_space

    skill_space()


def _orientation() -> None:
    from banenbrug.orientation.catalogue import get

    get()


def _plans() -> None:
    import scipy.optimize  # noqa: F401 - the funding solver's import (~0.25 s), not the first plan's

    from banenbrug.plans.service import catalogue, schemes

    catalogue()
    schemes()


def _regions() -> None:
    from banenbrug.atlas import files_atlas

    files_atlas()  # municipalities, regions and centroids: every place and distance reads it


LOADERS: list[tuple[str, Callable[[], None]]] = [
    ("tekstmodel / text model", _model),
    ("zoekindex / search index", _search),
    ("overstappen / transitions", _transitions),
    ("vaardigheden uit tekst / skills from text", _skills_from_text),
    ("vaardighedenruimte matching / matching skill space", _skill_space),
    ("Ontdek-catalogus / orientation catalogue", _orientation),
    ("opleidingen en regelingen / plans catalogue", _plans),
    ("regio's / regions", _regions),
]


# What this process has loaded, for the readiness check (`/health`). Module state on purpose:
# `banenbrug serve` warms up in gunicorn's master before it forks, so every worker inherits it.
_warmed: dict[str, float] | None = None


def warm_up(report: Callable[[str, float], None] = lambda name, seconds: None) -> None:
    global _warmed
    seconds = {}
    for name, load in LOADERS:
        started = time.perf_counter()
        load()
        seconds[name] = time.perf_counter() - started
        report(name, seconds[name])
    _warmed = seconds


def mark_warm() -> None:
    """Ready with nothing loaded: there is no data yet, so there is no engine to build."""
    global _warmed
    _warmed = {}


def warmed() -> dict[str, float] | None:
    """Seconds per engine once every engine is loaded; None while cold (or warming)."""
    return None if _warmed is None else dict(_warmed)


def reset() -> None:
    """Back to cold (tests)."""
    global _warmed
    _warmed = None
