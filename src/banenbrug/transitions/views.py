"""The Overstap-verkenner: every view reads its whole state from the URL, so it can be shared."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from banenbrug.language import current_lang
from banenbrug.taxonomy.models import Occupation, Skill
from banenbrug.taxonomy.search_service import search
from banenbrug.transitions import service
from banenbrug.transitions.training import typical_training

MAX_TEXT = 200
MAX_COMPARE = 4  # side by side; more does not fit a screen, nor a decision

@dataclass
class Query:
    """What the person asked, parsed from the query string, and what went wrong with it."""

    origin_text: str = ""
    also_text: str = ""
    skill_text: str = ""
    skill_uris: list[str] = field(default_factory=list)
    also_uris: list[str] = field(default_factory=list)
    green: bool = False
    digital: bool = False
    top: int = 20
    error: str = ""
    candidates: list[dict[str, str]] = field(default_factory=list)
    candidate_param: str = "van"
    profile: service.Profile | None = None

    @classmethod
    def from_request(cls, request: HttpRequest, lang: str) -> Query:
        get = request.GET
        query = cls(
            origin_text=get.get("van", "").strip()[:MAX_TEXT],
            also_text=get.get("ook_tekst", "").strip()[:MAX_TEXT],
            skill_text=get.get("vaardigheid_tekst", "").strip()[:MAX_TEXT],
            skill_uris=get.getlist("vaardigheid")[:30],
            also_uris=get.getlist("ook")[:5],
            green=get.get("groen") == "1",
            digital=get.get("digitaal") == "1",
        )
        try:
            query.top = min(max(int(get.get("top", 20)), 1), 100)
        except ValueError:
            query.top = 20
        if query.origin_text:
            query._resolve(lang)
        return query

    def _resolve(self, lang: str) -> None:
        try:
            origin = service.resolve_occupation(self.origin_text, lang)
        except service.TransitionInputError as exc:
            self.error, self.candidates = str(exc), exc.candidates
            return
        also = list(Occupation.objects.filter(uri__in=self.also_uris))
        if self.also_text:
            try:
                also.append(service.resolve_occupation(self.also_text, lang))
            except service.TransitionInputError as exc:
                self.error, self.candidates, self.candidate_param = (
                    str(exc), exc.candidates, "ook")
        skills = list(Skill.objects.filter(uri__in=self.skill_uris))
        if self.skill_text:
            hits = search("skill", self.skill_text, lang, 1)
            if hits and hits[0].score >= 0.6:
                skills.append(hits[0].concept)
            else:
                self.error = f"no skill matches '{self.skill_text}'"
        self.also_uris = [o.uri for o in also if o.uri != origin.uri]
        self.skill_uris = list(dict.fromkeys(s.uri for s in skills))
        self.profile = service.Profile([origin, *[o for o in also if o.uri != origin.uri]],
                                       list({s.uri: s for s in skills}.values()))

    def params(self, **change: object) -> list[tuple[str, str]]:
        """The query string of this query, with changes (for links that keep the state)."""
        state = {"van": self.profile.occupations[0].uri if self.profile else self.origin_text,
                 "ook": self.also_uris, "vaardigheid": self.skill_uris,
                 "groen": "1" if self.green else "", "digitaal": "1" if self.digital else "",
                 "top": str(self.top) if self.top != 20 else ""}
        state.update(change)
        pairs: list[tuple[str, str]] = []
        for key, value in state.items():
            for item in value if isinstance(value, list) else [value]:
                if item:
                    pairs.append((key, str(item)))
        return pairs


def explorer(request: HttpRequest) -> HttpResponse:
    lang = current_lang()
    query = Query.from_request(request, lang)
    result = None
    if query.profile:
        result = service.transitions(query.profile, top=query.top, green=query.green,
                                     digital=query.digital, lang=lang)
        for t in result["transitions"]:
            t["compare_query"] = urlencode(query.params(naar=t["uri"]))
        result["first_four_query"] = urlencode(query.params(
            naar=[t["uri"] for t in result["transitions"][:MAX_COMPARE]]))
    chart = None
    if result and result["transitions"]:
        chart = [{"label": t["label"], "score": t["score"], "band": t["band"],
                  "missing": len(t["missing_essential_skills"])} for t in result["transitions"]]
    removable = []
    if query.profile:
        removable = [
            {"label": s.label(lang), "query": urlencode(query.params(
                vaardigheid=[u for u in query.skill_uris if u != s.uri]))}
            for s in query.profile.skills
        ] + [
            {"label": o.label(lang), "query": urlencode(query.params(
                ook=[u for u in query.also_uris if u != o.uri]))}
            for o in query.profile.occupations[1:]
        ]
    return render(request, "transitions/explorer.html", {
        "q": query, "result": result, "lang": lang, "chart": chart, "removable": removable,
        "state": query.params(), "share_query": urlencode(query.params()),
    })


def compare(request: HttpRequest) -> HttpResponse:
    """Up to four destinations side by side (`naar` repeated); with one, every skill in full."""
    lang = current_lang()
    query = Query.from_request(request, lang)
    wanted = list(dict.fromkeys(u.strip()[:MAX_TEXT] for u in request.GET.getlist("naar")))
    found = {o.uri: o for o in Occupation.objects.filter(uri__in=wanted[:MAX_COMPARE])}
    destinations = [found[u] for u in wanted[:MAX_COMPARE] if u in found]
    problems = []
    if not query.profile:
        problems.append(_("Kies eerst het beroep waar je vandaan komt."))
    if len(wanted) > MAX_COMPARE:
        problems.append(_("Je kunt tot vier beroepen naast elkaar zetten; we tonen de eerste "
                          "vier."))
    unknown = [u for u in wanted[:MAX_COMPARE] if u not in found]
    if unknown:
        problems.append(_("Deze beroepen kennen we niet: %(ids)s.") % {
            "ids": ", ".join(u.rsplit("/", 1)[-1] for u in unknown)})
    if not wanted:
        problems.append(_("Kies een tot vier beroepen om te vergelijken."))
    columns = []
    if query.profile:
        for destination in destinations:
            detail = service.compare(query.profile, destination, lang)
            detail["training"] = typical_training(
                [g["uri"] for g in detail["missing_essential_skills"]])
            detail["alone_query"] = urlencode(query.params(naar=[destination.uri]))
            detail["without_query"] = urlencode(query.params(
                naar=[d.uri for d in destinations if d != destination]))
            columns.append(detail)
    context = {"q": query, "columns": columns, "problems": problems, "lang": lang,
               "back_query": urlencode(query.params())}
    if len(columns) == 1:
        context.update(t=columns[0], destination=destinations[0],
                       rows=_skill_rows(columns[0], destinations[0], lang))
    return render(request, "transitions/compare.html", context,
                  status=200 if columns else 400)


def _skill_rows(detail: dict, destination: Occupation, lang: str) -> list[dict]:
    """Every skill the destination lists, as held, near miss, missing or optional."""
    missing = {g["uri"]: g for g in detail["missing_essential_skills"]}
    held = {s["uri"] for s in detail["carried_over"]}
    rows = []
    for link in destination.skill_links.select_related("skill").order_by("relation"):
        uri = link.skill.uri
        status = ("held" if uri in held else "near" if missing.get(uri, {}).get("near_miss")
                  else "missing" if uri in missing else "optional")
        rows.append({"skill": link.skill, "label": link.skill.label(lang),
                     "relation": link.relation, "status": status,
                     "weight": missing.get(uri, {}).get("weight")})
    rows.sort(key=lambda r: (r["relation"] != "essential",
                             ["missing", "near", "held", "optional"].index(r["status"]),
                             -(r["weight"] or 0), r["label"].casefold()))
    return rows


def suggestions(request: HttpRequest) -> HttpResponse:
    """htmx: occupations matching what is being typed, as links that fill the form."""
    lang = current_lang()
    text = request.GET.get("van", "").strip()[:MAX_TEXT]
    hits = search("occupation", text, lang, 6) if len(text) >= 2 else []
    return render(request, "transitions/_suggestions.html", {"hits": hits, "lang": lang})
