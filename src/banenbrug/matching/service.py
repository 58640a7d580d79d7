"""Matching for people: arrays from the database, the pure engine, explanations in words.

The skill index space is the transition engine's (ESCO skills ordered by database id), so the
matching engine can reuse its IDF weights and near-miss families. At demo scale the person and
vacancy matrices are rebuilt per call; the national-scale speed is the pure engine's concern.
Nothing here reads `GroupStatistics`, names or accounts: matching sees skills, hours and place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import numpy as np
import scipy.sparse as sp
from django.db.models import QuerySet

from banenbrug.cache_files import load_or_build
from banenbrug.matching import regions
from banenbrug.matching.engine import MatchingEngine, People, Vacancies
from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy, VacancySkill
from banenbrug.memo import Memo
from banenbrug.people.models import MAX_HOURS, JobSeeker, SeekerSkill
from banenbrug.taxonomy.models import ImportRun, Occupation, Skill
from banenbrug.transitions.service import get_engine
from banenbrug.understanding.semantic import SemanticIndex

if TYPE_CHECKING:
    from banenbrug.matching.extraction import SkillExtractor
    from banenbrug.matching.text_skills import TextSkills

memo = Memo()


class MatchInputError(ValueError):
    """Bad input: an unknown person or vacancy id."""
    status_code = 422  # the API's answer (api/problems.py)


@dataclass
class SkillSpace:
    """Skill database ids <-> engine indices, and the matching engine on that space."""

    uris: list[str]
    index_of_pk: dict[int, int]
    pk_of_index: np.ndarray
    engine: MatchingEngine

    @property
    def size(self) -> int:
        return len(self.uris)


T = TypeVar("T")


def _cached(name: str, build: Callable[[], T]) -> T:
    return memo.get(name, ImportRun.data_version(), build)


def skill_space() -> SkillSpace:
    def build() -> SkillSpace:
        transitions = get_engine()
        pk_by_uri = dict(Skill.objects.values_list("uri", "id"))
        pks = np.array([pk_by_uri.get(u, -1) for u in transitions.skill_uris], dtype=np.int64)
        family = getattr(transitions, "family", transitions._family)
        return SkillSpace(list(transitions.skill_uris),
                          {int(pk): i for i, pk in enumerate(pks) if pk >= 0}, pks,
                          MatchingEngine(np.asarray(transitions.idf), family))
    return _cached("space", build)


# ------------------------------------------------------------------ arrays from the database

PLACE_COLUMNS = ("region", "municipality", "hours_min", "hours_max")


def _place(rows: Sequence[Mapping[str, Any]]) -> dict[str, np.ndarray]:
    """The engine's hours and place arrays (People / Vacancies fields) of database rows."""
    region_of = regions.region_index()
    province_of = regions.province_index()
    by_code = regions.by_code()
    centroids = [regions.centroid(r["municipality"]) or (np.nan, np.nan) for r in rows]
    return {
        "hours_min": np.array([r["hours_min"] for r in rows], dtype=np.float32),
        "hours_max": np.array([r["hours_max"] for r in rows], dtype=np.float32),
        "region": np.array([region_of.get(r["region"], -1) for r in rows], dtype=np.int64),
        "province": np.array([province_of.get(by_code[r["region"]].province_code, -1)
                              if r["region"] in by_code else -1 for r in rows], dtype=np.int64),
        "lat": np.array([c[0] for c in centroids], dtype=np.float64),
        "lon": np.array([c[1] for c in centroids], dtype=np.float64),
    }


def _matrix(pairs: list[tuple[int, int]], row_of: dict[int, int], space: SkillSpace,
            n: int) -> sp.csr_matrix:
    rows, cols = [], []
    for owner, skill in pairs:
        if skill in space.index_of_pk and owner in row_of:
            rows.append(row_of[owner])
            cols.append(space.index_of_pk[skill])
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(n, space.size), dtype=np.float32)


@dataclass
class PeopleTable:
    ids: list[int]
    arrays: People
    consent: np.ndarray

    def row(self, seeker_id: int) -> int:
        try:
            return self.ids.index(seeker_id)
        except ValueError as exc:
            raise MatchInputError(f"unknown person {seeker_id}") from exc


