"""A job's page: its progress, polled by htmx, and its result once it is done."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from banenbrug.jobs import kinds, service, states
from banenbrug.jobs.models import Job

DOWNLOADS = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}


def _visible(request: HttpRequest, job_id: int) -> Job:
    job = get_object_or_404(Job, pk=job_id)
    if not service.may_see(job, request.user, request.session.session_key or ""):
        raise Http404  # not 403: whether someone else's job exists is not for others to know
    return service.settle(job)


def detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _visible(request, job_id)
    spec = kinds.find(job.kind)
    context = {"job": job, "label": spec.label if spec else job.kind,
               "final": job.status in states.FINAL, "percent": round(job.progress * 100),
               "download": _download_type(job) is not None}
    template = "jobs/_progress.html" if request.headers.get("HX-Request") else "jobs/detail.html"
    return render(request, template, context)


def _download_type(job: Job) -> str | None:
    """The content type of a file result a person can open; None for other files (a job may
    keep a file for its own page, such as a serialised forecast)."""
    if job.status != states.DONE or job.output is None:
        return None
    return DOWNLOADS.get(job.output_name.rsplit(".", 1)[-1])


def output(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _visible(request, job_id)
    content_type = _download_type(job)
    if content_type is None:
        raise Http404
    response = HttpResponse(bytes(job.output), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{job.output_name}"'
    return response
