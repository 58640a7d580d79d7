"""Pages: the overview with the side-by-side comparison, a report per initiative (HTML and PDF)
and the upload. Views only present: the numbers come from the stored reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from banenbrug.accounts.decorators import permission_required
from banenbrug.evaluation import charts
from banenbrug.evaluation.access import (
    may_upload,
    may_view_all,
    permission_or_staff,
    visible_initiatives,
)
from banenbrug.evaluation.estimators import MIN_CELL
from banenbrug.evaluation.examples import example_csv
from banenbrug.evaluation.forms import FollowUpForm, OutcomeUploadForm
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.messages import problem_texts
from banenbrug.evaluation.models import Initiative
from banenbrug.evaluation.outcome_format import COLUMNS, parse_outcome_file
from banenbrug.evaluation.outcome_loop import due_follow_ups
from banenbrug.evaluation.outcome_records import all_loop_counts
from banenbrug.evaluation.outcome_sources import start_date
from banenbrug.evaluation.power import TARGET_EFFECT
from banenbrug.evaluation.power_counts import initiative_power, power_text
from banenbrug.evaluation.report_view import comparison, report_view
from banenbrug.evaluation.table_reader import read_text
from banenbrug.jobs import service as jobs
from banenbrug.people import access as people_access
from banenbrug.people.models import FollowUp


def index(request: HttpRequest) -> HttpResponse:
    rows = comparison(list(visible_initiatives(request.user)))
    return render(request, "evaluation/index.html", {
        "rows": rows, "chart": charts.comparison_plot(rows),
        "has_costs": any(r.costs for r in rows), "may_upload": may_upload(request.user),
        "may_view_all": may_view_all(request.user),
    })


def _initiative(request: HttpRequest, slug: str) -> Initiative:
    initiative = get_object_or_404(Initiative, slug=slug)
    if not initiative.is_example and not may_view_all(request.user):
        raise Http404
    return initiative


def initiative_report(request: HttpRequest, slug: str) -> HttpResponse:
    view = report_view(_initiative(request, slug))
    if view is None:
        raise Http404
    context = {"view": view, "initiative": view.initiative,
               "power": power_text(initiative_power(view.initiative))}
    if view.balance:
        context["love"] = charts.love_plot(view.balance)
    if any(row["estimate"] is not None for column in view.groups for row in column["rows"]):
        context["forest"] = charts.forest_plot(view.groups, view.primary.estimate)
    if view.report.get("overlap"):
        ov = view.report["overlap"]
        context["overlap"] = charts.overlap_plot(ov)
        edges = ov["bin_edges"]
        context["overlap_rows"] = [
            (edges[i], edges[i + 1], ov["treated_counts"][i], ov["control_counts"][i])
            for i in range(len(edges) - 1)]
    return render(request, "evaluation/initiative.html", context)


def initiative_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    from banenbrug.evaluation.pdf import report_pdf  # reportlab and matplotlib, PDF only

    view = report_view(_initiative(request, slug))
    if view is None:
        raise Http404
    response = HttpResponse(report_pdf(view), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluatie-{view.initiative.slug}.pdf"'
    return response


@permission_or_staff("import_outcomes")
def upload(request: HttpRequest) -> HttpResponse:
    problems: list[str] = []
    if request.method == "POST":
        form = OutcomeUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload_file = form.cleaned_data["file"]
            try:  # every problem of the file at once, before anything is queued
                text = read_text(upload_file.read(), upload_file.name)
                parse_outcome_file(text, upload_file.name)
            except EvaluationError as exc:
                problems = problem_texts(exc)
            else:  # the reports take seconds to minutes: a background job
                job = jobs.start("evaluation_import", {"text": text, "name": upload_file.name},
                                 request.user)
                return redirect(job)
    else:
        form = OutcomeUploadForm()
    return render(request, "evaluation/upload.html", {"form": form, "problems": problems,
                                                      "columns": COLUMNS})


def template_csv(request: HttpRequest) -> HttpResponse:
    """The file format, with a few invented example rows."""
    lines = example_csv().splitlines()
    response = HttpResponse("\n".join(lines[:6]) + "\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="banenbrug-uitkomsten-sjabloon.csv"'
    return response


def outcome_loop(request: HttpRequest) -> HttpResponse:
    """Per initiative: its outcome records (counts), who was left out, and when it can be
    evaluated. Counts only, for those who may see the figures; analysts start a run here."""
    if not may_view_all(request.user):
        raise Http404
    if request.method == "POST":
        if not may_upload(request.user):
            raise PermissionDenied
        return redirect(jobs.start("outcome_loop", {}, request.user))
    return render(request, "evaluation/outcome_loop.html", {
        "rows": all_loop_counts(), "may_run": may_upload(request.user), "min_cell": MIN_CELL,
        "target": TARGET_EFFECT * 100})


@permission_required("manage_own_profile")
def follow_up(request: HttpRequest) -> HttpResponse:
    """The person's own follow-up questions: work 6 and 12 months after their start."""
    seeker = people_access.own_profile(request.user)
    if seeker is None:
        return redirect("matching:profile")
    start = start_date(seeker)
    due = due_follow_ups(start, timezone.localdate())
    form = None
    if seeker.consent_evaluation and due:
        held = FollowUp.objects.filter(seeker=seeker).first() or FollowUp(seeker=seeker)
        form = FollowUpForm(request.POST or None, instance=held, due=due)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Dank je wel: je antwoorden zijn opgeslagen."))
            return redirect("evaluation:follow_up")
    return render(request, "evaluation/follow_up.html", {
        "seeker": seeker, "form": form, "start": start, "due": due})
