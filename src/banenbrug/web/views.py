from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from banenbrug.taxonomy.models import ImportRun, Occupation, Skill


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {
        "occupation_count": Occupation.objects.count(),
        "skill_count": Skill.objects.count(),
    })


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/about.html")


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: the database answers and ESCO is loaded."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        version = ImportRun.data_version()
    except Exception as exc:  # any database failure means not healthy
        return JsonResponse({"status": "error", "database": str(exc.__class__.__name__)},
                            status=503)
    return JsonResponse({
        "status": "ok" if version != "empty" else "degraded",
        "database": connection.vendor,
        "esco_data_version": version,
    })
