"""The evaluation report PDF read back as a reader sees it: the text where it is drawn (no two
strings over each other, inside the margins, the table columns in the page's order, the same
numbers as the page) and the pages as images (none blank, every chart drawn)."""

from __future__ import annotations

import html
import re

import pytest
from reportlab.lib.units import cm

from banenbrug.pdf_layout import build, styles, table
from tests.conftest import PROJECT_ROOT
from tests.pdf_pages import (
    Box,
    check_layout,
    header_reads,
    image_boxes,
    overlapping,
    row_of,
    text_boxes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("evaluation_examples")]
SHOTS = PROJECT_ROOT / "var" / "test" / "screenshots" / "pdf"  # for people to look at
OUTCOME_HEADERS = ["Uitkomst", "Deelnemers", "Deelnemers (gemiddelde)", "Effect", "95%-interval"]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]


def cells(row_html: str) -> list[str]:
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", c)).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, re.S)]


def test_the_check_finds_a_cell_that_runs_over_the_next():
    """The old layout (a plain string in a table cell does not wrap) is caught."""
    from reportlab.platypus import Table
    st = styles()
    old = Table([["Werk na 12 maanden", "+3,2 procentpunt tot +12,9 procentpunt", "412"]],
                colWidths=[5 * cm, 3 * cm, 2 * cm])
    new = table([["Werk na 12 maanden", "+3,2 procentpunt tot +12,9 procentpunt", "412"]],
                [5, 3, 2], st, header=False, numbers=(2,))
    pages = {name: build([flowable], title="t", footer=[], page_label="%(n)s", lang="nl")
             for name, flowable in (("old", old), ("new", new))}
    assert [(a.text, b.text) for a, b in overlapping(text_boxes(pages["old"]))] == [
        ("+3,2 procentpunt tot +12,9 procentpunt", "412")]
    assert overlapping(text_boxes(pages["new"])) == []
    with pytest.raises(ValueError, match=r"exceed the 17\.0 cm"):
        table([["a", "b"]], [10, 8], st)
    with pytest.raises(ValueError, match=r"'Deelnemers' of 1\.5 cm is too narrow"):
        table([["Deelnemers", "Effect"], ["412", "+3,2"]], [1.5, 3], st)


def test_a_header_split_inside_a_word_is_caught():
    def line(*texts: str, y: float = 700) -> list[Box]:
        return [Box(0, t, 60 + 80 * i, y, 100 + 80 * i, y + 8) for i, t in enumerate(texts)]

    headers = ["Uitkomst", "Deelnemers", "Effect"]
    assert header_reads(line("Uitkomst", "Deelnemers", "Effect"), headers)
    split = [*line("Uitkomst", "Deelnemer", "Effect"), Box(0, "s", 140, 690, 146, 698)]
    assert not header_reads(split, headers)
    assert not header_reads(line("Uitkomst", "Effect", "Deelnemers"), headers)


class TestReportPdf:
    @pytest.fixture(scope="class")
    @classmethod
    def pdfs(cls, examples):
        from django.test import Client
        client = Client()
        out = {}
        for initiative in examples:
            response = client.get(f"/evaluatie/{initiative.slug}/rapport.pdf")
            assert response.status_code == 200
            page = client.get(initiative.get_absolute_url()).content.decode()
            out[initiative.name] = (response.content, page)
        assert len(out) == 3
        return out

    def test_no_text_over_text_inside_the_margins_no_page_blank(self, pdfs):
        for name, (pdf, _page) in pdfs.items():
            boxes, images = check_layout(pdf, SHOTS, slug(name))
            assert len(boxes) > 100 and len(images) >= 2, name

    def test_the_outcome_table_has_the_page_columns_and_numbers_in_order(self, pdfs):
        for name, (pdf, page) in pdfs.items():
            boxes = text_boxes(pdf)
            assert header_reads(boxes, OUTCOME_HEADERS), name
            table_html = page[page.index('id="kop-uitkomsten"'):]
            table_html = table_html[:table_html.index("</table>")]
            rows = [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", table_html, re.S)][1:]
            assert rows, name
            for row in rows:
                if len(row) < 5:
                    continue  # an outcome without an estimate: its message spans the row
                label, count, mean, effect, interval = row
                drawn = row_of(boxes, label)
                # the first line of each cell, left to right, as on the page
                texts = [b.text for b in drawn]
                assert label.startswith(texts[0]) and texts[1:3] == [count, mean], (name, texts)
                joined = " ".join(b.text for b in boxes if b.page == drawn[0].page)
                assert effect.split()[0] in joined and interval.split()[0] in joined

    def test_the_charts_are_placed_on_the_page(self, pdfs):
        for name, (pdf, _page) in pdfs.items():
            charts = image_boxes(pdf)
            assert len(charts) >= 2, name  # the love plot and the overlap chart at least
            for _number, box in charts:
                assert 14 * cm < box[2] - box[0] < 15.5 * cm, (name, box)  # 15 cm wide

    def test_the_english_report_is_laid_out_as_well(self, client, examples):
        client.cookies["django_language"] = "en"
        for initiative in examples:
            pdf = client.get(f"/evaluatie/{initiative.slug}/rapport.pdf").content
            boxes, _images = check_layout(pdf, SHOTS, slug(initiative.name) + "-en")
            assert header_reads(boxes, ["Outcome", "Participants", "Participants (average)",
                                        "Effect", "95% interval"]), initiative.name
            assert "page 1" in [b.text for b in boxes]
