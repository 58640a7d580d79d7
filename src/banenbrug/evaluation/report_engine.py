"""An initiative's report from its outcome records: pure, so it is tested without a database.

For every outcome the recommended estimator (AIPW) with its interval and its sensitivity to
unmeasured confounding; for the main outcome (work after 12 months) every method side by side,
the balance, the overlap, the refutation tests and the effects per group; where pre- and
post-period earnings exist, a difference-in-differences estimate as well.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from banenbrug.evaluation.analysis_engine import RECOMMENDED, Evaluation, Spec, evaluate
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import MIN_CELL, Array, Options
from banenbrug.evaluation.issues import EvaluationError

REPORT_VERSION = 2
PRIMARY = "employed_12m"
OUTCOMES = ("employed_12m", "employed_6m", "tech_job_12m", "tech_job_6m", "retained_12m",
            "earnings_12m", "earnings_6m")
MONEY = frozenset({"earnings_6m", "earnings_12m", "earnings_pre", "earnings_post"})
METHOD_ORDER = ("dim", "ols", "psm", "ipw", "aipw")
BASE_COVARIATES = ("age", "age^2", "edu_middelbaar", "edu_hoog", "prior_earnings",
                   "prior_earnings==0", "benefit_months")
PLACEBO_OUTCOME = "earnings_pre"  # measured before the start: the initiative cannot change it
GROUP_COLUMNS = ("gender", "migration_background", "age_band", "education_level",
                 "situation", "benefit_history")
NOT_REPORTED = "unknown"  # a self-reported field left empty
AGE_BANDS = ((27, "15-26"), (50, "27-49"), (999, "50+"))  # young people < 27, over-50s


def group_labels(records: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """Each record's group in every group column; only columns with two or more values (a
    column in which everyone is alike splits nothing)."""
    def band(age: int) -> str:
        return next(label for upper, label in AGE_BANDS if age < upper)

    labels = {
        **{field: [r.get(field) or NOT_REPORTED for r in records]
           for field in ("gender", "migration_background")},
        "age_band": [band(r["age"]) for r in records],
        "education_level": [r["education_level"] for r in records],
        "situation": [r["situation"] for r in records],
        "benefit_history": ["some" if r["benefit_months"] > 0 else "none" for r in records],
    }
    return {k: v for k, v in labels.items() if len(set(v)) > 1}


def covariate_columns(records: Sequence[dict[str, Any]]) -> tuple[dict[str, Array], list[str]]:
    """Numeric columns for the covariates; regions and situations become indicators against
    the most common value, with values held by fewer than 10 people pooled as 'other'."""
    cols: dict[str, Array] = {
        "age": _array(records, "age"),
        "edu_middelbaar": np.array([r["education_level"] == "middelbaar" for r in records], float),
        "edu_hoog": np.array([r["education_level"] == "hoog" for r in records], float),
        "prior_earnings": _array(records, "prior_earnings"),
        "benefit_months": _array(records, "benefit_months"),
    }
    terms = list(BASE_COVARIATES)
    for field in ("region", "situation"):
        counts = Counter(r[field] for r in records)
        common = [v for v, n in counts.most_common() if n >= MIN_CELL]
        for value in common[1:]:
            name = f"{field}_" + (re.sub(r"[^A-Za-z0-9]+", "_", value).strip("_") or "x")
            while name in cols:
                name += "_"
            cols[name] = np.array([r[field] == value for r in records], float)
            terms.append(name)
    return cols, terms


def fingerprint(records: Sequence[dict[str, Any]], options: Options) -> str:
    """Identifies the input of a report: same records and options, same report."""
    digest = hashlib.sha256(repr((REPORT_VERSION, options)).encode())
    for record in records:
        digest.update(repr(sorted(record.items())).encode())
    return digest.hexdigest()


def build_report(records: Sequence[dict[str, Any]], options: Options | None = None
                 ) -> dict[str, Any]:
    options = options or Options()
    participants = sum(1 for r in records if r["participant"])
    report: dict[str, Any] = {
        "version": REPORT_VERSION, "fingerprint": fingerprint(records, options),
        "method": RECOMMENDED, "bootstrap": options.bootstrap,
        "seed": options.seed, "n_participants": participants,
        "n_comparison": len(records) - participants, "outcomes": [], "methods": [],
        "balance": [], "overlap": None, "warnings": [], "did": None, "covariates": [],
        "refutations": [], "groups": [], "groups_skipped": [],
    }
    if participants < MIN_CELL or len(records) - participants < MIN_CELL:
        report["suppressed"] = True
        return report
    report["suppressed"] = False
    for outcome in OUTCOMES:
        rows = [r for r in records if r.get(outcome) is not None]
        entry: dict[str, Any] = {"outcome": outcome, "money": outcome in MONEY}
        try:
            ev = _evaluate(rows, outcome, RECOMMENDED, options, checks=outcome == PRIMARY)
        except EvaluationError as exc:
            entry["error"] = {"code": exc.code, "params": _jsonable(exc.params)}
            report["outcomes"].append(entry)
            continue
        entry.update(_numbers(ev))
        report["outcomes"].append(entry)
        if outcome == PRIMARY:
            report["covariates"] = [t.text for t in ev.spec.covariates]
            report["balance"] = [{"covariate": b.covariate, "smd_before": b.smd_before,
                                  "smd_after": b.smd_after, "mean_treated": b.mean_treated,
                                  "mean_control": b.mean_control} for b in ev.balance]
            if ev.overlap is not None:
                report["overlap"] = _jsonable(ev.overlap.__dict__)
            report["warnings"] = [{"code": w.code, "params": _jsonable(w.params)}
                                  for w in ev.warnings]
            report["refutations"] = [_jsonable(r.as_dict()) for r in ev.refutations]
            report["groups"] = [_jsonable(g.as_dict()) for g in ev.groups]
            report["groups_skipped"] = [c for c in GROUP_COLUMNS
                                        if c not in {g.column for g in ev.groups}]
    primary_rows = [r for r in records if r.get(PRIMARY) is not None]
    for method in METHOD_ORDER:
        entry = {"method": method}
        done = report["outcomes"][0]
        if method == RECOMMENDED and "error" not in done:
            entry.update({k: v for k, v in done.items() if k not in ("outcome", "money")})
        else:
            try:
                entry.update(_numbers(_evaluate(primary_rows, PRIMARY, method, options)))
            except EvaluationError as exc:
                entry["error"] = {"code": exc.code, "params": _jsonable(exc.params)}
        report["methods"].append(entry)
    did_rows = [r for r in records
                if r.get("earnings_pre") is not None and r.get("earnings_post") is not None]
    if did_rows:
        try:
            report["did"] = _numbers(_evaluate(did_rows, "earnings_post", "did", options,
                                               pre="earnings_pre"))
        except EvaluationError as exc:
            report["did"] = {"error": {"code": exc.code, "params": _jsonable(exc.params)}}
    return report


def _evaluate(rows: Sequence[dict[str, Any]], outcome: str, method: str, options: Options,
              pre: str | None = None, checks: bool = False) -> Evaluation:
    """`checks`: also the refutation tests and the effects per group (main outcome only)."""
    n_treated = sum(1 for r in rows if r["participant"])
    for group, n in (("treated", n_treated), ("control", len(rows) - n_treated)):
        if n < MIN_CELL:
            raise EvaluationError("small_cell", group=group, n=n, minimum=MIN_CELL)
    columns, terms = covariate_columns(rows)
    columns["participant"] = np.array([r["participant"] for r in rows], float)
    columns[outcome] = _array(rows, outcome)
    if pre:
        columns[pre] = _array(rows, pre)
    placebo = None
    if checks and all(r.get(PLACEBO_OUTCOME) is not None for r in rows):
        placebo = PLACEBO_OUTCOME
        columns[placebo] = _array(rows, placebo)
    covariates = () if method == "dim" else tuple(parse_terms(terms))
    spec = Spec(treatment="participant", outcome=outcome, covariates=covariates, method=method,
                pre=pre, options=options, refute=checks, placebo_outcome=placebo)
    return evaluate(columns, spec, group_labels(rows) if checks else None)


def _numbers(ev: Evaluation) -> dict[str, Any]:
    est = ev.estimate
    return {"method": est.method, "estimate": est.estimate, "ci_low": est.ci_low,
            "ci_high": est.ci_high, "se": est.se, "interval": est.interval,
            "n_treated": est.n_treated, "n_control": est.n_control,
            "n_treated_used": est.n_treated_used, "mean_treated": ev.mean_treated,
            "mean_control": ev.mean_control,
            "warnings": [{"code": w.code, "params": _jsonable(w.params)} for w in ev.warnings],
            "sensitivity": _jsonable(ev.sensitivity.as_dict())}


def _array(records: Sequence[dict[str, Any]], key: str) -> Array:
    return np.array([float(r[key]) for r in records])


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None  # JSON (and PostgreSQL) has no NaN or infinity
    return value
