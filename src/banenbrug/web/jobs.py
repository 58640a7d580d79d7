"""Background job: an ESCO import, then the text-model vectors and every engine for the new
data version, so that no visitor's request ever builds one (issue 14, warm start).

It lives in web, the layer above the pillars, because it warms every pillar's engine
(`warm.LOADERS`); taxonomy, which it imports with, must not know the pillars above it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from banenbrug.jobs.kinds import Outcome, Progress, Steps, kind
from banenbrug.jobs.service import JobError
from banenbrug.taxonomy.esco_files import EscoInputError
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.web import warm

# shares of the bar: reading, writing, vectors (minutes the first time), engines
STEPS = [2.0, 2.0, 4.0, 2.0]


@kind("esco_import", _("ESCO importeren"), permission="accounts.manage_taxonomy")
def esco_import(params: dict[str, Any], progress: Progress) -> Outcome:
    from banenbrug.taxonomy.semantic_service import build_vectors

    steps = Steps(progress, STEPS)
    try:
        report = import_esco(params["paths"], strict=bool(params.get("strict")), progress=steps)
    except EscoInputError as exc:
        raise JobError(f"{exc}. Er is niets geïmporteerd; de database is ongewijzigd.") from exc
    if report.changed:
        seen = [-1]  # vectors embedded so far; -1: the step has not started

        def vectors(done: int, total: int) -> None:
            if seen[0] < 0:
                steps.start("Vectoren berekenen / vectors", total)
                seen[0] = 0
            steps.advance(done - seen[0])
            seen[0] = done

        build_vectors(vectors)
        steps.start("Zoekindex en overstappen bouwen / engines", len(warm.LOADERS))
        warm.warm_up(lambda name, seconds: steps.advance(1))
    return Outcome(result=report.as_dict(), url=reverse("admin:taxonomy_importrun_changelist"))
