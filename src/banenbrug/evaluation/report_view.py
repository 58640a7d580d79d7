"""What a reader sees of a stored report: labels, formatted numbers, costs and plain words.

Shared by the HTML pages, the PDF and the API so that all three say the same thing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from banenbrug import numbers
from banenbrug.evaluation.issues import Issue
from banenbrug.evaluation.messages import (
    ERRORS,
    REFUTATIONS,
    VERDICTS,
    refutation_text,
    render,
    sensitivity_text,
    warning_text,
)
from banenbrug.evaluation.models import Gender, Initiative, Situation
from banenbrug.evaluation.report_engine import NOT_REPORTED, PRIMARY
from banenbrug.language import current_lang
from banenbrug.people.models import EducationLevel

OUTCOME_LABELS = {
    "employed_12m": _("Werk na 12 maanden"),
    "employed_6m": _("Werk na 6 maanden"),
    "tech_job_12m": _("Technische of ICT-baan na 12 maanden"),
    "tech_job_6m": _("Technische of ICT-baan na 6 maanden"),
    "retained_12m": _("Na 12 maanden nog in dezelfde baan (behoud)"),
    "earnings_12m": _("Bruto maandloon na 12 maanden"),
    "earnings_6m": _("Bruto maandloon na 6 maanden"),
    "earnings_post": _("Bruto maandloon na afloop"),
}
METHOD_LABELS = {
    "dim": _("Verschil in gemiddelden (klopt alleen bij loting)"),
    "ols": _("Regressiecorrectie"),
    "psm": _("Matching op de propensityscore"),
    "ipw": _("Weging met de propensityscore (IPW)"),
    "aipw": _("Dubbel robuust (AIPW), aanbevolen"),
    "did": _("Verschil-in-verschillen"),
}
COVARIATE_LABELS = {
    "age": _("leeftijd"), "age^2": _("leeftijd²"),
    "edu_middelbaar": _("opleiding middelbaar"), "edu_hoog": _("opleiding hoog"),
    "prior_earnings": _("inkomen vorig jaar"),
    "prior_earnings==0": _("geen inkomen vorig jaar"),
    "benefit_months": _("maanden met uitkering (2 jaar)"),
}


GROUP_COLUMN_LABELS = {
    "gender": _("Gender"),
    "migration_background": _("Migratieachtergrond"),
    "age_band": _("Leeftijd"),
    "education_level": _("Opleiding"),
    "situation": _("Situatie bij de start"),
    "benefit_history": _("Uitkering in de twee jaar ervoor"),
}
BENEFIT_HISTORY = {"none": _("geen uitkering"), "some": _("wel een uitkering")}
MIGRATION_SHORT = {"geen": _("geen"), "eerste_generatie": _("eerste generatie"),
                   "tweede_generatie": _("tweede generatie")}


def group_value_label(column: str, value: str) -> str:
    if value == NOT_REPORTED:
        return gettext("niet opgegeven")
    if column == "migration_background" and value in MIGRATION_SHORT:
        return str(MIGRATION_SHORT[value])
    choices = {"gender": Gender, "education_level": EducationLevel,
               "situation": Situation}.get(column)
    if choices is not None:
        return str(choices(value).label) if value in choices.values else value
    if column == "age_band":
        return gettext("%(band)s jaar") % {"band": value}
    if column == "benefit_history":
        return str(BENEFIT_HISTORY.get(value, value))
    return value


def covariate_label(term: str) -> str:
    if term in COVARIATE_LABELS:
        return str(COVARIATE_LABELS[term])
    field_name, _sep, value = term.partition("_")
    if field_name == "region":
        return gettext("regio: %(value)s") % {"value": value.replace("_", " ")}
    if field_name == "situation":
        return gettext("situatie: %(value)s") % {"value": value.replace("_", " ")}
    return term


@dataclass
class Figure:
    """One estimate, formatted: percentage points for shares, euros for money."""

    label: str
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    money: bool
    n_treated: int | None = None
    n_control: int | None = None
    mean_treated: float | None = None
    mean_control: float | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    method: str = ""

    @property
    def text(self) -> str:
        return "" if self.estimate is None else fmt_effect(self.estimate, self.money)

    @property
    def interval(self) -> str:
        if self.ci_low is None or self.ci_high is None:
            return ""
        return gettext("%(low)s tot %(high)s") % {"low": fmt_effect(self.ci_low, self.money),
                                              "high": fmt_effect(self.ci_high, self.money)}

    @property
    def covers_zero(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None and \
            self.ci_low <= 0 <= self.ci_high

    @property
    def without(self) -> float | None:
        """The participants' estimated outcome had they not taken part."""
        if self.mean_treated is None or self.estimate is None:
            return None
        return self.mean_treated - self.estimate


