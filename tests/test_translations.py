"""The English catalogues: every entry once and translated. Branches append to the same .po
files and git keeps both sides of such a merge (.gitattributes: merge=union), so a message
added on two branches would be listed twice: this test catches it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "banenbrug"
CATALOGUES = sorted(PACKAGE.rglob("locale/en/LC_MESSAGES/django.po"))


def test_every_app_with_a_catalogue_is_found():
    assert len(CATALOGUES) >= 10


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(PACKAGE).parts[0])
def test_each_message_is_listed_once_and_translated(path):
    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    twice = [key for key, n in Counter((e.msgctxt, e.msgid) for e in entries).items() if n > 1]
    assert twice == []
    untranslated = [e.msgid for e in entries
                    if not (e.msgstr or any(e.msgstr_plural.values()))]
    assert untranslated == []
