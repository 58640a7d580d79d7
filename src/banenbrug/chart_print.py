"""A page's Plotly figure drawn for paper: every chart is defined once, as the Plotly figure
(a dict) that the page draws with its local plotly.js, and the PDFs draw that same dict with
matplotlib (Agg) here. So a chart's data, colours, order, axis titles and lines cannot differ
between page and PDF, and its numbers are written with banenbrug.numbers.

Why not Plotly's own image export (kaleido): it drives a Chrome browser, which every server that
makes PDFs would then need, and starts one per export. This module draws the part of Plotly's
figure format that Banenbrug's charts use, and refuses the rest (ValueError naming it), so a
new kind of chart is noticed in the tests rather than printed wrongly:

- traces: `bar` (vertical or `orientation: "h"`, with `base`, `opacity`, `barmode: "overlay"`)
  and `scatter` with `mode: "markers"` (symbols circle, circle-open, diamond, square;
  asymmetric `error_x`);
- axes: numbers, categories (in the order given, `categoryarray`, `autorange: "reversed"`),
  dates (`type: "date"`: bars from a `base` date with a length in milliseconds, as Plotly
  takes them), `type: "log"` (drawn as symlog: empty bins are 0, not an error), `range`,
  titles (`<br>` is a line break);
- `shapes` of `type: "line"` from x0 to x1 = x0 across the plot (`yref: "paper"`);
- a horizontal bar trace's `text` (its hover text on the page) is printed beside its bar, since
  paper cannot hover.
"""

from __future__ import annotations

import io
import itertools
import math
from datetime import date
from importlib import import_module
from typing import Any

from banenbrug import numbers

INCH_PX = 96  # Plotly's heights are CSS pixels
DPI = 150
WIDTH_IN = 6.5
TEXT = "#1a1a1a"
SYMBOLS = {"circle": "o", "circle-open": "o", "diamond": "D", "square": "s"}
DASHES = {None: "-", "solid": "-", "dash": "--", "dot": ":"}
MS_PER_DAY = 86_400_000.0


def png(figure: dict[str, Any], lang: str) -> bytes:
    """The figure as a PNG image, WIDTH_IN inches wide, its height in proportion to the page's."""
    import matplotlib.pyplot as plt

    drawn = draw(figure, lang)
    try:
        out = io.BytesIO()
        drawn.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(drawn)


def draw(figure: dict[str, Any], lang: str) -> Any:
    """The figure as a matplotlib Figure with one Axes (close it with pyplot.close)."""
    import matplotlib  # here, not at the top: only PDFs need it, and it costs 0.5 s

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    layout = figure.get("layout", {})
    traces = figure.get("data", [])
    for trace in traces:
        _check(trace)
    labelled = any(t["type"] == "bar" and t.get("orientation") == "h" and t.get("text")
                   for t in traces)
    height = max(2.2, layout.get("height", 300) / INCH_PX * 0.75)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
    try:
        orders = {"x": _categories(traces, "x", layout), "y": _categories(traces, "y", layout)}
        _draw(ax, traces, layout, orders)
        for shape in layout.get("shapes", []):
            _line(ax, shape)
        _axes(ax, layout, orders, lang)
        if labelled:
            _bar_texts(ax, traces, orders["y"])
        if len(traces) > 1 and any(t.get("name") for t in traces):
            # in one row above the plot, where it covers nothing
            ax.legend(fontsize=7, loc="lower left", bbox_to_anchor=(0, 1.01),
                      ncol=len(traces), frameon=False, borderaxespad=0)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if labelled:  # labels of up to 48 characters on the left, the texts on the right
            ax.tick_params(axis="y", labelsize=6.5)
            fig.subplots_adjust(left=0.43, right=0.76, top=1 - 0.35 / height,
                                bottom=0.45 / height)
        else:
            fig.tight_layout()
    except Exception:
        plt.close(fig)
        raise
    return fig


def _check(trace: dict[str, Any]) -> None:
    kind, mode = trace.get("type"), trace.get("mode", "markers")
    if kind not in ("bar", "scatter") or (kind == "scatter" and mode != "markers"):
        raise ValueError(f"chart_print cannot draw a {kind} trace (mode {mode!r})")
    symbol = trace.get("marker", {}).get("symbol", "circle")
    if kind == "scatter" and symbol not in SYMBOLS:
        raise ValueError(f"chart_print cannot draw the marker symbol {symbol!r}")


def _categories(traces: list[dict[str, Any]], axis: str, layout: dict[str, Any]) -> list[str]:
    """A category axis's labels in Plotly's order: `categoryarray`, else first appearance;
    empty for an axis of numbers or dates."""
    given = layout.get(f"{axis}axis", {}).get("categoryarray")
    if given:
        return list(given)
    seen: dict[str, None] = {}
    for trace in traces:
        for value in trace.get(axis, []):
            if isinstance(value, str):
                seen.setdefault(value, None)
    return list(seen)


