from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from banenbrug.language import current_lang
from banenbrug.taxonomy import queries
from banenbrug.taxonomy.search_service import search_kinds

MAX_QUERY = 200



def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    lang = current_lang()
    found = search_kinds(("occupation", "skill"), query, lang, 15) if query else {}
    occupations, skills = found.get("occupation", []), found.get("skill", [])
    template = "taxonomy/_results.html" if request.htmx else "taxonomy/search.html"
    return render(request, template, {"query": query, "lang": lang,
                                      "occupations": occupations, "skills": skills})


def occupation_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    lang = current_lang()
    view = queries.occupation_view(queries.occupation_by_uuid(uuid), lang)
    return render(request, "taxonomy/occupation.html", {"view": view, "lang": lang,
                                                        "o": view.occupation})


def skill_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    lang = current_lang()
    skill = queries.skill_by_uuid(uuid)
    return render(request, "taxonomy/skill.html", {
        "s": skill, "lang": lang,
        "collections": queries.skill_collections(skill),
        "needed_by": queries.occupations_needing(skill),
    })
