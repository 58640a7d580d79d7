"""ESCO skills from free text (a CV or a vacancy, Dutch or English). Pure: numpy/scipy/rapidfuzz.

How, in three steps:
1. words: the text is cut into clauses (sentences, lines, bullets), each word normalised
   (``taxonomy.search.normalise``), stop words (nl + en) dropped, and stemmed by a small
   nl/en suffix stripper ("gelast", "lassen" -> "las"; "installaties", "installation" ->
   "instal"). A word that is no label stem is mapped to the nearest label stems by
   rapidfuzz (typos: "elektricitiet"); with a *bridge* (:func:`learn_bridge`) a Dutch stem also
   votes for the English stems it translates to, because ESCO has Dutch labels only for the
   skills of its collections.
2. labels: every ESCO label (preferred, alternative, hidden; nl and en) is a set of stems. A
   label is found in a clause when its stems are there (order free, within a short window):
   all of them for labels of one or two stems, at least ``min_coverage`` of their rarity
   weight for longer labels.
3. skills: a skill scores as its best label: coverage x label kind x specificity (labels of
   one common word, "design", "communication", count for less); best first, one per skill,
   with the words of the text that triggered it as evidence.

Embeddings are not used: they need a model download at run time, and the benchmark
(``benchmarks/skill_extraction.py``) is the yardstick a model would first have to beat.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from banenbrug.taxonomy.search import normalise
from banenbrug.understanding.segments import proper_nouns, segments
from banenbrug.understanding.segments import words as words_of

PREFERRED, ALTERNATIVE, HIDDEN = 0, 1, 2
KIND_WEIGHT = (1.0, 0.95, 0.9)
FUZZY_CUTOFF = 84.0  # rapidfuzz ratio for a typo; below this words are different words
BRIDGE_SIMILARITY = 0.8  # a translated stem counts as a close, not an exact, match

_STOP_TEXT = """
a about above after again all also an and any are as at be been being both but by can could
do does doing during each etc for from further had has have having he her here hers him his how
i if in into is it its itself just may me more most must my no nor not of off on once only or
other our out over own same she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who
whom why will with within without would you your yours e g eg ie via per using use used
aan al alle alleen als altijd andere ben bij bijvoorbeeld bv dan dat de deze die dit doen door
dus een eigen en enz er even geen had heb hebben heeft hem het hier hij hoe hun ik in is ja je
jij jou jouw kan kon kunnen later maar me meer men met mij mijn moet moeten na naar niet niets nog
nu of om omdat ons onze ook op over te tegen toch toen tot u uit uw van veel voor waar wanneer
want was wat we wel werd wie wij wil worden wordt zal ze zelf zich zij zijn zo zoals zonder zou
onder andere etc jaar jaren ervaring experience years year
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_CLAUSES = re.compile(r"[.!?;:\n\r\t•·|()\[\]{}]+|\s[-–—]\s")
_WORD = re.compile(r"[^\W_]+(?:[+#]+)?")
_SUFFIXES = tuple(sorted((
    "isations", "izations", "ations", "ation", "aties", "atie", "ingen", "ings", "ing",
    "heden", "heid", "eren", "ities", "ity", "ers", "er", "ies", "en", "ed", "es", "e", "s",
), key=len, reverse=True))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light nl/en stemmer; what matters is that a label and a text agree, not linguistics."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.startswith("ge") and len(word) >= 6 and word[-1] in "td":
        word = word[2:-1]  # Dutch past participle: gelast -> las(t), gemonteerd -> monteer
    elif word.startswith("ge") and len(word) >= 7:
        word = word[2:]  # gebouwen, gereedschap: the ge- is (nearly) never distinctive
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:  # laser stays laser
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # lass -> las, install -> instal
    return word


def content_stems(text: str) -> list[str]:
    return [stem(w) for w in normalise(text).split() if w not in STOP_WORDS and len(w) > 1]


@dataclass(frozen=True)
class SkillLabel:
    skill: int  # caller's skill index
    text: str
    lang: str
    kind: int  # 0 preferred, 1 alternative, 2 hidden


@dataclass(frozen=True)
class Suggestion:
    skill: int
    score: float  # 0..1, best first
    evidence: tuple[str, ...]  # the words of the text that triggered it
    label: str = ""  # the label that matched
    lang: str = ""