@dataclass
class VacancyTable:
    ids: list[int]
    arrays: Vacancies
    open: np.ndarray
    hiring_mode: np.ndarray  # HiringMode value per row

    def row(self, vacancy_id: int) -> int:
        try:
            return self.ids.index(vacancy_id)
        except ValueError as exc:
            raise MatchInputError(f"unknown vacancy {vacancy_id}") from exc


def people_table(space: SkillSpace, seekers: QuerySet[JobSeeker] | None = None) -> PeopleTable:
    qs = seekers if seekers is not None else JobSeeker.objects.all()
    rows = list(qs.order_by("id").values("id", *PLACE_COLUMNS, "consent_employers"))
    row_of = {r["id"]: i for i, r in enumerate(rows)}
    pairs = list(SeekerSkill.objects.filter(seeker_id__in=row_of).values_list("seeker_id",
                                                                               "skill_id"))
    people = People(skills=_matrix(pairs, row_of, space, len(rows)), **_place(rows))
    return PeopleTable([r["id"] for r in rows], people,
                       np.array([r["consent_employers"] for r in rows], dtype=bool))


def vacancy_table(space: SkillSpace, vacancies: QuerySet[Vacancy] | None = None) -> VacancyTable:
    qs = vacancies if vacancies is not None else Vacancy.objects.all()
    rows = list(qs.order_by("id").values("id", *PLACE_COLUMNS, "part_time_possible", "is_open",
                                         "hiring_mode"))
    row_of = {r["id"]: i for i, r in enumerate(rows)}
    links = list(VacancySkill.objects.filter(vacancy_id__in=row_of).values_list(
        "vacancy_id", "skill_id", "essential"))
    learnable = _matrix(_taught(row_of), row_of, space, len(rows))
    arrays = Vacancies(
        essential=_matrix([(v, s) for v, s, e in links if e], row_of, space, len(rows)),
        optional=_matrix([(v, s) for v, s, e in links if not e], row_of, space, len(rows)),
        part_time_possible=np.array([r["part_time_possible"] for r in rows], dtype=bool),
        learnable=learnable if learnable.nnz else None, **_place(rows))
    return VacancyTable([r["id"] for r in rows], arrays,
                        np.array([r["is_open"] for r in rows], dtype=bool),
                        np.array([r["hiring_mode"] for r in rows], dtype=object))


def _taught(row_of: dict[int, int]) -> list[tuple[int, int]]:
    """(vacancy id, skill id) for what the trainings of learn-work vacancies teach: the BBL
    route's skills and those of its catalogue modules, read through the route's own relations
    (the catalogue's app, plans, builds on this one and is never imported here)."""
    routes = LearnWorkRoute.objects.filter(vacancy_id__in=row_of,
                                           vacancy__hiring_mode=HiringMode.LEARN_WORK)
    pairs = [*routes.values_list("vacancy_id", "bbl_skills"),
             *routes.values_list("vacancy_id", "modules__skills")]
    return [(v, s) for v, s in pairs if s is not None]


# ------------------------------------------------------------------ results in words

class _Labels:
    def __init__(self, space: SkillSpace, indices: set[int], lang: str):
        pks = [int(space.pk_of_index[i]) for i in indices]
        self.lang = lang
        self.space = space
        self.skills = {s.pk: s for s in Skill.objects.filter(pk__in=pks)}

    def refs(self, indices: Iterable[int]) -> list[dict[str, str]]:
        out = []
        for i in indices:
            skill = self.skills.get(int(self.space.pk_of_index[i]))
            if skill is not None:
                out.append({"uri": skill.uri, "label": skill.label(self.lang),
                            "lang": "nl" if self.lang == "nl" and skill.label_nl else "en"})
        return out


