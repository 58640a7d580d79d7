"""What the pages, the API and the CLI share: suggestions with explanations, occupation stories
and occupation groups. Texts follow the active Django language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from banenbrug.orientation import catalogue as catalogue_module
from banenbrug.orientation import content, hooks, questionnaire, suggest
from banenbrug.orientation.models import OccupationStory, RoleModel
from banenbrug.orientation.onet import RIASEC
from banenbrug.orientation.profiles import Source
from banenbrug.orientation.texts import TYPE_LIKES, TYPE_NAMES, frequency
from banenbrug.taxonomy import queries
from banenbrug.taxonomy.green_digital import policy_green_uris
from banenbrug.taxonomy.models import CollectionMembership, IscoGroup, Occupation

DEFAULT_TOP = 10
MAX_TOP = 50


@dataclass(frozen=True)
class SuggestionView:
    uri: str
    label: str
    label_lang: str
    score: float
    green: bool
    digital: bool
    technical: bool
    borrowed: bool
    why: str
    framing: str  # what the work does for the climate and society
    interests: tuple[str, ...]  # the liked interests it involves

    @property
    def uuid(self) -> str:
        return self.uri.rsplit("/", 1)[-1]

    def as_json(self) -> dict[str, Any]:
        return {"uri": self.uri, "label": self.label, "score": self.score, "green": self.green,
                "digital": self.digital, "technical": self.technical, "why": self.why,
                "framing": self.framing, "interests": list(self.interests),
                "profile_borrowed_from_isco_group": self.borrowed}


@dataclass(frozen=True)
class Result:
    profile: dict[str, float]
    route: str
    suggestions: list[SuggestionView]
    answers_code: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"profile": self.profile, "route": self.route,
                                "suggestions": [s.as_json() for s in self.suggestions]}
        if self.answers_code is not None:
            data["answers_code"] = self.answers_code
        return data

    def profile_rows(self) -> list[tuple[str, str, float, int]]:
        """(code, name, score, percentage of the 1-7 scale) per interest, strongest first."""
        values = np.array([self.profile[t] for t in RIASEC])
        return [(RIASEC[k], str(TYPE_NAMES[RIASEC[k]]), self.profile[RIASEC[k]],
                 round(100 * (values[k] - 1) / 6)) for k in suggest.ranked_interests(values)]


def why(label: str, reasons: Sequence[suggest.Reason], borrowed: bool) -> str:
    parts = []
    if reasons:
        first = reasons[0]
        parts.append(_("Je houdt van %(likes)s; als %(occupation)s doe je dat %(often)s.") % {
            "likes": TYPE_LIKES[first.interest], "occupation": label,
            "often": frequency(first.occupation)})
        for extra in reasons[1:]:
            parts.append(_("Daarnaast vraagt dit werk %(often)s om %(likes)s.") % {
                "often": frequency(extra.occupation), "likes": TYPE_LIKES[extra.interest]})
    else:
        parts.append(_("Dit beroep past in grote lijnen bij de mix van je interesses."))
    if borrowed:
        parts.append(_("Het interesseprofiel van dit beroep is geschat uit verwante beroepen in "
                       "dezelfde beroepsgroep."))
    return " ".join(parts)


def framing(uri: str, green: bool, digital: bool) -> str:
    """One line on what the work contributes: the written story's, else by kind of work."""
    written = content.stories().get(uri)
    if written:
        return written.framing
    if green:
        return _("Met dit werk help je de uitstoot van broeikasgassen omlaag te brengen of de "
                 "natuur te beschermen.")
    if digital:
        return _("Met dit werk help je mensen, bedrijven en de overheid slim en veilig digitaal "
                 "te werken.")
    return _("Technici en ICT'ers zijn hard nodig: zonder hen lopen de energietransitie en de "
             "zorg vast.")


