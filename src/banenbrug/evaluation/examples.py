"""Synthetic example data for the demo: invented people, with effects we chose ourselves.

Clearly examples: every initiative's name starts with "Voorbeeld:" and is stored with
`is_example`. Participants differ from the comparison group (younger, longer on benefits, lower
earnings) so that the naive difference is biased and adjustment matters, as in real data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

import numpy as np

from banenbrug.evaluation.outcome_format import COLUMNS

REGIONS = ("Groningen", "Rijnmond", "Groot Amsterdam", "Zuid-Limburg", "Midden-Utrecht",
           "Twente")
SITUATIONS = ("werkzoekend", "uitkering", "werkend", "herintreder", "student")


@dataclass(frozen=True)
class ExampleInitiative:
    name: str
    cost: float
    participants: int
    comparison: int
    effect_work: float  # true change in the probability of work after 12 months
    effect_tech: float  # true change in the probability of a technical or ICT job


EXAMPLES = (
    ExampleInitiative("Voorbeeld: Omscholing tot warmtepompmonteur", 1_000_000, 250, 1000,
                      0.12, 0.20),
    ExampleInitiative("Voorbeeld: ICT-traineeship voor zij-instromers", 750_000, 180, 800,
                      0.08, 0.15),
    ExampleInitiative("Voorbeeld: Oriëntatiedagen techniek", 120_000, 120, 600, 0.0, 0.02),
)


def example_csv(seed: int = 2024) -> str:
    rng = np.random.default_rng(seed)
    # a stream of its own, so the self-reported fields leave the other draws as they were
    reported = np.random.default_rng([seed, 1])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for example in EXAMPLES:
        for participant, n in ((1, example.participants), (0, example.comparison)):
            for _ in range(n):
                writer.writerow({**_person(rng, example, participant),
                                 **_self_reported(reported)})
    return out.getvalue()


def _self_reported(rng: np.random.Generator) -> dict[str, str]:
    """Gender and migration background, each left empty by some (they are optional)."""
    gender = rng.choice(["vrouw", "man", "anders", ""], p=[0.3, 0.6, 0.02, 0.08])
    migration = rng.choice(["geen", "eerste_generatie", "tweede_generatie", ""],
                           p=[0.65, 0.15, 0.12, 0.08])
    return {"gender": str(gender), "migration_background": str(migration)}


def _person(rng: np.random.Generator, ex: ExampleInitiative, participant: int) -> dict:
    age = int(np.clip(rng.normal(36 if participant else 40, 10), 18, 64))
    edu = str(rng.choice(["laag", "middelbaar", "hoog"],
                         p=[0.32, 0.5, 0.18] if participant else [0.27, 0.48, 0.25]))
    benefit = int(np.clip(rng.poisson(8 if participant else 6), 0, 24))
    earned = rng.random() > (0.3 if participant else 0.22) + benefit / 80
    prior = round(float(rng.lognormal(10.2, 0.45)) * (1 - benefit / 30), -1) if earned else 0.0
    situation = rng.choice(SITUATIONS, p=[0.4, 0.3, 0.15, 0.1, 0.05])
    # employment depends on the covariates (confounding) and on participation (the effect)
    base = (0.2 - 0.02 * (age - 40) / 10 + {"laag": -0.35, "middelbaar": 0.0, "hoog": 0.35}[edu]
            - 0.06 * benefit + 0.4 * (prior > 0))
    p_work = 1 / (1 + np.exp(-base))
    work12 = rng.random() < np.clip(p_work + participant * ex.effect_work, 0, 1)
    work6 = (work12 and rng.random() < 0.85) or (not work12 and rng.random() < 0.15)
    tech_share = 0.25 + participant * ex.effect_tech / max(p_work + ex.effect_work, 0.2)
    tech12 = work12 and rng.random() < min(tech_share, 0.95)
    tech6 = tech12 and work6 and rng.random() < 0.9
    retained = work6 and work12 and rng.random() < 0.8
    wage = 2300 + {"laag": -300, "middelbaar": 0, "hoog": 700}[edu] + 250 * tech12
    earn12 = round(float(wage + rng.normal(0, 350)), 0) if work12 else 0.0
    earn6 = round(float(wage * 0.97 + rng.normal(0, 350)), 0) if work6 else 0.0
    pre = round(prior / 12 * float(rng.uniform(0.6, 1.0)), 0)
    start = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))
    return {
        "initiative": ex.name, "participant": participant, "start_date": start.isoformat(),
        "age": age, "education_level": edu, "prior_earnings": prior,
        "benefit_months": benefit, "region": rng.choice(REGIONS), "situation": situation,
        "employed_6m": int(work6), "employed_12m": int(work12), "tech_job_6m": int(tech6),
        "tech_job_12m": int(tech12), "retained_12m": int(retained),
        "earnings_6m": max(earn6, 0.0), "earnings_12m": max(earn12, 0.0),
        "earnings_pre": pre, "earnings_post": max(earn12, 0.0),
        "initiative_cost": ex.cost if participant else "",
    }
