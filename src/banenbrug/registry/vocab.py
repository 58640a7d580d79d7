"""The registry's controlled vocabulary: codes, and the words people use for them.

Pure Python (no Django): the query parser, the engines and the importer share it. Display labels
(Dutch first, translatable) live in `models.py`; here the codes are the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("technical_education", "side_entry", "matching", "retention", "inclusion",
         "process_innovation")
TARGET_GROUPS = ("women", "youth", "migration", "benefits", "switchers", "employees")
STATUSES = ("planned", "active", "ended")
FUNDING_TYPES = ("structural", "project", "unknown")
RHYTHMS = ("weekly", "monthly", "quarterly", "half_yearly", "yearly", "ad_hoc")

# Words in a free-text query that select a target group (lower case, accents stripped; a word
# matches when it starts with one of these stems, so plurals and compounds come along).
TARGET_GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "women": ("vrouw", "meisje", "meiden", "women", "woman", "girls"),
    "youth": ("jongere", "jongeren", "jeugd", "scholier", "young", "youth"),
    "migration": ("migratie", "migrant", "nieuwkomer", "statushouder", "vluchteling",
                  "inburger", "refugee", "newcomer"),
    "benefits": ("uitkering", "bijstand", "werkzoekend", "werkloze", "benefit", "unemployed"),
    "switchers": ("zij-instro", "zijinstro", "zij instro", "omscholer", "overstapper",
                  "career switcher", "switcher"),
    "employees": ("werkende", "werknemer", "medewerker", "employee"),
}

KIND_WORDS: dict[str, tuple[str, ...]] = {
    "technical_education": ("techniekonderwijs", "technisch onderwijs", "opleiding",
                            "technical education"),
    "side_entry": ("zij-instroom", "zijinstroom", "omscholing", "retraining", "side-entry"),
    "matching": ("matching", "bemiddeling", "match"),
    "retention": ("behoud", "retention", "uitstroom"),
    "inclusion": ("inclusie", "werkcultuur", "diversiteit", "inclusion", "diversity"),
    "process_innovation": ("procesinnovatie", "innovatie", "automatisering",
                           "process innovation"),
}


@dataclass(frozen=True)
class Theme:
    """A field of work people name in words; it selects occupations by ISCO-08 code prefix."""

    code: str
    isco_prefixes: tuple[str, ...]
    words: tuple[str, ...]  # stems, lower case, accents stripped


THEMES: tuple[Theme, ...] = (
    Theme("ict", ("25", "35", "2152", "2153"),
          ("ict", "it", "digitaal", "digitale", "software", "programmeer", "programmeur",
           "programmer", "data", "cyber", "developer", "ontwikkelaar")),
    Theme("heat_pump", ("7127",),
          ("warmtepomp", "heat pump", "heat-pump", "heatpump", "warmtetransitie")),
    Theme("installation", ("7126", "7127", "741", "7421"),
          ("installatie", "installateur", "installer", "monteur", "installation")),
    Theme("electrical", ("741", "3113", "2151", "7412", "7413"),
          ("elektro", "elektricien", "electric", "elektrotechn")),
    Theme("solar_wind", ("7411", "2149", "3131", "3119"),
          ("zonne", "zonnepane", "solar", "wind", "duurzame energie", "renewable")),
    Theme("grid", ("7413", "3113", "3131", "3123"),
          ("netbeheer", "energienet", "stroomnet", "netcongestie", "grid")),
    Theme("construction", ("71", "3123", "7124"),
          ("bouw", "isolatie", "renovatie", "verduurzam", "construction", "insulation")),
    Theme("manufacturing", ("72", "82", "3115", "2144"),
          ("maakindustrie", "metaal", "lasser", "lassen", "mechatronic", "manufactur",
           "welder")),
)
THEME_CODES = tuple(t.code for t in THEMES)
THEMES_BY_CODE = {t.code: t for t in THEMES}

# Occupations whose work the energy transition needs: used to judge whether a RES region with
# energy targets has any initiative for the people who must do the work.
ENERGY_ISCO_PREFIXES = ("7126", "7127", "741", "3113", "3115", "2149", "2151", "3131", "7413")


def isco_matches(code: str, prefixes: tuple[str, ...] | list[str]) -> bool:
    """True when an ISCO code lies inside one of the groups named by the prefixes."""
    return any(code.startswith(p) for p in prefixes if p and code)


def cluster_of(isco_code: str, digits: int = 3) -> str:
    """The occupation cluster: the ISCO-08 group `digits` long (shorter codes stay as they are)."""
    return isco_code[:digits]
