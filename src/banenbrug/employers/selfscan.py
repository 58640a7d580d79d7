"""The employer self-scan: the questionnaire, scoring per theme, comparison with anonymous peers,
next steps for weak themes, and aggregates in the monitor's indicator format. Pure: no Django.

Peers are the other employers' latest scans. A group is shown only when it holds at least
`MIN_GROUP` employers: same sector and province first, else the sector nationally, else everyone;
no smaller group is ever shown, so no single employer can be picked out. The aggregates for
analysts follow the same rule, with secondary suppression: a published total never lets a
suppressed cell be worked out by subtraction.
"""

from __future__ import annotations

import statistics
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from banenbrug.monitor.indicators import IndicatorRecord, origin, parse_period, to_csv_rows
from banenbrug.small_cells import MIN_CELL

DATA = Path(__file__).parent / "data" / "selfscan.toml"
MIN_GROUP = MIN_CELL  # the small-cell rule, for employers
WEAK_BELOW = 60.0  # a theme scoring under this gets next steps
NATIONAL = "NL"
ALL_SECTORS = "all"
LINKS = ("tables", "schemes", "open_hiring", "learn_work", "jobcarving", "text_check")
INITIATIVE_KINDS = ("technical_education", "side_entry", "matching", "retention", "inclusion",
                    "process_innovation")  # registry.models.Kind
SOURCE = "Banenbrug, zelfscan voor werkgevers"


@dataclass(frozen=True)
class Text:
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class Option:
    key: str
    score: int
    text: Text
    note: Text  # why this answer scores what it does


@dataclass(frozen=True)
class Question:
    key: str
    theme: str
    text: Text
    why: Text
    source: str
    options: tuple[Option, ...]

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class Step:
    link: str  # one of LINKS, or initiatives:<registry kind>
    text: Text


@dataclass(frozen=True)
class Theme:
    key: str
    name: Text
    steps: tuple[Step, ...]

    @property
    def indicator(self) -> str:
        return f"selfscan_{self.key}"


@dataclass(frozen=True)
class Sector:
    code: str  # an SBI 2008 section as the monitor writes it: sbi:C
    name: Text


@dataclass(frozen=True)
class Questionnaire:
    version: str
    sectors: tuple[Sector, ...]
    themes: tuple[Theme, ...]
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def theme(self, key: str) -> Theme:
        return next(t for t in self.themes if t.key == key)

    def sector(self, code: str) -> Sector | None:
        return next((s for s in self.sectors if s.code == code), None)


class QuestionnaireError(ValueError):
    """A bad questionnaire file: names the file, the entry and the field."""

    def __init__(self, source: str, where: str, field: str, message: str):
        super().__init__(f"{source}, {where}, field '{field}': {message}")


@dataclass(frozen=True)
class Problem:
    """What is wrong with a scan: `code` is empty, unknown_question, unknown_answer, missing,
    unknown_sector or unknown_region; `key` the question (or field), `value` what was sent."""

    code: str
    key: str = ""
    value: str = ""

    def __str__(self) -> str:
        return {"empty": "the questionnaire is empty: answer every question",
                "unknown_question": f"unknown question {self.key!r}",
                "unknown_answer": f"question {self.key!r}: unknown answer {self.value!r}",
                "missing": f"question {self.key!r} is not answered",
                "unknown_sector": f"unknown sector {self.value!r}",
                "unknown_region": f"unknown province {self.value!r}"}[self.code]


class ScanInputError(ValueError):
    """Answers that cannot be scored, every problem named; nothing is stored."""

    status_code = 422

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


# ---------------------------------------------------------------- the questionnaire file

