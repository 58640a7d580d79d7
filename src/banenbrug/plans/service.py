"""Switch plans for people: the database in, the pure builder, the plan out as plain data.

The catalogue and the schemes are read once per version (count + last change) and kept in
memory, so a plan costs the builder's time, not 10,000 rows read again. Everything the page,
the API, the PDF and the CLI show comes from `plan_for`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db import models, transaction
from django.db.models import Count, Max, Q, QuerySet

from banenbrug.matching import regions
from banenbrug.matching.models import HiringMode, LearnWorkRoute, Vacancy, VacancySkill
from banenbrug.memo import Memo
from banenbrug.people.models import Circumstances, JobSeeker, SeekerSkill
from banenbrug.plans import builder, funding, rules
from banenbrug.plans.catalogue import Catalogue, Module, Reach
from banenbrug.plans.models import FundingScheme, ModuleSkill, TrainingModule
from banenbrug.plans.timeline import Scheduled
from banenbrug.registry.models import Pledge
from banenbrug.taxonomy.everyday import everyday_name
from banenbrug.taxonomy.models import Occupation, OccupationSkill, Skill
from banenbrug.transitions.service import TransitionInputError, get_engine, resolve_occupation

memo = Memo()
VACANCY_PREFIXES = ("vacancy:", "vacature:")


class PlanInputError(ValueError):
    """Bad input: unknown destination, module or scheme key, or a wrong priority."""
    status_code = 422  # the API's answer (api/problems.py)

    def __init__(self, message: str, candidates: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


def _version(model: type[models.Model]) -> tuple[int, Any]:
    state = model._default_manager.aggregate(n=Count("id"), last=Max("updated_at"))
    return state["n"], state["last"]


def to_module(row: TrainingModule, skills: frozenset[int]) -> Module:
    return Module(
        key=row.key, skills=skills, cost=float(row.cost_eur), hours=float(row.hours),
        weeks=row.weeks, form=row.form, delivery=row.delivery, region=row.region,
        starts=tuple(sorted(date.fromisoformat(d) for d in row.start_dates)),
        learn_work_wage=float(row.learn_work_wage_eur) if row.learn_work_wage_eur else None,
        title=row.title, provider=row.provider, award=row.award, source_url=row.source_url,
        is_example=row.is_example)


def catalogue() -> Catalogue:
    def build() -> Catalogue:
        skills: dict[int, set[int]] = {}
        for module_id, skill_id in ModuleSkill.objects.values_list(
                "module_id", "skill_id").iterator(chunk_size=20000):
            skills.setdefault(module_id, set()).add(skill_id)
        return Catalogue([to_module(row, frozenset(skills.get(row.pk, ())))
                          for row in TrainingModule.objects.order_by("key").iterator(
                              chunk_size=5000)])
    return memo.get("catalogue", _version(TrainingModule), build)


def to_scheme(row: FundingScheme) -> funding.Scheme:
    def amount(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return funding.Scheme(
        key=row.key, name=row.name, rule=rules.parse(row.eligibility), pays_for=row.pays_for,
        percent=float(row.percent), max_amount=amount(row.max_eur), cap_basis=row.cap_basis,
        monthly=amount(row.monthly_eur), forms=frozenset(row.forms or ()),
        stackable=row.stackable, excludes=frozenset(row.excludes or ()),
        valid_from=row.valid_from, valid_until=row.valid_until, apply_by=row.apply_by,
        provider=row.provider, kind=row.kind, source_url=row.source_url,
        is_example=row.is_example)


def schemes() -> tuple[funding.Scheme, ...]:
    return memo.get("schemes", _version(FundingScheme),
                     lambda: tuple(to_scheme(r) for r in FundingScheme.objects.order_by("key")))


def find_modules(text: str = "", form: str = "", region: str = "",
                 skill_uri: str = "") -> QuerySet[TrainingModule]:
    """The catalogue filtered as people ask: words in title, provider or description; a form;
    what can be followed from a region (there, national, or online); one ESCO skill taught."""
    found = TrainingModule.objects.all()
    if text:
        found = found.filter(Q(title__icontains=text) | Q(provider__icontains=text)
                             | Q(description__icontains=text))
    if form:
        found = found.filter(form=form)
    if region:
        found = found.filter(Q(region=region) | Q(region="") | Q(delivery="online"))
    if skill_uri:
        found = found.filter(skill_links__skill__uri=skill_uri)
    return found.order_by("title", "key")


def typical_training(skill_uris: list[str], limit: int = 3) -> list[dict[str, Any]]:
    """The catalogue modules that teach most of these skills, for a first look at what a switch
    takes (the plan chooses the real set): most skills first, then cheaper, then shorter."""
    if not skill_uris:
        return []
    wanted = Q(skill_links__skill__uri__in=skill_uris)
    found = (TrainingModule.objects.filter(wanted)
             .annotate(teaches=Count("skill_links", filter=wanted, distinct=True))
             .order_by("-teaches", "cost_eur", "hours", "title")[:limit])
    return [{"key": m.key, "title": m.title, "provider": m.provider, "hours": m.hours,
             "weeks": m.weeks, "cost": float(m.cost_eur), "teaches": m.teaches,
             "is_example": m.is_example} for m in found]


# ------------------------------------------------------------------ person and destination

@dataclass(frozen=True)
class Destination:
    occupation: Occupation | None
    vacancy: Vacancy | None
    essential: frozenset[int]  # skill ids
    label: str
    green: bool
    digital: bool

    @property
    def uri(self) -> str:
        return self.occupation.uri if self.occupation else ""


def resolve_destination(to: str, lang: str = "nl") -> Destination:
    """An ESCO occupation (URI, exact label or clear search text) or a vacancy
    (`vacancy:ID`, `vacature:ID` or a bare number)."""
    text = to.strip()
    vacancy_id = next((text[len(p):] for p in VACANCY_PREFIXES if text.lower().startswith(p)),
                      text if text.isdigit() else None)
    if vacancy_id is not None:
        vacancy = Vacancy.objects.select_related("occupation").filter(
            pk=int(vacancy_id) if vacancy_id.isdigit() else -1).first()
        if vacancy is None:
            raise PlanInputError(f"no vacancy with id {vacancy_id}")
        essential = frozenset(VacancySkill.objects.filter(vacancy=vacancy, essential=True)
                              .values_list("skill_id", flat=True))
        green, digital = _flags(vacancy.occupation)
        return Destination(vacancy.occupation, vacancy, essential, vacancy.title, green, digital)
    try:
        occupation = resolve_occupation(text, lang)
    except TransitionInputError as exc:
        raise PlanInputError(str(exc), exc.candidates) from exc
    essential = frozenset(OccupationSkill.objects.filter(
        occupation=occupation, relation=OccupationSkill.Relation.ESSENTIAL)
        .values_list("skill_id", flat=True))
    green, digital = _flags(occupation)
    return Destination(occupation, None, essential, occupation.label(lang), green, digital)


def _flags(occupation: Occupation | None) -> tuple[bool, bool]:
    if occupation is None:
        return False, False
    engine = get_engine()
    try:
        i = list(engine.occupation_uris).index(occupation.uri)
    except ValueError:
        return False, False
    return bool(engine.green[i]), bool(engine.digital[i])


def facts(*, situation: str | None, age: int | None, income: float | None,
          region: str | None, sector: str | None,
          destination: Destination | None) -> rules.Facts:
    """What the eligibility rules see; the province follows from the labour-market region.
    Raises PlanInputError for a region that does not exist."""
    place = regions.by_code().get(region or "")
    if region and place is None:
        raise PlanInputError(f"unknown labour-market region {region}")
    target = destination
    return rules.Facts(
        situation=situation, age=age, income=income, region=region,
        province=place.province_code if place else None, sector=sector or None,
        target_shortage=(target.green or target.digital) if target else None,
        target_green=target.green if target else None,
        target_digital=target.digital if target else None,
        target_isco=target.occupation.isco_code if target and target.occupation else None)


def circumstances_of(seeker: JobSeeker) -> Circumstances:
    """The stored circumstances, or unsaved defaults (nothing known yet)."""
    return Circumstances.objects.filter(seeker=seeker).first() or Circumstances(seeker=seeker)


def person_for(seeker: JobSeeker, destination: Destination, today: date) -> builder.Person:
    held = circumstances_of(seeker)
    province = getattr(regions.by_code().get(seeker.region), "province_code", None)
    near = frozenset(r.code for r in regions.regions() if province and
                     r.province_code == province) or frozenset({seeker.region})
    known = facts(
        situation=seeker.situation,
        age=today.year - held.birth_year if held.birth_year else None,
        income=float(held.annual_income_eur) if held.annual_income_eur is not None else None,
        region=seeker.region, sector=held.sector, destination=destination)
    start = max(today, seeker.available_from or today)
    return builder.Person(
        known, Reach(regions=near, start=start),
        monthly_income=float(held.monthly_income_eur)
        if held.monthly_income_eur is not None else None,
        study_hours_per_week=float(held.study_hours_per_week))


def save_circumstances(seeker: JobSeeker, *, situation: str, **values: Any) -> Circumstances:
    """Situation (on the profile) and circumstances together, validated, all or nothing."""
    held = circumstances_of(seeker)
    for name, value in values.items():
        setattr(held, name, value)
    seeker.situation = situation
    seeker.full_clean()
    held.full_clean()
    with transaction.atomic():
        seeker.save(update_fields=["situation", "updated_at"])
        held.save()
    return held


# ------------------------------------------------------------------ the plan

def adjustments_from(include: Iterable[str] = (), exclude: Iterable[str] = (),
                     exclude_schemes: Iterable[str] = (),
                     priority: str = "balanced") -> builder.Adjustments:
    known = catalogue().position
    unknown = sorted({*include, *exclude} - set(known))
    if unknown:
        raise PlanInputError(f"unknown module key: {', '.join(unknown)}")
    scheme_keys = {s.key for s in schemes()}
    unknown = sorted(set(exclude_schemes) - scheme_keys)
    if unknown:
        raise PlanInputError(f"unknown scheme key: {', '.join(unknown)}")
    try:
        return builder.Adjustments(frozenset(include), frozenset(exclude),
                                   frozenset(exclude_schemes), priority)
    except ValueError as exc:
        raise PlanInputError(str(exc)) from exc


def plan_for(seeker: JobSeeker, to: str, *, adjustments: builder.Adjustments | None = None,
             lang: str = "nl", today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    destination = resolve_destination(to, lang)
    held = frozenset(SeekerSkill.objects.filter(seeker=seeker).values_list("skill_id", flat=True))
    gap = destination.essential - held
    person = person_for(seeker, destination, today)
    plan = builder.build(person, gap, catalogue(), schemes(),
                         adjustments=adjustments or builder.Adjustments(), today=today,
                         job_label=destination.label, lang=lang,
                         route_wage=_route_wage(destination.vacancy))
    return _present(seeker, destination, person, plan, held, adjustments, lang)


def _route_wage(vacancy: Vacancy | None) -> float | None:
    """The wage while learning of a learn-work vacancy that names its route."""
    if vacancy is None or vacancy.hiring_mode != HiringMode.LEARN_WORK:
        return None
    route = LearnWorkRoute.objects.filter(vacancy=vacancy).first()
    return float(route.wage_eur) if route is not None else None


def _present(seeker: JobSeeker, destination: Destination, person: builder.Person,
             plan: builder.Plan, held: frozenset[int], adjustments: builder.Adjustments | None,
             lang: str) -> dict[str, Any]:
    taught_by: dict[Hashable, list[str]] = {}
    for item in plan.scheduled:
        for skill in item.module.skills & plan.gap:
            taught_by.setdefault(skill, []).append(item.module.key)
    modules_shown = [s.module for s in plan.scheduled] + [
        m for alts in plan.alternatives.values() for m in alts]
    skill_ids = set(plan.gap) | {s for m in modules_shown for s in m.skills}
    skills = Skill.objects.in_bulk(list(skill_ids))

    def ref(pk: Hashable) -> dict[str, str]:
        skill = skills.get(pk)
        if skill is None:
            return {"uri": "", "label": str(pk)}
        return {"uri": skill.uri, "label": skill.label(lang)}

    payments_of: dict[str, list[dict[str, Any]]] = {}
    scheme_names = {s.key: s.name for s in schemes()}
    for p in plan.funding.payments:
        if p.module:
            payments_of.setdefault(p.module, []).append(
                {"scheme": p.scheme, "name": scheme_names.get(p.scheme, p.scheme),
                 "amount": p.amount})

    def module_row(item: Scheduled) -> dict[str, Any]:
        m = item.module
        return {
            "key": m.key, "title": m.title, "provider": m.provider,
            "start": item.start.isoformat(), "end": item.end.isoformat(),
            "runs_alongside": item.overlaps, "weeks": m.weeks, "hours": m.hours,
            "cost": m.cost, "form": m.form, "delivery": m.delivery, "region": m.region,
            "award": m.award, "is_example": m.is_example, "source_url": m.source_url,
            "teaches": sorted((ref(s) for s in m.skills & plan.gap), key=lambda r: r["label"]),
            "funded_by": payments_of.get(m.key, []),
            "alternatives": [{"key": a.key, "title": a.title, "provider": a.provider,
                              "cost": a.cost, "hours": a.hours, "weeks": a.weeks,
                              "form": a.form,
                              "teaches": sorted(ref(s)["label"] for s in a.skills & plan.gap)}
                             for a in plan.alternatives.get(m.key, ())]}

    gap_rows = sorted(({**ref(s), "taught_by": taught_by.get(s, []),
                        "teachable": s not in plan.selection.uncovered} for s in plan.gap),
                      key=lambda r: (not r["teachable"], r["label"]))
    covered_after = cast(frozenset[int], held | plan.selection.covered)  # ESCO skill ids
    choice = adjustments or builder.Adjustments()
    return {
        "person": {"id": seeker.pk, "pseudonym": seeker.pseudonym, "region": seeker.region,
                   "region_name": seeker.region_name, "situation": seeker.situation},
        "destination": {"kind": "vacancy" if destination.vacancy else "occupation",
                        "uri": destination.uri, "label": destination.label,
                        "everyday_name": everyday_name(destination.occupation)
                        if destination.occupation and lang == "nl" else None,
                        "vacancy_id": destination.vacancy.pk if destination.vacancy else None,
                        "green": destination.green, "digital": destination.digital,
                        "essential_skills": len(destination.essential),
                        "held": len(destination.essential & held)},
        "start": plan.start.isoformat(), "training_end": plan.training_end.isoformat(),
        "job_from": plan.job_from.isoformat(),
        "works_while_learning": plan.works_while_learning,
        "gap": gap_rows,
        "uncovered_skills": [r for r in gap_rows if not r["teachable"]],
        "modules": [module_row(s) for s in plan.scheduled],
        "selection": {"method": plan.selection.method, "priority": choice.priority,
                      "cost": round(plan.selection.cost, 2), "hours": plan.selection.hours,
                      "weight": round(plan.selection.weight, 2),
                      "lower_bound": round(plan.selection.lower_bound, 2),
                      "candidates": plan.selection.candidates},
        "funding": _funding(plan, lang),
        "income": {"monthly_now": person.monthly_income,
                   "months": round(plan.income[0].months, 1) if plan.income else 0.0,
                   "options": [{"key": o.key, "text": o.text, "monthly": _money(o.monthly),
                                "difference": _money(o.difference),
                                "total_difference": _money(o.total_difference)}
                               for o in plan.income]},
        "vacancies": _vacancies(destination, seeker, covered_after),
        "pledges": _pledges(destination, plan),
        "timeline": [{"kind": s.kind, "label": s.label, "start": s.start.isoformat(),
                      "end": s.end.isoformat()} for s in plan.steps],
        "adjustments": {"include_modules": sorted(choice.include_modules),
                        "exclude_modules": sorted(choice.exclude_modules),
                        "exclude_schemes": sorted(choice.exclude_schemes),
                        "priority": choice.priority},
        "uses_examples": any(m.is_example for m in modules_shown) or any(
            s.is_example for s in schemes()),
    }


def _money(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _funding(plan: builder.Plan, lang: str) -> dict[str, Any]:
    order = {"yes": 0, "unknown": 1, "no": 2}
    assessed = sorted(plan.assessments, key=lambda a: (order[a.status],
                                                       -plan.funding.paid_by(a.scheme.key),
                                                       a.scheme.name))
    return {
        "total_cost": round(plan.funding.total_cost, 2),
        "covered": round(plan.funding.training_covered, 2),
        "own_contribution": round(plan.funding.own_contribution, 2),
        "income_support": round(plan.funding.income_support, 2),
        "used": list(plan.funding.used),
        "schemes": [{"key": a.scheme.key, "name": a.scheme.name, "provider": a.scheme.provider,
                     "kind": a.scheme.kind, "pays_for": a.scheme.pays_for, "status": a.status,
                     "paid": round(plan.funding.paid_by(a.scheme.key), 2),
                     "reasons": list(a.reasons), "rule": rules.explain(a.scheme.rule, lang),
                     "apply_by": a.scheme.apply_by.isoformat() if a.scheme.apply_by else None,
                     "is_example": a.scheme.is_example,
                     "source_url": a.scheme.source_url} for a in assessed],
    }


def _vacancies(destination: Destination, seeker: JobSeeker, skills_after: frozenset[int],
               limit: int = 10) -> list[dict[str, Any]]:
    """Open vacancies for the destination: learn-work jobs first, then nearby, then by how much
    of each vacancy's essential skills the person holds after the plan."""
    occupation = destination.occupation
    query = Q(pk=destination.vacancy.pk) if destination.vacancy else Q(pk__in=[])
    if occupation is not None:
        query |= Q(occupation=occupation)
    found = list(Vacancy.objects.filter(query, is_open=True).select_related("employer")[:500])
    essential: dict[int, set[int]] = {}
    for vacancy_id, skill_id in VacancySkill.objects.filter(
            vacancy__in=found, essential=True).values_list("vacancy_id", "skill_id"):
        essential.setdefault(vacancy_id, set()).add(skill_id)
    province = getattr(regions.by_code().get(seeker.region), "province_code", None)

    def cover(v: Vacancy) -> float:
        need = essential.get(v.pk, set())
        return len(need & skills_after) / len(need) if need else 1.0

    def rank(v: Vacancy) -> tuple[bool, bool, int, float, int]:
        near = 0 if v.region == seeker.region else 1 if getattr(
            regions.by_code().get(v.region), "province_code", None) == province else 2
        chosen = destination.vacancy is not None and v.pk == destination.vacancy.pk
        return (not chosen, v.hiring_mode != HiringMode.LEARN_WORK, near, -cover(v), v.pk)

    return [{"id": v.pk, "title": v.title, "employer": v.employer.name, "region": v.region,
             "region_name": v.region_name, "hiring_mode": v.hiring_mode,
             "salary_min": v.salary_min, "salary_max": v.salary_max,
             "coverage_after_plan": round(cover(v), 3), "is_synthetic": v.is_synthetic}
            for v in sorted(found, key=rank)[:limit]]


def _pledges(destination: Destination, plan: builder.Plan) -> list[dict[str, Any]]:
    """Employer pledges for the destination occupation that are still open when the plan ends."""
    if destination.occupation is None:
        return []
    found = Pledge.objects.filter(occupation=destination.occupation).select_related(
        "initiative").order_by("employer")
    out = []
    for pledge in found:
        open_jobs = pledge.jobs_pledged - pledge.jobs_delivered
        if open_jobs <= 0 or (pledge.deadline and pledge.deadline < plan.start):
            continue
        out.append({"employer": pledge.employer, "programme": pledge.initiative.name,
                    "open_jobs": open_jobs,
                    "deadline": pledge.deadline.isoformat() if pledge.deadline else None,
                    "is_example": pledge.is_example})
    return out
