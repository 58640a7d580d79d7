"""A plan's two charts: the timeline and the income picture. Plotly figures (as dicts, drawn by
the page's local plotly.js, with a table of the same numbers beside them) and the timeline once
more with matplotlib (Agg) for the PDF."""

from __future__ import annotations

import io
from datetime import date, datetime, time
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


def timeline_png(steps: list[dict[str, Any]]) -> bytes:
    """The timeline for the PDF: bars on a date axis, each step's dates in a column beside."""
    import matplotlib  # here, not at the top: only the PDF needs it, and it costs 0.5 s

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib import transforms

    labels = _numbered(steps)
    starts = [mdates.date2num(datetime.combine(date.fromisoformat(s["start"]), time()))
              for s in steps]
    ends = [mdates.date2num(datetime.combine(date.fromisoformat(s["end"]), time()))
            for s in steps]
    fig, ax = plt.subplots(figsize=(7.2, 0.8 + 0.36 * len(steps)), dpi=150)
    try:
        beside = transforms.blended_transform_factory(ax.transAxes, ax.transData)
        for i, step in enumerate(steps):
            ax.barh(i, ends[i] - starts[i], left=starts[i], height=0.6,
                    color=COLOURS.get(step["kind"], OPTION))
            ax.text(1.02, i, f"{day(step['start'])} – {day(step['end'])}", va="center",
                    fontsize=6.5, color="#1a1a1a", transform=beside)
        ax.set_yticks(range(len(steps)), labels, fontsize=6.5)
        ax.set_ylim(len(steps) - 0.5, -0.5)
        ax.set_xlim(min(starts, default=0) - 7, max(ends, default=1) + 7)
        ax.xaxis_date()
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=6))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%Y"))
        ax.tick_params(axis="x", labelsize=6.5)
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.subplots_adjust(left=0.40, right=0.78, top=0.97,
                            bottom=0.5 / (0.8 + 0.36 * len(steps)))
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)


def day(value: str) -> str:
    return date.fromisoformat(value).strftime("%d-%m-%Y")
