"""Compile the project's .po files to .mo in pure Python (no GNU gettext needed on the machine)."""

from pathlib import Path

import polib

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # project locale/ and each app's locale/


def compile_messages() -> list[Path]:
    """(Re)compile every .po whose .mo is missing or older; returns the files written."""
    written = []
    for po_path in PACKAGE_DIR.rglob("locale/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written
