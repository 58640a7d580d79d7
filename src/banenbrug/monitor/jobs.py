"""Background job: a large forecast (many runs, far horizon: seconds of simulation). The page
shows the default forecast at once and sends larger ones here (`is_large`)."""

from __future__ import annotations

import pickle
from typing import Any

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from banenbrug.jobs.kinds import Outcome, Progress, kind
from banenbrug.jobs.models import Job
from banenbrug.jobs.service import may_see
from banenbrug.monitor import forecast as fc
from banenbrug.monitor import services

# runs x years simulated, about 0.03 ms each on this 2-core machine (2,000 runs to 2030: 0.5 s;
# 5,000 runs to 2050: 3.9 s): a request computes at most about a second, larger ones are jobs
LARGE = 40_000
FILENAME = "prognose.pickle"


def is_large(to_year: int, runs: int) -> bool:
    return runs * (to_year - fc.BASE_YEAR) > LARGE


@kind("forecast", _("Prognose berekenen"))
def forecast(params: dict[str, Any], progress: Progress) -> Outcome:
    progress(0.0, "Simuleren / simulating")
    result = services.run_forecast(services.resolve_scenarios(params["scenarios"]),
                                   params["to"], params["runs"])
    query = urlencode({"to": params["to"], "runs": params["runs"],
                       "scenario": params["scenarios"]}, doseq=True)
    # the page draws from the result object itself; it travels in the job row (written and read
    # only by this code, so unpickling it trusts nothing from outside)
    return Outcome(result=services.forecast_json(result),
                   url=f"{reverse('monitor:forecast')}?{query}&taak={{job}}",
                   file=pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL),
                   filename=FILENAME)


def finished(job_id: str, params: dict[str, Any], user: Any, session_key: str
             ) -> fc.ForecastResult | None:
    """The forecast of the visitor's finished job `job_id` (?taak=), if it was for `params`."""
    if not (job_id.isdigit() and len(job_id) < 12):
        return None
    job = Job.objects.filter(pk=int(job_id), kind="forecast", status="done").first()
    if (job is None or job.output is None or job.params != params
            or not may_see(job, user, session_key)):
        return None
    result: fc.ForecastResult = pickle.loads(bytes(job.output))
    return result
