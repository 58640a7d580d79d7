"""A plan's two charts: the timeline and the income picture. Plotly figures (as dicts), drawn by
the page's local plotly.js with a table of the same numbers beside them, and the timeline by
banenbrug.chart_print for the PDF."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext

from banenbrug import numbers
from banenbrug.language import current_lang

COLOURS = {"apply": "#6b6b6b", "module": "#154273", "job": "#1e6b35"}
NOW = "#6b6b6b"
OPTION = "#154273"
_LAYOUT = {"font": {"family": "Fira Sans, Segoe UI, Roboto, Arial, sans-serif", "size": 13},
           "paper_bgcolor": "#fff", "plot_bgcolor": "#fff"}
LABEL_LENGTH = 48


def kind_words(kind: str) -> str:
    return {"apply": gettext("aanvragen"), "module": gettext("leren"),
            "job": gettext("werk")}.get(kind, kind)


def option_words(key: str) -> str:
    return {"learn_work": gettext("Leerwerkbaan"), "keep_benefit": gettext("Uitkering houden"),
            "beside_work": gettext("Leren naast je werk"),
            "full_time": gettext("Voltijd leren")}.get(key, key)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


def _numbered(steps: list[dict[str, Any]]) -> list[str]:
    """Bar labels: numbered (so equal titles stay apart), shortened (the table has them all)."""
    return [f"{i}. {_short(s['label'])}" for i, s in enumerate(steps, 1)]


def _millis(start: str, end: str) -> float:
    return (date.fromisoformat(end) - date.fromisoformat(start)).days * 86_400_000.0


def timeline(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Horizontal bars from start to end on a date axis, one colour per kind of step."""
    labels = _numbered(steps)
    traces = []
    for kind in ("apply", "module", "job"):
        mine = [i for i, s in enumerate(steps) if s["kind"] == kind]
        if not mine:
            continue
        traces.append({
            "type": "bar", "orientation": "h", "name": kind_words(kind),
            "y": [labels[i] for i in mine],
            "base": [steps[i]["start"] for i in mine],
            "x": [_millis(steps[i]["start"], steps[i]["end"]) for i in mine],
            # the dates on hover; printed beside the bar on paper (chart_print)
            "text": [f"{day(steps[i]['start'])} – {day(steps[i]['end'])}" for i in mine],
            "textposition": "none", "hovertemplate": "%{y}<br>%{text}<extra></extra>",
            "marker": {"color": COLOURS[kind]}})
    return {"data": traces, "layout": {
        **_LAYOUT, "height": 100 + 34 * len(steps), "barmode": "overlay",
        "margin": {"t": 40, "r": 20, "b": 40, "l": 10},
        "xaxis": {"type": "date", "tickformat": "%m-%Y"},
        "yaxis": {"autorange": "reversed", "automargin": True,
                  "categoryorder": "array", "categoryarray": labels},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"}}}


def income(plan_income: dict[str, Any]) -> dict[str, Any] | None:
    """Gross money a month: now, and each option while learning. None without any amount."""
    bars = [(gettext("Nu"), plan_income["monthly_now"], NOW)] if plan_income[
        "monthly_now"] is not None else []
    bars += [(option_words(o["key"]), o["monthly"], OPTION) for o in plan_income["options"]
             if o["monthly"] is not None]
    if not bars:
        return None
    return {"data": [{"type": "bar", "x": [b[0] for b in bars], "y": [b[1] for b in bars],
                      "marker": {"color": [b[2] for b in bars]},
                      "text": [numbers.euros(b[1], current_lang()) for b in bars],
                      "textposition": "auto"}],
            "layout": {**_LAYOUT, "height": 300, "margin": {"t": 10, "r": 10, "b": 60, "l": 60},
                       "yaxis": {"title": {"text": gettext("bruto per maand (euro)")},
                                 "rangemode": "tozero"},
                       "showlegend": False}}


def day(value: str) -> str:
    return date.fromisoformat(value).strftime("%d-%m-%Y")