Bridge = Mapping[str, Sequence[tuple[str, float]]]  # nl stem -> ((en stem, strength), ...)


def learn_bridge(pairs: Iterable[tuple[str, str]], min_count: int = 3,
                 min_dice: float = 0.25, per_word: int = 2) -> dict[str, list[tuple[str, float]]]:
    """Dutch -> English stem translations learned from parallel texts (the nl and en label or
    description of one ESCO concept): the Dice coefficient of co-occurrence over the pairs.
    Stems spelled the same in both languages are left out (they match already)."""
    nl_vocab: dict[str, int] = {}
    en_vocab: dict[str, int] = {}
    nl_rows: list[int] = []
    nl_cols: list[int] = []
    en_rows: list[int] = []
    en_cols: list[int] = []
    doc = 0
    for nl, en in pairs:
        a, b = set(content_stems(nl)), set(content_stems(en))
        if not a or not b:
            continue
        nl_cols.extend(nl_vocab.setdefault(w, len(nl_vocab)) for w in a)
        nl_rows.extend([doc] * len(a))
        en_cols.extend(en_vocab.setdefault(w, len(en_vocab)) for w in b)
        en_rows.extend([doc] * len(b))
        doc += 1
    if doc == 0:
        return {}
    ones = np.ones
    A = sparse.csr_matrix((ones(len(nl_rows), np.float32), (nl_rows, nl_cols)),
                          shape=(doc, len(nl_vocab)))
    B = sparse.csr_matrix((ones(len(en_rows), np.float32), (en_rows, en_cols)),
                          shape=(doc, len(en_vocab)))
    co = (A.T @ B).tocoo()
    df_a = np.asarray(A.sum(axis=0)).ravel()
    df_b = np.asarray(B.sum(axis=0)).ravel()
    dice = 2 * co.data / (df_a[co.row] + df_b[co.col])
    keep = (co.data >= min_count) & (dice >= min_dice)
    nl_words = np.array(list(nl_vocab), dtype=object)
    en_words = np.array(list(en_vocab), dtype=object)
    out: dict[str, list[tuple[str, float]]] = {}
    order = np.lexsort((-dice[keep], co.row[keep]))
    rows, cols, vals = co.row[keep][order], co.col[keep][order], dice[keep][order]
    for r, c, d in zip(rows, cols, vals, strict=True):
        source, target = str(nl_words[r]), str(en_words[c])
        found = out.setdefault(source, [])
        if source != target and len(found) < per_word:
            found.append((target, round(float(d), 3)))
    return {k: v for k, v in out.items() if v}


