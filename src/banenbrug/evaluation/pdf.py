"""An initiative's report as PDF (reportlab), with the charts drawn by matplotlib (Agg)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from banenbrug.evaluation import charts
from banenbrug.evaluation.presentation import ReportView, fmt_number
from banenbrug.pdf_fonts import FONT, FONT_BOLD, register_fonts


def report_pdf(view: ReportView) -> bytes:
    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9.5,
                          leading=13)
    h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=FONT_BOLD, fontSize=16)
    h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=12)
    warn = ParagraphStyle("warn", parent=body, textColor=colors.HexColor("#8a1c00"))
    initiative = view.initiative

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text), style)

    story: list = [p(initiative.name, h1)]
    if initiative.is_example:
        story.append(p(gettext("VOORBEELD: verzonnen gegevens, alleen ter demonstratie."), warn))
    if view.suppressed:
        story.append(p(gettext("Minder dan 10 deelnemers of vergelijkingspersonen: om personen te "
                          "beschermen tonen we geen cijfers.")))
        return _build(story, initiative.name)
    story += [p(gettext("Wat de schatting laat zien"), h2), *[p(t) for t in view.summary]]
    if view.warnings:
        story += [p(gettext("Let op"), h2), *[p("• " + t, warn) for t in view.warnings]]
    if view.sensitivity or view.refutations:
        story += [p(gettext("Hoe stevig is dit effect?"), h2)]
        if view.sensitivity:
            story.append(p(view.sensitivity))
        if view.refutations:
            rows = [[gettext("Toets"), gettext("Oordeel"), gettext("Uitkomst")]]
            rows += [[p(r["label"]), p(r["verdict_label"], warn if r["verdict"] == "warn"
                                       else body), p(r["text"])] for r in view.refutations]
            story.append(_table(rows, [3.8, 2.2, 10.7]))
    rows = [[gettext("Uitkomst"), gettext("Effect"), gettext("95%-interval"),
             gettext("Deelnemers")]]
    for f in view.outcomes:
        rows.append([p(f.label), f.text or "—", f.interval or (f.error or "")[:60],
                     str(f.n_treated or "")])
    story += [p(gettext("Effect op de deelnemers (AIPW)"), h2), _table(rows, [6.5, 3.2, 5, 2])]
    if view.costs:
        c = view.costs
        high = (f"€ {fmt_number(c.per_extra_high)}" if c.per_extra_high is not None
                else gettext("onbepaald"))
        per_extra = (f"€ {fmt_number(c.per_extra)} ({gettext('tussen')} € "
                     f"{fmt_number(c.per_extra_low or 0)} {gettext('en')} {high})"
                     if c.per_extra is not None
                     else gettext("niet te bepalen: geen positief effect"))
        story += [p(gettext("Kosten"), h2), _table([
            [gettext("Totale kosten"), f"€ {fmt_number(c.cost_total)}"],
            [gettext("Per deelnemer"), f"€ {fmt_number(c.per_participant)}"],
            [gettext("Per extra persoon aan het werk"), per_extra],
            [gettext("Extra mensen aan het werk per € 10.000"),
             f"{fmt_number(c.per_10k, 2)} ({fmt_number(c.per_10k_low, 2)} "
             f"{gettext('tot')} {fmt_number(c.per_10k_high, 2)})"],
        ], [7, 9.7], header=False)]
    if view.balance:
        story += [p(gettext("Balans van de kenmerken (love plot)"), h2),
                  _image(charts.love_png(view.balance), 15)]
    if view.report.get("overlap"):
        story += [p(gettext("Overlap van de propensityscores"), h2),
                  _image(charts.overlap_png(view.report["overlap"]), 15),
                  p(gettext("Staafjes met 1 tot 9 personen zijn weggelaten."))]
    rows = [[gettext("Methode"), gettext("Effect"), gettext("95%-interval")]]
    rows += [[p(m.label), m.text or "—", m.interval or (m.error or "")[:60]]
             for m in view.methods]
    story += [p(gettext("Alle methoden naast elkaar"), h2), _table(rows, [8, 3.5, 5.2])]
    if view.groups:
        story.append(p(gettext("Voor wie werkt het?"), h2))
        if any(g["estimate"] is not None for c in view.groups for g in c["rows"]):
            story.append(_image(charts.forest_png(view.groups, view.primary.estimate), 15))
        for column in view.groups:
            rows = [[column["label"], gettext("Deelnemers"), gettext("Vergelijking"),
                     gettext("Effect"), gettext("95%-interval")]]
            rows += [[p(g["label"]), str(g["n_treated"] or ""), str(g["n_control"] or ""),
                      g["text"] or "—", p(g["interval"] or g["error_text"])]
                     for g in column["rows"]]
            story += [_table(rows, [4.5, 2.2, 2.3, 3.2, 4.5]), p(column["test"])]
    story += [p(gettext("Wat de schatting niet laat zien"), h2), *[p(t) for t in view.limits]]
    story.append(p(gettext("Methode: dubbel robuuste schatting (AIPW) van het effect op de "
                      "deelnemers, 95%%-interval uit %(n)s bootstrapherhalingen. Banenbrug.")
                   % {"n": view.report["bootstrap"]}))
    return _build(story, initiative.name)


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=[w * cm for w in widths], hAlign="LEFT")
    style = [("FONT", (0, 0), (-1, -1), FONT, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#8c8c8c"))]
    if header:
        style.append(("FONT", (0, 0), (-1, 0), FONT_BOLD, 9))
    table.setStyle(TableStyle(style))
    return table


def _image(png: bytes, width_cm: float) -> Image:
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width_cm * cm, width_cm * cm * ratio
    return image


def _build(story: list, title: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Banenbrug",
                            leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm)
    doc.build([*story, Spacer(1, 0.3 * cm)])
    return buffer.getvalue()
