"""Evaluate a CSV file (path or uploaded bytes): the one entry point of the CLI and the API."""

from __future__ import annotations

from pathlib import Path

from banenbrug.evaluation.analysis_engine import Evaluation, Spec, evaluate
from banenbrug.evaluation.covariates import columns_of, parse_terms
from banenbrug.evaluation.estimators import Options
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.table_reader import numeric_columns, read_table, text_columns

MAX_BOOTSTRAP = 5000


def evaluate_file(source: str | Path | bytes, *, treatment: str, outcome: str,
                  covariates: str = "", method: str | None = None, pre: str | None = None,
                  bootstrap: int = 500, seed: int = 0, caliper: float = 0.2,
                  trim: bool = True, name: str | None = None, refute: bool = True,
                  placebo_outcome: str | None = None, groups: str = "") -> Evaluation:
    """`groups`: comma-separated text columns for effects per group; `placebo_outcome`: a
    column measured before the start, for the placebo-outcome test."""
    name = name or (Path(source).name if not isinstance(source, bytes) else "upload.csv")
    if not 50 <= bootstrap <= MAX_BOOTSTRAP:
        raise EvaluationError("bad_bootstrap", minimum=50, maximum=MAX_BOOTSTRAP)
    terms = tuple(parse_terms(covariates))
    frame, sep = read_table(Path(source) if isinstance(source, str) else source, name)
    wanted = [treatment, outcome, *([pre] if pre else []),
              *([placebo_outcome] if placebo_outcome else []), *columns_of(terms)]
    columns = numeric_columns(frame, wanted, name, sep, binary=[treatment])
    labels = text_columns(frame, [g.strip() for g in groups.split(",") if g.strip()], name)
    spec = Spec(treatment=treatment, outcome=outcome, covariates=terms, method=method, pre=pre,
                options=Options(bootstrap=bootstrap, seed=seed, caliper=caliper, trim=trim),
                refute=refute, placebo_outcome=placebo_outcome)
    return evaluate(columns, spec, labels)