class SkillExtractor:
    """Built once from the labels (about a second for all of ESCO), then ``extract`` per text."""

    def __init__(self, labels: Sequence[SkillLabel], bridge: Bridge | None = None,
                 min_coverage: float = 0.75) -> None:
        self.labels: list[SkillLabel] = []
        stems: list[list[str]] = []
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for label in labels:
            words = list(dict.fromkeys(content_stems(label.text)))
            key = (label.skill, tuple(sorted(words)))
            if not words or key in seen:
                continue  # the same stems for the same skill: keep the first (best kind)
            seen.add(key)
            self.labels.append(label)
            stems.append(words)
        self.bridge: dict[str, list[tuple[str, float]]] = {
            k: list(v) for k, v in (bridge or {}).items()}
        self.min_coverage = min_coverage
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for row, words in enumerate(stems):
            for w in words:
                rows.append(row)
                cols.append(self.vocab.setdefault(w, len(self.vocab)))
        self._label_stems = stems
        n_labels, n_vocab = len(stems), len(self.vocab)
        incidence = sparse.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)), shape=(n_labels, max(n_vocab, 1)))
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=max(n_vocab, 1))
        self.idf = (np.log((1 + n_labels) / (1 + df)) + 1).astype(np.float32)
        weighted = sparse.csr_matrix(incidence @ sparse.diags(self.idf))
        # Stems x labels: a clause's few stems select their rows, so a clause costs what it
        # touches, not a pass over all ~117,000 labels (same sums, in the same order).
        self._incidence_t = sparse.csr_matrix(incidence.T)
        self._weighted_t = sparse.csr_matrix(weighted.T)
        self._label_weight = np.asarray(weighted.sum(axis=1)).ravel()
        self._label_len = np.diff(incidence.indptr)
        self._skills = np.array([lb.skill for lb in self.labels], dtype=np.int64)
        self._kind_weight = np.array([KIND_WEIGHT[min(max(lb.kind, 0), 2)]
                                      for lb in self.labels], dtype=np.float32)
        # Fuzzy look-up buckets: stems by first letter, so a typo search scans hundreds, not all.
        self._words = list(self.vocab)
        self._buckets: dict[str, list[str]] = {}
        for w in self._words:
            self._buckets.setdefault(w[:1], []).append(w)
        self._idf_ref = float(np.percentile(self.idf, 25)) if n_vocab else 1.0
        self._near: dict[str, list[tuple[int, float]]] = {}
        # Words ESCO itself writes capitalised (Python, Java, AutoCAD, Dutch): these are terms;
        # any other capitalised word in a text is taken for a name (segments.proper_nouns).
        self.known_capitalised = frozenset(
            w.casefold() for lb in self.labels for w in words_of(lb.text) if w[:1].isupper())

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def skill_count(self) -> int:
        """One more than the highest skill index the labels name."""
        return int(np.max(self._skills)) + 1 if self._skills.size else 0

    # ------------------------------------------------------------------ words

    def _matches(self, word: str) -> list[tuple[int, float]]:
        """Label stems a (normalised) text word stands for, with a similarity in (0, 1]."""
        cached = self._near.get(word)
        if cached is not None:
            return cached
        s = stem(word)
        found: dict[int, float] = {}
        if s in self.vocab:
            found[self.vocab[s]] = 1.0
        elif len(s) >= 5 and s.isalpha():
            pool = [w for w in self._buckets.get(s[:1], ()) if abs(len(w) - len(s)) <= 2]
            for w, score, _ in process.extract(s, pool, scorer=fuzz.ratio, limit=2,
                                               score_cutoff=FUZZY_CUTOFF):
                found[self.vocab[w]] = float(score) / 100
        for target, _strength in self.bridge.get(s, ()):
            j = self.vocab.get(target)
            if j is not None and found.get(j, 0.0) < BRIDGE_SIMILARITY:
                found[j] = BRIDGE_SIMILARITY
        out = list(found.items())
        if len(self._near) < 200_000:
            self._near[word] = out
        return out

    # ------------------------------------------------------------------ extraction

    def extract(self, text: str, limit: int = 30, min_score: float = 0.5) -> list[Suggestion]:
        """Suggested skills for a text, best first, one per skill."""
        if not self.labels or not text.strip():
            return []
        best: dict[int, tuple[float, int, tuple[str, ...]]] = {}
        for clause in segments(text):
            for part in _CLAUSES.split(self.without_names(clause)):
                self._clause(part, best)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        out: list[Suggestion] = []
        for skill, (score, row, evidence) in ranked:
            if score < min_score or len(out) >= limit:
                break
            label = self.labels[row]
            out.append(Suggestion(skill, round(score, 4), evidence, label.text, label.lang))
        return out

    def without_names(self, clause: str) -> str:
        """The clause with the names of people, places and companies taken out."""
        names = proper_nouns(clause, self.known_capitalised)
        if not names:
            return clause
        return " ".join(w for w in clause.split() if w.strip(".,;:()!?'\"") not in names)

    def clause_hits(self, clause: str) -> dict[int, tuple[float, int, tuple[str, ...]]]:
        """Skill -> (score, label row, evidence words) for one clause (names already out)."""
        best: dict[int, tuple[float, int, tuple[str, ...]]] = {}
        for part in _CLAUSES.split(clause):
            self._clause(part, best)
        return best

    def _clause(self, clause: str, best: dict[int, tuple[float, int, tuple[str, ...]]]) -> None:
        surface: list[str] = []
        hits: dict[int, list[tuple[int, float]]] = {}  # stem -> [(position, similarity)]
        position = 0
        for raw in _WORD.findall(clause):
            for word in normalise(raw).split():
                if word in STOP_WORDS or len(word) <= 1:
                    continue
                surface.append(raw)
                for j, sim in self._matches(word):
                    hits.setdefault(j, []).append((position, sim))
                position += 1
        if not hits:
            return
        cols = np.array(sorted(hits), dtype=np.int64)  # sums in stem order, as label rows hold them
        sims = np.array([max(s for _, s in hits[int(j)]) for j in cols], dtype=np.float32)
        x = sparse.csr_matrix((sims, (np.zeros(len(cols), np.int64), cols)),
                              shape=(1, self._incidence_t.shape[0]))
        covered = (x @ self._weighted_t).toarray().ravel() / np.maximum(self._label_weight, 1e-9)
        present = ((x > 0) @ self._incidence_t).toarray().ravel()
        short = self._label_len <= 2
        ok = np.where(short, present == self._label_len,
                      (covered >= self.min_coverage) & (present >= 2))
        for row in np.flatnonzero(ok):
            self._score_label(int(row), hits, surface, float(covered[row]), best)

    def _score_label(self, row: int, hits: Mapping[int, list[tuple[int, float]]],
                     surface: list[str], coverage: float,
                     best: dict[int, tuple[float, int, tuple[str, ...]]]) -> None:
        words = [self.vocab[w] for w in self._label_stems[row]]
        found = [j for j in words if j in hits]
        span, positions = _window([[p for p, _ in hits[j]] for j in found])
        if span > 2 * len(words) + 2:
            return  # the words are there, but too far apart to be one phrase
        n = len(words)
        if n == 1 and _acronym_for_a_brand(self.labels[row].text, surface, positions):
            return
        if n == 1:
            # One word: how telling is it? "welding" is, "design" or "systems" barely.
            specificity = min(1.0, 0.55 + 0.45 * float(self.idf[words[0]]) / (2 * self._idf_ref))
        else:
            specificity = min(1.0, 0.8 + 0.1 * n)
        score = coverage * specificity * float(self._kind_weight[row])
        skill = int(self._skills[row])
        if score > best.get(skill, (0.0, 0, ()))[0]:
            evidence = tuple(dict.fromkeys(surface[p] for p in sorted(positions)))
            best[skill] = (min(score, 1.0), row, evidence)

    # ------------------------------------------------------------------ persistence

    def save(self, path: str | Path) -> None:
        """JSON: the labels and the bridge (rebuilding the index takes about a second)."""
        data = {"labels": [asdict(lb) for lb in self.labels], "bridge": self.bridge,
                "min_coverage": self.min_coverage}
        Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SkillExtractor:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        labels = [SkillLabel(**lb) for lb in data["labels"]]
        bridge = {k: [(str(t), float(s)) for t, s in v] for k, v in data["bridge"].items()}
        return cls(labels, bridge=bridge, min_coverage=float(data["min_coverage"]))


