"""Background job: import an outcome file and compute its initiatives' reports (bootstrap
intervals: seconds to minutes), one transaction as `import_outcomes` always did."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenbrug.evaluation.import_service import import_outcomes
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.messages import problem_texts
from banenbrug.evaluation.models import Initiative
from banenbrug.jobs.kinds import Outcome, Progress, kind
from banenbrug.jobs.service import JobError


# Who may start it is the upload page's check (view_aggregates or staff). The file's rows are
# dropped from the job once it ends: they live on only in the initiatives' records.
@kind("evaluation_import", _("Uitkomsten inlezen en rapporten berekenen"), transient=("text",))
def evaluation_import(params: dict[str, Any], progress: Progress) -> Outcome:
    progress(0.0, "Rapporten berekenen / computing reports")
    try:
        summary = import_outcomes(params["text"], params["name"],
                                  example=bool(params.get("example")))
    except EvaluationError as exc:
        raise JobError("\n".join(problem_texts(exc))) from exc
    if len(summary.initiatives) == 1:
        url = Initiative.objects.get(name=summary.initiatives[0]).get_absolute_url()
    else:
        url = reverse("evaluation:index")
    return Outcome(result={"initiatives": summary.initiatives, "created": summary.created,
                           "records": summary.records}, url=url)


# Who may start it is checked where it starts (access.may_upload: import_outcomes or staff),
# as for the import; its result holds totals only.
@kind("outcome_loop", _("Uitkomstenlus: plaatsingen omzetten in uitkomstgegevens"))
def outcome_loop(params: dict[str, Any], progress: Progress) -> Outcome:
    from banenbrug.evaluation.outcome_records import run_outcome_loop

    summary = run_outcome_loop(progress)
    return Outcome(result=dict(summary.__dict__), url=reverse("evaluation:outcome_loop"))
