"""banenbrug.chart_print: the page's Plotly figures drawn for the PDF. Each test gives a figure
written by hand in Plotly's format and reads back what matplotlib drew."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from banenbrug import chart_print


@pytest.fixture
def drawn():
    figures = []

    def draw(figure, lang="nl"):
        fig = chart_print.draw(figure, lang)
        figures.append(fig)
        fig.canvas.draw()  # tick labels are formatted when drawn
        return fig.axes[0]

    yield draw
    for fig in figures:
        plt.close(fig)


def _labels(ticks) -> list[str]:
    return [t.get_text() for t in ticks if t.get_text()]


def test_categories_keep_the_page_order_top_to_bottom_with_dutch_numbers(drawn):
    ax = drawn({"data": [{"type": "scatter", "mode": "markers", "x": [-0.15, 0.05, 0.3],
                          "y": ["leeftijd", "opleiding", "werkloos"],
                          "marker": {"symbol": "circle-open"}}],
                "layout": {"yaxis": {"autorange": "reversed"}, "xaxis": {"title": {
                    "text": "verschil<br>(SMD)"}}}})
    labels = _labels(ax.get_yticklabels())
    assert labels == ["leeftijd", "opleiding", "werkloos"]
    bottom, top = ax.get_ylim()
    assert bottom > top  # reversed: the first category at the top, as on the page
    numbers = _labels(ax.get_xticklabels())
    assert "0,1" in numbers and "−0,1" in numbers  # a Dutch decimal comma and a real minus
    assert ax.get_xlabel() == "verschil\n(SMD)"


def test_english_pages_get_english_numbers(drawn):
    ax = drawn({"data": [{"type": "bar", "x": [1500, 2500], "y": [3, 4]}], "layout": {}}, "en")
    assert "2,000" in _labels(ax.get_xticklabels())


def test_date_bars_start_at_their_base_and_print_their_text_beside(drawn):
    ax = drawn({"data": [{"type": "bar", "orientation": "h", "y": ["1. leren", "2. werk"],
                          "base": ["2027-01-01", "2027-03-01"],
                          "x": [59 * 86_400_000.0, 30 * 86_400_000.0],
                          "text": ["01-01-2027 – 01-03-2027", "01-03-2027 – 31-03-2027"]}],
                "layout": {"xaxis": {"type": "date"},
                           "yaxis": {"categoryarray": ["1. leren", "2. werk"],
                                     "autorange": "reversed"}}})
    from matplotlib import dates

    bars = ax.patches
    assert [dates.num2date(b.get_x()).date().isoformat() for b in bars] == [
        "2027-01-01", "2027-03-01"]
    assert [round(b.get_width()) for b in bars] == [59, 30]
    assert [t.get_text() for t in ax.texts] == ["01-01-2027 – 01-03-2027",
                                                "01-03-2027 – 31-03-2027"]
    assert any(label.endswith("2027") for label in _labels(ax.get_xticklabels()))


def test_line_shapes_legend_and_error_bars(drawn):
    ax = drawn({"data": [
        {"type": "scatter", "mode": "markers", "name": "vóór", "x": [5.0], "y": ["a"],
         "error_x": {"type": "data", "array": [2.0], "arrayminus": [1.0]}},
        {"type": "scatter", "mode": "markers", "name": "na", "x": [3.0], "y": ["a"],
         "marker": {"symbol": "diamond"}}],
        "layout": {"shapes": [{"type": "line", "x0": 4.5, "x1": 4.5, "yref": "paper",
                               "y0": 0, "y1": 1, "line": {"dash": "dash"}}]}})
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["vóór", "na"]
    assert [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"] == [4.5]
    error = ax.collections[0].get_segments()[0]  # the error bar from 4 to 7
    assert sorted(point[0] for point in error) == [4.0, 7.0]


@pytest.mark.parametrize("figure, named", [
    ({"data": [{"type": "pie", "values": [1, 2]}]}, "pie"),
    ({"data": [{"type": "scatter", "mode": "lines", "x": [1], "y": [1]}]}, "lines"),
    ({"data": [{"type": "scatter", "x": [1], "y": [1], "marker": {"symbol": "star"}}]},
     "star"),
    ({"data": [], "layout": {"shapes": [{"type": "rect", "x0": 0, "x1": 1}]}}, "line shapes"),
])
def test_what_it_cannot_draw_is_refused_by_name(figure, named):
    with pytest.raises(ValueError, match=named):
        chart_print.png(figure, "nl")