def _result(profile: np.ndarray, lang: str, top: int, code: str | None) -> Result:
    cat = catalogue_module.get()
    found = suggest.suggest(profile, cat.candidates, top=top)
    views = []
    for s in found:
        row = int(cat.candidate_rows[s.index])
        label = cat.label(row, lang)
        views.append(SuggestionView(
            uri=s.uri, label=label, label_lang=cat.label_lang(row, lang), score=s.score,
            green=s.green, digital=s.digital, technical=s.technical, borrowed=s.borrowed,
            why=why(label, s.reasons, s.borrowed), framing=framing(s.uri, s.green, s.digital),
            interests=tuple(r.interest for r in s.reasons)))
    return Result({t: round(float(v), 2) for t, v in zip(RIASEC, profile, strict=True)},
                  suggest.route(profile), views, code)


def for_answers(answers: questionnaire.Answers, lang: str, top: int = DEFAULT_TOP) -> Result:
    """Raises questionnaire.AnswerError for too few answers."""
    return _result(questionnaire.profile(answers), lang, top, answers.code())


def for_profile(profile: Sequence[float], lang: str, top: int = DEFAULT_TOP) -> Result:
    """Raises ValueError for a profile that is not six scores on the 1-7 scale."""
    return _result(suggest.check_profile(profile), lang, top, None)


def most_suggested(n: int, top: int = DEFAULT_TOP) -> list[tuple[str, int]]:
    """(uri, how many profiles get it) for the `n` occupations suggested to the most of the
    questionnaire's code profiles (questionnaire.code_profiles), most first, then by URI."""
    candidates = catalogue_module.get().candidates
    counts: dict[str, int] = {}
    for _code, profile in questionnaire.code_profiles():
        for s in suggest.suggest(profile, candidates, top=top):
            counts[s.uri] = counts.get(s.uri, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def parse_profile(text: str) -> list[float]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != len(RIASEC):
        raise ValueError("give six interest scores R,I,A,S,E,C, e.g. 6,4,2,3,3,5")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"interest scores must be numbers, got {text!r}") from None
    suggest.check_profile(values)
    return values


# --- occupation stories -------------------------------------------------------------------

def job_zone_name(zone: int) -> str:
    names = {1: _("Weinig of geen voorbereiding nodig"), 2: _("Enige voorbereiding nodig"),
             3: _("Gemiddelde voorbereiding nodig"), 4: _("Flinke voorbereiding nodig"),
             5: _("Uitgebreide voorbereiding nodig")}
    return names[zone]


def education_routes(zone: int) -> list[tuple[str, str]]:
    """(level, what it means) for the usual Dutch routes at this job zone: an indication."""
    routes = {
        1: [("vmbo", _("Je leert het werk vooral in de praktijk; een vmbo-diploma helpt."))],
        2: [("vmbo", _("Een vmbo-diploma, bijvoorbeeld in de basis- of kaderberoepsgerichte "
                       "leerweg.")),
            ("mbo", _("Daarna mbo niveau 2, vaak als BBL: leren en werken tegelijk."))],
        3: [("vmbo", _("Via vmbo naar het mbo.")),
            ("mbo", _("Mbo niveau 3 of 4 (BOL of BBL) in de richting van dit beroep."))],
        4: [("mbo", _("Vanuit mbo niveau 4 kun je doorstromen naar het hbo.")),
            ("hbo", _("Een hbo-bachelor in de richting van dit beroep.")),
            ("wo", _("Ook een wo-bachelor kan toegang geven."))],
        5: [("hbo", _("Een hbo-bachelor, vaak gevolgd door een master.")),
            ("wo", _("Een wo-master, soms met promotieonderzoek of jaren ervaring."))],
    }
    return routes[zone]


