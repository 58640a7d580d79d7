"""Who may use a funding scheme: a small rule language, parsed and evaluated without `eval`.

A scheme's eligibility is data, one line a coach or policy officer can read and write:

    situation in (ww, bijstand) and age >= 27 and target_shortage = yes

A rule is clauses joined by `and` (or `en`, or `;`); an empty rule admits everyone. Each clause is
`field op value`, where value is a word, a number, or a list `(a, b, c)`:

    field            type      ops                   example
    situation        choice    = != in "not in"      situation in (ww, bijstand)
    age              number    = != < <= > >=        age >= 18
    income           number    (annual gross, euro)  income <= 60000
    region           word      = != in "not in"      region in (AM23, AM24)   (labour-market)
    province         word      = != in "not in"      province = PV28
    sector           word      = != in "not in"      sector in (techniek, installatie)
    target_shortage  yes/no    = !=                  target_shortage = yes
    target_green     yes/no    = !=                  target_green = yes
    target_digital   yes/no    = !=                  target_digital = yes
    target_isco      digits    in "not in" = !=      target_isco in (31, 7411)   (prefixes)

Evaluation is three-valued: a clause on a fact the person has not given (age unknown, say)
is *unknown*, so the scheme is "maybe" with the question to ask, never silently yes or no.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from banenbrug import numbers

SITUATIONS = ("employed", "ww", "bijstand", "selfemployed", "student", "other")
SITUATION_WORDS = {
    "nl": {"employed": "werkend", "ww": "WW-uitkering", "bijstand": "bijstand",
           "selfemployed": "zelfstandige (zzp)", "student": "student", "other": "anders"},
    "en": {"employed": "employed", "ww": "unemployment benefit (WW)",
           "bijstand": "social assistance (bijstand)", "selfemployed": "self-employed",
           "student": "student", "other": "other"},
}
NUMBER_FIELDS = ("age", "income")
WORD_FIELDS = ("situation", "region", "province", "sector")
FLAG_FIELDS = ("target_shortage", "target_green", "target_digital")
PREFIX_FIELDS = ("target_isco",)
FIELDS = NUMBER_FIELDS + WORD_FIELDS + FLAG_FIELDS + PREFIX_FIELDS
OPS = ("=", "!=", "<", "<=", ">", ">=", "in", "not in")
YES = ("yes", "ja", "true")
NO = ("no", "nee", "false")

FIELD_WORDS = {
    "nl": {"situation": "situatie", "age": "leeftijd", "income": "jaarinkomen (bruto)",
           "region": "arbeidsmarktregio", "province": "provincie", "sector": "sector",
           "target_shortage": "doelberoep is een tekortberoep",
           "target_green": "doelberoep is groen", "target_digital": "doelberoep is digitaal",
           "target_isco": "ISCO-groep van het doelberoep"},
    "en": {"situation": "situation", "age": "age", "income": "annual income (gross)",
           "region": "labour-market region", "province": "province", "sector": "sector",
           "target_shortage": "target occupation is a shortage occupation",
           "target_green": "target occupation is green",
           "target_digital": "target occupation is digital",
           "target_isco": "ISCO group of the target occupation"},
}
OP_WORDS = {
    "nl": {"=": "is", "!=": "is niet", "<": "kleiner dan", "<=": "ten hoogste",
           ">": "groter dan", ">=": "ten minste", "in": "is een van", "not in": "is geen van"},
    "en": {"=": "is", "!=": "is not", "<": "less than", "<=": "at most", ">": "more than",
           ">=": "at least", "in": "is one of", "not in": "is none of"},
}

Value = str | float | bool | tuple[str, ...]
Status = Literal["yes", "no", "unknown"]


class RuleError(ValueError):
    """A rule that does not parse; `position` is the character where it went wrong."""

    def __init__(self, message: str, position: int):
        super().__init__(f"{message} (at character {position + 1})")
        self.position = position


@dataclass(frozen=True)
class Clause:
    field: str
    op: str
    value: Value


@dataclass(frozen=True)
class Rule:
    text: str
    clauses: tuple[Clause, ...]


EVERYONE = Rule("", ())


@dataclass(frozen=True)
class Facts:
    """What is known of a person and their destination; None means not given."""

    situation: str | None = None
    age: int | None = None
    income: float | None = None
    region: str | None = None
    province: str | None = None
    sector: str | None = None
    target_shortage: bool | None = None
    target_green: bool | None = None
    target_digital: bool | None = None
    target_isco: str | None = None


@dataclass(frozen=True)
class Check:
    clause: Clause
    status: Status
    actual: object


@dataclass(frozen=True)
class Verdict:
    status: Status
    checks: tuple[Check, ...]

    @property
    def failed(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == "no")

    @property
    def unknown(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status == "unknown")


_TOKEN = re.compile(r"\s*(?:(?P<op>!=|<=|>=|=|<|>)|(?P<punct>[(),;])"
                    r"|(?P<word>[A-Za-z0-9_.\-]+))")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None:
            start = len(text) - len(text[pos:].lstrip())
            raise RuleError(f"unexpected character {text[start]!r}", start)
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind), match.start(kind)))
        pos = match.end()
    return out


def parse(text: str) -> Rule:
    """Parse a rule; raises RuleError naming what is wrong and where."""
    tokens = _tokens(text)
    clauses: list[Clause] = []
    i = 0

    def peek(offset: int = 0) -> tuple[str, str, int] | None:
        return tokens[i + offset] if i + offset < len(tokens) else None

    def end_position() -> int:
        return len(text)

    while i < len(tokens):
        kind, word, pos = tokens[i]
        field = word.lower()
        if kind != "word" or field not in FIELDS:
            raise RuleError(f"unknown field {word!r}; known fields: {', '.join(FIELDS)}", pos)
        i += 1
        token = peek()
        if token is None:
            raise RuleError(f"{field}: an operator is missing", end_position())
        if token[0] == "op":
            op = token[1]
            i += 1
        elif token[1].lower() == "in":
            op = "in"
            i += 1
        elif token[1].lower() == "not" and (nxt := peek(1)) and nxt[1].lower() == "in":
            op = "not in"
            i += 2
        else:
            raise RuleError(f"{field}: expected an operator ({', '.join(OPS)}), "
                            f"not {token[1]!r}", token[2])
        value, i = _value(tokens, i, field, op, text)
        clauses.append(Clause(field, op, value))
        token = peek()
        if token is not None:
            if token[1].lower() not in ("and", "en", ";"):
                raise RuleError(f"expected 'and' between clauses, not {token[1]!r}", token[2])
            i += 1
            if peek() is None:
                raise RuleError("the rule ends after 'and'", end_position())
    return Rule(text.strip(), tuple(clauses))


def _value(tokens: list[tuple[str, str, int]], i: int, field: str, op: str,
           text: str) -> tuple[Value, int]:
    if i >= len(tokens):
        raise RuleError(f"{field} {op}: a value is missing", len(text))
    kind, word, pos = tokens[i]
    if op in ("in", "not in"):
        if field in NUMBER_FIELDS or field in FLAG_FIELDS:
            raise RuleError(f"{field}: use a comparison, not a list", pos)
        if word != "(":
            raise RuleError(f"{field} {op}: expected a list like (a, b)", pos)
        items: list[str] = []
        i += 1
        while True:
            if i >= len(tokens):
                raise RuleError(f"{field} {op}: the list is not closed with ')'", len(text))
            kind, word, pos = tokens[i]
            if kind != "word":
                raise RuleError(f"{field} {op}: expected a value in the list, not {word!r}",
                                pos)
            items.append(_word(field, word, pos))
            i += 1
            if i >= len(tokens):
                raise RuleError(f"{field} {op}: the list is not closed with ')'", len(text))
            sep = tokens[i][1]
            i += 1
            if sep == ")":
                break
            if sep != ",":
                raise RuleError(f"{field} {op}: expected ',' or ')' in the list", tokens[i - 1][2])
        return tuple(items), i
    if kind != "word":
        raise RuleError(f"{field} {op}: expected a value, not {word!r}", pos)
    if field in NUMBER_FIELDS:
        try:
            return float(word), i + 1
        except ValueError:
            raise RuleError(f"{field}: {word!r} is not a number", pos) from None
    if op not in ("=", "!="):
        raise RuleError(f"{field}: '{op}' only compares numbers (age, income)", pos)
    if field in FLAG_FIELDS:
        if word.lower() in YES:
            return True, i + 1
        if word.lower() in NO:
            return False, i + 1
        raise RuleError(f"{field}: expected yes or no, not {word!r}", pos)
    return _word(field, word, pos), i + 1


def _word(field: str, word: str, pos: int) -> str:
    if field in NUMBER_FIELDS or field in FLAG_FIELDS:
        return word
    value = word.lower() if field in ("situation", "sector") else word.upper()
    if field == "situation" and value not in SITUATIONS:
        raise RuleError(f"situation: unknown situation {word!r}; known: {', '.join(SITUATIONS)}",
                        pos)
    if field == "target_isco" and not value.isdigit():
        raise RuleError(f"target_isco: {word!r} is not an ISCO code (digits)", pos)
    return value


# ------------------------------------------------------------------ evaluation

def _check(clause: Clause, facts: Facts) -> Check:
    actual = getattr(facts, clause.field)
    if actual is None or actual == "":
        return Check(clause, "unknown", None)
    op, value = clause.op, clause.value
    if clause.field in NUMBER_FIELDS:
        assert isinstance(value, float)
        number = float(actual)
        ok = {"=": number == value, "!=": number != value, "<": number < value,
              "<=": number <= value, ">": number > value, ">=": number >= value}[op]
    elif clause.field in PREFIX_FIELDS:
        prefixes = value if isinstance(value, tuple) else (str(value),)
        hit = any(str(actual).startswith(p) for p in prefixes)
        ok = hit if op in ("in", "=") else not hit
    else:
        norm = actual if isinstance(actual, bool) else (
            str(actual).lower() if clause.field in ("situation", "sector") else str(actual).upper())
        if op in ("in", "not in"):
            assert isinstance(value, tuple)
            ok = (norm in value) == (op == "in")
        else:
            ok = (norm == value) == (op == "=")
    return Check(clause, "yes" if ok else "no", actual)


def evaluate(rule: Rule, facts: Facts) -> Verdict:
    """Every clause checked (so every reason can be told), then: no beats unknown beats yes."""
    checks = tuple(_check(c, facts) for c in rule.clauses)
    statuses = {c.status for c in checks}
    status: Status = "no" if "no" in statuses else "unknown" if "unknown" in statuses else "yes"
    return Verdict(status, checks)


# ------------------------------------------------------------------ in words

def _value_words(field: str, value: object, lang: str) -> str:
    if isinstance(value, bool):
        return ("ja" if value else "nee") if lang == "nl" else ("yes" if value else "no")
    if isinstance(value, tuple):
        joiner = " of " if lang == "nl" else " or "
        return joiner.join(_value_words(field, v, lang) for v in value)
    if field == "situation":
        return SITUATION_WORDS[lang].get(str(value), str(value))
    if field == "income":
        return numbers.euros(str(value), lang)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def describe(clause: Clause, lang: str = "nl") -> str:
    """A clause as a condition: 'leeftijd ten minste 27'."""
    lang = "en" if lang == "en" else "nl"
    field = FIELD_WORDS[lang][clause.field]
    if clause.field in FLAG_FIELDS:
        positive = clause.value is True if clause.op == "=" else clause.value is False
        if positive:
            return field
        return f"{field}: " + ("nee" if lang == "nl" else "no")
    return f"{field} {OP_WORDS[lang][clause.op]} {_value_words(clause.field, clause.value, lang)}"


def reason(check: Check, lang: str = "nl") -> str:
    """Why a clause failed or is open: 'vereist situatie is een van WW-uitkering (nu: werkend)'."""
    lang = "en" if lang == "en" else "nl"
    condition = describe(check.clause, lang)
    if check.status == "unknown":
        return (f"onbekend: {FIELD_WORDS['nl'][check.clause.field]} is niet ingevuld"
                if lang == "nl" else
                f"unknown: {FIELD_WORDS['en'][check.clause.field]} is not filled in")
    now = _value_words(check.clause.field, check.actual, lang)
    if lang == "nl":
        return f"vereist: {condition} (nu: {now})"
    return f"requires: {condition} (now: {now})"


def explain(rule: Rule, lang: str = "nl") -> str:
    """The whole rule as one sentence of conditions."""
    if not rule.clauses:
        return "iedereen" if lang != "en" else "everyone"
    return (" en " if lang != "en" else " and ").join(describe(c, lang) for c in rule.clauses)
