"""Plotly figure specifications (plain dicts, rendered by static/monitor/charts.js with the
locally served plotly.js). Presentation only: the numbers come from the engines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from banenbrug import numbers
from banenbrug.monitor.forecast import Band
from banenbrug.monitor.tension import TensionCell
from banenbrug.monitor.vocabulary import TENSION_BANDS

BAND_COLOURS = ("#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c")  # very slack … very tight
SERIES_COLOURS = ("#154273", "#b35806", "#1e6b35", "#5b2a86", "#8c510a", "#01665e", "#c51b7d",
                  "#4d4d4d", "#35978f")
FONT = {"family": "Fira Sans, Segoe UI, Roboto, Helvetica, Arial, sans-serif", "size": 14,
        "color": "#1a1a1a"}


def _layout(title: str, **extra: Any) -> dict[str, Any]:
    return {"title": {"text": title}, "font": FONT, "margin": {"l": 70, "r": 20, "t": 50,
                                                             "b": 50},
            "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff", "hovermode": "closest",
            "legend": {"orientation": "h", "y": -0.2}, **extra}


def tension_map(cells: Sequence[TensionCell], names: dict[str, str], geojson_url: str,
                topojson_url: str, lang: str, title: str,
                suppressed_label: str) -> dict[str, Any]:
    """Choropleth of the tension bands. plotly.js always loads a base world map; `topojson_url`
    points it to an empty local one, so the page works offline (no CDN)."""
    shown = [c for c in cells if c.band is not None]
    hidden = [c for c in cells if c.band is None]
    n = len(TENSION_BANDS)
    scale = []
    for i, colour in enumerate(BAND_COLOURS):  # a stepped scale: one flat colour per band
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    common = {"type": "choropleth", "geojson": geojson_url, "locationmode": "geojson-id",
              "featureidkey": "properties.statcode", "marker": {"line": {"color": "#4a4a4a",
                                                                         "width": 0.6}}}
    data: list[dict[str, Any]] = [{
        **common, "locations": [c.region for c in shown],
        "z": [TENSION_BANDS.index(c.band) + 0.5 for c in shown],  # type: ignore[arg-type]
        "zmin": 0, "zmax": n, "colorscale": scale,
        "text": [f"{names.get(c.region, c.region)}: {numbers.number(c.tension, 2, lang)} "
                 f"({c.band.label(lang)})"
                 for c in shown if c.band and c.tension is not None],
        "hoverinfo": "text",
        "colorbar": {"tickvals": [i + 0.5 for i in range(n)],
                     "ticktext": [b.label(lang) for b in TENSION_BANDS], "thickness": 16},
    }]
    if hidden:
        data.append({**common, "locations": [c.region for c in hidden], "z": [0] * len(hidden),
                     "colorscale": [[0, "#d9d9d9"], [1, "#d9d9d9"]], "showscale": False,
                     "text": [f"{names.get(c.region, c.region)}: {suppressed_label}"
                              for c in hidden], "hoverinfo": "text"})
    return {"data": data, "config": {"topojsonURL": topojson_url}, "layout": _layout(
        title, height=560, geo={"fitbounds": "locations", "visible": False},
        margin={"l": 0, "r": 0, "t": 50, "b": 0})}


def lines(x: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], title: str,
          y_title: str) -> dict[str, Any]:
    data = [{"type": "scatter", "mode": "lines+markers", "name": name, "x": list(x),
             "y": list(y), "line": {"color": SERIES_COLOURS[i % len(SERIES_COLOURS)],
                                    "width": 3}}
            for i, (name, y) in enumerate(series)]
    return {"data": data, "layout": _layout(title, yaxis={"title": {"text": y_title},
                                                          "rangemode": "tozero"})}


def bars(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]],
         title: str, y_title: str) -> dict[str, Any]:
    data = [{"type": "bar", "name": name, "x": list(categories), "y": list(values),
             "marker": {"color": SERIES_COLOURS[i % len(SERIES_COLOURS)]}}
            for i, (name, values) in enumerate(series)]
    return {"data": data, "layout": _layout(title, barmode="group",
                                            yaxis={"title": {"text": y_title}})}


def hbars(labels: Sequence[str], values: Sequence[float], highlight: Sequence[bool], title: str,
          x_title: str) -> dict[str, Any]:
    """Horizontal bars, largest on top; highlighted bars (technical and ICT) in the first
    series colour, the rest grey."""
    order = sorted(range(len(labels)), key=lambda i: values[i])
    return {"data": [{"type": "bar", "orientation": "h", "y": [labels[i] for i in order],
                      "x": [values[i] for i in order], "hovertemplate": "%{y}: %{x:,.0f}"
                      "<extra></extra>",
                      "marker": {"color": [SERIES_COLOURS[0] if highlight[i] else "#9e9e9e"
                                           for i in order]}}],
            "layout": _layout(title, xaxis={"title": {"text": x_title}, "tickformat": ",.0f"},
                              yaxis={"automargin": True}, height=140 + 30 * len(labels),
                              showlegend=False)}


def bands(years: Sequence[int], series: Sequence[tuple[str, Band, bool]], title: str,
          y_title: str) -> dict[str, Any]:
    """Median lines; a shaded 5–95% band for the series flagged True."""
    x = [int(y) for y in years]
    data: list[dict[str, Any]] = []
    for i, (name, band, shaded) in enumerate(series):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        if shaded:
            data.append({"type": "scatter", "x": x, "y": band.p5.round().tolist(),
                         "mode": "lines", "line": {"width": 0, "color": colour},
                         "showlegend": False, "hoverinfo": "skip", "name": name + " p5"})
            data.append({"type": "scatter", "x": x, "y": band.p95.round().tolist(),
                         "mode": "lines", "line": {"width": 0, "color": colour},
                         "fill": "tonexty", "fillcolor": _alpha(colour, 0.18),
                         "name": f"{name}: 5–95%", "hoverinfo": "skip"})
        data.append({"type": "scatter", "x": x, "y": band.median.round().tolist(),
                     "mode": "lines", "name": name,
                     "line": {"color": colour, "width": 3, "dash": "solid" if i == 0 or shaded
                              else "dash"}})
    return {"data": data, "layout": _layout(title, yaxis={"title": {"text": y_title}},
                                            hovermode="x unified")}


def contributions(labels: Sequence[str], medians: Sequence[float], p5: Sequence[float],
                  p95: Sequence[float], title: str, x_title: str) -> dict[str, Any]:
    return {"data": [{"type": "bar", "orientation": "h", "y": list(labels),
                      "x": [round(m) for m in medians],
                      "error_x": {"type": "data", "symmetric": False,
                                  "array": [round(h - m) for h, m in zip(p95, medians,
                                                                         strict=True)],
                                  "arrayminus": [round(m - lo) for lo, m in zip(p5, medians,
                                                                                strict=True)]},
                      "marker": {"color": SERIES_COLOURS[2]}}],
            "layout": _layout(title, xaxis={"title": {"text": x_title}},
                              yaxis={"automargin": True},
                              height=120 + 48 * len(labels), showlegend=False)}


def _alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
