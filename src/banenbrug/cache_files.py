"""Engine caches under var/cache/: one file per data version, written atomically.

Every engine (search index, transition matrix, skill extractor) is built once per ESCO data
version; this is the one place that names, reuses, replaces and cleans up those files.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

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
    keep: Callable[[T], bool] = lambda made: True,
) -> T:
    """`<var>/cache/<name>-<version><suffix>` if it exists, else build, save and return it.

    `keep(made)` False: return it without saving (an engine built from incomplete inputs, which
    the next process should build again rather than load).

    Older versions of the same name are deleted; the file appears whole or not at all (written
    to a per-process temporary name, then renamed), so concurrent processes never read half. A
    file that cannot be loaded is rebuilt.
    """
    folder = var_dir() / "cache"
    path = folder / f"{name}-{version}{suffix}"
    if path.exists():
        try:
            return load(path)
        except (OSError, EOFError, ValueError, AttributeError, pickle.UnpicklingError):
            pass  # a damaged or outdated file is rebuilt, not an error
    made = build()
    if not keep(made):
        return made
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{name}-*{Path(suffix).suffix}"):
        stale.unlink(missing_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    save(made, temporary)
    temporary.replace(path)
    return made


def load_pickle(path: Path) -> Any:
    """Our own cache files only (pickle runs code from the file it reads)."""
    with path.open("rb") as handle:
        return pickle.load(handle)


def save_pickle(value: Any, path: Path) -> None:
    with path.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
