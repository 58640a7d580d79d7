"""Filesystem locations, resolved from environment variables with safe defaults.

Kept free of Django so the CLI and benchmarks can use it before settings load.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def var_dir() -> Path:
    """Writable state (SQLite database, engine caches); `BANENBRUG_VAR_DIR` or `var/`."""
    path = Path(os.environ.get("BANENBRUG_VAR_DIR", PROJECT_ROOT / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path | None:
    """Where the public reference data lives: `BANENBRUG_DATA_DIR`, else `../shared/data`."""
    explicit = os.environ.get("BANENBRUG_DATA_DIR")
    if explicit:
        return Path(explicit)
    default = PROJECT_ROOT.parent / "shared" / "data"
    return default if default.is_dir() else None