def _text(entry: Mapping[str, object], field: str, source: str, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireError(source, where, field, "missing or empty")
    return value.strip()


def _texts(entry: Mapping[str, object], stem: str, source: str, where: str) -> Text:
    prefix = f"{stem}_" if stem else ""
    return Text(_text(entry, f"{prefix}nl", source, where),
                _text(entry, f"{prefix}en", source, where))


def _entries(data: Mapping[str, object], field: str, source: str,
             where: str) -> list[Mapping[str, object]]:
    value = data.get(field)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise QuestionnaireError(source, where, field, "needs at least one entry")
    return value


def _unique_key(entry: Mapping[str, object], seen: set[str], source: str, where: str,
                field: str = "key") -> str:
    key = _text(entry, field, source, where)
    if key in seen:
        raise QuestionnaireError(source, where, field, f"{key!r} appears twice")
    seen.add(key)
    return key


def _step(entry: Mapping[str, object], source: str, where: str) -> Step:
    link = _text(entry, "link", source, where)
    kind = link.removeprefix("initiatives:")
    if link not in LINKS and not (link.startswith("initiatives:") and kind in INITIATIVE_KINDS):
        raise QuestionnaireError(source, where, "link", f"unknown link {link!r} (known: "
                                 f"{', '.join(LINKS)}, initiatives:<{'|'.join(INITIATIVE_KINDS)}>)")
    return Step(link, _texts(entry, "", source, where))


def _option(entry: Mapping[str, object], seen: set[str], source: str, where: str) -> Option:
    key = _unique_key(entry, seen, source, where)
    score = entry.get("score")
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 100:
        raise QuestionnaireError(source, f"{where}, option {key!r}", "score",
                                 "must be a whole number from 0 to 100")
    here = f"{where}, option {key!r}"
    return Option(key, score, _texts(entry, "", source, here), _texts(entry, "note", source, here))


def parse_questionnaire(data: Mapping[str, object], source: str = "<questionnaire>"
                        ) -> Questionnaire:
    """Every entry checked; the first problem raises QuestionnaireError naming where it is."""
    version = _text(data, "version", source, "top")
    seen: set[str] = set()
    sectors = tuple(Sector(_unique_key(s, seen, source, f"sector {i}", "code"),
                           _texts(s, "", source, f"sector {i}"))
                    for i, s in enumerate(_entries(data, "sectors", source, "top"), 1))
    seen = set()
    themes = []
    for i, entry in enumerate(_entries(data, "themes", source, "top"), 1):
        key = _unique_key(entry, seen, source, f"theme {i}")
        where = f"theme {key!r}"
        themes.append(Theme(key, _texts(entry, "", source, where), tuple(
            _step(s, source, f"{where}, step {j}")
            for j, s in enumerate(_entries(entry, "steps", source, where), 1))))
    seen = set()
    questions = []
    for i, entry in enumerate(_entries(data, "questions", source, "top"), 1):
        key = _unique_key(entry, seen, source, f"question {i}")
        where = f"question {key!r}"
        theme = _text(entry, "theme", source, where)
        if theme not in {t.key for t in themes}:
            raise QuestionnaireError(source, where, "theme", f"unknown theme {theme!r}")
        option_keys: set[str] = set()
        options = tuple(_option(o, option_keys, source, where)
                        for o in _entries(entry, "options", source, where))
        if len(options) < 2:
            raise QuestionnaireError(source, where, "options", "needs at least two options")
        questions.append(Question(key, theme, _texts(entry, "", source, where),
                                  _texts(entry, "why", source, where),
                                  _text(entry, "source", source, where), options))
    for theme_ in themes:
        if not any(q.theme == theme_.key for q in questions):
            raise QuestionnaireError(source, f"theme {theme_.key!r}", "questions",
                                     "no question belongs to this theme")
    return Questionnaire(version, sectors, tuple(themes), tuple(questions))


def load_questionnaire(path: Path = DATA) -> Questionnaire:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(str(path), "file", "*", str(exc)) from exc
    return parse_questionnaire(data, str(path))


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True)
class Answered:
    question: Question
    option: Option


@dataclass(frozen=True)
class ThemeScore:
    theme: Theme
    score: float  # 0-100: the mean of its answers' scores
    answers: tuple[Answered, ...]


@dataclass(frozen=True)
class ScanResult:
    themes: tuple[ThemeScore, ...]

    @property
    def scores(self) -> dict[str, float]:
        return {t.theme.key: t.score for t in self.themes}


