"""Background job: import an outcome file and compute its initiatives' reports (bootstrap
intervals: seconds to minutes), one transaction as `import_outcomes` always did."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenbrug.evaluation.importer import import_outcomes
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
