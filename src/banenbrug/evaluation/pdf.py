"""An initiative's report as PDF, with the page's charts drawn by chart_print: the same view
and the same numbers as the report page (report_view.ReportView), laid out by pdf_layout."""

from __future__ import annotations

from django.utils.translation import gettext
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer

from banenbrug import chart_print, numbers
from banenbrug.evaluation import charts
from banenbrug.evaluation.report_view import ReportView
from banenbrug.language import current_lang
from banenbrug.pdf_layout import build, image, styles, table, text


def report_pdf(view: ReportView) -> bytes:
    st = styles(warn_colour="#8a1c00")
    body, h1, h2, warn = st.body, st.h1, st.h2, st.warn
    lang = current_lang()
    initiative = view.initiative

    def p(value: str, style: ParagraphStyle = body) -> Paragraph:
        return text(value, style)

    story: list = [p(initiative.name, h1)]
    if initiative.is_example:
        story.append(p(gettext("VOORBEELD: verzonnen gegevens, alleen ter demonstratie."), warn))
    if view.suppressed:
        story.append(p(gettext("Minder dan 10 deelnemers of vergelijkingspersonen: om personen te "
                          "beschermen tonen we geen cijfers.")))
        return _build(story, initiative.name, lang)
    story += [p(gettext("Wat de schatting laat zien"), h2), *[p(t) for t in view.summary]]
    if view.warnings:
        story += [p(gettext("Let op"), h2), *[p("• " + t, warn) for t in view.warnings]]
    if view.sensitivity or view.refutations:
        story += [p(gettext("Hoe stevig is dit effect?"), h2)]
        if view.sensitivity:
            story.append(p(view.sensitivity))
        if view.refutations:
            rows = [[gettext("Toets"), gettext("Oordeel"), gettext("Uitkomst")]]
            rows += [[r["label"], p(r["verdict_label"], warn if r["verdict"] == "warn"
                                    else st.cell), r["text"]] for r in view.refutations]
            story += [Spacer(1, 0.2 * cm), table(rows, [3.8, 2.2, 11], st)]
    # the columns of the report page, in its order
    rows = [[gettext("Uitkomst"), gettext("Deelnemers"), gettext("Deelnemers (gemiddelde)"),
             gettext("Effect"), gettext("95%-interval")]]
    spans = []
    for f in view.outcomes:
        if f.estimate is None:
            spans.append((len(rows), 1, 4))
            rows.append([f.label, f.error or "", "", "", ""])
            continue
        mean = (numbers.euros(f.mean_treated, lang) if f.money
                else numbers.percent(f.mean_treated, 1, lang))
        rows.append([f.label, numbers.number(f.n_treated, 0, lang), mean, f.text, f.interval])
    story += [p(gettext("Effect op de deelnemers (AIPW)"), h2),
              table(rows, [4.3, 2.5, 2.7, 3.4, 4.1], st, numbers=(1, 2, 3), spans=spans)]
    if view.costs:
        c = view.costs
        high = (numbers.euros(c.per_extra_high, lang) if c.per_extra_high is not None
                else gettext("onbepaald"))
        per_extra = (f"{numbers.euros(c.per_extra, lang)} ({gettext('tussen')} "
                     f"{numbers.euros(c.per_extra_low or 0, lang)} {gettext('en')} {high})"
                     if c.per_extra is not None
                     else gettext("niet te bepalen: geen positief effect"))
        story += [p(gettext("Kosten"), h2), table([
            [gettext("Totale kosten"), numbers.euros(c.cost_total, lang)],
            [gettext("Per deelnemer"), numbers.euros(c.per_participant, lang)],
            [gettext("Per extra persoon aan het werk"), per_extra],
            [gettext("Extra mensen aan het werk per € 10.000"),
             f"{numbers.number(c.per_10k, 2, lang)} ({numbers.number(c.per_10k_low, 2, lang)} "
             f"{gettext('tot')} {numbers.number(c.per_10k_high, 2, lang)})"],
        ], [7.6, 9.4], st, header=False)]
    if view.balance:
        story += [p(gettext("Balans van de kenmerken (love plot)"), h2),
                  image(chart_print.png(charts.love_plot(view.balance), lang), 15)]
    if view.report.get("overlap"):
        story += [p(gettext("Overlap van de propensityscores"), h2),
                  image(chart_print.png(charts.overlap_plot(view.report["overlap"]), lang), 15),
                  p(gettext("Staafjes met 1 tot 9 personen zijn weggelaten."))]
    rows = [[gettext("Methode"), gettext("Effect"), gettext("95%-interval")]]
    spans = []
    for m in view.methods:
        if m.estimate is None:
            spans.append((len(rows), 1, 2))
        rows.append([m.label, m.text or m.error or "", m.interval])
    story += [p(gettext("Alle methoden naast elkaar"), h2),
              table(rows, [8, 3.6, 5.4], st, numbers=(1,), spans=spans)]
    if view.groups:
        story.append(p(gettext("Voor wie werkt het?"), h2))
        if any(g["estimate"] is not None for c in view.groups for g in c["rows"]):
            story.append(image(chart_print.png(
                charts.forest_plot(view.groups, view.primary.estimate), lang), 15))
        for column in view.groups:
            rows = [[column["label"], gettext("Deelnemers"), gettext("Vergelijking"),
                     gettext("Effect"), gettext("95%-interval")]]
            rows += [[g["label"], numbers.number(g["n_treated"], 0, lang) if g["n_treated"]
                      else "", numbers.number(g["n_control"], 0, lang) if g["n_control"] else "",
                      g["text"] or "—", g["interval"] or g["error_text"]]
                     for g in column["rows"]]
            story += [table(rows, [4.0, 2.5, 2.7, 3.4, 4.4], st, numbers=(1, 2, 3)),
                      p(column["test"], st.muted), Spacer(1, 0.3 * cm)]
    story += [p(gettext("Wat de schatting niet laat zien"), h2), *[p(t) for t in view.limits]]
    story.append(p(gettext("Methode: dubbel robuuste schatting (AIPW) van het effect op de "
                      "deelnemers, 95%%-interval uit %(n)s bootstrapherhalingen. Banenbrug.")
                   % {"n": view.report["bootstrap"]}))
    return _build(story, initiative.name, lang)


def _build(story: list, title: str, lang: str) -> bytes:
    return build(story, title=title, lang=lang, page_label=gettext("pagina %(n)s"),
                 footer=[gettext("Evaluatierapport, gemaakt met Banenbrug")])
