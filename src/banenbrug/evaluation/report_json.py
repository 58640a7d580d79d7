"""An evaluation as the JSON the CLI and the API print (the shape in ARCHITECTURE.md)."""

from __future__ import annotations

from typing import Any

from banenbrug import numbers
from banenbrug.evaluation.analysis_engine import Evaluation
from banenbrug.evaluation.messages import (
    ERRORS,
    REFUTATIONS,
    VERDICTS,
    refutation_text,
    render,
    sensitivity_text,
    warning_dict,
)
from banenbrug.language import current_lang

ESTIMANDS = {"dim": "ATE = ATT (randomised)", "did": "ATT"}


def evaluation_json(ev: Evaluation) -> dict[str, Any]:
    est, spec = ev.estimate, ev.spec
    return {
        "method": est.method,
        "estimate": est.estimate,
        "ci_low": est.ci_low,
        "ci_high": est.ci_high,
        "n_treated": est.n_treated,
        "n_control": est.n_control,
        "balance": {b.covariate: {"smd_before": b.smd_before, "smd_after": b.smd_after,
                                  "mean_treated": b.mean_treated,
                                  "mean_control": b.mean_control} for b in ev.balance},
        "warnings": [warning_dict(w) for w in ev.warnings],
        "estimand": ESTIMANDS.get(est.method, "ATT"),
        "se": est.se,
        "interval": est.interval,
        "level": spec.options.level,
        "n_treated_used": est.n_treated_used,
        "treatment": spec.treatment,
        "outcome": spec.outcome,
        "pre": spec.pre,
        "covariates": [t.text for t in spec.covariates],
        "mean_treated": ev.mean_treated,
        "mean_control": ev.mean_control,
        "other_estimates": ev.other_estimates,
        "overlap": None if ev.overlap is None else {
            "share_treated_outside": ev.overlap.share_treated_outside,
            "n_treated_outside": ev.overlap.n_treated_outside,
            "control_ess": ev.overlap.control_ess,
        },
        "options": {"bootstrap": spec.options.bootstrap, "seed": spec.options.seed,
                    "caliper": spec.options.caliper, "trim": spec.options.trim},
        "sensitivity": {**ev.sensitivity.as_dict(),
                        "message": sensitivity_text(ev.sensitivity.as_dict())},
        "refutations": [{**r.as_dict(), "label": str(REFUTATIONS[r.test]),
                         "verdict_label": str(VERDICTS[r.verdict]),
                         "message": refutation_text(r.as_dict(), _number)}
                        for r in ev.refutations],
        "placebo_outcome": spec.placebo_outcome,
        "groups": [_group_json(g.as_dict()) for g in ev.groups],
    }


def _number(value: float) -> str:
    return numbers.number(value, 2, current_lang())


def _group_json(column: dict[str, Any]) -> dict[str, Any]:
    groups = []
    for g in column["groups"]:
        error = g.pop("error")
        if error:
            g["error"] = {"code": error["code"],
                          "message": render(error["code"], error["params"], ERRORS)}
        groups.append(g)
    return {**column, "groups": groups}
