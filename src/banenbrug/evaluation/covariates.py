"""Covariate terms: `age`, `age^2` (square), `re74==0` (indicator), `educ*re74` (product).

A small language so that specifications such as Dehejia & Wahba's can be written on the command
line from the raw columns of a CSV file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from banenbrug.evaluation.issues import EvaluationError

_NAME = r"[A-Za-z_][A-Za-z0-9_.]*"
_SQUARE = re.compile(rf"^({_NAME})\^2$")
_EQUALS = re.compile(rf"^({_NAME})==(-?\d+(?:\.\d+)?)$")
_PRODUCT = re.compile(rf"^({_NAME})\*({_NAME})$")
_COLUMN = re.compile(rf"^{_NAME}$")


@dataclass(frozen=True)
class Term:
    text: str
    columns: tuple[str, ...]
    kind: str  # column | square | equals | product
    value: float = 0.0

    def values(self, data: Mapping[str, NDArray[np.float64]]) -> NDArray[np.float64]:
        first = data[self.columns[0]]
        if self.kind == "square":
            return first**2
        if self.kind == "equals":
            return (first == self.value).astype(float)
        if self.kind == "product":
            return first * data[self.columns[1]]
        return first


def parse_terms(spec: str | Sequence[str]) -> list[Term]:
    """`"age,age^2,re74==0"` or a list of such texts; spaces are ignored."""
    texts = spec.split(",") if isinstance(spec, str) else list(spec)
    terms = []
    for raw in texts:
        text = raw.replace(" ", "")
        if not text:
            continue
        if m := _SQUARE.match(text):
            terms.append(Term(text, (m[1],), "square"))
        elif m := _EQUALS.match(text):
            terms.append(Term(text, (m[1],), "equals", float(m[2])))
        elif m := _PRODUCT.match(text):
            terms.append(Term(text, (m[1], m[2]), "product"))
        elif _COLUMN.match(text):
            terms.append(Term(text, (text,), "column"))
        else:
            raise EvaluationError("bad_term", term=raw.strip())
    if len({t.text for t in terms}) != len(terms):
        raise EvaluationError("duplicate_term", term=next(
            t.text for i, t in enumerate(terms) if t.text in {u.text for u in terms[:i]}))
    return terms


def columns_of(terms: Sequence[Term]) -> list[str]:
    return list(dict.fromkeys(c for t in terms for c in t.columns))


def design_matrix(terms: Sequence[Term],
                  data: Mapping[str, NDArray[np.float64]]) -> NDArray[np.float64]:
    """One column per term; a term that does not vary cannot adjust for anything: an error."""
    n = len(next(iter(data.values()))) if data else 0
    X = np.empty((n, len(terms)))
    for j, term in enumerate(terms):
        X[:, j] = term.values(data)
        if n and np.ptp(X[:, j]) == 0:
            raise EvaluationError("constant_covariate", covariate=term.text, value=float(X[0, j]))
    return X
