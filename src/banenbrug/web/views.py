from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from banenbrug.memo import Memo
from banenbrug.taxonomy.models import ImportRun, Occupation, Skill
from banenbrug.web import warm

# Counting 17,000 rows twice was most of the home page's time; they change only with an import.
_counts = Memo()


def home(request: HttpRequest) -> HttpResponse:
    occupations, skills = _counts.get("esco", ImportRun.data_version(), lambda: (
        Occupation.objects.count(), Skill.objects.count()))
    return render(request, "web/home.html", {"occupation_count": occupations,
                                             "skill_count": skills})


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 once every engine is loaded and the database answers, 503 before or without.

    A load balancer sends visitors only to a process that says ready; `banenbrug serve` loads the
    engines before it even listens, so 503 "starting" is for other ways of running the app.
    With no ESCO data yet the process is ready but has nothing to show: 200 "degraded".
    """
    engines = warm.warmed()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        version = ImportRun.data_version()
    except Exception as exc:  # any database failure means not ready
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__),
                             "engines": "cold" if engines is None else "warm"}, status=503)
    if engines is None:
        return JsonResponse({"status": "starting", "database": connection.vendor,
                             "esco_data_version": version, "engines": "cold"}, status=503)
    return JsonResponse({
        "status": "ok" if version != "empty" else "degraded",
        "database": connection.vendor,
        "esco_data_version": version,
        "engines": "warm",
    })


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches neither the database nor an engine, so a slow or
    unreachable database never gets a healthy process restarted (that is what `/health` is for)."""
    return JsonResponse({"status": "alive"})