def answer_problems(questionnaire: Questionnaire, answers: Mapping[str, str]) -> list[Problem]:
    """Everything wrong with a set of answers (question key -> option key); [] when none."""
    if not answers:
        return [Problem("empty")]
    problems = []
    for key, value in answers.items():
        question = questionnaire.question(key)
        if question is None:
            problems.append(Problem("unknown_question", key, value))
        elif question.option(value) is None:
            problems.append(Problem("unknown_answer", key, value))
    problems += [Problem("missing", q.key) for q in questionnaire.questions
                 if q.key not in answers]
    return problems


def score(questionnaire: Questionnaire, answers: Mapping[str, str]) -> ScanResult:
    """Every question answered with a known option; a theme scores the mean of its answers."""
    if problems := answer_problems(questionnaire, answers):
        raise ScanInputError(problems)
    themes = []
    for theme in questionnaire.themes:
        answered = tuple(Answered(q, o) for q in questionnaire.questions if q.theme == theme.key
                         for o in (q.option(answers[q.key]),) if o is not None)
        themes.append(ThemeScore(theme, round(statistics.fmean(
            a.option.score for a in answered), 1), answered))
    return ScanResult(tuple(themes))


def weak_themes(scores: Mapping[str, float], below: float = WEAK_BELOW) -> list[str]:
    """Themes scoring under `below`, weakest first (ties in the order given, the
    questionnaire's): each gets its next steps."""
    return sorted((key for key, value in scores.items() if value < below),
                  key=lambda key: scores[key])


# ---------------------------------------------------------------- peers

@dataclass(frozen=True)
class Peer:
    """Another employer's latest scan: no name, only where it sits and its theme scores."""

    sector: str
    region: str  # a province, PVnn
    scores: Mapping[str, float]


@dataclass(frozen=True)
class Spread:
    low: float  # first quartile
    median: float
    high: float  # third quartile


@dataclass(frozen=True)
class PeerGroup:
    level: str  # "sector_region", "sector" or "all"
    sector: str
    region: str
    size: int
    themes: Mapping[str, Spread]


def _spread(values: list[float]) -> Spread:
    low, median, high = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(round(low, 1), round(median, 1), round(high, 1))


def peer_group(peers: Sequence[Peer], sector: str, region: str,
               min_size: int = MIN_GROUP) -> PeerGroup | None:
    """The narrowest group of at least `min_size` peers: sector and province, the sector
    nationally, everyone; None when even everyone is fewer."""
    levels = (("sector_region", sector, region, lambda p: p.sector == sector
               and p.region == region),
              ("sector", sector, NATIONAL, lambda p: p.sector == sector),
              ("all", ALL_SECTORS, NATIONAL, lambda p: True))
    for level, group_sector, group_region, belongs in levels:
        members = [p for p in peers if belongs(p)]
        if len(members) >= min_size:
            themes = {key: _spread([p.scores[key] for p in members])
                      for key in members[0].scores}
            return PeerGroup(level, group_sector, group_region, len(members), themes)
    return None


def position(own: float, spread: Spread) -> str:
    """Where a score stands in its group: 'below' the first quartile, 'above' the third, else
    'around' the middle."""
    return "below" if own < spread.low else "above" if own > spread.high else "around"


# ---------------------------------------------------------------- aggregates for analysts

@dataclass(frozen=True)
class DatedScan:
    period: str  # the year, YYYY
    sector: str
    region: str
    scores: Mapping[str, float]


Cell = tuple[str, str, str]  # period, region, sector (or all)


def _cells(scans: Sequence[DatedScan]) -> dict[Cell, list[DatedScan]]:
    cells: dict[Cell, list[DatedScan]] = {}
    for scan in scans:
        for region in (scan.region, NATIONAL):
            for sector in (scan.sector, ALL_SECTORS):
                cells.setdefault((scan.period, region, sector), []).append(scan)
    return cells


