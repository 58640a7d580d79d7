"""Yearly stock-flow model of the technical and ICT workforce, with Monte Carlo over parameter
ranges. Pure and vectorised: numpy in, dataclasses of arrays out; no Django.

Supply (people, by gender and single year of age 15–66):
    stock(t) = stock(t-1) + graduates + side-entrants + migration + Open Hiring
               - retirement (early from 60, everyone at 67) - outflow to non-technical work
Demand (jobs):
    demand(t) = (demand(2021)·(1+g)^τ + ICT growth + energy transition - oil and coal
                 + climate policy) · Π(1 - productivity gain),   demand(2021) = stock + vacancies
Gap = demand - supply. Supply does not react to the gap (no wage or hiring feedback): the gap is
a measure of pressure, not a forecast of vacancies. Every parameter has a range and a source;
one run draws every parameter once from a triangular distribution (low, central, high).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

BASE_YEAR = 2021
RETIREMENT_AGE = 67  # AOW age from 2024 on
EARLY_RETIREMENT_FROM = 60
AGES = np.arange(15, RETIREMENT_AGE)  # everyone who reaches RETIREMENT_AGE leaves
LEVELS = ("mbo", "hbo", "wo")

# where entrants arrive, as (first age, last age), spread evenly: graduates at one age; side-
# entrants, migrants and Open Hiring hires over working ages
ENTRY_AGES = {"mbo": (20, 20), "hbo": (23, 23), "wo": (24, 24), "side_entry": (25, 49),
              "migration": (25, 39), "open_hiring": (20, 54)}
WOMEN, MEN = 0, 1
# Switching out of technical work is commoner early in a career: relative outflow by age,
# rescaled per run so the stock-weighted average equals the cited rate (an assumption).
OUTFLOW_AGE_WEIGHT = np.where(AGES < 35, 1.6, np.where(AGES < 50, 1.0, 0.4))
ACTIEPLAN = "Actieplan Groene en digitale banen (2022)"
ASSUMPTION = "Aanname (Banenbrug)"


@dataclass(frozen=True)
class Parameter:
    name: str
    low: float
    central: float
    high: float
    unit: str
    source: str
    nl: str
    en: str

    @property
    def assumed(self) -> bool:
        return self.source.startswith(ASSUMPTION)

    def with_range(self, low: float, central: float, high: float) -> Parameter:
        return replace(self, low=low, central=central, high=high)


def _p(name: str, low: float, central: float, high: float, unit: str, source: str, nl: str,
       en: str) -> Parameter:
    return Parameter(name, low, central, high, unit, source, nl, en)


PARAMETERS: dict[str, Parameter] = {p.name: p for p in (
    # --- supply: the starting stock -------------------------------------------------------
    _p("stock_2021", 1_400_000, 1_600_000, 1_800_000, "personen", ASSUMPTION + ": orde van "
       "grootte van werkzamen in technische en ICT-beroepen (CBS-beroepsklassen)",
       "Werkzame technici en ICT'ers in 2021", "Technical and ICT workers in 2021"),
    _p("women_share_stock", 0.12, 0.15, 0.18, "aandeel", ASSUMPTION,
       "Aandeel vrouwen in technisch en ICT-werk", "Share of women in technical and ICT work"),
    _p("share_55_plus", 0.22, 0.25, 0.28, "aandeel", ASSUMPTION + "; " + ACTIEPLAN +
       " noemt alleen dat de technische beroepsbevolking sneller vergrijst dan gemiddeld",
       "Aandeel 55-plussers (vergrijzing)", "Share aged 55 and over (ageing)"),
    _p("early_retirement_rate", 0.03, 0.05, 0.08, "per jaar", ASSUMPTION,
       "Vervroegd pensioen per jaar, 60–66 jaar", "Early retirement per year, ages 60–66"),
    # --- supply: graduates ----------------------------------------------------------------
    _p("cohort_size", 95_000, 100_000, 105_000, "personen per geslacht", ASSUMPTION +
       ": geboortejaargangen van ongeveer 200.000", "Schoolverlaters per jaar, per geslacht",
       "School leavers per year, per gender"),
    _p("level_share_mbo", 0.42, 0.45, 0.48, "aandeel", ASSUMPTION,
       "Aandeel schoolverlaters met mbo-diploma", "Share of school leavers with an mbo diploma"),
    _p("level_share_hbo", 0.27, 0.30, 0.33, "aandeel", ASSUMPTION,
       "Aandeel met hbo-diploma", "Share with an hbo degree"),
    _p("level_share_wo", 0.13, 0.15, 0.17, "aandeel", ASSUMPTION,
       "Aandeel met wo-diploma", "Share with a university degree"),
    _p("women_tech_share_mbo", 0.07, 0.08, 0.09, "aandeel", ACTIEPLAN + " (8%; bandbreedte "
       "aangenomen)", "Vrouwen die een technische mbo-opleiding kiezen",
       "Women choosing a technical mbo programme"),
    _p("women_tech_share_hbo", 0.11, 0.12, 0.13, "aandeel", ACTIEPLAN + " (12%; bandbreedte "
       "aangenomen)", "Vrouwen die een technische hbo-opleiding kiezen",
       "Women choosing a technical hbo programme"),
    _p("women_tech_share_wo", 0.15, 0.18, 0.21, "aandeel", ASSUMPTION,
       "Vrouwen die een technische wo-opleiding kiezen",
       "Women choosing a technical university programme"),
    _p("men_tech_share_mbo", 0.42, 0.46, 0.50, "aandeel", ASSUMPTION + ", afgeleid uit " +
       ACTIEPLAN + ": gemiddeld 0,75×30% + 0,25×18% ≈ 27% bij 25% jongeren met "
       "migratieachtergrond, dus mannen ≈ 2×27% − 8%",
       "Mannen die een technische mbo-opleiding kiezen", "Men choosing a technical mbo programme"),
    _p("men_tech_share_hbo", 0.33, 0.38, 0.43, "aandeel", ASSUMPTION,
       "Mannen die een technische hbo-opleiding kiezen", "Men choosing a technical hbo programme"),
    _p("men_tech_share_wo", 0.35, 0.40, 0.45, "aandeel", ASSUMPTION,
       "Mannen die een technische wo-opleiding kiezen",
       "Men choosing a technical university programme"),
    _p("tech_entry_rate", 0.55, 0.65, 0.75, "aandeel", ASSUMPTION,
       "Technisch gediplomeerden die in technisch werk beginnen",
       "Technical graduates who start in technical work"),
    _p("migration_background_cohort_share", 0.22, 0.25, 0.28, "aandeel", ASSUMPTION,
       "Jongeren met migratieachtergrond in een jaargang",
       "Young people with a migration background in a cohort"),
    _p("migration_background_mbo_share", 0.18, 0.18, 0.18, "aandeel", ACTIEPLAN + " (18%)",
       "Jongeren met migratieachtergrond die technisch mbo kiezen",
       "Young people with a migration background choosing technical mbo"),
    _p("dutch_background_mbo_share", 0.30, 0.30, 0.30, "aandeel", ACTIEPLAN + " (30%)",
       "Jongeren met Nederlandse achtergrond die technisch mbo kiezen",
       "Young people with a Dutch background choosing technical mbo"),
    # --- supply: other inflow ------------------------------------------------------------
    _p("side_entrants", 50_000, 62_000, 75_000, "personen per jaar", ASSUMPTION + ": bruto "
       "instroom uit ander werk, andere opleidingen en herintreders, zo gekozen dat het "
       "aanbod in de eerste jaren ongeveer gelijk blijft", "Zij-instromers per jaar",
       "Side-entrants per year"),
    _p("women_share_side_entrants", 0.20, 0.25, 0.30, "aandeel", ASSUMPTION,
       "Aandeel vrouwen onder zij-instromers", "Share of women among side-entrants"),
    _p("net_migration", 2_000, 5_000, 10_000, "personen per jaar", ASSUMPTION,
       "Netto arbeidsmigratie naar technisch en ICT-werk",
       "Net labour migration into technical and ICT work"),
    _p("women_share_migration", 0.20, 0.20, 0.20, "aandeel", ASSUMPTION,
       "Aandeel vrouwen onder arbeidsmigranten", "Share of women among labour migrants"),
    _p("side_entry_completion", 0.60, 0.70, 0.80, "aandeel", ASSUMPTION,
       "Deelnemers aan zij-instroomprogramma's die technisch werk vinden en houden",
       "Side-entry programme participants who find and keep technical work"),
    _p("open_hiring_retention", 0.50, 0.65, 0.80, "aandeel", ASSUMPTION,
       "Open Hiring-aannames die na een jaar nog in dienst zijn",
       "Open Hiring hires still employed after a year"),
    # --- supply: outflow -----------------------------------------------------------------
    _p("women_outflow_rate", 0.050, 0.056, 0.062, "per jaar", ACTIEPLAN + " (5,6%; bandbreedte "
       "aangenomen)", "Vrouwen die technisch werk verlaten voor niet-technisch werk",
       "Women leaving technical for non-technical work"),
    _p("men_outflow_rate", 0.026, 0.029, 0.032, "per jaar", ACTIEPLAN + " (2,9%; bandbreedte "
       "aangenomen)", "Mannen die technisch werk verlaten voor niet-technisch werk",
       "Men leaving technical for non-technical work"),
    # --- demand ---------------------------------------------------------------------------
    _p("vacancies_2021", 100_000, 100_000, 110_000, "vacatures", ACTIEPLAN + " (meer dan "
       "100.000 in het vierde kwartaal van 2021)", "Openstaande technische en ICT-vacatures, "
       "eind 2021", "Open technical and ICT vacancies, end of 2021"),
    _p("baseline_growth", 0.0, 0.003, 0.006, "per jaar", ASSUMPTION,
       "Basisgroei van de vraag", "Baseline growth of demand"),
    _p("ict_growth_2026", 27_000, 30_000, 33_000, "banen", ACTIEPLAN + " (bijna 30.000, ruim "
       "7%, 2021–2026; bandbreedte aangenomen)", "Groei ICT-werkgelegenheid 2021–2026",
       "ICT employment growth 2021–2026"),
    _p("energy_transition_jobs_2030", 39_000, 55_500, 72_000, "banen", ACTIEPLAN,
       "Extra banen door de energietransitie in 2030",
       "Jobs added by the energy transition by 2030"),
    _p("fossil_jobs_lost_2030", 6_000, 8_500, 11_000, "banen", ACTIEPLAN,
       "Banen die in 2030 verdwenen zijn in olie en kolen", "Jobs lost in oil and coal by 2030"),
    _p("climate_policy_jobs_2030", 23_000, 28_000, 33_000, "banen", ACTIEPLAN + " (23.000 bij "
       "49% CO2-reductie, 33.000 bij 60%)", "Extra banen door aanvullend klimaatbeleid in 2030",
       "Jobs added by extra climate policy by 2030"),
    _p("productivity_gain", 0.0, 0.001, 0.003, "per jaar", ASSUMPTION,
       "Arbeidsbesparing door procesinnovatie", "Labour saved by process innovation"),
)}
PARAMETER_ORDER = tuple(PARAMETERS)  # fixes the random-number column of each parameter


@dataclass(frozen=True)
class Levers:
    """Policy levers. Each phases in linearly from `start_year` to full effect in
    `full_effect_year`, and only ever helps: targets below the baseline change nothing."""

    women_tech_share: tuple[tuple[str, float], ...] = ()  # (level, target share)
    women_outflow_factor: float = 1.0  # 0.5 halves women's outflow
    side_entry_programme: float = 0.0  # extra participants per year
    open_hiring: float = 0.0  # Open Hiring hires per year
    productivity_growth: float = 0.0  # extra labour saved per year by process innovation
    migration_background_mbo_share: float = 0.0  # target technical mbo share; 0 = no lever
    start_year: int = 2025
    full_effect_year: int = 2030

    LEVER_FIELDS = ("women_tech_share", "women_outflow_factor", "side_entry_programme",
                    "open_hiring", "productivity_growth", "migration_background_mbo_share")

    def active(self) -> list[str]:
        neutral = Levers()
        return [f for f in self.LEVER_FIELDS if getattr(self, f) != getattr(neutral, f)]

    def only(self, lever: str) -> Levers:
        return replace(Levers(start_year=self.start_year, full_effect_year=self.full_effect_year),
                       **{lever: getattr(self, lever)})

    def phase(self, years: np.ndarray) -> np.ndarray:
        span = max(self.full_effect_year - self.start_year + 1, 1)
        return np.clip((years - self.start_year + 1) / span, 0.0, 1.0)


@dataclass(frozen=True)
class Scenario:
    key: str
    name: str
    description: str = ""
    levers: Levers = field(default_factory=Levers)
    overrides: tuple[tuple[str, float, float, float], ...] = ()  # (parameter, low, central, high)
    name_en: str = ""
    description_en: str = ""

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def summary(self, lang: str) -> str:
        return self.description_en if lang == "en" and self.description_en else self.description

    def parameters(self) -> dict[str, Parameter]:
        params = dict(PARAMETERS)
        for name, low, central, high in self.overrides:
            params[name] = params[name].with_range(low, central, high)
        return params


BASELINE = Scenario("baseline", "Basispad", "Huidig beleid, zonder extra hefbomen.",
                    name_en="Baseline", description_en="Current policy, no extra levers.")


def uniforms(runs: int, seed: int) -> np.ndarray:
    """One uniform draw per run and parameter; shared by all scenarios (common random numbers),
    so scenario differences are paired run by run."""
    return np.random.default_rng(seed).random((runs, len(PARAMETER_ORDER)))


def sample(params: Mapping[str, Parameter], u: np.ndarray) -> dict[str, np.ndarray]:
    """Triangular(low, central, high) by the inverse CDF, one column of `u` per parameter."""
    draws = {}
    for column, name in enumerate(PARAMETER_ORDER):
        p = params[name]
        x = u[:, column]
        width = p.high - p.low
        if width <= 0:
            draws[name] = np.full(len(x), p.central, dtype=float)
            continue
        c = (p.central - p.low) / width
        left = p.low + np.sqrt(x * width * (p.central - p.low))
        right = p.high - np.sqrt((1 - x) * width * (p.high - p.central))
        draws[name] = np.where(x < c, left, right)
    return draws


@dataclass(frozen=True)
class Trajectories:
    """Per run (rows) and year (columns). Flows at column j happen during year years[j];
    column 0 (the base year) has no flows."""

    years: np.ndarray
    demand: np.ndarray
    supply: np.ndarray
    supply_women: np.ndarray
    graduates: np.ndarray
    graduates_women: np.ndarray
    side_entrants: np.ndarray
    migration: np.ndarray
    open_hiring: np.ndarray
    retirement: np.ndarray
    outflow: np.ndarray
    outflow_women: np.ndarray
    components: dict[str, np.ndarray]

    @property
    def gap(self) -> np.ndarray:
        return self.demand - self.supply

    @property
    def inflow(self) -> np.ndarray:
        return self.graduates + self.side_entrants + self.migration + self.open_hiring


def _initial_stock(d: Mapping[str, np.ndarray]) -> np.ndarray:
    """(runs, gender, age): flat age profile 20–54, the 55-plus share spread over 55–66."""
    young = ((AGES >= 20) & (AGES < 55)).astype(float)
    old = (AGES >= 55).astype(float)
    s55 = d["share_55_plus"][:, None]
    profile = young * (1 - s55) / young.sum() + old * s55 / old.sum()
    women = d["women_share_stock"]
    by_gender = np.stack([women, 1 - women], axis=1)
    return d["stock_2021"][:, None, None] * by_gender[:, :, None] * profile[:, None, :]


def _graduates(d: Mapping[str, np.ndarray], levers: Levers, w: float) -> dict[str, np.ndarray]:
    """Technical graduates entering technical work this year, per level: (runs, gender)."""
    targets = dict(levers.women_tech_share)
    out = {}
    for level in LEVELS:
        women_share = d[f"women_tech_share_{level}"]
        if level in targets:  # raise towards the target, never lower
            women_share = women_share + w * np.maximum(targets[level] - women_share, 0.0)
        shares = np.stack([women_share, d[f"men_tech_share_{level}"]], axis=1)
        if level == "mbo" and levers.migration_background_mbo_share:
            uplift = np.maximum(levers.migration_background_mbo_share
                                - d["migration_background_mbo_share"], 0.0)
            shares = shares + (w * d["migration_background_cohort_share"] * uplift)[:, None]
        out[level] = (d["cohort_size"] * d[f"level_share_{level}"] * d["tech_entry_rate"])[
            :, None] * shares
    return out


def demand_components(d: Mapping[str, np.ndarray], years: np.ndarray) -> dict[str, np.ndarray]:
    """Demand additions (runs, years), each a linear ramp from 2021 to its horizon, flat after:
    the sources give only the end point; after it, baseline growth carries demand."""
    tau = (years - BASE_YEAR)[None, :]

    def ramp(value: np.ndarray, horizon: int) -> np.ndarray:
        return value[:, None] * np.minimum(tau / (horizon - BASE_YEAR), 1.0)

    return {
        "ict_growth": ramp(d["ict_growth_2026"], 2026),
        "energy_transition": ramp(d["energy_transition_jobs_2030"], 2030),
        "fossil_loss": -ramp(d["fossil_jobs_lost_2030"], 2030),
        "climate_policy": ramp(d["climate_policy_jobs_2030"], 2030),
    }


def simulate(d: Mapping[str, np.ndarray], levers: Levers, to_year: int) -> Trajectories:
    years = np.arange(BASE_YEAR, to_year + 1)
    runs, n_years = len(d["stock_2021"]), len(years)
    phase = levers.phase(years)
    # Stock by birth cohort, not by age: ageing is then a one-column shift of the window of
    # working ages over `cohorts`, and who passes 67 simply leaves the window (no copying).
    cohorts = np.zeros((runs, 2, len(AGES) + n_years))
    offset = n_years - 1

    def window(j: int) -> np.ndarray:  # ages 15..66 at the end of year index j
        return cohorts[:, :, offset - j: offset - j + len(AGES)]

    window(0)[:] = _initial_stock(d)
    early_from = EARLY_RETIREMENT_FROM - AGES[0]
    flows = {k: np.zeros((runs, n_years)) for k in (
        "graduates", "graduates_women", "side_entrants", "migration", "open_hiring",
        "retirement", "outflow", "outflow_women")}
    supply = np.zeros((runs, n_years))
    supply_women = np.zeros((runs, n_years))
    totals = window(0).sum(axis=2)
    supply[:, 0] = totals.sum(axis=1)
    supply_women[:, 0] = totals[:, WOMEN]
    women_side = d["women_share_side_entrants"]
    side_split = np.stack([women_side, 1 - women_side], axis=1)
    migration_split = np.stack([d["women_share_migration"], 1 - d["women_share_migration"]], 1)
    # normalise the age weights on the starting stock: year-one outflow matches the cited rates
    age_weight = OUTFLOW_AGE_WEIGHT[None, :] / (
        (window(0).sum(axis=1) * OUTFLOW_AGE_WEIGHT).sum(axis=1) / supply[:, 0])[:, None]
    inflow = np.zeros((runs, 2, len(ENTRY_AGES)))  # per run, gender and kind of entrant
    men_keep = 1.0 - d["men_outflow_rate"][:, None] * age_weight
    women_keep, women_w = np.empty(0), -1.0
    for j in range(1, n_years):
        w = float(phase[j])
        if w != women_w:  # the women's outflow lever changes the rate only while phasing in
            women_rate = d["women_outflow_rate"] * (1 - w * (1 - levers.women_outflow_factor))
            women_keep, women_w = 1.0 - women_rate[:, None] * age_weight, w
        stock = window(j - 1)
        before = totals
        stock[:, WOMEN] *= women_keep
        stock[:, MEN] *= men_keep
        outflow = before - stock.sum(axis=2)  # (runs, gender)
        near_pension = stock[:, :, early_from:]
        early = near_pension.sum(axis=2) * d["early_retirement_rate"][:, None]
        near_pension *= 1.0 - d["early_retirement_rate"][:, None, None]
        retired = early.sum(axis=1) + stock[:, :, -1].sum(axis=1)  # who reaches 67 retires
        stock = window(j)  # everyone a year older; the new youngest column is still empty
        for k, entrants in enumerate(_graduates(d, levers, w).values()):
            inflow[:, :, k] = entrants
        inflow[:, :, 3] = (d["side_entrants"] + w * levers.side_entry_programme
                           * d["side_entry_completion"])[:, None] * side_split
        inflow[:, :, 4] = d["net_migration"][:, None] * migration_split
        inflow[:, :, 5] = (w * levers.open_hiring * d["open_hiring_retention"])[:, None] \
            * side_split
        for k, (first, last) in enumerate(ENTRY_AGES.values()):
            if k == 5 and not (w and levers.open_hiring):
                continue  # no Open Hiring this year: skip a pass over half the array
            ages = slice(first - AGES[0], last - AGES[0] + 1)
            stock[:, :, ages] += (inflow[:, :, k] / (last - first + 1))[:, :, None]
        graduates = inflow[:, :, :3].sum(axis=2)
        flows["graduates"][:, j] = graduates.sum(axis=1)
        flows["graduates_women"][:, j] = graduates[:, WOMEN]
        flows["side_entrants"][:, j] = inflow[:, :, 3].sum(axis=1)
        flows["migration"][:, j] = inflow[:, :, 4].sum(axis=1)
        flows["open_hiring"][:, j] = inflow[:, :, 5].sum(axis=1)
        flows["retirement"][:, j] = retired
        flows["outflow"][:, j] = outflow.sum(axis=1)
        flows["outflow_women"][:, j] = outflow[:, WOMEN]
        totals = stock.sum(axis=2)
        supply[:, j] = totals.sum(axis=1)
        supply_women[:, j] = totals[:, WOMEN]

    components = demand_components(d, years)
    tau = (years - BASE_YEAR)[None, :]
    saving = d["productivity_gain"][:, None] + phase[None, :] * levers.productivity_growth
    saving[:, 0] = 0.0
    productivity = np.cumprod(1.0 - saving, axis=1)
    growth = (1 + d["baseline_growth"][:, None]) ** tau
    base = (supply[:, :1] + d["vacancies_2021"][:, None]) * growth
    demand = (base + sum(components.values())) * productivity
    return Trajectories(years=years, demand=demand, supply=supply, supply_women=supply_women,
                        components=components, **flows)


@dataclass(frozen=True)
class Band:
    p5: np.ndarray
    median: np.ndarray
    p95: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray) -> Band:
        p5, median, p95 = np.percentile(values, [5, 50, 95], axis=0)
        return cls(p5, median, p95)


@dataclass(frozen=True)
class Contribution:
    lever: str  # a Levers field, or "all" for the levers together
    year: int
    median: float  # gap closed (positive: smaller gap), paired run by run
    p5: float
    p95: float


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    years: np.ndarray
    demand: Band
    supply: Band
    gap: Band
    contributions: list[Contribution]


@dataclass(frozen=True)
class ForecastResult:
    runs: int
    seed: int
    to_year: int
    scenarios: list[ScenarioResult]


def _closed(reference: np.ndarray, changed: np.ndarray, years: np.ndarray, lever: str,
            at: Iterable[int]) -> list[Contribution]:
    out = []
    for year in at:
        diff = reference[:, year - BASE_YEAR] - changed[:, year - BASE_YEAR]
        p5, median, p95 = np.percentile(diff, [5, 50, 95])
        out.append(Contribution(lever, year, float(median), float(p5), float(p95)))
    return out


def run_scenario(scenario: Scenario, u: np.ndarray, to_year: int,
                 contribution_years: Iterable[int] = ()) -> ScenarioResult:
    draws = sample(scenario.parameters(), u)
    result = simulate(draws, scenario.levers, to_year)
    contributions: list[Contribution] = []
    active = scenario.levers.active()
    at = [y for y in contribution_years if BASE_YEAR < y <= to_year]
    if active and at:
        # reference: the scenario's own parameters without levers; each lever alone against it
        reference = simulate(draws, Levers(), to_year).gap
        for lever in active:
            alone = simulate(draws, scenario.levers.only(lever), to_year).gap
            contributions += _closed(reference, alone, result.years, lever, at)
        if len(active) > 1:
            contributions += _closed(reference, result.gap, result.years, "all", at)
    return ScenarioResult(scenario, result.years, Band.of(result.demand), Band.of(result.supply),
                          Band.of(result.gap), contributions)


def run_forecast(scenarios: Iterable[Scenario] = (), to_year: int = 2030, runs: int = 10_000,
                 seed: int = 2022, contribution_years: Iterable[int] = (2030,),
                 baseline: Scenario = BASELINE) -> ForecastResult:
    """The baseline first, then each scenario, all on the same random numbers. `baseline` is
    BASELINE, possibly with measured parameters (CBS's starting stock) as overrides."""
    if to_year <= BASE_YEAR:
        raise ValueError(f"the forecast must end after {BASE_YEAR}")
    if runs < 1:
        raise ValueError("runs must be at least 1")
    u = uniforms(runs, seed)
    years = list(contribution_years)
    results = [run_scenario(s, u, to_year, years) for s in (baseline, *scenarios)]
    return ForecastResult(runs, seed, to_year, results)


def lever_names() -> tuple[str, ...]:
    return Levers.LEVER_FIELDS