def _explained(space: SkillSpace, people: PeopleTable, vacancies: VacancyTable,
               pairs: list[tuple[int, int, Any]], lang: str) -> list[tuple[Any, Any, _Labels]]:
    explanations = [(m, space.engine.explain(people.arrays, p, vacancies.arrays, v))
                    for p, v, m in pairs]
    indices = {i for _m, e in explanations
               for i in (*e.matched, *e.missing, *e.near_miss, *e.to_learn)}
    labels = _Labels(space, indices, lang)
    return [(m, e, labels) for m, e in explanations]


def _describe(match: Any, explanation: Any, labels: _Labels) -> dict[str, Any]:
    km = float(match.distance_km)
    return {
        "score": round(float(match.score), 4),
        # whole km, half up: a centroid is no more precise, and page, API and CLI say the same
        "distance_km": None if np.isnan(km) else int(km + 0.5),
        "essential_coverage": round(float(match.essential_coverage), 4),
        "hours_fit": round(float(match.hours_fit), 4),
        "place_fit": round(float(match.place_fit), 4),
        "matched_skills": labels.refs(explanation.matched),
        "missing_skills": labels.refs(explanation.missing),
        "near_miss_skills": labels.refs(explanation.near_miss),
        "to_learn_skills": labels.refs(explanation.to_learn),
    }


@dataclass(frozen=True)
class MatchFilters:
    """What a person narrows their matches to; None / "" is no filter."""

    max_km: int | None = None  # straight-line distance between the municipalities
    hours: int | None = None  # hours per week the vacancy accepts
    hiring_mode: str = ""  # a HiringMode value
    region: str = ""  # the vacancy's labour-market region

    LIMITS: ClassVar[dict[str, tuple[int, int]]] = {"max_km": (1, 400), "hours": (1, MAX_HOURS)}

    def __post_init__(self) -> None:
        for name, (low, high) in self.LIMITS.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise MatchInputError(f"{name} must be between {low} and {high}, not {value}")
        if self.hiring_mode and self.hiring_mode not in HiringMode.values:
            raise MatchInputError(f"unknown hiring mode {self.hiring_mode!r}; one of "
                                  f"{', '.join(HiringMode.values)}")
        if self.region and not regions.is_region(self.region):
            raise MatchInputError(f"unknown labour-market region {self.region!r}")

    def allowed(self, engine: MatchingEngine, people: PeopleTable,
                vacancies: VacancyTable) -> np.ndarray:
        """Open vacancies that pass every filter, for the person of row 0. A distance filter
        keeps only vacancies with a known distance; without a municipality of the person's
        own it is ignored (the page says so)."""
        v = vacancies.arrays
        keep = vacancies.open.copy()
        if self.max_km is not None and self.applies_to(people):
            every = np.arange(len(vacancies.ids), dtype=np.int64)
            km = engine.distance_km(people.arrays, np.zeros_like(every), v, every)
            assert km is not None  # both tables carry coordinates (_place)
            keep &= ~np.isnan(km) & (km <= self.max_km)
        if self.hours is not None:
            low = engine.fewest_hours(v.hours_min, v.part_time_possible)
            keep &= (low <= self.hours) & (self.hours <= v.hours_max)
        if self.hiring_mode:
            keep &= vacancies.hiring_mode == self.hiring_mode
        if self.region:
            keep &= v.region == regions.region_index()[self.region]
        return keep

    @staticmethod
    def applies_to(people: PeopleTable) -> bool:
        """A distance needs the person's municipality (row 0)."""
        lat = people.arrays.lat
        return lat is not None and not np.isnan(lat[0])


