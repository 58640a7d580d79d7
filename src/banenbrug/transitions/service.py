"""Career transitions for people: resolve what they typed, ask the engine, explain in words.

The engine is built from the database once per ESCO data version and cached under var/cache/
(invalidated by a new import, which changes the data version). Pages, API and CLI all call here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from banenbrug.cache_files import load_or_build
from banenbrug.memo import Memo, Recent
from banenbrug.taxonomy.everyday import everyday_name
from banenbrug.taxonomy.models import ImportRun, Occupation, Skill
from banenbrug.taxonomy.search_service import search
from banenbrug.transitions.engine import SkillGap, Transition, TransitionEngine
from banenbrug.transitions.loader import load_arrays, load_meaning, meaning_key

CACHE_FORMAT = 2  # 2: meaning and ISCO neighbourhood terms
engines = Memo()
# The last answers of the engine, for the engine they came from (a new import, a new engine):
# many people start from the same few occupations.
recent = Recent(2048)
BAND_LABELS = {"dichtbij": _("dichtbij"), "haalbaar": _("haalbaar"), "uitdaging": _("uitdaging")}


class TransitionInputError(ValueError):
    """Bad input from a person: unknown or ambiguous occupation, unknown skill."""

    def __init__(self, message: str, candidates: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


def get_engine() -> TransitionEngine:
    """The engine of the current data version, with the text vectors when the model is there
    (the cache file is keyed by both, so a cache built without vectors is not reused)."""
    version = ImportRun.data_version()
    meaning = meaning_key()
    engine: TransitionEngine = engines.get("transitions", (version, meaning), lambda: load_or_build(
        "transitions", version, f"-v{CACHE_FORMAT}-{meaning}.npz", load=TransitionEngine.load,
        build=lambda: TransitionEngine.build(load_arrays(), meaning=load_meaning()),
        save=lambda built, path: built.save(path)))
    return engine


def _candidates(text: str, lang: str, limit: int = 5) -> list[dict[str, str]]:
    return [{"uri": r.concept.uri, "label": r.concept.label(lang)}
            for r in search("occupation", text, lang, limit)]


def _named_alternatively(text: str) -> list[Occupation]:
    """Occupations with `text` as one of their alternative labels ("bouwelektricien")."""
    needle = text.casefold()
    found = Occupation.objects.filter(Q(alt_labels_nl__icontains=text)
                                      | Q(alt_labels_en__icontains=text))
    return [o for o in found
            if needle in {label.casefold() for label in o.alt_labels("nl") + o.alt_labels("en")}]


def resolve_occupation(text: str, lang: str = "nl") -> Occupation:
    """An ESCO URI, an exact preferred or else alternative label (nl or en), or search text that
    is not ambiguous."""
    text = text.strip()
    if not text:
        raise TransitionInputError(str(_("Geef een beroep op.")))
    if text.startswith("http://data.europa.eu/esco/occupation/"):
        found = Occupation.objects.filter(uri=text).first()
        if found:
            return found
        raise TransitionInputError(f"unknown occupation URI {text}")
    exact = list(Occupation.objects.filter(Q(label_nl__iexact=text) | Q(label_en__iexact=text)))
    if not exact:
        exact = _named_alternatively(text)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise TransitionInputError(
            f"'{text}' is ambiguous: the name of {len(exact)} occupations; choose one",
            [{"uri": o.uri, "label": o.label(lang)} for o in exact])
    hits = search("occupation", text, lang, 5)
    if not hits:
        raise TransitionInputError(f"no occupation matches '{text}'")
    clear_lead = len(hits) == 1 or hits[0].score - hits[1].score >= 0.08
    if hits[0].score >= 0.8 and clear_lead:
        return cast(Occupation, hits[0].concept)  # search("occupation") finds occupations
    candidates = [{"uri": r.concept.uri, "label": r.concept.label(lang)} for r in hits]
    if hits[0].score < 0.5:
        raise TransitionInputError(f"no occupation matches '{text}' well", candidates)
    raise TransitionInputError(f"'{text}' is ambiguous; choose one of the candidates", candidates)


def resolve_skills(uris: list[str], lang: str = "nl") -> list[Skill]:
    skills = {s.uri: s for s in Skill.objects.filter(uri__in=uris)}
    for uri in uris:
        if uri not in skills:
            hint = uri.rsplit("/", 1)[-1].replace("-", " ")
            hits = search("skill", hint, lang, 5) if not _is_uuid(hint) else []
            suggestions = [{"uri": r.concept.uri, "label": r.concept.label(lang)}
                           for r in hits if r.score >= 0.6]
            raise TransitionInputError(f"unknown skill URI {uri}", suggestions)
    return [skills[u] for u in dict.fromkeys(uris)]


def _is_uuid(text: str) -> bool:
    parts = text.split()
    return len(parts) == 5 and all(all(c in "0123456789abcdef" for c in p) for p in parts)


@dataclass
class Profile:
    occupations: list[Occupation]
    skills: list[Skill]

    def indices(self, engine: TransitionEngine) -> tuple[list[int], list[int]]:
        occ = {u: i for i, u in enumerate(engine.occupation_uris)}
        skill = _skill_index(engine)
        return ([occ[o.uri] for o in self.occupations],
                [skill[s.uri] for s in self.skills if s.uri in skill])


def _skill_index(engine: TransitionEngine) -> dict[str, int]:
    cached: dict[str, int] | None = getattr(engine, "_skill_index", None)
    if cached is None:
        cached = {u: i for i, u in enumerate(engine.skill_uris)}
        engine._skill_index = cached  # type: ignore[attr-defined]
    return cached


def transitions(profile: Profile, *, top: int = 20, green: bool = False, digital: bool = False,
                lang: str = "nl") -> dict[str, Any]:
    """The contract's JSON shape: {"from": {...}, "transitions": [...]}, best first."""
    engine = get_engine()
    origins, extra = profile.indices(engine)
    # the engine is a pure function of its data: the same question gets the same answer
    found = recent.get((tuple(origins), tuple(sorted(extra)), top, green, digital), engine,
                       lambda: engine.top(origins, extra, top=top, green=green, digital=digital))
    labels = _Labels(engine, lang, found)
    return {
        "from": _origin(profile, lang),
        "filters": {"green": green, "digital": digital, "top": top},
        "transitions": [_describe(t, engine, labels) for t in found],
    }


