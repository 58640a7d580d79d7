"""A switch plan as a printable PDF (reportlab), with the timeline drawn by matplotlib (Agg).

It shows the person only by pseudonym: the PDF is meant to be printed and handed around.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from banenbrug.pdf_fonts import register_fonts
from banenbrug.plans import charts
from banenbrug.plans.templatetags.plan_format import choice, day, money, share, signed_money
from banenbrug.taxonomy.licence import ESCO_ATTRIBUTION

WIDTH = A4[0] - 4 * cm
MUTED = colors.HexColor("#4a4a4a")
WARN = colors.HexColor("#7a4a00")


class _Styles:
    def __init__(self, font: str, bold: str):
        base = getSampleStyleSheet()
        self.body = ParagraphStyle("body", parent=base["BodyText"], fontName=font, fontSize=9.5,
                                   leading=13)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=10.5)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8.5, leading=11,
                                   spaceBefore=0, spaceAfter=0)
        self.h1 = ParagraphStyle("h1", parent=base["Heading1"], fontName=bold, fontSize=17)
        self.h2 = ParagraphStyle("h2", parent=base["Heading2"], fontName=bold, fontSize=12.5,
                                 spaceBefore=10)
        self.warn = ParagraphStyle("warn", parent=self.body, textColor=WARN)
        self.muted = ParagraphStyle("muted", parent=self.small, textColor=MUTED)
        self.font, self.bold = font, bold


def plan_pdf(plan: dict[str, Any], *, today: date) -> bytes:
    font, bold = register_fonts()
    st = _Styles(font, bold)

    def p(text: str, style: ParagraphStyle = st.body) -> Paragraph:
        return Paragraph(escape(text), style)

    def cell(text: str, muted: str = "") -> Paragraph:
        extra = f"<br/><font color='#4a4a4a' size='7.5'>{escape(muted)}</font>" if muted else ""
        return Paragraph(escape(text) + extra, st.cell)

    def marked(text: str, flag: bool) -> str:
        """An example record says so, once (example titles often say it already)."""
        word = gettext("Voorbeeld")
        return f"{text} ({word})" if flag and word.lower() not in text.lower() else text

    d, f, sel = plan["destination"], plan["funding"], plan["selection"]
    title = gettext("Overstapplan naar %(d)s") % {"d": d["label"]}
    story: list = [p(title, st.h1),
                   p(gettext("Voor %(p)s, gemaakt op %(date)s.") % {
                       "p": plan["person"]["pseudonym"], "date": day(today)}, st.muted)]
    if plan["uses_examples"]:
        story.append(p(gettext("Voorbeeldgegevens: modules en regelingen met ‘Voorbeeld’ zijn "
                               "verzonnen, om te laten zien hoe een overstapplan werkt. Ze zijn "
                               "geen advies: vraag bij de aanbieder of de regeling zelf na wat "
                               "echt geldt."), st.warn))

    # ---- destination and gap
    kind = gettext("vacature") if d["kind"] == "vacancy" else gettext("beroep")
    flags = [w for w, on in ((gettext("groen"), d["green"]), (gettext("digitaal"), d["digital"]))
             if on]
    story += [p(gettext("Het doel"), st.h2), _table([
        [gettext("Doel"), cell(f"{d['label']} ({kind}{', ' if flags else ''}"
                               f"{', '.join(flags)})")],
        [gettext("Al in huis"), cell(gettext("%(h)s van de %(n)s essentiële vaardigheden") % {
            "h": d["held"], "n": d["essential_skills"]})],
        [gettext("Start"), day(plan["start"])],
        [gettext("Klaar met leren"), day(plan["training_end"])],
        [gettext("Aan het werk vanaf"), day(plan["job_from"])],
    ], [4.5, WIDTH / cm - 4.5], st, header=False)]
    gap, untaught = plan["gap"], plan["uncovered_skills"]
    story.append(p(gettext("Wat je nog moet leren"), st.h2))
    if not gap:
        story.append(p(gettext("Je hebt alle essentiële vaardigheden voor dit doel al.")))
    else:
        story.append(p(ngettext("%(n)s essentiële vaardigheid nog te leren.",
                                "%(n)s essentiële vaardigheden nog te leren.",
                                len(gap)) % {"n": len(gap)}))
        if untaught:
            story.append(p(ngettext(
                "Voor %(n)s daarvan staat geen module in de catalogus (bespreek met je coach "
                "hoe je die leert): %(s)s.",
                "Voor %(n)s daarvan staat geen module in de catalogus (bespreek met je coach "
                "hoe je die leert): %(s)s.", len(untaught)) % {
                    "n": len(untaught), "s": "; ".join(s["label"] for s in untaught)}))

    # ---- modules
    story.append(p(gettext("De modules, in volgorde"), st.h2))
    if sel["method"] == "exact":
        story.append(p(gettext("Keuze: exact optimum (geen combinatie leert hetzelfde met minder "
                               "kosten en studietijd)."), st.muted))
    elif sel["method"] == "greedy":
        story.append(p(gettext("Keuze: benadering (ondergrens %(b)s).") % {
            "b": money(sel["lower_bound"])}, st.muted))
    if plan["modules"]:
        rows = [[gettext("Periode"), gettext("Module"), gettext("Kosten"), gettext("Uren"),
                 gettext("Betaald door")]]
        for m in plan["modules"]:
            payers = "; ".join(f"{x['name']} {money(x['amount'])}" for x in m["funded_by"])
            rows.append([
                f"{day(m['start'])} –\n{day(m['end'])}",
                cell(marked(m["title"], m["is_example"]),
                     f"{m['provider']}; {choice(m['form'], 'form')}, "
                     f"{choice(m['delivery'], 'delivery')}; {choice(m['award'], 'award')}. "
                     + gettext("Leert: %(s)s") % {"s": "; ".join(s["label"]
                                                               for s in m["teaches"])}),
                money(m["cost"]), f"{m['hours']:.0f}",
                cell(payers or gettext("eigen bijdrage"))])
        story.append(_table(rows, [2.3, 6.4, 1.8, 1.3, 5.2], st))
    else:
        story.append(p(gettext("Geen modules in dit plan.")))

    # ---- funding
    story += [p(gettext("Wie betaalt"), st.h2), _table([
        [gettext("Totaal"), gettext("Vergoed"), gettext("Eigen bijdrage"),
         gettext("Inkomensondersteuning")],
        [money(f["total_cost"]), money(f["covered"]), money(f["own_contribution"]),
         money(f["income_support"])]], [3.8, 3.8, 3.8, 5.6], st)]
    rows = [[gettext("Regeling"), gettext("Status"), gettext("In dit plan"), gettext("Waarom")]]
    for s in f["schemes"]:
        if s["key"] in plan["adjustments"]["exclude_schemes"]:
            status = gettext("uitgesloten")
        elif s["paid"]:
            status = gettext("gebruikt")
        else:
            status = {"yes": gettext("mogelijk, niet nodig"),
                      "unknown": gettext("mogelijk, als"),
                      "no": gettext("niet mogelijk")}[s["status"]]
        why = "; ".join(s["reasons"]) or gettext("Voor wie: %(r)s") % {"r": s["rule"]}
        rows.append([cell(marked(s["name"], s["is_example"]), s["provider"]), cell(status),
                     money(s["paid"]) if s["paid"] else "—", cell(why)])
    story.append(Spacer(1, 0.2 * cm))
    story.append(_table(rows, [5.6, 2.8, 2.2, 6.4], st))

    # ---- income
    income = plan["income"]
    story.append(p(gettext("Inkomen tijdens het leren"), st.h2))
    story.append(p(gettext("Bruto per maand, zonder belasting en toeslagen; het leren duurt "
                           "ongeveer %(n)s maanden.") % {
                               "n": number_format(income["months"], decimal_pos=1,
                                                  use_l10n=True)}))
    rows = [[gettext("Mogelijkheid"), gettext("Per maand"), gettext("Verschil met nu"),
             gettext("Hele opleiding")],
            [gettext("Nu"), money(income["monthly_now"]), "—", "—"]]
    rows += [[cell(charts.option_words(o["key"]), o["text"]), money(o["monthly"]),
              signed_money(o["difference"]), signed_money(o["total_difference"])]
             for o in income["options"]]
    story.append(_table(rows, [8, 2.6, 3, 3.4], st))

    # ---- vacancies and pledges
    story.append(p(gettext("Vacatures en werkgevers"), st.h2))
    if plan["vacancies"]:
        rows = [[gettext("Vacature"), gettext("Werkgever"), gettext("Regio"), gettext("Soort"),
                 gettext("Past na het plan")]]
        rows += [[cell(v["title"]), cell(v["employer"]), cell(v["region_name"]),
                  cell(choice(v["hiring_mode"], "hiring_mode")),
                  share(v["coverage_after_plan"])] for v in plan["vacancies"]]
        story.append(_table(rows, [5.2, 4, 3, 2.8, 2], st))
    else:
        story.append(p(gettext("Nu geen open vacatures voor dit doel.")))
    if plan["pledges"]:
        rows = [[gettext("Werkgever"), gettext("Programma"), gettext("Nog open banen"),
                 gettext("Tot")]]
        rows += [[cell(marked(g["employer"], g["is_example"])), cell(g["programme"]),
                  str(g["open_jobs"]), day(g["deadline"])] for g in plan["pledges"]]
        story += [Spacer(1, 0.2 * cm), _table(rows, [5.5, 6.5, 2.5, 2.5], st)]

    # ---- timeline
    story.append(KeepTogether([p(gettext("Tijdlijn"), st.h2),
                               _image(charts.timeline_png(plan["timeline"]), WIDTH / cm)]))
    return _build(story, title, st, today)


def _table(rows: list[list], widths: list[float], st: _Styles, header: bool = True) -> Table:
    if header:  # header cells wrap too
        head = ParagraphStyle("head", parent=st.cell, fontName=st.bold)
        rows = [[Paragraph(escape(c), head) if isinstance(c, str) else c for c in rows[0]],
                *rows[1:]]
    table = Table(rows, colWidths=[w * cm for w in widths], hAlign="LEFT",
                  repeatRows=1 if header else 0)
    style = [("FONT", (0, 0), (-1, -1), st.font, 8.5), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#8c8c8c"))]
    if header:
        style.append(("FONT", (0, 0), (-1, 0), st.bold, 8.5))
    else:
        style.append(("FONT", (0, 0), (0, -1), st.bold, 8.5))
    table.setStyle(TableStyle(style))
    return table


def _image(png: bytes, width_cm: float) -> Image:
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width_cm * cm, width_cm * cm * ratio
    return image


def _build(story: list, title: str, st: _Styles, today: date) -> bytes:
    buffer = io.BytesIO()
    footer = gettext("Overstapplan, gemaakt met Banenbrug op %(d)s") % {"d": day(today)}

    def page(canvas, doc) -> None:  # every page: when made, the ESCO attribution, page number
        canvas.saveState()
        canvas.setFont(st.font, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(2 * cm, 1.35 * cm, footer)
        canvas.drawString(2 * cm, 0.95 * cm, ESCO_ATTRIBUTION)
        canvas.drawRightString(A4[0] - 2 * cm, 1.35 * cm,
                               gettext("pagina %(n)s") % {"n": doc.page})
        canvas.restoreState()

    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="Banenbrug", lang="nl",
                            leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                            bottomMargin=2 * cm)
    doc.build([*story, Spacer(1, 0.3 * cm)], onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
