"""The monitor's fixed vocabulary: occupation groups (mapped to ISCO-08, hence ESCO), population
groups and indicators. Pure data, Dutch and English labels side by side (no Django), so the
importer, the forecast and the pages agree on one list of codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True)
class OccupationGroup(Term):
    # ISCO-08 code prefixes; an ESCO occupation belongs to the group when its `iscoGroup` starts
    # with one of them. Empty means every occupation.
    isco: tuple[str, ...] = ()

    def contains_isco(self, isco_code: str) -> bool:
        return not self.isco or any(isco_code.startswith(prefix) for prefix in self.isco)


@dataclass(frozen=True)
class Indicator(Term):
    unit: str = "count"  # "count" (people, jobs, vacancies), "%", "ratio" or "EUR/h"
    people: bool = True  # a count of people: small counts are suppressed


TECHNICAL_ISCO = ("21", "31", "71", "72", "74", "81", "82")  # engineering, trades, operators
ICT_ISCO = ("25", "35")  # ICT professionals and technicians

OCCUPATION_GROUPS: dict[str, OccupationGroup] = {g.code: g for g in (
    OccupationGroup("all", "Alle beroepen", "All occupations"),
    OccupationGroup("technical_ict", "Technische en ICT-beroepen", "Technical and ICT occupations",
                    TECHNICAL_ISCO + ICT_ISCO),
    OccupationGroup("technical", "Technische beroepen", "Technical occupations", TECHNICAL_ISCO),
    OccupationGroup("ict", "ICT-beroepen", "ICT occupations", ICT_ISCO),
    OccupationGroup("energy_transition", "Beroepen in de energietransitie",
                    "Energy transition occupations",
                    ("2143", "2151", "2152", "3112", "3113", "7126", "7127", "7411", "7412")),
    OccupationGroup("fossil_energy", "Beroepen in olie, gas en kolen",
                    "Oil, gas and coal occupations", ("2146", "3134", "8111", "8113")),
)}

POPULATION_GROUPS: dict[str, Term] = {t.code: t for t in (
    Term("all", "Iedereen", "Everyone"),
    Term("women", "Vrouwen", "Women"),
    Term("men", "Mannen", "Men"),
    Term("migration_background", "Jongeren met migratieachtergrond",
         "Young people with a migration background"),
    Term("dutch_background", "Jongeren met Nederlandse achtergrond",
         "Young people with a Dutch background"),
    Term("technical_education", "Mensen met een technische opleiding",
         "People with a technical education"),
)}

INDICATORS: dict[str, Indicator] = {i.code: i for i in (
    Indicator("vacancies_open", "Openstaande vacatures", "Open vacancies", "count", False),
    Indicator("job_seekers_short", "Kortdurend werkzoekenden (WW korter dan 6 maanden)",
              "Short-term job seekers (benefit under 6 months)"),
    Indicator("tension", "Spanningsindicator (vacatures per kortdurend werkzoekende)",
              "Tension indicator (vacancies per short-term job seeker)", "ratio", False),
    Indicator("employment", "Werkzame personen", "Employed persons"),
    Indicator("unemployment_rate", "Werkloosheid", "Unemployment rate", "%"),
    Indicator("tech_inflow_share_mbo", "Kiest een technische mbo-opleiding",
              "Chooses a technical mbo programme", "%"),
    Indicator("tech_inflow_share_hbo", "Kiest een technische hbo-opleiding",
              "Chooses a technical hbo programme", "%"),
    Indicator("tech_outflow_rate", "Stapt per jaar over van technisch naar niet-technisch werk",
              "Switches from technical to non-technical work per year", "%"),
    Indicator("median_hourly_wage", "Mediaan uurloon van werknemers", "Median hourly wage of "
              "employees", "EUR/h", False),
    Indicator("employment_change", "Groei werkgelegenheid (banen)", "Employment growth (jobs)",
              "count", False),
    Indicator("employment_change_pct", "Groei werkgelegenheid (procent)",
              "Employment growth (per cent)", "%"),
    Indicator("jobs_added_energy_transition", "Extra banen door de energietransitie",
              "Jobs added by the energy transition", "count", False),
    Indicator("jobs_lost_fossil", "Banen die verdwijnen in olie en kolen",
              "Jobs lost in oil and coal", "count", False),
    Indicator("jobs_added_climate_policy_49", "Extra banen door klimaatbeleid (49% CO2-reductie)",
              "Jobs added by climate policy (49% CO2 reduction)", "count", False),
    Indicator("jobs_added_climate_policy_60", "Extra banen door klimaatbeleid (60% CO2-reductie)",
              "Jobs added by climate policy (60% CO2 reduction)", "count", False),
    # the employer self-scan (employers/selfscan.py): mean score 0-100, base_n = employers
    *(Indicator(f"selfscan_{key}", f"Zelfscan werkgevers: {nl} (score 0-100)",
                f"Employer self-scan: {en} (score 0-100)", "%", False) for key, nl, en in (
        ("recruitment", "inclusief werven", "inclusive recruitment"),
        ("flexibility", "flexibiliteit en deeltijd", "flexibility and part-time work"),
        ("learning", "leercultuur", "learning culture"),
        ("retention", "behoud", "retention"),
        ("pay", "beloning en arbeidsvoorwaarden", "pay and conditions"),
        ("process", "procesinnovatie", "process innovation"))),
)}

# Categories of CBS classifications, beside the fixed groups above: an occupation of the CBS
# occupation classification BRC 2014 (class 07, segment 071, group 0711) or an industry of SBI 2008
# (section letter). Their titles come with the data (`label`), as CBS publishes them.
CLASSIFIED_GROUP = re.compile(r"brc:(\d{2}|\d{3}|\d{4})|sbi:[A-U]")
SBI_SECTIONS = {"sbi:C": Term("sbi:C", "Industrie (SBI C)", "Manufacturing (SBI C)"),
                "sbi:F": Term("sbi:F", "Bouwnijverheid (SBI F)", "Construction (SBI F)")}


def is_group(code: str) -> bool:
    """A fixed occupation group or a BRC 2014 / SBI 2008 category."""
    return code in OCCUPATION_GROUPS or CLASSIFIED_GROUP.fullmatch(code) is not None


def group_label(code: str, lang: str, label: str = "") -> str:
    """The group's name: the vocabulary's, else the title the data came with, else the code."""
    if code in OCCUPATION_GROUPS:
        return OCCUPATION_GROUPS[code].label(lang)
    if code in SBI_SECTIONS:
        return SBI_SECTIONS[code].label(lang)
    return f"{label} (BRC {code[4:]})" if label and code.startswith("brc:") else label or code


# UWV's tension bands: upper bounds (exclusive) of each band; the last band is open.
TENSION_BOUNDS = (0.25, 0.67, 1.5, 4.0)
TENSION_BANDS: tuple[Term, ...] = (
    Term("very_slack", "zeer ruim", "very slack"),
    Term("slack", "ruim", "slack"),
    Term("average", "gemiddeld", "average"),
    Term("tight", "krap", "tight"),
    Term("very_tight", "zeer krap", "very tight"),
)


def tension_band(value: float) -> Term:
    """UWV's band for a tension value: < 0.25 very slack … ≥ 4.0 very tight."""
    index = sum(value >= bound for bound in TENSION_BOUNDS)
    return TENSION_BANDS[index]


def occupation_groups_for_isco(isco_code: str) -> list[str]:
    """The groups (other than `all`) an ESCO occupation with this ISCO-08 code belongs to."""
    return [g.code for g in OCCUPATION_GROUPS.values() if g.isco and g.contains_isco(isco_code)]
