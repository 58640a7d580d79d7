"""The pure stock-flow model: accounting identities, levers, calibration to its inputs."""

import csv
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.monitor import forecast as fc
from banenbrug.monitor.scenarios import ScenarioError, parse_scenario, shipped_scenarios
from banenbrug.monitor.services import BASELINE_CSV

RUNS = 400


@pytest.fixture(scope="module")
def draws():
    return fc.sample(fc.PARAMETERS, fc.uniforms(RUNS, seed=7))


def test_every_worker_enters_and_leaves_through_a_flow(draws):
    levers = fc.Levers(women_tech_share=(("mbo", 0.3),), women_outflow_factor=0.5,
                       side_entry_programme=8000, open_hiring=2000,
                       migration_background_mbo_share=0.3)
    t = fc.simulate(draws, levers, 2050)
    change = np.diff(t.supply, axis=1)
    flows = (t.inflow - t.retirement - t.outflow)[:, 1:]
    np.testing.assert_allclose(change, flows, rtol=1e-10, atol=1e-6)
    # and the same for women alone: their stock moves only by their own flows
    assert (t.outflow_women <= t.outflow).all() and (t.supply > 0).all()
    for flow in (t.graduates, t.side_entrants, t.migration, t.open_hiring, t.retirement,
                 t.outflow):
        assert (flow >= 0).all() and (flow[:, 0] == 0).all()


def test_baseline_reproduces_its_inputs(draws):
    t = fc.simulate(draws, fc.Levers(), 2030)
    np.testing.assert_allclose(t.supply[:, 0], draws["stock_2021"])
    np.testing.assert_allclose(t.gap[:, 0], draws["vacancies_2021"])  # Q4 2021 vacancies
    women0 = t.supply_women[:, 0]
    np.testing.assert_allclose(t.outflow_women[:, 1] / women0, draws["women_outflow_rate"])
    men0 = t.supply[:, 0] - women0
    np.testing.assert_allclose((t.outflow - t.outflow_women)[:, 1] / men0,
                               draws["men_outflow_rate"])
    c = t.components
    np.testing.assert_allclose(c["ict_growth"][:, 2026 - 2021], draws["ict_growth_2026"])
    energy = c["energy_transition"][:, 2030 - 2021]
    assert energy.min() >= 39_000 and energy.max() <= 72_000
    assert abs(np.median(energy) - 55_500) < 1_500
    climate = c["climate_policy"][:, -1]
    assert climate.min() >= 23_000 and climate.max() <= 33_000
    fossil = -c["fossil_loss"][:, -1]
    assert fossil.min() >= 6_000 and fossil.max() <= 11_000


def test_graduate_inflow_follows_the_cited_choice_shares(draws):
    grads = fc._graduates(draws, fc.Levers(), 0.0)
    for level in ("mbo", "hbo"):
        women, men = grads[level][:, fc.WOMEN], grads[level][:, fc.MEN]
        ratio = draws[f"women_tech_share_{level}"] / draws[f"men_tech_share_{level}"]
        np.testing.assert_allclose(women / men, ratio)


def test_parameters_cite_the_baseline_figures_they_use():
    rows = {(r["indicator"], r["population_group"]): r
            for r in csv.DictReader(BASELINE_CSV.open(encoding="utf-8"))}
    p = fc.PARAMETERS
    def share(indicator, group):
        return pytest.approx(float(rows[indicator, group]["value"]) / 100)

    assert p["women_tech_share_mbo"].central == share("tech_inflow_share_mbo", "women")
    assert p["women_tech_share_hbo"].central == share("tech_inflow_share_hbo", "women")
    assert p["migration_background_mbo_share"].central == share("tech_inflow_share_mbo",
                                                                "migration_background")
    assert p["dutch_background_mbo_share"].central == share("tech_inflow_share_mbo",
                                                            "dutch_background")
    assert p["women_outflow_rate"].central == share("tech_outflow_rate", "women")
    assert p["men_outflow_rate"].central == share("tech_outflow_rate", "men")
    assert p["vacancies_2021"].low == float(rows["vacancies_open", "all"]["value"])
    energy = rows["jobs_added_energy_transition", "all"]
    assert (p["energy_transition_jobs_2030"].low, p["energy_transition_jobs_2030"].high) == (
        float(energy["low"]), float(energy["high"]))
    assert (p["fossil_jobs_lost_2030"].low, p["fossil_jobs_lost_2030"].high) == (6_000, 11_000)
    assert (p["climate_policy_jobs_2030"].low, p["climate_policy_jobs_2030"].high) == (
        float(rows["jobs_added_climate_policy_49", "all"]["value"]),
        float(rows["jobs_added_climate_policy_60", "all"]["value"]))
    for param in p.values():
        assert param.low <= param.central <= param.high and param.source, param.name


def test_triangular_sampling_stays_in_range_and_centres():
    draws = fc.sample(fc.PARAMETERS, fc.uniforms(20_000, seed=1))
    for name, p in fc.PARAMETERS.items():
        assert draws[name].min() >= p.low - 1e-9 and draws[name].max() <= p.high + 1e-9
    mean = (39_000 + 55_500 + 72_000) / 3
    assert abs(draws["energy_transition_jobs_2030"].mean() - mean) < 300


