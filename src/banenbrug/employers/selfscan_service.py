"""The self-scan fed from and into the database: who may see which employer's scans, storing a
scan in one transaction, the report (scores, peers, next steps linked to what Banenbrug has,
progress) and the aggregates for analysts.

Peers are the latest scans of the other employers of the same kind: real scans are compared
with real scans, example scans (the demo set) with example scans.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from banenbrug.accounts.roles import ADMINISTRATOR
from banenbrug.employers import selfscan
from banenbrug.employers.models import SelfScan
from banenbrug.employers.selfscan import Problem, ScanInputError
from banenbrug.matching import regions
from banenbrug.matching.models import HiringMode, Vacancy
from banenbrug.people import access
from banenbrug.people.models import Employer
from banenbrug.plans import service as plans
from banenbrug.registry import regions as registry_regions
from banenbrug.registry import search as registry_search
from banenbrug.registry import service as registry_service
from banenbrug.registry.snapshot import all_records

MAX_LINKS = 3  # registry items or schemes named per step


@cache
def questionnaire() -> selfscan.Questionnaire:
    return selfscan.load_questionnaire()


@cache
def provinces() -> dict[str, str]:
    """Province code -> name, from the CBS region files (the scan's regions)."""
    return dict(sorted({(r.province_code, r.province) for r in regions.regions()}))


# ---------------------------------------------------------------- who sees what

def is_administrator(user: User | AnonymousUser) -> bool:
    return user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists()


def visible_employers(user: User | AnonymousUser) -> QuerySet[Employer]:
    """The employers whose scans this user may see: their own, or all for administrators.
    Other roles (analysts too) get PermissionDenied: they see aggregates only."""
    mine = access.own_employers(user)
    return Employer.objects.all() if is_administrator(user) else mine


def employer_for(user: User | AnonymousUser, employer_id: int) -> Employer:
    """Another employer answers 404, like an absent one."""
    employer = visible_employers(user).filter(pk=employer_id).first()
    if employer is None:
        raise Http404
    return employer


# ---------------------------------------------------------------- storing a scan

def default_place(employer: Employer) -> tuple[str, str]:
    """(sector, province) of the last scan, else the province where most vacancies are."""
    last = employer.selfscans.order_by("taken_at").last()
    if last is not None:
        return last.sector, last.region
    by_code = regions.by_code()
    counts = Counter(by_code[r].province_code for r in Vacancy.objects.filter(
        employer=employer).values_list("region", flat=True) if r in by_code)
    return "", counts.most_common(1)[0][0] if counts else ""


def save_scan(employer: Employer, sector: str, region: str, answers: dict[str, str], *,
              taken_at: datetime | None = None, is_example: bool = False) -> SelfScan:
    """Checks everything before it writes; a refused scan stores nothing and names every
    problem (ScanInputError)."""
    q = questionnaire()
    problems = selfscan.answer_problems(q, answers)
    if q.sector(sector) is None:
        problems.insert(0, Problem("unknown_sector", "sector", sector))
    if region not in provinces():
        problems.insert(0, Problem("unknown_region", "region", region))
    if problems:
        raise ScanInputError(problems)
    result = selfscan.score(q, answers)
    return SelfScan.objects.create(  # one row: stored whole or not at all
        employer=employer, sector=sector, region=region, version=q.version,
        answers=dict(answers), scores=result.scores, is_example=is_example,
        taken_at=taken_at or timezone.now())


# ---------------------------------------------------------------- the report

def _latest_per_employer(scans: QuerySet[SelfScan]) -> list[SelfScan]:
    latest: dict[int, SelfScan] = {}
    for scan in scans.order_by("taken_at", "pk"):
        latest[scan.employer_id] = scan
    return list(latest.values())


def peers_of(scan: SelfScan) -> list[selfscan.Peer]:
    others = SelfScan.objects.filter(is_example=scan.is_example).exclude(
        employer_id=scan.employer_id)
    return [selfscan.Peer(s.sector, s.region, s.scores) for s in _latest_per_employer(others)]


def _group_name(group: selfscan.PeerGroup, lang: str) -> str:
    sector = questionnaire().sector(group.sector)
    sector_name = sector.name.label(lang) if sector else ""
    if group.level == "sector_region":
        return f"{sector_name}, {provinces().get(group.region, group.region)}"
    if group.level == "sector":
        return ", ".join((sector_name, _("heel Nederland")))
    return _("alle werkgevers")


def _registry_links(kind: str | None, province: str) -> dict[str, Any]:
    """Initiatives of a kind (or tables, for None) that reach the province."""
    atlas = registry_regions.atlas()
    found = registry_search.search(all_records(atlas), atlas, registry_search.Filters(
        types=frozenset({registry_search.TABLE if kind is None else
                         registry_search.INITIATIVE}),
        kinds=frozenset({kind}) if kind else frozenset(),
        statuses=frozenset({"planned", "active"}), places=(province,)), limit=MAX_LINKS)
    query = {"type": "table" if kind is None else "initiative", "region": province,
             **({"kind": kind} if kind else {})}
    return {"items": [{"name": r["name"], "url": r["url"], "is_example": r["is_example"]}
                      for r in registry_service.describe(found.hits, atlas)],
            "total": found.total, "more_url": f"{reverse('registry:index')}?{urlencode(query)}"}


def _scheme_links() -> dict[str, Any]:
    """Schemes that pay for training at an employer: sector funds and learn-work routes."""
    today = timezone.localdate()
    found = [s for s in plans.schemes() if s.pays_for == "training"
             and s.kind in ("sector", "employer")
             and (s.valid_until is None or s.valid_until >= today)]
    return {"items": [{"name": s.name, "url": s.source_url, "is_example": s.is_example}
                      for s in found[:MAX_LINKS]],
            "total": len(found), "more_url": reverse("plans:schemes")}


def _vacancy_links(employer: Employer, mode: str) -> dict[str, Any]:
    return {"items": [], "total": Vacancy.objects.filter(employer=employer,
                                                         hiring_mode=mode).count(),
            "more_url": reverse("matching:vacancy_new")}


def resolve(step: selfscan.Step, employer: Employer, province: str, lang: str) -> dict[str, Any]:
    """A next step with what Banenbrug has for it: registry items, schemes or a tool."""
    link = step.link
    if link.startswith("initiatives:"):
        target = _registry_links(link.removeprefix("initiatives:"), province)
    elif link == "tables":
        target = _registry_links(None, province)
    elif link == "schemes":
        target = _scheme_links()
    elif link in ("open_hiring", "learn_work"):
        target = _vacancy_links(employer, HiringMode(link))
    else:
        target = {"items": [], "total": 0, "more_url": reverse(
            "employers:index" if link == "jobcarving" else "employers:text_check")}
    return {"link": link, "text": step.text.label(lang), **target}


def progress_chart(history: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Theme scores per scan (plotly spec; the page's table holds the same numbers). One
    category per scan, labelled with its date (numbered, when two fall on one day)."""
    q = questionnaire()
    moments = [timezone.localtime(datetime.fromisoformat(h["taken_at"])) for h in history]
    labels = [date_format(m, "j b Y") for m in moments]
    if len(set(labels)) < len(labels):  # plotly would merge equal categories
        labels = [f"{i}. {label}" for i, label in enumerate(labels, 1)]
    return {"data": [{"type": "scatter", "mode": "lines+markers", "name": t.name.label(lang),
                      "x": labels, "y": [h["scores"][t.key] for h in history]}
                     for t in q.themes],
            "layout": {"height": 340, "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
                       "yaxis": {"range": [0, 105], "title": {"text": "score"}},
                       "xaxis": {"type": "category"},
                       "legend": {"orientation": "h", "y": -0.2}}}


def report(employer: Employer, lang: str) -> dict[str, Any]:
    """The latest scan explained, compared and followed by next steps; the history."""
    q = questionnaire()
    scans = list(employer.selfscans.order_by("taken_at", "pk"))
    history = [{"id": s.pk, "taken_at": s.taken_at.isoformat(), "scores": s.scores,
                "is_example": s.is_example, "version": s.version} for s in scans]
    out: dict[str, Any] = {"employer": {"id": employer.pk, "name": employer.name},
                           "latest": None, "history": history}
    if not scans:
        return out
    latest = scans[-1]
    result = selfscan.score(q, latest.answers) if latest.version == q.version else None
    group = selfscan.peer_group(peers_of(latest), latest.sector, latest.region)
    themes = []
    for theme in q.themes:
        own = latest.scores[theme.key]
        spread = group.themes.get(theme.key) if group else None
        scored = next((t for t in result.themes if t.theme.key == theme.key), None) \
            if result else None
        themes.append({
            "key": theme.key, "name": theme.name.label(lang), "score": own,
            "peers": None if spread is None else {
                "low": spread.low, "median": spread.median, "high": spread.high,
                "position": selfscan.position(own, spread)},
            "answers": [{"question": a.question.key, "text": a.question.text.label(lang),
                         "answer": a.option.key, "answer_text": a.option.text.label(lang),
                         "score": a.option.score, "explanation": a.option.note.label(lang),
                         "why": a.question.why.label(lang), "source": a.question.source}
                        for a in (scored.answers if scored else ())]})
    by_key = {t["key"]: t for t in themes}
    weak = [by_key[key] for key in selfscan.weak_themes(latest.scores)]
    sector = q.sector(latest.sector)
    out["latest"] = {
        "id": latest.pk, "taken_at": latest.taken_at.isoformat(),
        "is_example": latest.is_example, "sector": latest.sector,
        "sector_name": sector.name.label(lang) if sector else latest.sector,
        "region": latest.region, "region_name": provinces().get(latest.region, latest.region),
        "themes": themes,
        "peer_group": None if group is None else {
            "level": group.level, "sector": group.sector, "region": group.region,
            "size": group.size, "name": _group_name(group, lang)},
        "next_steps": [{"theme": t["key"], "name": t["name"], "score": t["score"],
                        "steps": [resolve(s, employer, latest.region, lang)
                                  for s in q.theme(t["key"]).steps]} for t in weak]}
    return out


# ---------------------------------------------------------------- exports

EXPORT_COLUMNS = ("taken_at", "sector", "region", "version", "is_example")


def export_rows(employer: Employer) -> list[list[str]]:
    """The employer's own scans, one row per scan: scores per theme and every answer."""
    q = questionnaire()
    header = [*EXPORT_COLUMNS, *(f"score_{t.key}" for t in q.themes),
              *(f"answer_{x.key}" for x in q.questions)]
    rows = [header]
    for s in employer.selfscans.order_by("taken_at", "pk"):
        rows.append([s.taken_at.isoformat(), s.sector, s.region, s.version,
                     "true" if s.is_example else "false",
                     *(f"{s.scores.get(t.key, ''):g}" if t.key in s.scores else ""
                       for t in q.themes),
                     *(s.answers.get(x.key, "") for x in q.questions)])
    return rows


def aggregates() -> selfscan.Aggregates:
    """Per year the latest scan of each employer; real scans, or (where there are none at all)
    the example scans, marked as examples."""
    example = not SelfScan.objects.filter(is_example=False).exists()
    scans = SelfScan.objects.filter(is_example=example)
    per_year: dict[tuple[int, int], SelfScan] = {}
    for s in scans.order_by("taken_at", "pk"):
        per_year[(s.employer_id, s.taken_at.year)] = s
    dated = [selfscan.DatedScan(str(year), s.sector, s.region, s.scores)
             for (_employer, year), s in sorted(per_year.items())]
    return selfscan.aggregates(dated, questionnaire().themes, example)
