"""An initiative's report from its outcome records: pure, so it is tested without a database.

For every outcome the recommended estimator (AIPW) with its interval; for the main outcome
(work after 12 months) every method side by side, the balance and the overlap; where pre- and
post-period earnings exist, a difference-in-differences estimate as well.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from banenbrug.evaluation.analysis import RECOMMENDED, Evaluation, Spec, evaluate
from banenbrug.evaluation.covariates import parse_terms
from banenbrug.evaluation.estimators import MIN_CELL, Array, Options
from banenbrug.evaluation.issues import EvaluationError

REPORT_VERSION = 1
PRIMARY = "employed_12m"
OUTCOMES = ("employed_12m", "employed_6m", "tech_job_12m", "tech_job_6m", "retained_12m",
            "earnings_12m", "earnings_6m")
MONEY = frozenset({"earnings_6m", "earnings_12m", "earnings_pre", "earnings_post"})
METHOD_ORDER = ("dim", "ols", "psm", "ipw", "aipw")
BASE_COVARIATES = ("age", "age^2", "edu_middelbaar", "edu_hoog", "prior_earnings",
                   "prior_earnings==0", "benefit_months")


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
    }
    if participants < MIN_CELL or len(records) - participants < MIN_CELL:
        report["suppressed"] = True
        return report
    report["suppressed"] = False
    for outcome in OUTCOMES:
        rows = [r for r in records if r.get(outcome) is not None]
        entry: dict[str, Any] = {"outcome": outcome, "money": outcome in MONEY}
        try:
            ev = _evaluate(rows, outcome, RECOMMENDED, options)
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
              pre: str | None = None) -> Evaluation:
    n_treated = sum(1 for r in rows if r["participant"])
    for group, n in (("treated", n_treated), ("control", len(rows) - n_treated)):
        if n < MIN_CELL:
            raise EvaluationError("small_cell", group=group, n=n, minimum=MIN_CELL)
    columns, terms = covariate_columns(rows)
    columns["participant"] = np.array([r["participant"] for r in rows], float)
    columns[outcome] = _array(rows, outcome)
    if pre:
        columns[pre] = _array(rows, pre)
    covariates = () if method == "dim" else tuple(parse_terms(terms))
    spec = Spec(treatment="participant", outcome=outcome, covariates=covariates, method=method,
                pre=pre, options=options)
    return evaluate(columns, spec)


def _numbers(ev: Evaluation) -> dict[str, Any]:
    est = ev.estimate
    return {"method": est.method, "estimate": est.estimate, "ci_low": est.ci_low,
            "ci_high": est.ci_high, "se": est.se, "interval": est.interval,
            "n_treated": est.n_treated, "n_control": est.n_control,
            "n_treated_used": est.n_treated_used, "mean_treated": ev.mean_treated,
            "mean_control": ev.mean_control,
            "warnings": [{"code": w.code, "params": _jsonable(w.params)} for w in ev.warnings]}


def _array(records: Sequence[dict[str, Any]], key: str) -> Array:
    return np.array([float(r[key]) for r in records])


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
