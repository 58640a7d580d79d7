"""Chart specifications: Plotly figures (as dicts), drawn by the page's local plotly.js and, for
the PDF, by banenbrug.chart_print. Each chart has a data table beside it on the page."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils.translation import gettext

BEFORE, AFTER = "#6b6b6b", "#154273"
PARTICIPANTS, COMPARISON = "#154273", "#b35c00"
_LAYOUT = {"font": {"family": "Fira Sans, Segoe UI, Roboto, Arial, sans-serif", "size": 14},
           "paper_bgcolor": "#fff", "plot_bgcolor": "#fff", "margin": {"t": 30, "r": 20}}


def love_plot(balance: list[dict[str, Any]]) -> dict[str, Any]:
    labels = [b["label"] for b in balance]
    traces = [{"type": "scatter", "mode": "markers", "name": gettext("vóór correctie"),
               "x": [b["smd_before"] for b in balance], "y": labels,
               "marker": {"color": BEFORE, "symbol": "circle-open", "size": 11}}]
    if any(b["smd_after"] is not None for b in balance):
        traces.append({"type": "scatter", "mode": "markers", "name": gettext("na correctie"),
                       "x": [b["smd_after"] for b in balance], "y": labels,
                       "marker": {"color": AFTER, "symbol": "diamond", "size": 11}})
    shapes = [{"type": "line", "x0": x, "x1": x, "yref": "paper", "y0": 0, "y1": 1,
               "line": {"color": "#8c8c8c", "dash": "dash" if abs(x) == 0.1 else "dot"}}
              for x in (-0.25, -0.1, 0.1, 0.25)]
    return {"data": traces, "layout": {
        **_LAYOUT, "height": 120 + 28 * len(balance), "shapes": shapes,
        "xaxis": {"title": {"text": gettext("gestandaardiseerd verschil (SMD)")}, "zeroline": True},
        "yaxis": {"autorange": "reversed", "automargin": True},
        "legend": {"orientation": "h", "y": -0.15}}}


def overlap_plot(overlap: dict[str, Any]) -> dict[str, Any]:
    edges = overlap["bin_edges"]
    centres = [(a + b) / 2 for a, b in itertools.pairwise(edges)]

    def bars(counts: list[int | None], name: str, colour: str) -> dict[str, Any]:
        return {"type": "bar", "name": name, "x": centres, "y": [c or 0 for c in counts],
                "marker": {"color": colour}, "opacity": 0.7}

    return {"data": [bars(overlap["treated_counts"], gettext("deelnemers"), PARTICIPANTS),
                     bars(overlap["control_counts"], gettext("vergelijkingsgroep"), COMPARISON)],
            "layout": {**_LAYOUT, "barmode": "overlay", "height": 340,
                       "xaxis": {"title": {"text": gettext("propensityscore (kans om deel te "
                                                      "nemen)")}, "range": [0, 1]},
                       "yaxis": {"title": {"text": gettext("aantal personen")}, "type": "log"},
                       "legend": {"orientation": "h", "y": -0.25}}}


def comparison_plot(rows: list[Any]) -> dict[str, Any]:
    shown = [r for r in rows if r.costs is not None]
    return {"data": [{
        "type": "scatter", "mode": "markers", "x": [r.costs.per_10k for r in shown],
        "y": [r.initiative.name for r in shown], "marker": {"color": AFTER, "size": 11},
        "error_x": {"type": "data", "symmetric": False,
                    "array": [r.costs.per_10k_high - r.costs.per_10k for r in shown],
                    "arrayminus": [r.costs.per_10k - r.costs.per_10k_low for r in shown]},
        "name": gettext("extra mensen aan het werk per € 10.000")}],
        "layout": {**_LAYOUT, "height": 120 + 60 * len(shown),
                   "xaxis": {"title": {"text": gettext("extra mensen aan het werk per € 10.000 "
                                                  "(95%-interval)")}, "zeroline": True},
                   "yaxis": {"automargin": True, "autorange": "reversed"}}}


def _forest_points(groups: list[dict[str, Any]]) -> list[tuple[str, float, float, float]]:
    """(label, estimate, low, high) in percentage points, groups with figures only (the
    suppressed ones are in the table)."""
    return [(f"{column['label']}: {row['label']}", row["estimate"] * 100, row["ci_low"] * 100,
             row["ci_high"] * 100)
            for column in groups for row in column["rows"] if row["estimate"] is not None]


def forest_plot(groups: list[dict[str, Any]], overall: float | None) -> dict[str, Any]:
    points = _forest_points(groups)
    shapes = [{"type": "line", "x0": 0, "x1": 0, "yref": "paper", "y0": 0, "y1": 1,
               "line": {"color": "#1a1a1a", "width": 1}}]
    if overall is not None:
        shapes.append({"type": "line", "x0": overall * 100, "x1": overall * 100, "yref": "paper",
                       "y0": 0, "y1": 1, "line": {"color": AFTER, "dash": "dash"}})
    return {"data": [{
        "type": "scatter", "mode": "markers", "x": [p[1] for p in points],
        "y": [p[0] for p in points], "marker": {"color": AFTER, "size": 10, "symbol": "square"},
        "error_x": {"type": "data", "symmetric": False,
                    "array": [p[3] - p[1] for p in points],
                    "arrayminus": [p[1] - p[2] for p in points]},
        "name": gettext("effect per groep")}],
        "layout": {**_LAYOUT, "height": 120 + 30 * len(points),
                   "shapes": shapes,
                   "xaxis": {"title": {"text": gettext("effect op werk na 12 maanden, procentpunt "
                                                  "(95%-interval)") + "<br>" + gettext(
                                                      "stippellijn: alle deelnemers")},
                             "zeroline": False},
                   "yaxis": {"automargin": True, "autorange": "reversed"}}}