def compare(profile: Profile, destination: Occupation, lang: str = "nl") -> dict[str, Any]:
    """One transition in full: every destination skill as held, near miss or missing."""
    engine = get_engine()
    origins, extra = profile.indices(engine)
    dest = engine.occupation_uris.index(destination.uri)
    found = engine.explain(origins, dest, extra)
    labels = _Labels(engine, lang, [found])
    result = _describe(found, engine, labels)
    result["from"] = _origin(profile, lang)
    return result


def _origin(profile: Profile, lang: str) -> dict[str, Any]:
    first = profile.occupations[0] if profile.occupations else None
    return {
        "uri": first.uri if first else None,
        "label": " + ".join(o.label(lang) for o in profile.occupations) or None,
        "occupations": [{"uri": o.uri, "label": o.label(lang)} for o in profile.occupations],
        "extra_skills": [{"uri": s.uri, "label": s.label(lang)} for s in profile.skills],
    }


class _Labels:
    """Fetches the labels of every occupation and skill a result mentions in two queries."""

    def __init__(self, engine: TransitionEngine, lang: str, found: list[Transition]):
        occ_uris = [engine.occupation_uris[t.dest] for t in found]
        skill_ids = {g.skill for t in found for g in t.missing} | {
            s for t in found for s in t.carried_over}
        skill_uris = [engine.skill_uris[i] for i in skill_ids]
        self.lang = lang
        # only the fields a transition shows (labels; the Dutch alternative labels for the
        # everyday name): the whole rows, descriptions and all, were a third of an API answer
        self.occupations = {o.uri: o for o in Occupation.objects.filter(uri__in=occ_uris).only(
            "uri", "label_en", "label_nl", "alt_labels_nl")}
        self.skills = {s.uri: s for s in Skill.objects.filter(uri__in=skill_uris).only(
            "uri", "label_en", "label_nl")}

    def skill(self, uri: str) -> str:
        skill = self.skills.get(uri)
        return skill.label(self.lang) if skill else uri


def _describe(t: Transition, engine: TransitionEngine, labels: _Labels) -> dict[str, Any]:
    uri = engine.occupation_uris[t.dest]
    occupation = labels.occupations[uri]

    def gaps(items: tuple[SkillGap, ...]) -> list[dict[str, Any]]:
        return [{"uri": (uri := engine.skill_uris[g.skill]), "label": labels.skill(uri),
                 "type": "knowledge" if g.knowledge else "skill/competence",
                 "weight": round(g.weight, 3), "near_miss": g.near_miss} for g in items]

    return {
        "uri": uri,
        "uuid": occupation.uuid,
        "label": occupation.label(labels.lang),
        "everyday_name": everyday_name(occupation) if labels.lang == "nl" else None,
        "score": round(t.score, 4),
        "band": t.band,
        "band_label": str(BAND_LABELS[t.band]),
        "green": t.green,
        "digital": t.digital,
        "coverage": round(t.coverage, 4),
        "effort_weeks": t.effort_weeks,
        "missing_essential_skills": gaps(t.missing),
        "missing_skills": gaps(t.missing_skills),
        "missing_knowledge": gaps(t.missing_knowledge),
        "carried_over": [{"uri": engine.skill_uris[s], "label": labels.skill(engine.skill_uris[s])}
                         for s in t.carried_over],
    }


def export(path: Path, top: int = 20, lang: str = "en") -> int:
    """The top-N table of every occupation as CSV or Parquet (by extension); returns rows."""
    engine = get_engine()
    names = dict(Occupation.objects.values_list("uri", "label_en" if lang == "en" else "label_nl"))
    rows = [(engine.occupation_uris[o], names.get(engine.occupation_uris[o], ""),
             engine.occupation_uris[d], names.get(engine.occupation_uris[d], ""), rank,
             round(score, 6)) for o, d, rank, score in engine.top_table(top)]
    columns = ["origin_uri", "origin_label", "destination_uri", "destination_label", "rank",
               "score"]
    if path.suffix.lower() == ".parquet":
        import pandas as pd

        pd.DataFrame(rows, columns=columns).to_parquet(path, index=False)
    else:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
    return len(rows)