def vacancies_for(seeker: JobSeeker, top: int = 20, lang: str = "nl",
                  filters: MatchFilters = MatchFilters()) -> list[dict[str, Any]]:
    """The best open vacancies for a person that pass the filters, best first, each
    explained."""
    space = skill_space()
    people = people_table(space, JobSeeker.objects.filter(pk=seeker.pk))
    vacancies = vacancy_table(space)
    found = space.engine.top_vacancies(people.arrays, 0, vacancies.arrays, k=top,
                                       allowed=filters.allowed(space.engine, people, vacancies))
    found = [m for m in found if m.score > 0]  # nothing requested held: no match (engine.py)
    described = _explained(space, people, vacancies,
                           [(0, m.vacancy, m) for m in found], lang)
    objects = Vacancy.objects.select_related("employer", "occupation").in_bulk(
        [vacancies.ids[m.vacancy] for m in found])
    out = []
    for match, explanation, labels in described:
        vacancy = objects[vacancies.ids[match.vacancy]]
        out.append({"id": vacancy.pk, "title": vacancy.title, "employer": vacancy.employer.name,
                    "region": vacancy.region, "region_name": vacancy.region_name,
                    "municipality": vacancy.municipality,
                    "municipality_name": vacancy.municipality_name,
                    "hours_min": vacancy.hours_min, "hours_max": vacancy.hours_max,
                    "part_time_possible": vacancy.part_time_possible,
                    "hiring_mode": vacancy.hiring_mode, "is_synthetic": vacancy.is_synthetic,
                    **_describe(match, explanation, labels)})
    return out


def candidates_for(vacancy: Vacancy, top: int = 20, lang: str = "nl") -> list[dict[str, Any]]:
    """The best consenting candidates for a vacancy, best first, by pseudonym, explained."""
    space = skill_space()
    people = people_table(space)
    vacancies = vacancy_table(space, Vacancy.objects.filter(pk=vacancy.pk))
    found = space.engine.top_candidates(vacancies.arrays, 0, people.arrays, k=top,
                                        allowed=people.consent)
    found = [m for m in found if m.score > 0]  # nothing requested held: no match (engine.py)
    described = _explained(space, people, vacancies, [(m.person, 0, m) for m in found], lang)
    out = []
    for match, explanation, labels in described:
        seeker_id = people.ids[match.person]
        out.append({"id": seeker_id, "pseudonym": f"K-{seeker_id:05d}",
                    **_describe(match, explanation, labels)})
    return out


def recommendations(vacancy_ids: list[int], top: int) -> tuple[list[int], list[list[int]]]:
    """For the fairness audit: the consenting pool, and who is recommended per vacancy."""
    space = skill_space()
    people = people_table(space)
    vacancies = vacancy_table(space, Vacancy.objects.filter(pk__in=vacancy_ids))
    pool = [pid for pid, ok in zip(people.ids, people.consent, strict=True) if ok]
    lists = [[people.ids[m.person] for m in space.engine.top_candidates(
        vacancies.arrays, row, people.arrays, k=top, allowed=people.consent)]
        for row in range(len(vacancies.ids))]
    return pool, lists


# ------------------------------------------------------------------ skills from text

MAX_TEXT = 20000


def extractor() -> SkillExtractor:
    """Built from every ESCO skill label (nl and en), with a Dutch->English word bridge learnt
    from concepts that have both labels (most skills have English labels only)."""
    from banenbrug.matching.extraction import build_extractor

    def build() -> SkillExtractor:
        space = skill_space()
        labels: list[tuple[int, str, str, int]] = []
        parallel: list[tuple[str, str]] = []
        fields = ("id", "label_en", "label_nl", "alt_labels_en", "alt_labels_nl",
                  "hidden_labels_en", "hidden_labels_nl")
        for pk, en, nl, alt_en, alt_nl, hid_en, hid_nl in Skill.objects.values_list(
                *fields).iterator(chunk_size=5000):
            i = space.index_of_pk.get(pk)
            if i is None:
                continue
            if en and nl:
                parallel.append((nl, en))
            for text, lang, kind in ((en, "en", 0), (nl, "nl", 0)):
                if text:
                    labels.append((i, text, lang, kind))
            for block, lang, kind in ((alt_en, "en", 1), (alt_nl, "nl", 1), (hid_en, "en", 2),
                                      (hid_nl, "nl", 2)):
                labels.extend((i, t, lang, kind) for t in block.split("\n") if t)
        for model in (Occupation, Skill):
            parallel.extend(model.objects.exclude(label_nl="").values_list("label_nl",
                                                                           "label_en"))
            parallel.extend(model.objects.exclude(description_nl="").exclude(
                description_en="").values_list("description_nl", "description_en"))
        return build_extractor(labels, parallel)

    def cached_on_disk() -> SkillExtractor:
        from banenbrug.matching.extraction import SkillExtractor

        return load_or_build("matching-extractor", ImportRun.data_version(), ".json",
                             load=SkillExtractor.load, build=build,
                             save=lambda made, path: made.save(path))
    return _cached("extractor", cached_on_disk)


