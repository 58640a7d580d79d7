"""Cutting a CV or vacancy into the pieces that can state a skill, and masking what cannot.

A CV is lines and bullets more than prose. Each line is split into sentences, a long sentence
into clauses at semicolons and commas (only when both sides are long enough to mean something
alone). Lines that carry personal data (name, address, phone, e-mail, birth date) are dropped
before anything looks at them: no skill may come from who or where a person is.

`proper_nouns` finds the capitalised words that are names of people, places or companies: a
capitalised word is a name unless the vocabulary of known terms (ESCO labels that are written
capitalised: Python, Java, AutoCAD, SQL) has it, or it only starts a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_WORDS = 28  # a clause longer than this is cut into windows: one vector cannot hold more

_LINES = re.compile(r"[\r\n]+|\s*[•·▪●◦■►✓*]\s+|\s+[-–—]\s+|\t+|\s*\|\s*")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý])|;\s*")
_WORD = re.compile(r"[^\W_]+(?:[+#]+)?(?:[-'’][^\W_]+)*")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_PHONE = re.compile(r"(?:\+31|\b0)[\s-]?(?:\d[\s-]?){8,10}\b")
_POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\blinkedin\.com\S*", re.IGNORECASE)
_PERSONAL_KEYS = re.compile(
    r"^\s*(?:naam|name|voornaam|achternaam|adres|address|woonplaats|plaats|city|postcode|"
    r"telefoon|tel|mobiel|phone|e-?mail|geboortedatum|geboren|date of birth|born|"
    r"nationaliteit|nationality|burgerlijke staat|linkedin|website|contact)\b\s*[:.-]",
    re.IGNORECASE)
_PARTICLES = "de van der den het ter ten te el al bin ben von du da di le la op in 't"
_NAME_PARTICLES = frozenset(_PARTICLES.split())


def personal(line: str) -> bool:
    """A line that says who or where someone is (or how to reach them), not what they can do."""
    if _PERSONAL_KEYS.match(line) or _EMAIL.search(line) or _PHONE.search(line):
        return True
    if _POSTCODE.search(line) or _URL.search(line):
        return True
    words = _WORD.findall(line)
    # "Mark de Vries", "Fatima El Amrani": a short line of capitalised words and particles
    return 1 < len(words) <= 5 and all(
        w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words) and any(
        w.casefold() not in _NAME_PARTICLES for w in words) and not line.rstrip().endswith(":")


def segments(text: str) -> list[str]:
    """The clauses of a text that may state skills, in order, personal lines left out."""
    out: list[str] = []
    for line in _LINES.split(text):
        line = line.strip(" \t-–—:;,.")
        if len(line) < 3 or personal(line):
            continue
        for sentence in _SENTENCES.split(line):
            out.extend(_windows(sentence.strip(" ,.")))
    return [s for s in out if _WORD.search(s)]


def _windows(sentence: str) -> Iterable[str]:
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        if words:
            yield sentence
        return
    step = MAX_WORDS * 2 // 3  # overlapping windows keep a skill phrase whole in one of them
    for start in range(0, len(words) - MAX_WORDS // 3, step):
        yield " ".join(words[start : start + MAX_WORDS])


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def proper_nouns(clause: str, known: frozenset[str]) -> set[str]:
    """Capitalised words of `clause` that name someone or something (never a skill).

    `known` holds the casefolded words that ESCO itself writes capitalised (tools, languages,
    standards): those stay. A capitalised first word is ordinary Dutch or English capitalisation.
    """
    found: set[str] = set()
    for i, word in enumerate(_WORD.findall(clause)):
        if not word[:1].isupper() or word.casefold() in known:
            continue
        if i == 0 and not word[1:].isupper():
            continue  # "Installeren van ...": a sentence start, not a name
        if len(word) > 1 and word.isupper():
            continue  # acronyms (NEN, VCA, BHV) are kept: they name standards, not people
        found.add(word)
    return found