@dataclass
class Story:
    occupation: Occupation
    view: queries.OccupationView
    label: str
    label_lang: str
    lang: str
    is_candidate: bool
    technical: bool
    profile: list[tuple[str, str, float, int]] | None
    profile_source: str
    job_zone: int | None
    routes: list[tuple[str, str]]
    day: str
    day_is_generated: bool
    contribution: str
    contribution_is_generated: bool
    editorial: OccupationStory | None
    written: content.WrittenStory | None
    routes_are_written: bool
    green_skills: list[Labelled]
    digital_skills: list[Labelled]
    skills: list[Labelled]
    group_code: str
    group_label: str
    part_time: hooks.PartTimeFact | None
    demand: list[hooks.DemandFact]
    training: list[hooks.TrainingRoute]
    role_models: list[RoleModel] = field(default_factory=list)

    @property
    def day_is_example(self) -> bool:
        if self.editorial:
            return self.editorial.is_example
        return bool(self.written and self.written.is_example)

    @property
    def missing(self) -> list[str]:
        """What the page has no data for yet, named once instead of once per section."""
        found = [] if self.training else [_("opleidingen bij jou in de buurt")]
        if self.part_time is None:
            found.append(_("werken in deeltijd"))
        if not self.demand:
            found.append(_("vraag naar mensen in jouw regio"))
        return found

    @property
    def job_zone_name(self) -> str:
        return job_zone_name(self.job_zone) if self.job_zone else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "uri": self.occupation.uri, "label": self.label, "green": self.view.is_green,
            "digital": self.view.is_digital, "technical": self.technical,
            "profile": ({code: score for code, _name, score, _pct in self.profile}
                        if self.profile else None),
            "profile_source": self.profile_source, "job_zone": self.job_zone,
            "education_routes": [{"level": lv, "text": t} for lv, t in self.routes],
            "day": self.day, "day_is_example": self.day_is_example,
            "day_is_generated": self.day_is_generated, "contribution": self.contribution,
            "essential_skills": [label for label, _lang in self.skills],
            "green_skills": [label for label, _lang in self.green_skills],
            "digital_skills": [label for label, _lang in self.digital_skills],
            "occupation_group": {"code": self.group_code, "label": self.group_label},
            "part_time": None if self.part_time is None else vars(self.part_time),
            "regional_demand": [vars(d) for d in self.demand],
            "training_routes": [vars(t) for t in self.training],
            "role_models": [{"name": r.name, "job_title": r.job_title, "quote": r.quote(self.lang),
                             "is_example": r.is_example} for r in self.role_models],
        }


Labelled = tuple[str, str]  # (label, language of the label)


def _labelled(skill: Any, lang: str) -> Labelled:
    return skill.label(lang), "nl" if lang == "nl" and skill.label_nl else "en"


def _skill_labels(view: queries.OccupationView, lang: str) -> tuple[
        list[Labelled], list[Labelled], list[Labelled]]:
    essential = [s for skills in view.essential.values() for s in skills]
    collections: dict[int, set[str]] = {}
    for skill_id, collection in CollectionMembership.objects.filter(
            skill__in=essential, collection__in=["green", "digital"]).values_list(
            "skill_id", "collection"):
        collections.setdefault(skill_id, set()).add(collection)
    competences = view.essential.get("skill/competence", []) + view.essential.get("", [])
    green = [_labelled(s, lang) for s in essential if "green" in collections.get(s.id, ())]
    digital = [_labelled(s, lang) for s in essential if "digital" in collections.get(s.id, ())]
    return [_labelled(s, lang) for s in competences], green, digital


def story(uuid: str, lang: str, region: str | None = None) -> Story:
    """Raises Http404 for an unknown occupation."""
    occupation = queries.occupation_by_uuid(uuid)
    view = queries.occupation_view(occupation, lang)
    cat = catalogue_module.get()
    row = cat.index.get(occupation.uri)
    profile = None
    source = Source.NONE.value
    zone = None
    if row is not None and cat.table.sources[row] is not Source.NONE:
        values = cat.table.profiles[row]
        profile = [(RIASEC[k], str(TYPE_NAMES[RIASEC[k]]), round(float(values[k]), 1),
                    round(100 * (values[k] - 1) / 6)) for k in suggest.ranked_interests(values)]
        source = cat.table.sources[row].value
        if np.isfinite(cat.table.job_zones[row]):
            zone = round(float(cat.table.job_zones[row]))
    skills, green_skills, digital_skills = _skill_labels(view, lang)
    editorial = OccupationStory.objects.filter(occupation_uri=occupation.uri).first()
    written = content.stories().get(occupation.uri)
    label = occupation.label(lang)
    if editorial:
        day, contribution = editorial.day(lang), editorial.contribution(lang)
    elif written:
        day, contribution = written.day, written.contribution
    else:
        day = _("Op een werkdag ben je bijvoorbeeld bezig met: %(tasks)s.") % {
            "tasks": "; ".join(label for label, _lang in skills[:5])} if skills else ""
        contribution = _generated_contribution(occupation, view)
    group = IscoGroup.objects.filter(code=occupation.isco_code[:2]).first()
    return Story(
        occupation=occupation, view=view, label=label,
        label_lang="nl" if lang == "nl" and occupation.label_nl else "en", lang=lang,
        is_candidate=row is not None and cat.is_candidate(row),
        technical=row is not None and bool(cat.technical[row]), profile=profile,
        profile_source=source, job_zone=zone,
        routes=([(r.level, r.text) for r in written.routes] if written
                else education_routes(zone) if zone else []),
        day=day, day_is_generated=editorial is None and written is None,
        contribution=contribution,
        contribution_is_generated=editorial is None and written is None, editorial=editorial,
        written=written, routes_are_written=written is not None,
        green_skills=green_skills, digital_skills=digital_skills, skills=skills,
        group_code=occupation.isco_code[:2], group_label=group.label(lang) if group else "",
        part_time=hooks.part_time(occupation.uri), demand=hooks.demand(occupation.uri, region),
        training=hooks.training(occupation.uri),
        role_models=list(RoleModel.objects.filter(occupation_uri=occupation.uri,
                                                  published=True)))