def fmt_effect(value: float, money: bool) -> str:
    """An effect with its sign: '+€ 1.234' or '+3,2 procentpunt' (a share's difference)."""
    lang = current_lang()
    if money:
        return numbers.euros(value, lang, signed=True)
    return gettext("%(sign)s%(value)s procentpunt") % {  # the sign travels with the number
        "sign": "", "value": numbers.number(value * 100, 1, lang, signed=True)}


def fmt_level(value: float | None, money: bool) -> str:
    if value is None:
        return ""
    return (numbers.euros(value, current_lang()) if money
            else numbers.percent(value, 1, current_lang()))


def figure(entry: dict[str, Any] | None, label: str, money: bool = False) -> Figure:
    if not entry:
        return Figure(label, None, None, None, money)
    if "error" in entry:
        err = entry["error"]
        return Figure(label, None, None, None, money, error=render(err["code"], err["params"],
                                                                   ERRORS))
    return Figure(label, entry["estimate"], entry["ci_low"], entry["ci_high"], money,
                  n_treated=entry.get("n_treated"), n_control=entry.get("n_control"),
                  mean_treated=entry.get("mean_treated"), mean_control=entry.get("mean_control"),
                  warnings=[warning_text(Issue(w["code"], w["params"]))
                            for w in entry.get("warnings", [])],
                  method=entry.get("method", ""))


@dataclass
class Costs:
    cost_total: float
    per_participant: float
    per_extra: float | None  # euro per additional person in work
    per_extra_low: float | None
    per_extra_high: float | None  # None with a lower bound: "or more" (effect may be zero)
    per_10k: float  # additional people in work per 10,000 euro
    per_10k_low: float
    per_10k_high: float


def costs(initiative: Initiative, primary: Figure, n_participants: int) -> Costs | None:
    if initiative.cost_total is None or primary.estimate is None or not n_participants:
        return None
    total = float(initiative.cost_total)
    if total <= 0:
        return None
    per = total / n_participants
    att, low, high = primary.estimate, primary.ci_low or 0.0, primary.ci_high or 0.0

    def inverse(x: float) -> float | None:
        return per / x if x > 0 else None

    return Costs(cost_total=total, per_participant=per, per_extra=inverse(att),
                 per_extra_low=inverse(high), per_extra_high=inverse(low) if low > 0 else None,
                 per_10k=att / per * 10_000, per_10k_low=low / per * 10_000,
                 per_10k_high=high / per * 10_000)


@dataclass
class ReportView:
    initiative: Initiative
    report: dict[str, Any]
    primary: Figure
    outcomes: list[Figure]
    methods: list[Figure]
    did: Figure | None
    warnings: list[str]
    costs: Costs | None
    summary: list[str]
    limits: list[str]
    balance: list[dict[str, Any]]
    suppressed: bool
    sensitivity: str = ""
    refutations: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    groups_skipped: list[str] = field(default_factory=list)


def refutation_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The refutation tests of the main outcome (a share) in words; the placebo outcome is
    pre-period earnings (euros)."""
    return [{**r, "label": str(REFUTATIONS[r["test"]]),
             "verdict_label": str(VERDICTS[r["verdict"]]),
             "text": refutation_text(r, lambda v: fmt_effect(v, False),
                                     lambda v: fmt_effect(v, True))}
            for r in report.get("refutations", [])]


def group_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Per group column: its label, the groups' formatted figures and the test of difference."""
    out = []
    for column in report.get("groups", []):
        rows = []
        for g in column["groups"]:
            error = g.get("error")
            rows.append({**g, "label": group_value_label(column["column"], g["value"]),
                         "text": "" if g["estimate"] is None else fmt_effect(g["estimate"], False),
                         "interval": "" if g["ci_low"] is None else gettext(
                             "%(low)s tot %(high)s") % {"low": fmt_effect(g["ci_low"], False),
                                                        "high": fmt_effect(g["ci_high"], False)},
                         "error_text": render(error["code"], error["params"], ERRORS)
                         if error else ""})
        p = column.get("p_value")
        test = (gettext("Verschillen de groepen? Toets van gelijke effecten (Cochran's Q = "
                        "%(q)s, %(df)s vrijheidsgraden): p = %(p)s.")
                % {"q": numbers.number(column["q"], 2, current_lang()), "df": column["df"],
                   "p": numbers.number(p, 3, current_lang())}
                if p is not None else gettext("Minder dan twee groepen met een schatting: geen "
                                              "toets van verschil."))
        out.append({"column": column["column"],
                    "label": str(GROUP_COLUMN_LABELS.get(column["column"], column["column"])),
                    "rows": rows, "test": test, "p_value": p})
    return out