def _positions(values: list[Any], order: list[str]) -> list[float]:
    index = {label: i for i, label in enumerate(order)}
    return [index[v] if isinstance(v, str) else math.nan if v is None else float(v)
            for v in values]


def _dates() -> Any:
    """matplotlib.dates, which has no type hints (strict mypy would refuse its calls)."""
    return import_module("matplotlib.dates")


def _day(value: str) -> float:
    return float(_dates().date2num(date.fromisoformat(value[:10])))


def _draw(ax: Any, traces: list[dict[str, Any]], layout: dict[str, Any],
          orders: dict[str, list[str]]) -> None:
    x_dates = layout.get("xaxis", {}).get("type") == "date"
    for trace in traces:
        colour = trace.get("marker", {}).get("color", TEXT)
        common = {"color": colour, "label": trace.get("name"),
                  "alpha": trace.get("opacity", 1.0)}
        if trace["type"] == "bar" and trace.get("orientation") == "h":
            y = _positions(trace["y"], orders["y"])
            lengths = [v / MS_PER_DAY if x_dates else v for v in trace["x"]]
            bases = [_day(b) if x_dates else b for b in trace.get("base", [0] * len(y))]
            ax.barh(y, lengths, left=bases, height=0.6, **common)
        elif trace["type"] == "bar":
            x = _positions(trace["x"], orders["x"])
            steps = [b - a for a, b in itertools.pairwise(sorted(x)) if b > a]
            width = min(steps, default=1.0) * (0.8 if orders["x"] else 1.0)
            ax.bar(x, trace["y"], width=width, **common)
        else:
            marker = trace.get("marker", {})
            x, y = _positions(trace["x"], orders["x"]), _positions(trace["y"], orders["y"])
            if error := trace.get("error_x"):
                ax.errorbar(x, y, xerr=[error["arrayminus"], error["array"]], fmt="none",
                            ecolor=colour, capsize=3, linewidth=1)
            symbol = marker.get("symbol", "circle")
            ax.scatter(x, y, marker=SYMBOLS[symbol], edgecolors=colour,
                       facecolors="none" if symbol.endswith("-open") else colour,
                       s=marker.get("size", 8) ** 2 * 0.6, label=trace.get("name"), zorder=3)


def _line(ax: Any, shape: dict[str, Any]) -> None:
    if shape.get("type") != "line" or shape.get("x0") != shape.get("x1"):
        raise ValueError("chart_print draws only vertical line shapes")
    line = shape.get("line", {})
    ax.axvline(shape["x0"], color=line.get("color", TEXT), linewidth=line.get("width", 1),
               linestyle=DASHES[line.get("dash")])


def _axes(ax: Any, layout: dict[str, Any], orders: dict[str, list[str]], lang: str) -> None:
    dates = _dates()
    for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
        spec = layout.get(f"{name}axis", {})
        if orders[name]:
            ticks = (ax.set_yticks, ax.set_ylim) if name == "y" else (ax.set_xticks, ax.set_xlim)
            ticks[0](range(len(orders[name])), orders[name])
            ticks[1](-0.5, len(orders[name]) - 0.5)
        elif spec.get("type") == "date":
            axis.set_major_locator(dates.AutoDateLocator(minticks=3, maxticks=6))
            axis.set_major_formatter(dates.DateFormatter("%m-%Y"))
        elif spec.get("type") == "log":
            (ax.set_yscale if name == "y" else ax.set_xscale)("symlog")
        else:
            number_ticks(axis, lang)
        if spec.get("range"):
            (ax.set_ylim if name == "y" else ax.set_xlim)(*spec["range"])
        if spec.get("autorange") == "reversed":
            axis.set_inverted(True)
        if title := spec.get("title", {}).get("text"):
            axis.set_label_text(title.replace("<br>", "\n"), fontsize=7)
        axis.set_tick_params(labelsize=7)
    if layout.get("xaxis", {}).get("zeroline"):
        ax.axvline(0, color=TEXT, linewidth=0.8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)


def _bar_texts(ax: Any, traces: list[dict[str, Any]], order: list[str]) -> None:
    """A horizontal bar's text in a column right of the plot, level with its bar."""
    from matplotlib import transforms

    beside = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    for trace in traces:
        for label, text in zip(trace.get("y", []), trace.get("text") or [], strict=False):
            ax.text(1.02, order.index(label), text, va="center", fontsize=6.5, color=TEXT,
                    transform=beside, clip_on=False)


def number_ticks(axis: Any, lang: str) -> None:
    """A matplotlib axis labelled with banenbrug.numbers (−0,2 and 1.000, not -0.2 and 1000),
    with as many decimals as the tick step needs."""
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _position: int | None) -> str:
        ticks = sorted(axis.get_majorticklocs())
        step = min((b - a for a, b in itertools.pairwise(ticks) if b > a), default=1.0)
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        return numbers.number(value, decimals, lang)

    axis.set_major_formatter(FuncFormatter(label))
