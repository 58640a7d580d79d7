"""A switch plan as a printable PDF (reportlab), with the timeline drawn by chart_print.

It shows the person only by pseudonym: the PDF is meant to be printed and handed around.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext, ngettext
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from banenbrug import chart_print, numbers
from banenbrug.language import current_lang
from banenbrug.pdf_layout import WIDTH_CM, build, image, styles, table, text
from banenbrug.plans import charts
from banenbrug.plans.templatetags.plan_format import choice, day
from banenbrug.taxonomy.licence import ESCO_ATTRIBUTION


def plan_pdf(plan: dict[str, Any], *, today: date) -> bytes:
    st = styles()
    lang = current_lang()

    def p(value: str, style: ParagraphStyle = st.body) -> Paragraph:
        return text(value, style)

    def cell(value: str, note: str = "") -> Paragraph:
        return text(value, st.cell, note)

    def money(value: float | None) -> str:
        return numbers.euros(value, lang)

    def signed_money(value: float | None) -> str:
        return numbers.euros(value, lang, signed=True)

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
    story += [p(gettext("Het doel"), st.h2), table([
        [gettext("Doel"), cell(f"{d['label']} ({kind}{', ' if flags else ''}"
                               f"{', '.join(flags)})")],
        [gettext("Al in huis"), cell(gettext("%(h)s van de %(n)s essentiële vaardigheden") % {
            "h": d["held"], "n": d["essential_skills"]})],
        [gettext("Start"), day(plan["start"])],
        [gettext("Klaar met leren"), day(plan["training_end"])],
        [gettext("Aan het werk vanaf"), cell(day(plan["job_from"]) + (
            f" ({gettext('in een leerwerkbaan: je werkt al terwijl je leert')})"
            if plan["works_while_learning"] else ""))],
    ], [4.5, WIDTH_CM - 4.5], st, header=False)]
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
            payers = "\n".join(f"{x['name']} {money(x['amount'])}" for x in m["funded_by"])
            rows.append([
                f"{day(m['start'])}\u00a0– {day(m['end'])}",  # the dash stays with the start
                cell(marked(m["title"], m["is_example"]),
                     f"{m['provider']}; {choice(m['form'], 'form')}, "
                     f"{choice(m['delivery'], 'delivery')}; {choice(m['award'], 'award')}. "
                     + gettext("Leert: %(s)s") % {"s": "; ".join(s["label"]
                                                               for s in m["teaches"])}),
                money(m["cost"]), numbers.number(m["hours"], 0, lang),
                cell(payers or gettext("eigen bijdrage"))])
        story.append(table(rows, [2.7, 6.0, 1.8, 1.3, 5.2], st, numbers=(2, 3)))
    else:
        story.append(p(gettext("Geen modules in dit plan.")))

    # ---- funding
    story += [p(gettext("Wie betaalt"), st.h2), table([
        [gettext("Totaal"), gettext("Vergoed"), gettext("Eigen bijdrage"),
         gettext("Inkomensondersteuning")],
        [money(f["total_cost"]), money(f["covered"]), money(f["own_contribution"]),
         money(f["income_support"])]], [3.8, 3.8, 3.8, 5.6], st, numbers=(0, 1, 2, 3))]
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
    story += [Spacer(1, 0.2 * cm), table(rows, [5.6, 2.8, 2.2, 6.4], st, numbers=(2,)),
              p(gettext("Bedragen in hele euro's, elk afgerond: een totaal kan daardoor € 1 "
                        "verschillen van de som van de delen."), st.muted)]  # as on the page

    # ---- income
    income = plan["income"]
    rows = [[gettext("Mogelijkheid"), gettext("Per maand"), gettext("Verschil met nu"),
             gettext("Hele opleiding")],
            [gettext("Nu"), money(income["monthly_now"]), "—", "—"]]
    rows += [[cell(charts.option_words(o["key"]), o["text"]), money(o["monthly"]),
              signed_money(o["difference"]), signed_money(o["total_difference"])]
             for o in income["options"]]
    story.append(KeepTogether([  # a few rows: on one page, under their heading
        p(gettext("Inkomen tijdens het leren"), st.h2),
        p(gettext("Bruto per maand, zonder belasting en toeslagen; het leren duurt "
                  "ongeveer %(n)s maanden.") % {"n": numbers.number(income["months"], 1, lang)}),
        table(rows, [8, 2.6, 3, 3.4], st, numbers=(1, 2, 3))]))

    # ---- vacancies and pledges
    story.append(p(gettext("Vacatures en werkgevers"), st.h2))
    if plan["vacancies"]:
        rows = [[gettext("Vacature"), gettext("Werkgever"), gettext("Regio"), gettext("Soort"),
                 gettext("Past na het plan")]]
        rows += [[cell(v["title"]), cell(v["employer"]), cell(v["region_name"]),
                  cell(choice(v["hiring_mode"], "hiring_mode")),
                  numbers.percent(v["coverage_after_plan"], 0, lang)] for v in plan["vacancies"]]
        story.append(table(rows, [4.6, 3.6, 2.8, 3.8, 2.2], st, numbers=(4,)))
    else:
        story.append(p(gettext("Nu geen open vacatures voor dit doel.")))
    if plan["pledges"]:
        rows = [[gettext("Werkgever"), gettext("Programma"), gettext("Nog open banen"),
                 gettext("Tot")]]
        rows += [[cell(marked(g["employer"], g["is_example"])), cell(g["programme"]),
                  str(g["open_jobs"]), day(g["deadline"])] for g in plan["pledges"]]
        story += [Spacer(1, 0.2 * cm), table(rows, [5.5, 6.5, 2.5, 2.5], st, numbers=(2,))]

    # ---- timeline
    story.append(KeepTogether([p(gettext("Tijdlijn"), st.h2),
                               image(chart_print.png(charts.timeline(plan["timeline"]), lang))]))
    footer = [gettext("Overstapplan, gemaakt met Banenbrug op %(d)s") % {"d": day(today)},
              ESCO_ATTRIBUTION]
    return build(story, title=title, footer=footer, page_label=gettext("pagina %(n)s"), lang=lang)