supply_levers = st.one_of(
    st.builds(lambda m, h, w: fc.Levers(women_tech_share=(("mbo", m), ("hbo", h), ("wo", w))),
              *(st.floats(0, 1),) * 3),
    st.builds(lambda f: fc.Levers(women_outflow_factor=f), st.floats(0, 1)),
    st.builds(lambda n: fc.Levers(side_entry_programme=n), st.floats(0, 100_000)),
    st.builds(lambda n: fc.Levers(open_hiring=n), st.floats(0, 100_000)),
    st.builds(lambda s: fc.Levers(migration_background_mbo_share=s), st.floats(0, 1)),
    st.builds(lambda p: fc.Levers(productivity_growth=p), st.floats(0, 0.05)),
)


@settings(max_examples=40, deadline=None)
@given(levers=supply_levers, start=st.integers(2022, 2040))
def test_a_lever_never_widens_the_gap(levers, start):
    d = fc.sample(fc.PARAMETERS, fc.uniforms(50, seed=3))
    levers = replace(levers, start_year=start, full_effect_year=start + 3)
    base = fc.simulate(d, fc.Levers(), 2050)
    changed = fc.simulate(d, levers, 2050)
    assert (changed.gap <= base.gap + 1e-6).all()
    assert (changed.gap[:, : start - 2021] == base.gap[:, : start - 2021]).all()  # not before


def test_lever_targets_below_the_baseline_change_nothing(draws):
    base = fc.simulate(draws, fc.Levers(), 2035)
    low = fc.simulate(draws, fc.Levers(women_tech_share=(("mbo", 0.01),),
                                       migration_background_mbo_share=0.10), 2035)
    np.testing.assert_array_equal(base.gap, low.gap)


def test_forecast_bands_contributions_and_reproducibility():
    levers = fc.Levers(side_entry_programme=10_000, women_outflow_factor=0.5)
    scenario = fc.Scenario("test", "Test", levers=levers)
    a = fc.run_forecast([scenario], to_year=2050, runs=500, seed=11,
                        contribution_years=(2030, 2050))
    b = fc.run_forecast([scenario], to_year=2050, runs=500, seed=11)
    np.testing.assert_array_equal(a.scenarios[1].gap.median, b.scenarios[1].gap.median)
    for s in a.scenarios:
        for band in (s.demand, s.supply, s.gap):
            assert (band.p5 <= band.median).all() and (band.median <= band.p95).all()
    assert a.scenarios[0].scenario is fc.BASELINE and len(a.scenarios[0].years) == 30
    found = {(c.lever, c.year): c for c in a.scenarios[1].contributions}
    assert set(found) == {(lever, year) for lever in ("side_entry_programme",
                                                       "women_outflow_factor", "all")
                          for year in (2030, 2050)}
    assert found["side_entry_programme", 2030].median > 0
    # the levers' own contributions roughly add up to the joint one (small interaction)
    joint = found["all", 2030].median
    parts = found["side_entry_programme", 2030].median + found["women_outflow_factor", 2030].median
    assert abs(joint - parts) < 0.05 * joint
    with pytest.raises(ValueError):
        fc.run_forecast(to_year=2021)


def test_shipped_scenarios_parse_and_name_their_levers():
    shipped = shipped_scenarios()
    assert {"vrouwen-instroom", "vrouwen-uitstroom", "zij-instroom", "open-hiring",
            "productiviteit", "alle-hefbomen", "klimaat-60"} <= set(shipped)
    assert shipped["vrouwen-uitstroom"].levers.women_outflow_factor == 0.5
    assert shipped["alle-hefbomen"].levers.active() == list(fc.Levers.LEVER_FIELDS)
    assert shipped["klimaat-60"].parameters()["climate_policy_jobs_2030"].low == 33_000


@pytest.mark.parametrize(("text", "message"), [
    ("name = 'x'\n[levers]\nwomen_outflow_factor = 1.5", "levers.women_outflow_factor"),
    ("name = 'x'\n[levers]\nmore_money = 3", "unknown lever"),
    ("name = 'x'\n[levers]\nwomen_tech_share = { phd = 0.3 }", "women_tech_share"),
    ("name = 'x'\n[parameters]\nstock_2030 = 5", "unknown parameter"),
    ("name = 'x'\n[parameters]\nstock_2021 = [3, 2]", "low to high"),
    ("name = 'x'\n[parameters]\nwomen_outflow_rate = 2", "outside"),
    ("[levers]\nopen_hiring = 1", "needs a name"),
    ("name = 'x'\nstart_year = 2020", "start_year"),
    ("name = 'x\n", "not valid TOML"),
])
def test_scenario_errors_name_the_file_and_key(text, message):
    with pytest.raises(ScenarioError, match=message) as info:
        parse_scenario(text, "s", "plan.toml")
    assert str(info.value).startswith("plan.toml")


def test_scenario_parameter_ranges():
    s = parse_scenario("name = 'x'\n[parameters]\nstock_2021 = [1e6, 2e6]\n"
                       "net_migration = 4000", "s")
    p = s.parameters()
    assert (p["stock_2021"].low, p["stock_2021"].central, p["stock_2021"].high) == (
        1e6, 1.5e6, 2e6)
    assert p["net_migration"].low == p["net_migration"].high == 4000
