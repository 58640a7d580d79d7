"""The example set: fictional initiatives, tables, pledges and RES targets, marked as examples."""

from __future__ import annotations

from pathlib import Path

from banenbrug.registry.exchange import ImportReport, import_file

EXAMPLES = Path(__file__).parent / "data" / "examples.json"


def load_examples(path: Path = EXAMPLES) -> ImportReport:
    """Import the example set (idempotent: records are matched on their keys)."""
    return import_file(path)
