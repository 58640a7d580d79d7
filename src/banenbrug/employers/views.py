"""Pages for employers: their vacancies' jobcarving and the vacancy-text check."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from banenbrug.accounts.decorators import permission_required
from banenbrug.employers import service
from banenbrug.language import current_lang
from banenbrug.matching import access
from banenbrug.matching.models import HiringMode


@permission_required("manage_vacancies")
def index(request: HttpRequest) -> HttpResponse:
    items = access.own_vacancies(request.user).select_related("employer")
    return render(request, "employers/index.html", {
        "vacancies": items, "synthetic": any(v.is_synthetic for v in items)})


def _carved_count(request: HttpRequest) -> int:
    raw = request.GET.get("deelfuncties", "1")
    return min(max(int(raw), 1), service.MAX_CARVED) if raw.isdigit() else 1


@permission_required("manage_vacancies")
def carving(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    """Review the carved roles of an own vacancy; each can be published as a new vacancy."""
    item = access.own_vacancy(request.user, vacancy_id)
    count = _carved_count(request)
    context = {"vacancy": item, "count": count, "counts": range(1, service.MAX_CARVED + 1),
               "modes": HiringMode.choices}
    try:
        context["result"] = service.jobcarving(item, count, current_lang())
    except service.EmployerInputError as exc:
        context["error"] = str(exc)
        return render(request, "employers/carving.html", context, status=422)
    return render(request, "employers/carving.html", context)


@permission_required("manage_vacancies")
@require_POST
def publish(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    item = access.own_vacancy(request.user, vacancy_id)
    try:
        made = service.publish_carved(
            item, request.POST.getlist("vaardigheid")[:100], request.POST.get("titel", "")[:200],
            request.POST.get("werven", HiringMode.SKILLS),
            narrow_original=request.POST.get("kern") == "1")
    except service.EmployerInputError as exc:
        messages.error(request, str(exc))
        return redirect("employers:carving", item.pk)
    messages.success(request, _("De deelfunctie staat online als nieuwe vacature."))
    return redirect("matching:employer_vacancy", made.pk)


@permission_required("manage_vacancies")
def text_check(request: HttpRequest) -> HttpResponse:
    """The check on its own page, and (htmx) beside the vacancy form: never a refusal."""
    report, error = None, ""
    source = request.POST if request.method == "POST" else None
    if source is not None:
        try:
            report = service.check_text(
                source.get("description", ""), title=source.get("title", ""),
                requirements=source.get("other_requirements", ""),
                part_time_possible=bool(source.get("part_time_possible")),
                lang=current_lang())
        except service.EmployerInputError as exc:
            error = str(exc)
    if request.htmx:
        return render(request, "employers/_text_check.html", {"report": report,
                                                               "error": error})
    return render(request, "employers/text_check.html", {
        "report": report, "error": error, "values": source or {}})
