"""Engine caches under var/cache/: one file per data version, written atomically.

Every engine (search index, transition matrix, skill extractor) is built once per ESCO data
version; this is the one place that names, reuses, replaces and cleans up those files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from banenbrug.conf.paths import var_dir

T = TypeVar("T")


def load_or_build(
    name: str,
    version: str,
    suffix: str,
    *,
    load: Callable[[Path], T],
    build: Callable[[], T],
    save: Callable[[T, Path], None],
) -> T:
    """`<var>/cache/<name>-<version><suffix>` if it exists, else build, save and return it.

    Older versions of the same name are deleted; the file appears whole or not at all (written
    to a per-process temporary name, then renamed), so concurrent processes never read half.
    """
    folder = var_dir() / "cache"
    path = folder / f"{name}-{version}{suffix}"
    if path.exists():
        return load(path)
    made = build()
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{name}-*{Path(suffix).suffix}"):
        stale.unlink(missing_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    save(made, temporary)
    temporary.replace(path)
    return made