def text_skills() -> TextSkills:
    """The extractor with the text model (or the lexical one alone where there is none); the
    skill vectors come from the cache that `banenbrug build-vectors` filled."""
    from banenbrug.matching.text_skills import Occupations, TextSkills
    from banenbrug.taxonomy.semantic_service import description_index, label_index
    from banenbrug.understanding.model import get_model

    def build() -> TextSkills:
        space = skill_space()
        semantic = label_index("skill")
        if semantic is not None:
            index = np.array([space.index_of_pk.get(int(pk), -1) for pk in semantic.owners])
            keep = index >= 0
            semantic = SemanticIndex(index[keep], semantic.vectors[keep])
        jobs = label_index("occupation")
        occupations = None
        if jobs is not None:
            occupations = Occupations(jobs, description_index(), _occupation_skills(space))
        return TextSkills(extractor(), semantic, get_model(), occupations=occupations)

    return _cached("text-skills", build)


def _occupation_skills(space: SkillSpace, occupation: int | None = None
                       ) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
    """Occupation id -> (essential, optional) skill indices of the extractor's space; of every
    occupation, or of the one given."""
    from banenbrug.taxonomy.models import OccupationSkill

    links = OccupationSkill.objects.all()
    if occupation is not None:
        links = links.filter(occupation_id=occupation)
    found: dict[int, tuple[set[int], set[int]]] = {}
    for occupation_id, skill, relation in links.values_list(
            "occupation_id", "skill_id", "relation").iterator(chunk_size=20000):
        i = space.index_of_pk.get(skill)
        if i is not None:
            essential, optional = found.setdefault(occupation_id, (set(), set()))
            (essential if relation == OccupationSkill.Relation.ESSENTIAL else optional).add(i)
    return {o: (frozenset(e), frozenset(p)) for o, (e, p) in found.items()}


def suggest_skills(text: str, lang: str = "nl", limit: int = 30,
                   occupation: str | None = None) -> list[dict[str, Any]]:
    """Suggested ESCO skills for a CV or vacancy text, best first, each with a probability and
    the words of the text that show it; `occupation` (an ESCO URI) is the person's context."""
    text = text.strip()
    if not text:
        raise MatchInputError("the text is empty")
    if len(text) > MAX_TEXT:
        raise MatchInputError(f"the text is longer than {MAX_TEXT} characters")
    space = skill_space()
    context: dict[int, float] | None = None
    if occupation:
        from banenbrug.matching.text_skills import context_weights

        found_occupation = Occupation.objects.filter(uri=occupation).first()
        if found_occupation is None:
            raise MatchInputError(f"unknown occupation: {occupation}")
        context = context_weights(_occupation_skills(space, found_occupation.pk).values())
    found = text_skills().extract(text, limit=limit, context=context)
    skills = Skill.objects.in_bulk([int(space.pk_of_index[s.skill]) for s in found])
    out = []
    for suggestion in found:
        skill = skills.get(int(space.pk_of_index[suggestion.skill]))
        if skill is not None:
            out.append({"uri": skill.uri, "label": skill.label(lang),
                        "score": round(float(suggestion.score), 4),
                        "evidence": list(suggestion.evidence)})
    return out


def read_upload(data: bytes, name: str) -> str:
    """A CV upload as text: plain UTF-8 (or Windows-1252) text only; anything else is refused."""
    if not name.lower().endswith((".txt", ".text", ".md")):
        raise MatchInputError(f"{name}: upload a plain text file (.txt); "
                              "or paste the text of your CV")
    if len(data) > MAX_TEXT * 4:
        raise MatchInputError(f"{name}: the file is too large (at most 80 kB)")
    if b"\x00" in data:
        raise MatchInputError(f"{name}: this is not a text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MatchInputError(f"{name}: the file is not readable text")
