"""Pages of the employer self-scan: the result with peers, next steps and progress; the
questionnaire; the employer's own export. Only the employer's members and administrators."""

from __future__ import annotations

import csv
import json
from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from banenbrug.accounts.decorators import permission_required
from banenbrug.employers import selfscan_service as service
from banenbrug.employers.selfscan import Problem, ScanInputError
from banenbrug.language import current_lang


@permission_required("manage_vacancies")
def index(request: HttpRequest) -> HttpResponse:
    employers = list(service.visible_employers(request.user))
    if len(employers) == 1:
        return redirect("employers:scan", employers[0].pk)
    return render(request, "employers/scan_index.html", {"employers": employers})


@permission_required("manage_vacancies")
def result(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = service.employer_for(request.user, employer_id)
    lang = current_lang()
    report = service.report(employer, lang)
    keys = [t.key for t in service.questionnaire().themes]
    history_rows = [{"date": date_format(datetime.fromisoformat(h["taken_at"])),
                     "scores": [h["scores"].get(k) for k in keys]} for h in report["history"]]
    return render(request, "employers/scan.html", {
        "employer": employer, "report": report, "history_rows": history_rows,
        "latest_date": history_rows[-1]["date"] if history_rows else "",
        "chart": service.progress_chart(report["history"], lang) if report["history"] else None})


def _problem_text(problem: Problem, questionnaire) -> str:
    question = questionnaire.question(problem.key)
    name = question.text.label(current_lang()) if question else problem.key
    return {"empty": _("Er zijn geen antwoorden: beantwoord alle vragen."),
            "unknown_question": _("Onbekende vraag: %(name)s.") % {"name": name},
            "unknown_answer": _("Onbekend antwoord bij: %(name)s.") % {"name": name},
            "missing": _("Nog niet beantwoord: %(name)s") % {"name": name},
            "unknown_sector": _("Kies uw sector."),
            "unknown_region": _("Kies uw provincie."),
            }[problem.code]


@permission_required("manage_vacancies")
def fill_in(request: HttpRequest, employer_id: int) -> HttpResponse:
    """The questionnaire, prefilled with the last answers; a re-scan is a new dated result."""
    employer = service.employer_for(request.user, employer_id)
    questionnaire = service.questionnaire()
    last = employer.selfscans.order_by("taken_at", "pk").last()
    sector, region = service.default_place(employer)
    values = {"sector": sector, "region": region, "answers": last.answers if last else {}}
    problems: list[str] = []
    if request.method == "POST":
        answers = {key[2:]: value for key, value in request.POST.items()
                   if key.startswith("q-")}
        values = {"sector": request.POST.get("sector", ""),
                  "region": request.POST.get("provincie", ""), "answers": answers}
        try:
            service.save_scan(employer, values["sector"], values["region"], answers)
        except ScanInputError as exc:
            problems = [_problem_text(p, questionnaire) for p in exc.problems]
        else:
            return redirect("employers:scan", employer.pk)
    lang = current_lang()
    themes = [{"name": t.name.label(lang), "questions": [
        {"key": q.key, "text": q.text.label(lang), "why": q.why.label(lang),
         "chosen": values["answers"].get(q.key, ""),
         "options": [{"key": o.key, "text": o.text.label(lang)} for o in q.options]}
        for q in questionnaire.questions if q.theme == t.key]} for t in questionnaire.themes]
    return render(request, "employers/scan_form.html", {
        "employer": employer, "themes": themes, "values": values, "problems": problems,
        "sectors": [(s.code, s.name.label(lang)) for s in questionnaire.sectors],
        "provinces": list(service.provinces().items())}, status=422 if problems else 200)


@permission_required("manage_vacancies")
def export(request: HttpRequest, employer_id: int, fmt: str) -> HttpResponse:
    """All of the employer's own scans: every answer and score (CSV or JSON)."""
    if fmt not in ("csv", "json"):
        raise Http404
    employer = service.employer_for(request.user, employer_id)
    rows = service.export_rows(employer)
    name = f"zelfscan-{employer.pk}"
    if fmt == "json":
        response = HttpResponse(json.dumps(
            {"employer": employer.name, "scans": [dict(zip(rows[0], r, strict=True))
                                                   for r in rows[1:]]},
            ensure_ascii=False, indent=2), content_type="application/json")
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        csv.writer(response, lineterminator="\n").writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