def _generated_contribution(occupation: Occupation, view: queries.OccupationView) -> str:
    parts = []
    if occupation.uri in policy_green_uris():
        parts.append(_("Het kabinet noemt dit beroep in het Actieplan Groene en digitale banen: "
                       "er zijn te weinig mensen voor, terwijl de energietransitie zonder hen "
                       "vastloopt."))
    if view.is_green:
        share = round(100 * (occupation.green_share or 0))
        parts.append(_("Dit is een groen beroep: volgens ESCO is %(share)s%% van de "
                       "vaardigheden groen. Je werk helpt de uitstoot van broeikasgassen te "
                       "verminderen of de natuur te beschermen.") % {"share": share})
    if view.is_digital:
        parts.append(_("Dit is een digitaal beroep: %(n)s van de %(total)s essentiële "
                       "vaardigheden en kennisgebieden zijn digitaal. Je helpt mensen, "
                       "bedrijven en de overheid om slim en veilig digitaal te werken.") % {
            "n": view.digital_essential, "total": view.essential_total})
    if not parts:
        parts.append(_("Dit beroep staat niet in de lijst van groene of digitale beroepen van "
                       "Banenbrug."))
    return " ".join(parts)


# --- occupation groups (for teachers) -------------------------------------------------------

@dataclass(frozen=True)
class GroupMember:
    uri: str
    label: str
    label_lang: str
    green: bool
    digital: bool
    top_interests: tuple[str, ...]
    job_zone: int | None

    @property
    def uuid(self) -> str:
        return self.uri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Group:
    code: str
    label: str
    members: list[GroupMember]

    def counts(self) -> dict[str, int]:
        return {t: sum(t in m.top_interests for m in self.members) for t in RIASEC}


def groups(lang: str) -> list[Group]:
    """ISCO sub-major groups (2 digits) with their green and digital occupations."""
    cat = catalogue_module.get()
    labels = {g.code: g.label(lang) for g in IscoGroup.objects.filter(code__regex=r"^\d\d$")}
    by_code: dict[str, list[GroupMember]] = {}
    for c, row in enumerate(cat.candidate_rows):
        values = cat.candidates.profiles[c]
        zone = cat.table.job_zones[row]
        member = GroupMember(
            uri=cat.uris[row], label=cat.label(row, lang), label_lang=cat.label_lang(row, lang),
            green=bool(cat.green[row]), digital=bool(cat.digital[row]),
            top_interests=tuple(RIASEC[k] for k in suggest.ranked_interests(values)[:2]),
            job_zone=round(float(zone)) if np.isfinite(zone) else None)
        by_code.setdefault(cat.isco[row][:2], []).append(member)
    return [Group(code, labels.get(code, code),
                  sorted(members, key=lambda m: m.label.casefold()))
            for code, members in sorted(by_code.items())]


def group(code: str, lang: str) -> Group | None:
    return next((g for g in groups(lang) if g.code == code), None)
