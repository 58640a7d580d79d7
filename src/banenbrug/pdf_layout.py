"""The one layout every PDF is made with (reportlab): A4, the fonts, the text styles, tables
whose cells wrap inside their column, images, and a footer with page numbers.

Each PDF module (plans/pdf.py, evaluation/pdf.py) only says what goes on the page, from the
same view data as its HTML page and with the same numbers (banenbrug.numbers). Why reportlab
and not the HTML templates through WeasyPrint: WeasyPrint needs Pango and friends from the
system, reportlab is pure Python with the fonts shipped by matplotlib, so a PDF builds the same
on every machine the tests run on. tests/test_pdf_layout.py reads every PDF back with text
positions and renders its pages to images.

Fonts: DejaVu Sans (ships with matplotlib) has the glyphs reportlab's Helvetica lacks
(−, ², €, ë).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from banenbrug.numbers import NBSP

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 2 * cm
WIDTH_CM = (A4[0] - 2 * MARGIN) / cm  # the text width: 17 cm; table widths add up to at most this
MUTED = colors.HexColor("#4a4a4a")
RULE = colors.HexColor("#8c8c8c")


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold font once; returns their names."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return FONT, FONT_BOLD


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    warn: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cell: ParagraphStyle
    number: ParagraphStyle  # a cell with a figure: right-aligned, as on the pages
    head: ParagraphStyle
    head_number: ParagraphStyle


def styles(warn_colour: str = "#7a4a00") -> Styles:
    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9.5,
                          leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceBefore=0,
                          spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD)
    return Styles(
        body=body, small=small,
        muted=ParagraphStyle("muted", parent=small, textColor=MUTED),
        warn=ParagraphStyle("warn", parent=body, textColor=colors.HexColor(warn_colour)),
        h1=ParagraphStyle("h1", parent=base["Heading1"], fontName=FONT_BOLD, fontSize=16),
        # a heading stays on the page of what it introduces
        h2=ParagraphStyle("h2", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=12,
                          spaceBefore=10, keepWithNext=1),
        cell=cell, number=ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        head=head, head_number=ParagraphStyle("head_number", parent=head, alignment=TA_RIGHT))


def text(value: str, style: ParagraphStyle, note: str = "") -> Paragraph:
    """A paragraph of plain text (escaped; a newline starts a new line), with an optional
    smaller grey line under it; '€' and its amount never break apart (translated texts write
    them with a plain space)."""
    def clean(words: str) -> str:
        return escape(words.replace("€ ", "€" + NBSP)).replace("\n", "<br/>")

    extra = f"<br/><font color='#4a4a4a' size='7.5'>{clean(note)}</font>" if note else ""
    return Paragraph(clean(value) + extra, style)


def table(rows: Sequence[Sequence[Any]], widths_cm: Sequence[float], st: Styles, *,
          header: bool = True, numbers: Sequence[int] = (),
          spans: Sequence[tuple[int, int, int]] = ()) -> Table:
    """A table whose every text cell is a paragraph, so that a long Dutch label or interval
    wraps inside its column instead of running over the next one (a plain string in a
    reportlab cell never wraps). `numbers`: the columns with figures, right-aligned;
    `header=False`: the first column is the label, in bold; `spans`: (row, first, last column)
    cells that fill the row, e.g. an error message in place of the figures."""
    if sum(widths_cm) > WIDTH_CM + 1e-6:
        raise ValueError(f"table columns of {sum(widths_cm):.1f} cm exceed the {WIDTH_CM} cm "
                         "text width")

    if header:
        _check_header_words(rows[0], widths_cm, st.head)

    def style_of(r: int, c: int) -> ParagraphStyle:
        bold = (header and r == 0) or (not header and c == 0)
        right = c in numbers and not any(r == row and first <= c for row, first, _ in spans)
        if bold:
            return st.head_number if right else st.head
        return st.number if right else st.cell

    cells = [[text(v, style_of(r, c)) if isinstance(v, str) else v for c, v in enumerate(row)]
             for r, row in enumerate(rows)]
    result = Table(cells, colWidths=[w * cm for w in widths_cm], hAlign="LEFT",
                   repeatRows=1 if header else 0)
    result.spaceBefore = 4  # off the line that introduces it
    result.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        *[("SPAN", (first, row), (last, row)) for row, first, last in spans]]))
    return result


PADDING = 6  # reportlab's cell padding left and right, in points


def _check_header_words(headers: Sequence[Any], widths_cm: Sequence[float],
                        style: ParagraphStyle) -> None:
    """A header wraps between its words, never inside one ('Deelnemer-s'): a column narrower
    than its header's longest word is a layout mistake, found whenever the PDF is made."""
    for header, width in zip(headers, widths_cm, strict=False):
        if not isinstance(header, str):
            continue
        for word in header.split():
            need = pdfmetrics.stringWidth(word, style.fontName, style.fontSize) + 2 * PADDING
            if need > width * cm:
                raise ValueError(f"column {header!r} of {width} cm is too narrow for "
                                 f"{word!r} ({need / cm:.2f} cm)")


def image(png: bytes, width_cm: float = WIDTH_CM) -> Image:
    picture = Image(io.BytesIO(png))
    ratio = picture.imageHeight / picture.imageWidth
    picture.drawWidth, picture.drawHeight = width_cm * cm, width_cm * cm * ratio
    return picture


def build(story: list[Flowable], *, title: str, footer: Sequence[str], page_label: str,
          lang: str) -> bytes:
    """The PDF's bytes: A4, 2 cm margins, on every page the footer lines (bottom left) and
    `page_label` % {"n": page number} (bottom right)."""
    buffer = io.BytesIO()

    def page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        for i, line in enumerate(footer):
            canvas.drawString(MARGIN, 1.35 * cm - i * 0.4 * cm, line)
        canvas.drawRightString(A4[0] - MARGIN, 1.35 * cm, page_label % {"n": doc.page})
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Banenbrug", lang=lang,
                            leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN)
    doc.build([*story, Spacer(1, 0.3 * cm)], onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
