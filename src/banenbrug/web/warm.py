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


LOADERS: list[tuple[str, Callable[[], None]]] = [
    ("tekstmodel / text model", _model),
    ("zoekindex / search index", _search),
    ("overstappen / transitions", _transitions),
    ("vaardigheden uit tekst / skills from text", _skills_from_text),
]


def warm_up(report: Callable[[str, float], None] = lambda name, seconds: None) -> None:
    for name, load in LOADERS:
        started = time.perf_counter()
        load()
        report(name, time.perf_counter() - started)
