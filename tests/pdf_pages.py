"""Reading a PDF back as a reader sees it: every piece of text with its box (pypdf), the boxes
of its pictures, and each page as an image (pypdfium2). For the layout tests of every PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from banenbrug.pdf_layout import FONT, FONT_BOLD, register_fonts

A4_WIDTH = 595.28
MARGIN = 56.69  # 2 cm in points, as pdf_layout lays out


@dataclass(frozen=True)
class Box:
    """One drawn string: left, baseline, right and top in points, from the page's bottom left."""
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, slack: float = 0.5) -> bool:
        return (self.page == other.page and self.x0 < other.x1 - slack
                and other.x0 < self.x1 - slack and self.y0 < other.y1 - slack
                and other.y0 < self.y1 - slack)


def _mul(a: list[float], b: list[float]) -> list[float]:
    """The product of two PDF matrices [a b c d e f]."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def text_boxes(pdf: bytes) -> list[Box]:
    """Every string drawn, its width measured with the font it was drawn in (the PDFs embed
    DejaVu Sans and its bold, the only fonts pdf_layout uses)."""
    register_fonts()
    boxes: list[Box] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        def visit(text, cm, tm, font, size, number=number):
            if not text.strip():
                return
            m = _mul(tm, cm)
            scale = (m[0] ** 2 + m[1] ** 2) ** 0.5
            name = FONT_BOLD if font and "Bold" in str(font.get("/BaseFont", "")) else FONT
            stripped = text.rstrip("\n")
            width = stringWidth(stripped, name, size) * scale
            boxes.append(Box(number, stripped.strip(), m[4], m[5] - 0.2 * size * scale,
                             m[4] + width, m[5] + 0.75 * size * scale))
        page.extract_text(visitor_text=visit)
    return boxes


def image_boxes(pdf: bytes) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page, (x0, y0, x1, y1)) of every picture drawn (`Do` under the current matrix)."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        state: dict[str, list] = {"stack": [], "ctm": [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]}

        def before(op, args, cm, tm, number=number, state=state):
            if op == b"q":
                state["stack"].append(state["ctm"])
            elif op == b"Q" and state["stack"]:
                state["ctm"] = state["stack"].pop()
            elif op == b"cm":
                state["ctm"] = _mul([float(a) for a in args], state["ctm"])
            elif op == b"Do":
                m = state["ctm"]
                found.append((number, (m[4], m[5], m[4] + m[0], m[5] + m[3])))
        page.extract_text(visitor_operand_before=before)
    return found


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of strings drawn over each other."""
    pairs = []
    for i, a in enumerate(boxes):
        pairs += [(a, b) for b in boxes[i + 1:] if a.overlaps(b)]
    return pairs


def row_of(boxes: list[Box], first: str) -> list[Box]:
    """The strings on the first line of the table row whose first cell reads `first` (also
    when it wraps over lines: the rest is lower in the same column), left to right."""
    for start in (b for b in boxes if first == b.text or first.startswith(b.text + " ")):
        line = sorted((b for b in boxes if b.page == start.page and abs(b.y0 - start.y0) < 1),
                      key=lambda b: b.x0)
        below = sorted((b for b in boxes if b.page == start.page and abs(b.x0 - start.x0) < 1
                        and b.y0 < start.y0), key=lambda b: -b.y0)
        cell = start.text
        for more in below:
            if not first.startswith(cell + " " + more.text):
                break
            cell += " " + more.text
        if line[0] is start and cell == first:
            return line
    raise AssertionError(f"no line starts with {first!r}")


def header_reads(boxes: list[Box], headers: list[str]) -> bool:
    """The table header row (found by its first cell) has these cells, left to right; a long
    header may wrap, but between words, never inside one ('Deelnemer-s')."""
    shown = [b.text for b in row_of(boxes, headers[0])]
    return len(shown) == len(headers) and all(
        full == part or full.startswith(part + " ") for part, full in zip(shown, headers,
                                                                           strict=True))


def check_layout(pdf: bytes, shots: Path | None = None,
                 name: str = "") -> tuple[list[Box], list[Image.Image]]:
    """What holds for every PDF: no string drawn over another, all text inside the margins,
    no page blank, every picture with ink in its box. The pages are saved as PNGs to `shots`
    (for people to look at). Returns the strings and the page images for further checks."""
    boxes = text_boxes(pdf)
    assert overlapping(boxes) == [], name
    assert [b for b in boxes if b.x0 < MARGIN - 1 or b.x1 > A4_WIDTH - MARGIN + 1] == [], name
    images = pages_as_images(pdf)
    assert len(images) == len(PdfReader(io.BytesIO(pdf)).pages)
    assert all(ink(image) > 0.01 for image in images), name  # no page blank
    for number, box in image_boxes(pdf):
        assert box[0] >= MARGIN - 1 and box[2] <= A4_WIDTH - MARGIN + 1, name
        assert ink(images[number], box) > 0.02, (name, number)  # the chart is drawn
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        (shots / f"{name}.pdf").write_bytes(pdf)
        for i, image in enumerate(images):
            image.save(shots / f"{name}-{i + 1}.png")
    return boxes, images


def pages_as_images(pdf: bytes, dpi: int = 60) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def ink(image: Image.Image, box: tuple[float, float, float, float] | None = None,
        dpi: int = 60) -> float:
    """The share of pixels that are not near-white, in the whole page or in a box in points."""
    if box is not None:
        scale, height = dpi / 72, image.height
        image = image.crop((round(box[0] * scale), round(height - box[3] * scale),
                            round(box[2] * scale), round(height - box[1] * scale)))
    grey = image.convert("L")
    dark = sum(grey.histogram()[:230])
    return dark / (grey.width * grey.height)
