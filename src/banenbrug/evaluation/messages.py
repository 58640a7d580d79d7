"""Errors and warnings of the engine in plain words, Dutch first (English in the locale)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from banenbrug import numbers
from banenbrug.evaluation.issues import EvaluationError, Issue
from banenbrug.language import current_lang

GROUPS = {
    "treated": _("deelnemers"),
    "control": _("vergelijkingsgroep"),
    "treated_in_support": _("deelnemers binnen de gemeenschappelijke steun"),
}

ERRORS = {
    "unreadable": _("%(file)s: het bestand is niet te lezen (%(reason)s)."),
    "too_large": _("%(file)s: het bestand is groter dan %(limit_mb)s MB."),
    "not_utf8": _("%(file)s: het bestand is geen UTF-8-tekst; sla het op als CSV UTF-8."),
    "empty_file": _("%(file)s: het bestand bevat geen rijen."),
    "duplicate_row": _("%(file)s, rij %(row)s: precies gelijk aan rij %(first)s (een bestand "
                       "dat twee keer is geplakt?)."),
    "missing_column": _("%(file)s: de kolom '%(column)s' ontbreekt (wel aanwezig: "
                        "%(available)s)."),
    "empty_value": _("%(file)s, rij %(row)s, kolom '%(column)s': de cel is leeg."),
    "not_a_number": _("%(file)s, rij %(row)s, kolom '%(column)s': '%(value)s' is geen getal."),
    "not_binary": _("%(file)s, rij %(row)s, kolom '%(column)s': '%(value)s' is niet 0 of 1."),
    "out_of_range": _("%(file)s, rij %(row)s, kolom '%(column)s': %(value)s ligt niet tussen "
                      "%(low)s en %(high)s."),
    "not_whole": _("%(file)s, rij %(row)s, kolom '%(column)s': %(value)s is geen heel getal."),
    "bad_choice": _("%(file)s, rij %(row)s, kolom '%(column)s': '%(value)s' is geen geldige "
                    "waarde (kies uit %(options)s)."),
    "bad_date": _("%(file)s, rij %(row)s, kolom '%(column)s': '%(value)s' is geen datum "
                  "(JJJJ-MM-DD)."),
    "too_long": _("%(file)s, rij %(row)s, kolom '%(column)s': langer dan %(maximum)s tekens."),
    "contradiction": _("%(file)s, rij %(row)s, kolom '%(column)s' is 1, maar '%(other)s' is 0; "
                       "dat kan niet allebei waar zijn."),
    "inconsistent_cost": _("%(file)s, rij %(row)s, kolom '%(column)s': %(value)s wijkt af van "
                           "de kosten die eerder voor '%(initiative)s' zijn opgegeven."),
    "unknown_column": _("%(file)s: onbekende kolom '%(column)s' (toegestaan: %(expected)s). "
                        "Laat namen en andere persoonsgegevens weg."),
    "outcome_file": _("%(file)s: %(count)s problemen gevonden; er is niets ingelezen."),
    "one_group": _("%(file)s, kolom '%(column)s': alle rijen hebben de waarde %(value)s; er is "
                   "geen tweede groep om mee te vergelijken."),
    "bad_term": _("Covariaat '%(term)s' is niet te lezen; gebruik KOLOM, KOLOM^2, KOLOM==0 of "
                  "KOLOM*KOLOM."),
    "duplicate_term": _("Covariaat '%(term)s' staat er twee keer in."),
    "constant_covariate": _("Covariaat '%(covariate)s' heeft voor iedereen dezelfde waarde "
                            "(%(value)s) en kan dus nergens voor corrigeren; laat hem weg."),
    "collinear_covariate": _("Covariaat '%(covariate)s' is een lineaire combinatie van de "
                             "covariaten ervoor; laat hem weg."),
    "unknown_method": _("Onbekende methode '%(method)s'; kies uit %(methods)s."),
    "small_cell": _("Te weinig %(group_label)s (%(n)s; minimaal %(minimum)s): geen cijfer, "
                    "om personen te beschermen en omdat het cijfer niets zou zeggen."),
    "needs_covariates": _("Methode '%(method)s' heeft covariaten nodig (--covariates)."),
    "constant_outcome": _("De uitkomst is voor iedereen gelijk (%(value)s); een effect is dan "
                          "niet te schatten."),
    "did_needs_pre": _("Verschil-in-verschillen heeft een uitkomst vóór de start nodig "
                       "(--pre KOLOM)."),
    "no_overlap": _("Geen overlap: deelnemers en vergelijkingsgroep lijken op de covariaten "
                    "zo weinig op elkaar dat er niemand te vergelijken is. Er is geen eerlijke "
                    "schatting mogelijk; zoek een vergelijkingsgroep die meer op de deelnemers "
                    "lijkt."),
    "bad_bootstrap": _("Het aantal bootstrapherhalingen moet tussen %(minimum)s en %(maximum)s "
                       "liggen."),
    "bootstrap_failed": _("De bootstrap mislukte in %(failed)s van %(replications)s herhalingen; "
                          "er is geen betrouwbaar interval."),
}

WARNINGS = {
    "poor_balance": _("Slechte balans na correctie: deelnemers en vergelijkingsgroep "
                      "verschillen nog sterk op %(covariates)s (gestandaardiseerd verschil "
                      "groter dan 0,25). Vertrouw de schatting niet zonder meer."),
    "unadjusted_imbalance": _("De groepen verschillen sterk op %(covariates)s. Een verschil in "
                              "gemiddelden is alleen een effect als de groepen door loting "
                              "zijn gevormd; kies anders een methode die corrigeert."),
    "model_extrapolates": _("De groepen verschillen sterk op %(covariates)s; de regressie "
                            "corrigeert daarvoor met een model en leunt dus op aannames. "
                            "Vergelijk met matching of weging."),
    "outside_support": _("%(n)s deelnemers (%(share_pct)s) hebben geen vergelijkbare mensen in "
                         "de vergelijkingsgroep en zijn buiten de schatting gelaten; het effect "
                         "geldt voor de overige deelnemers."),
    "thin_overlap": _("Dunne overlap: na weging telt de vergelijkingsgroep effectief maar "
                      "%(ess)s personen. De schatting hangt af van weinig mensen."),
    "caliper_dropped": _("%(n)s deelnemers (%(share_pct)s) vonden binnen de maximale afstand "
                         "geen match en tellen niet mee."),
    "bootstrap_failures": _("%(failed)s van %(replications)s bootstrapherhalingen mislukten; "
                            "het interval is minder zeker dan het lijkt."),
    "methods_disagree": _("De methoden zijn het oneens: hun schattingen lopen uiteen van "
                          "%(low)s tot %(high)s, meer dan de onzekerheidsmarge (±%(half_width)s). "
                          "De uitkomst hangt af van aannames; lees de schatting voorzichtig."),
    "few_participants": _("Weinig deelnemers (%(n)s): het interval is breed en de schatting "
                          "onzeker."),
}


def render(code: str, params: dict[str, Any], table: dict[str, Any]) -> str:
    values = dict(params)
    if "group" in values:
        values["group_label"] = GROUPS.get(values["group"], values["group"])
    if "share" in values:
        values["share_pct"] = numbers.percent(values["share"], 0, current_lang())
    template = table.get(code)
    if template is None:
        return f"{code}: {params}"
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return f"{template} {params}"


def error_text(exc: EvaluationError) -> str:
    return render(exc.code, exc.params, ERRORS)


def warning_text(issue: Issue) -> str:
    return render(issue.code, issue.params, WARNINGS)


def warning_dict(issue: Issue) -> dict[str, Any]:
    return {"code": issue.code, "message": warning_text(issue), **_plain(issue.params)}


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if isinstance(v, (int, float, str, dict))}



def problem_texts(exc: EvaluationError) -> list[str]:
    """Every problem of an outcome file (or the one error of anything else), in words."""
    problems = getattr(exc, "problems", None)
    if not problems:
        return [error_text(exc)]
    texts = [error_text(exc)] + [render(p.code, p.params, ERRORS) for p in problems]
    more = getattr(exc, "more", 0)
    if more:
        texts.append(str(_("… en nog %(n)s problemen.")) % {"n": more})
    return texts


# --- sensitivity, refutation tests, groups ----------------------------------------------------

ERRORS.update({
    "group_one_value": _("Groepskolom '%(column)s': iedereen heeft dezelfde waarde "
                         "('%(value)s'); er zijn geen groepen om te vergelijken."),
    "group_small": _("Minder dan %(minimum)s deelnemers of vergelijkingspersonen in deze "
                     "groep: geen cijfer, om personen te beschermen."),
    "refutation_failed": _("De test kon niet worden uitgevoerd: het model liet zich in te veel "
                           "pogingen niet schatten."),
    "refutation_small": _("Te weinig mensen om de gegevens in helften te splitsen (minimaal "
                          "%(minimum)s deelnemers en vergelijkingspersonen)."),
})

REFUTATIONS = {
    "placebo_treatment": _("Nepdeelname"),
    "random_common_cause": _("Extra kenmerk van pure ruis"),
    "data_subsets": _("Willekeurige helften"),
    "placebo_outcome": _("Uitkomst van vóór de start"),
}
VERDICTS = {"pass": _("in orde"), "warn": _("let op"), "error": _("niet uitgevoerd")}

_REFUTATION_TEXTS = {
    "placebo_treatment": _("Wie 'deelnemer' is, is %(draws)s keer willekeurig opnieuw geloot; "
                           "zo'n nepdeelname heeft geen effect. Gemiddeld nep-effect: "
                           "%(value)s; %(share_pct)s van de lotingen gaf een effect zo groot "
                           "als het gevonden effect."),
    "random_common_cause": _("Met een extra kenmerk van pure ruis verschuift de schatting "
                             "hooguit %(max_shift)s (%(ratio)s standaardfout); gemiddeld "
                             "%(value)s."),
    "data_subsets": _("Op %(draws)s willekeurige helften van de gegevens is de schatting "
                      "gemiddeld %(value)s; %(same_pct)s van de helften geeft hetzelfde "
                      "teken."),
    "placebo_outcome": _("Op een uitkomst van vóór de start, die het initiatief niet kan hebben "
                         "veranderd, is het 'effect' %(value)s (95%%-interval %(low)s tot "
                         "%(high)s); het hoort nul te zijn."),
}


def _pct(share: float) -> str:
    return numbers.percent(share, 0, current_lang())


def refutation_text(result: dict[str, Any], fmt: Callable[[float], str],
                    placebo_fmt: Callable[[float], str] | None = None) -> str:
    """One test's result in words; `fmt` formats effects, `placebo_fmt` the placebo outcome's
    (another unit, e.g. euros beside a share)."""
    if result["verdict"] == "error":
        return render(result.get("code", ""), result, ERRORS)
    values = dict(result)
    one = placebo_fmt if result["test"] == "placebo_outcome" and placebo_fmt else fmt
    values["value"] = one(result["value"])
    if "share_as_large" in result:
        values["share_pct"] = _pct(result["share_as_large"])
    if "same_sign" in result:
        values["same_pct"] = _pct(result["same_sign"])
    if "max_shift" in result:
        values["max_shift"] = fmt(result["max_shift"]).lstrip("+")
        values["ratio"] = numbers.number(result["max_shift_se"], 2, current_lang())
    if "ci_low" in result:
        values["low"], values["high"] = one(result["ci_low"]), one(result["ci_high"])
    return str(_REFUTATION_TEXTS[result["test"]]) % values


def sensitivity_text(s: dict[str, Any]) -> str:
    """The E-value (and Rosenbaum's Gamma) as a sentence a policy maker can read."""
    def num(x: float) -> str:
        return numbers.number(x, 2, current_lang())

    values = {"evalue": num(s["evalue"]), "evalue_bound": num(s["evalue_bound"]),
              "d": num(s["standardised"] or 0.0)}
    if s["evalue"] < 1.005:
        parts = [str(_("Het geschatte effect is nul; er is niets weg te verklaren."))]
    else:
        parts = [str(_("Een verstorende factor zou zowel met deelname als met de uitkomst een "
                       "risicoverhouding van minstens %(evalue)s moeten hebben, bovenop de "
                       "gemeten kenmerken, om dit effect volledig te verklaren.")) % values]
        if s["evalue_bound"] > 1.005:
            parts.append(str(_("Om het 95%%-interval nul te laten bevatten is een factor van "
                               "%(evalue_bound)s genoeg.")) % values)
        else:
            parts.append(str(_("Het 95%-interval bevat nul al: ook zonder verstorende factor "
                               "kan het effect nul zijn.")))
    if s["scale"] == "standardised":
        parts.append(str(_("(Omgerekend via het gestandaardiseerde verschil d = %(d)s, met "
                           "risicoverhouding ≈ exp(0,91 × d); een benadering.)")) % values)
    if s.get("gamma") is not None:
        gamma = {"gamma": num(s["gamma"])}
        if s["gamma"] <= 1.0:
            parts.append(str(_("Matching: het effect is al zonder verborgen vertekening niet "
                               "significant (Rosenbaum-Gamma 1).")))
        elif s.get("gamma_capped"):
            parts.append(str(_("Matching: het effect blijft significant, ook als een verstorende "
                               "factor de kans op deelname van twee gematchte personen meer dan "
                               "%(gamma)s keer zo groot maakt.")) % gamma)
        else:
            parts.append(str(_("Matching: pas als een verstorende factor de kans op deelname van "
                               "twee gematchte personen %(gamma)s keer zo groot maakt, is het "
                               "effect niet meer significant (Rosenbaum-Gamma).")) % gamma)
    return " ".join(parts)