def _acronym_for_a_brand(label: str, surface: Sequence[str], positions: Iterable[int]) -> bool:
    """An acronym in the text ("Cisco IOS") is not a name written in mixed case ("iOS")."""
    mixed = not (label.islower() or label.isupper() or label.istitle())
    return mixed and " " not in label.strip() and all(
        surface[p].isupper() and len(surface[p]) >= 2 for p in positions)


def build_extractor(labels: Iterable[tuple[int, str, str, int]],
                    parallel: Iterable[tuple[str, str]] = ()) -> SkillExtractor:
    """From plain tuples, e.g. the database: ``(skill index, text, lang, kind)`` per label and,
    optionally, ``(Dutch text, English text)`` pairs of one concept to learn the nl->en bridge."""
    bridge = learn_bridge(parallel)
    return SkillExtractor([SkillLabel(s, t, lang, kind) for s, t, lang, kind in labels],
                          bridge=bridge or None)


def _window(lists: Sequence[Sequence[int]]) -> tuple[int, list[int]]:
    """Smallest span holding one position of every list, and those positions."""
    if not lists:
        return 0, []
    events = sorted((p, i) for i, positions in enumerate(lists) for p in positions)
    need, have = len(lists), 0
    count = [0] * need
    last: dict[int, int] = {}
    best: tuple[int, list[int]] = (1 << 30, [])
    left = 0
    for right, (pos, i) in enumerate(events):
        if count[i] == 0:
            have += 1
        count[i] += 1
        while have == need:
            lpos, li = events[left]
            if pos - lpos < best[0]:
                for p, k in events[left : right + 1]:
                    last[k] = p
                best = (pos - lpos, sorted(last.values()))
                last.clear()
            count[li] -= 1
            if count[li] == 0:
                have -= 1
            left += 1
    return best


__all__ = ["SkillExtractor", "SkillLabel", "Suggestion", "build_extractor", "learn_bridge",
           "stem"]