def _margins(cells: Iterable[Cell]) -> list[tuple[Cell, list[Cell]]]:
    """Each total with the cells that add up to it (per sector over provinces, per province
    over sectors, the nation over either)."""
    keys = set(cells)
    margins = []
    for period, region, sector in keys:
        if region == NATIONAL and sector == ALL_SECTORS:
            for by in ("region", "sector"):
                parts = [c for c in keys if c[0] == period and c != (period, region, sector)
                         and ((c[2] == ALL_SECTORS) if by == "region" else (c[1] == NATIONAL))]
                margins.append(((period, region, sector), parts))
        elif region == NATIONAL:  # a sector nationally: its provinces
            margins.append(((period, region, sector), [c for c in keys if c[0] == period
                                                        and c[2] == sector and c[1] != NATIONAL]))
        elif sector == ALL_SECTORS:  # a province: its sectors
            margins.append(((period, region, sector), [c for c in keys if c[0] == period
                                                        and c[1] == region
                                                        and c[2] != ALL_SECTORS]))
    return sorted(margins)


def suppressed_cells(sizes: Mapping[Cell, int], min_size: int = MIN_GROUP) -> set[Cell]:
    """Cells under `min_size`, and then as many more as it takes that no published total, less
    its published parts, leaves a group under `min_size` (secondary suppression)."""
    hidden = {c for c, n in sizes.items() if n < min_size}
    changed = True
    while changed:
        changed = False
        for total, parts in _margins(sizes):
            if total in hidden:
                continue
            left = sum(sizes[c] for c in parts if c in hidden)
            shown = sorted((sizes[c], c) for c in parts if c not in hidden)
            if 0 < left < min_size and shown:
                hidden.add(shown[0][1])
                changed = True
    return hidden


@dataclass(frozen=True)
class Aggregates:
    published: list[IndicatorRecord]
    suppressed: list[tuple[str, str, str, str]]  # period, region, group, indicator
    example: bool  # built from example scans


def aggregates(scans: Sequence[DatedScan], themes: Sequence[Theme], example: bool,
               min_size: int = MIN_GROUP) -> Aggregates:
    """Mean theme scores per year, province and sector (and their totals), as indicator
    records with the number of employers as base; small groups left out (suppressed)."""
    cells = _cells(scans)
    hidden = suppressed_cells({c: len(v) for c, v in cells.items()}, min_size)
    published, suppressed = [], []
    for cell in sorted(cells):
        period, region, sector = cell
        start, end = parse_period(period)
        for theme in themes:
            if cell in hidden:
                suppressed.append((period, region, sector, theme.indicator))
                continue
            members = cells[cell]
            published.append(IndicatorRecord(
                period=period, period_start=start, period_end=end, region=region,
                occupation_group=sector, population_group="all", indicator=theme.indicator,
                value=round(statistics.fmean(s.scores[theme.key] for s in members), 1),
                unit="%", source=SOURCE, note="gemiddelde score (0-100) van de laatste scan "
                "per werkgever in het jaar; base_n is het aantal werkgevers",
                base_n=len(members), example=example))
    return Aggregates(published, suppressed, example)


SUPPRESSED_NOTE = f"onderdrukt: minder dan {MIN_GROUP} werkgevers, of af te leiden uit een totaal"


def aggregate_rows(result: Aggregates) -> list[list[str]]:
    """The monitor's long format (header first); suppressed cells with an empty value."""
    rows = to_csv_rows(result.published)
    header = rows[0]
    for period, region, group, indicator in result.suppressed:
        cell = dict.fromkeys(header, "")
        cell.update(period=period, region=region, occupation_group=group,
                    population_group="all", indicator=indicator, unit="%", source=SOURCE,
                    note=SUPPRESSED_NOTE, example="true" if result.example else "false",
                    origin=origin(result.example, ""))
        rows.append([cell[h] for h in header])
    return rows


def aggregate_json(result: Aggregates) -> list[dict[str, object]]:
    """The same rows as objects: value and base_n null where suppressed."""
    rows = aggregate_rows(result)
    header = rows[0]
    out: list[dict[str, object]] = []
    for row in rows[1:]:
        item: dict[str, object] = dict(zip(header, row, strict=True))
        item["value"] = float(row[header.index("value")]) if item["value"] else None
        item["base_n"] = int(row[header.index("base_n")]) if item["base_n"] else None
        item["example"] = item["example"] == "true"
        item["suppressed"] = item["value"] is None
        for column in ("low", "high", "table_id", "label"):
            item.pop(column)
        out.append(item)
    return out

