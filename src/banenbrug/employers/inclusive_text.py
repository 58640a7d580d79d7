"""Inclusive vacancy texts: flag gender-coded and exclusionary wording, diploma and experience
demands that screen out side-entrants, and a missing part-time option. Pure (no Django).

Never a verdict, never a block: every finding says why it matters and what to write instead.
The word list is ``data/inclusive_wording.csv`` (documented in docs/employers.md with the
research each category follows); a row is a word, a prefix (``stem*``) or a regular expression,
in ``nl``, ``en`` or ``any`` language. A text is checked with the rows of its own language
(told apart by common function words), so an English stem never fires inside a Dutch word.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

WORD_LIST = Path(__file__).parent / "data" / "inclusive_wording.csv"
MAX_TEXT = 20000
CATEGORIES = ("masculine", "feminine", "age", "origin", "appearance", "health", "binary",
              "diploma", "experience", "legal", "part_time", "full_time")
# Categories that are findings to reconsider; feminine words only count towards the balance
# (Gaucher et al. found they did not put men off), legal certificates and part-time words only
# inform the other checks.
FLAGGED = ("masculine", "age", "origin", "appearance", "health", "binary", "diploma",
           "experience")

_NL = frozenset(("de", "het", "een", "en", "van", "je", "jij", "wij", "we", "ons", "onze", "is",
                 "zijn", "met", "voor", "op", "te", "bij", "ook", "naar", "wat", "als", "niet",
                 "of", "dat", "die", "deze", "er", "uur", "werk"))
_EN = frozenset(("the", "a", "an", "and", "of", "you", "we", "our", "is", "are", "with", "for",
                 "on", "to", "at", "also", "what", "as", "not", "or", "that", "this", "these",
                 "be", "will", "work", "hours"))

MESSAGES: dict[str, tuple[str, str]] = {
    "masculine": (
        "Mannelijk gecodeerd woord. Vacatures met zulke woorden spreken vrouwen minder aan: ze "
        "verwachten er minder bij te horen (Gaucher, Friesen & Kay, 2011). Het werk verandert "
        "niet als je het anders zegt.",
        "Masculine-coded word. Adverts with such words appeal less to women, who expect to "
        "belong less (Gaucher, Friesen & Kay, 2011). The job stays the same if you say it "
        "differently."),
    "age": (
        "Verwijst naar leeftijd. Onderscheid naar leeftijd bij werving is verboden (Wet "
        "gelijke behandeling op grond van leeftijd bij de arbeid) en houdt ervaren "
        "zij-instromers weg.",
        "Refers to age. Age distinctions in recruitment are unlawful in the Netherlands (Equal "
        "Treatment in Employment (Age Discrimination) Act) and keep experienced career "
        "switchers away."),
    "origin": (
        "Een eis als 'moedertaal' of 'native speaker' maakt onderscheid naar afkomst; het "
        "College voor de Rechten van de Mens ziet dat als verboden (indirect) onderscheid, "
        "tenzij het werk het echt vraagt. Noem het taalniveau dat nodig is.",
        "A 'native speaker' demand distinguishes by origin; the Netherlands Institute for Human "
        "Rights sees that as unlawful (indirect) distinction unless the work truly needs it. "
        "Name the language level that is needed."),
    "appearance": (
        "Eisen aan uiterlijk sluiten mensen uit zonder dat het werk erom vraagt "
        "(Algemene wet gelijke behandeling).",
        "Demands on appearance exclude people without the work needing it (Dutch General Equal "
        "Treatment Act)."),
    "health": (
        "Vragen naar gezondheid mag bij werving alleen als het werk bijzondere eisen stelt (Wet "
        "op de medische keuringen). Beschrijf wat het werk fysiek vraagt.",
        "Asking about health in recruitment is allowed only where the work makes special "
        "demands (Dutch Medical Examinations Act). Describe what the work asks physically."),
    "binary": (
        "'(m/v)' en 'hij/zij' laten non-binaire mensen buiten; de Taalunie raadt '(v/m/x)' of "
        "de lezer direct aanspreken aan.",
        "'(m/f)' and 'he/she' leave out non-binary people; the Dutch Language Union advises "
        "'(f/m/x)' or addressing the reader directly."),
    "diploma": (
        "Een diploma-eis houdt zij-instromers tegen die de vaardigheden wel hebben. Vraag om "
        "de vaardigheden (of 'aantoonbaar gelijkwaardige ervaring'), tenzij de wet een "
        "diploma eist.",
        "A diploma demand stops career switchers who do have the skills. Ask for the skills "
        "(or 'equivalent experience'), unless the law demands a diploma."),
    "experience": (
        "Een aantal jaren ervaring zegt weinig over wat iemand kan en sluit zij-instromers en "
        "herintreders uit. Noem wat iemand moet kunnen.",
        "A number of years of experience says little about what someone can do and excludes "
        "career switchers and returners. Name what the person must be able to do."),
    "part_time": (
        "Deeltijd staat niet open of wordt niet genoemd. Vrouwen verlaten technische banen "
        "ongeveer twee keer zo vaak als mannen (5,6% tegen 2,9%), mede door weinig deeltijd. "
        "Zeg of het werk in bijvoorbeeld 24 tot 32 uur kan.",
        "Part-time is not open or not mentioned. Women leave technical jobs about twice as "
        "often as men (5.6% vs 2.9%), partly for lack of part-time work. Say whether the job "
        "can be done in, say, 24 to 32 hours."),
}
BALANCE = {
    "masculine": ("Overwegend mannelijk gecodeerd", "Mostly masculine-coded"),
    "feminine": ("Overwegend vrouwelijk gecodeerd", "Mostly feminine-coded"),
    "neutral": ("Evenwichtig of neutraal", "Balanced or neutral"),
}


@dataclass(frozen=True)
class Rule:
    term: str
    match: str  # word, prefix or regex
    lang: str  # nl, en or any
    category: str
    alternatives: tuple[str, ...]
    source: str
    pattern: re.Pattern[str] = field(compare=False, repr=False)


@dataclass(frozen=True)
class VacancyText:
    title: str = ""
    description: str = ""
    requirements: str = ""
    part_time_possible: bool | None = None  # None: not known (a text pasted on its own)


@dataclass(frozen=True)
class Finding:
    category: str
    field: str  # title, description, requirements, or "" for the part-time check
    start: int
    end: int
    words: str
    alternatives: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Report:
    lang: str  # the language the text was checked in
    findings: tuple[Finding, ...]
    masculine: tuple[str, ...]  # the masculine-coded words, in text order
    feminine: tuple[str, ...]

    @property
    def balance(self) -> str:
        if len(self.masculine) > len(self.feminine):
            return "masculine"
        if len(self.feminine) > len(self.masculine):
            return "feminine"
        return "neutral"


class WordListError(ValueError):
    pass


def _compile(term: str, match: str) -> re.Pattern[str]:
    if match == "regex":
        body = term
    elif match == "prefix":
        body = r"\b" + re.escape(term.rstrip("*")).replace(r"\ ", r"\s+") + r"[\w-]*"
    else:
        body = r"\b" + re.escape(term).replace(r"\ ", r"\s+") + r"\b"
    return re.compile(body, re.IGNORECASE)


def read_word_list(path: Path = WORD_LIST) -> tuple[Rule, ...]:
    """The rules; a bad row names its line and field."""
    rules = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            for name, allowed in (("match", ("word", "prefix", "regex")),
                                  ("lang", ("nl", "en", "any")), ("category", CATEGORIES)):
                if row.get(name) not in allowed:
                    raise WordListError(f"{path.name} line {line}, {name}: {row.get(name)!r} "
                                        f"is not one of {', '.join(allowed)}")
            try:
                pattern = _compile(row["term"], row["match"])
            except re.error as exc:
                raise WordListError(f"{path.name} line {line}, term: {exc}") from exc
            rules.append(Rule(row["term"], row["match"], row["lang"], row["category"],
                              tuple(a for a in row["alternatives"].split("|") if a),
                              row["source"], pattern))
    return tuple(rules)


@cache
def word_list() -> tuple[Rule, ...]:
    return read_word_list()


def language(text: str) -> str:
    """nl or en, by the commoner function words; Dutch when undecided (Dutch first)."""
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    nl = sum(w in _NL for w in words)
    en = sum(w in _EN for w in words)
    return "en" if en > nl else "nl"


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+", text)]


def check(vacancy: VacancyText, rules: Iterable[Rule]) -> Report:
    fields = (("title", vacancy.title), ("description", vacancy.description),
              ("requirements", vacancy.requirements))
    lang = language(" ".join(text for _name, text in fields))
    active = [r for r in rules if r.lang in (lang, "any")]
    hits: list[Finding] = []
    for name, text in fields:
        taken: list[tuple[int, int]] = []
        for rule in active:
            for m in rule.pattern.finditer(text):
                if m.end() == m.start() or any(a < m.end() and m.start() < b for a, b in taken):
                    continue  # one finding per stretch of text
                taken.append((m.start(), m.end()))
                hits.append(Finding(rule.category, name, m.start(), m.end(), m.group(0),
                                    rule.alternatives, rule.source))
    legal = [(h.field, h.start) for h in hits if h.category == "legal"]

    def legally_required(h: Finding) -> bool:
        """A diploma demand in the same sentence as a certificate the law asks for."""
        text = dict(fields)[h.field]
        for a, b in _sentences(text):
            if a <= h.start < b:
                return any(f == h.field and a <= s < b for f, s in legal)
        return False

    findings = [h for h in hits if h.category in FLAGGED
                and not (h.category == "diploma" and legally_required(h))]
    mentions_part_time = any(h.category == "part_time" for h in hits)
    if vacancy.part_time_possible is False or (vacancy.part_time_possible is None
                                               and not mentions_part_time):
        full = next((h for h in hits if h.category == "full_time"), None)
        findings.append(Finding("part_time", full.field if full else "",
                                full.start if full else 0, full.end if full else 0,
                                full.words if full else "", (), "part_time"))
    findings.sort(key=lambda f: ([n for n, _t in fields].index(f.field) if f.field else 9,
                                 f.start))
    order = sorted((h for h in hits if h.category in ("masculine", "feminine")),
                   key=lambda h: (h.field, h.start))
    return Report(lang, tuple(findings),
                  tuple(h.words for h in order if h.category == "masculine"),
                  tuple(h.words for h in order if h.category == "feminine"))


def as_dict(report: Report, lang: str = "nl") -> dict[str, Any]:
    """JSON-ready, messages in the reader's language (nl or en)."""
    which = 1 if lang == "en" else 0
    return {
        "text_lang": report.lang,
        "balance": report.balance,
        "balance_label": BALANCE[report.balance][which],
        "masculine_words": list(report.masculine),
        "feminine_words": list(report.feminine),
        "findings": [{"category": f.category, "field": f.field, "start": f.start, "end": f.end,
                      "words": f.words, "alternatives": list(f.alternatives),
                      "source": f.source, "message": MESSAGES[f.category][which]}
                     for f in report.findings],
    }


__all__ = ["Finding", "Report", "Rule", "VacancyText", "WordListError", "as_dict", "check",
           "language", "read_word_list", "word_list"]