def report_view(initiative: Initiative) -> ReportView | None:
    report = initiative.report
    if not report:
        return None
    outcomes = [figure(o, str(OUTCOME_LABELS.get(o["outcome"], o["outcome"])), o["money"])
                for o in report["outcomes"]]
    primary = next((f for f, o in zip(outcomes, report["outcomes"], strict=True)
                    if o["outcome"] == PRIMARY), figure(None, str(OUTCOME_LABELS[PRIMARY])))
    methods = [figure(m, str(METHOD_LABELS[m["method"]])) for m in report["methods"]]
    did = (figure(report["did"], str(OUTCOME_LABELS["earnings_post"]), money=True)
           if report.get("did") else None)
    cost = costs(initiative, primary, report["n_participants"])
    balance = [{**b, "label": covariate_label(b["covariate"]),
                "poor": abs(b["smd_after"] if b["smd_after"] is not None else b["smd_before"])
                > 0.25} for b in report["balance"]]
    return ReportView(
        initiative=initiative, report=report, primary=primary, outcomes=outcomes,
        methods=methods, did=did,
        warnings=[warning_text(Issue(w["code"], w["params"])) for w in report["warnings"]],
        costs=cost, summary=summary(primary, cost), limits=limits(),
        balance=balance, suppressed=report.get("suppressed", False),
        sensitivity=primary_sensitivity(report), refutations=refutation_rows(report),
        groups=group_rows(report),
        groups_skipped=[str(GROUP_COLUMN_LABELS.get(c, c))
                        for c in report.get("groups_skipped", [])])


def primary_sensitivity(report: dict[str, Any]) -> str:
    entry = next((o for o in report.get("outcomes", []) if o["outcome"] == PRIMARY), None)
    if not entry or "sensitivity" not in entry:
        return ""
    return sensitivity_text(entry["sensitivity"])


def summary(primary: Figure, cost: Costs | None) -> list[str]:
    """What the estimate shows, in plain Dutch."""
    if primary.estimate is None:
        return [primary.error or gettext("Er is (nog) geen schatting.")]
    parts = [gettext("Van de deelnemers had %(with)s na 12 maanden werk. Zonder het initiatief was "
                "dat naar schatting %(without)s geweest. Het verschil, %(effect)s, is het "
                "geschatte effect van het initiatief (95%%-interval: %(interval)s).")
             % {"with": fmt_level(primary.mean_treated, False),
                "without": fmt_level(primary.without, False), "effect": primary.text,
                "interval": primary.interval}]
    if primary.covers_zero:
        parts.append(gettext("Het interval bevat nul: we kunnen niet uitsluiten dat het initiatief "
                        "geen effect op werk had, of zelfs een negatief effect."))
    elif primary.ci_low is not None and primary.ci_low > 0:
        parts.append(gettext("Het hele interval ligt boven nul: het is waarschijnlijk dat het "
                        "initiatief meer mensen aan werk hielp dan zonder was gebeurd."))
    else:
        parts.append(gettext("Het hele interval ligt onder nul: deelnemers hadden na 12 maanden "
                        "waarschijnlijk minder vaak werk dan zonder het initiatief."))
    if cost and cost.per_extra is not None:
        lang = current_lang()
        high = (numbers.euros(cost.per_extra_high, lang) if cost.per_extra_high is not None
                else gettext("onbepaald hoog"))
        parts.append(gettext("Elke extra persoon aan het werk kostte naar schatting %(cost)s "
                             "(tussen %(low)s en %(high)s).")
                     % {"cost": numbers.euros(cost.per_extra, lang),
                        "low": numbers.euros(cost.per_extra_low or 0, lang), "high": high})
    return parts


def limits() -> list[str]:
    """What the estimate cannot show; true for every observational comparison."""
    return [
        gettext("De vergelijking houdt alleen rekening met wat gemeten is: leeftijd, opleiding, "
           "inkomen in het jaar ervoor, maanden met een uitkering, regio en situatie. Wie "
           "meedoet verschilt misschien ook op motivatie, netwerk of gezondheid; zulke "
           "verschillen kunnen het resultaat naar boven of naar beneden vertekenen."),
        gettext("De schatting geldt voor deze deelnemers in deze periode. Ze zegt niet vanzelf wat "
           "het initiatief voor andere groepen, in een andere regio of op grotere schaal doet."),
        gettext("Een effect na 12 maanden zegt niets over de lange termijn, en niets over mensen "
           "die dankzij het initiatief een baan kregen die een ander anders had gekregen "
           "(verdringing)."),
    ]


@dataclass
class ComparisonRow:
    initiative: Initiative
    primary: Figure
    costs: Costs | None
    n_participants: int


def comparison(initiatives: list[Initiative]) -> list[ComparisonRow]:
    """Side by side, alphabetically: never a bare ranking."""
    rows = []
    for initiative in sorted(initiatives, key=lambda i: i.name.lower()):
        view = report_view(initiative)
        if view is None:
            continue
        rows.append(ComparisonRow(initiative, view.primary, view.costs,
                                  view.report["n_participants"]))
    return rows


def finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
