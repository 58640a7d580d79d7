"""The numbers a power calculation needs, read from an initiative's stored records, and the
sentence that shows its result (shared by the evaluation and registry pages and the APIs)."""

from __future__ import annotations

from statistics import stdev
from typing import cast

from django.db.models import Count, Q
from django.utils.translation import gettext

from banenbrug import numbers
from banenbrug.evaluation.estimators import MIN_CELL
from banenbrug.evaluation.models import Initiative
from banenbrug.evaluation.power import Power, power_for
from banenbrug.language import current_lang


def initiative_power(initiative: Initiative) -> Power | None:
    """Counts of records with the main outcome (work after 12 months); base rate and earnings
    spread from the comparison group, as they would be without the initiative. None for fewer
    than MIN_CELL people in a group: no figure, not even a count, as in the reports."""
    with_outcome = initiative.records.filter(employed_12m__isnull=False)
    counts = with_outcome.aggregate(
        treated=Count("id", filter=Q(participant=True)),
        control=Count("id", filter=Q(participant=False)),
        control_working=Count("id", filter=Q(participant=False, employed_12m=True)))
    if min(counts["treated"], counts["control"]) < MIN_CELL:
        return None
    control = with_outcome.filter(participant=False)
    # in Python: SQLite's standard deviation fails when every value is empty
    earnings = cast(list[float], list(control.filter(earnings_12m__isnull=False)
                                      .values_list("earnings_12m", flat=True)))
    sd = stdev(earnings) if len(earnings) > 1 else None
    return power_for(counts["treated"], counts["control"],
                     counts["control_working"] / counts["control"], sd)


def power_text(power: Power | None) -> str:
    """'Met de huidige aantallen is een effect vanaf X meetbaar' with the record counts."""
    if power is None or power.mde_share is None:
        return gettext("Nog te weinig gegevens om te zeggen welk effect meetbaar is: minder dan "
                       "%(n)s deelnemers of vergelijkingspersonen met een uitkomst.") % {
                           "n": MIN_CELL}
    lang = current_lang()
    counts = {"treated": numbers.number(power.n_treated, 0, lang),
              "control": numbers.number(power.n_control, 0, lang)}
    text = gettext("Met de huidige aantallen (%(treated)s deelnemers, %(control)s in de "
                   "vergelijkingsgroep) is een effect vanaf %(share)s op werk na 12 maanden "
                   "meetbaar") % {
                        **counts, "share": gettext("%(value)s procentpunt") % {
                            "value": numbers.number(power.mde_share * 100, 1, lang)}}
    if power.mde_earnings is not None:
        text += gettext(", of vanaf %(euros)s op het maandloon") % {
            "euros": numbers.euros(power.mde_earnings, lang)}
    return text + gettext(" (80% kans bij 5% tweezijdig).")
