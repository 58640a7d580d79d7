"""Property tests of the pure plan builder: coverage, optimality, caps and stacking rules."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.plans import builder, funding, rules, selection
from banenbrug.plans.catalogue import Catalogue, Module, Reach

SKILLS = list(range(8))
FORMS = ["modular", "part_time", "bootcamp", "learn_work", "public_private"]
TODAY = date(2027, 1, 4)


@st.composite
def modules(draw, max_size=8):
    n = draw(st.integers(1, max_size))
    out = []
    for i in range(n):
        skills = draw(st.frozensets(st.sampled_from(SKILLS), min_size=1, max_size=4))
        out.append(Module(
            key=f"m{i}", skills=skills, cost=float(draw(st.integers(0, 40)) * 50),
            hours=float(draw(st.integers(1, 200))), weeks=draw(st.integers(1, 30)),
            form=draw(st.sampled_from(FORMS)),
            starts=tuple(TODAY + timedelta(days=d) for d in draw(
                st.lists(st.integers(0, 500), max_size=2)))))
    return out


@st.composite
def schemes(draw):
    n = draw(st.integers(1, 6))
    keys = [f"s{i}" for i in range(n)]
    out = []
    for key in keys:
        income = draw(st.booleans()) and draw(st.booleans())
        out.append(funding.Scheme(
            key=key, name=key, pays_for="income" if income else "training",
            percent=float(draw(st.sampled_from([25, 50, 80, 100]))),
            max_amount=draw(st.one_of(st.none(), st.integers(0, 3000).map(float))),
            cap_basis=draw(st.sampled_from(["per_person", "per_year"])),
            monthly=float(draw(st.integers(50, 500))) if income else None,
            forms=draw(st.frozensets(st.sampled_from(FORMS), max_size=2)),
            stackable=draw(st.booleans()) or draw(st.booleans()),
            excludes=draw(st.frozensets(st.sampled_from(keys), max_size=2)) - {key}))
    return out


def brute_force_weight(candidates, gap, priority="balanced"):
    teachable = frozenset(gap) & frozenset().union(*(m.skills for m in candidates))
    best = math.inf
    for r in range(len(candidates) + 1):
        for combo in itertools.combinations(candidates, r):
            if teachable <= frozenset().union(*(m.skills for m in combo)):
                best = min(best, sum(selection.weight(m, priority) for m in combo))
    return best


@settings(max_examples=150, deadline=None)
@given(modules(), st.frozensets(st.sampled_from([*SKILLS, 98, 99]), min_size=1),
       st.sampled_from(list(selection.PRIORITIES)))
def test_cover_is_complete_and_as_cheap_as_brute_force(candidates, gap, priority):
    chosen = selection.choose(candidates, gap, priority=priority)
    teachable = gap & frozenset().union(*(m.skills for m in candidates))
    taught = frozenset().union(*(m.skills for m in chosen.modules))
    assert teachable <= taught, "a gap skill some module teaches was left out"
    assert chosen.uncovered == gap - teachable
    assert chosen.uncovered.isdisjoint(taught)
    assert math.isclose(chosen.weight, brute_force_weight(candidates, gap, priority),
                        rel_tol=1e-9, abs_tol=1e-6)
    assert chosen.method in ("exact", "none")


@settings(max_examples=80, deadline=None)
@given(modules(), st.frozensets(st.sampled_from(SKILLS), min_size=1))
def test_greedy_fallback_covers_within_its_bound(candidates, gap):
    original = selection.EXACT_LIMIT
    selection.EXACT_LIMIT = -1  # force the approximation
    try:
        chosen = selection.choose(candidates, gap)
    finally:
        selection.EXACT_LIMIT = original
    teachable = gap & frozenset().union(*(m.skills for m in candidates))
    assert teachable <= frozenset().union(*(m.skills for m in chosen.modules))
    optimum = brute_force_weight(candidates, gap)
    if teachable:
        assert chosen.method == "greedy"
        d = max(len(m.skills & gap) for m in candidates)
        harmonic = sum(1 / k for k in range(1, d + 1))
        assert chosen.lower_bound <= optimum + 1e-6
        assert optimum - 1e-6 <= chosen.weight <= harmonic * optimum + 1e-6


@settings(max_examples=150, deadline=None)
@given(modules(), schemes(), st.floats(0.5, 30))
def test_funding_respects_caps_percentages_and_exclusions(chosen, offered, months):
    starts = [m.next_start(TODAY) or TODAY for m in chosen]
    combination = funding.combine(offered, chosen, starts, months)
    by_key = {s.key: s for s in offered}
    cost = {m.key: m.cost for m in chosen}
    year = {m.key: start.year for m, start in zip(chosen, starts, strict=True)}
    for module in chosen:  # never more than a module costs
        paid = sum(p.amount for p in combination.payments if p.module == module.key)
        assert paid <= module.cost + 1e-9
    for scheme in offered:
        mine = [p for p in combination.payments if p.scheme == scheme.key]
        for payment in mine:
            if payment.module is not None:
                assert scheme.pays_for == "training"
                module = next(m for m in chosen if m.key == payment.module)
                assert scheme.pays_toward(module)
                assert payment.amount <= scheme.percent / 100 * cost[payment.module] + 1e-9
            else:
                assert payment.amount <= (scheme.monthly or 0) * months + 1e-6
        if scheme.max_amount is not None:
            if scheme.cap_basis == "per_year" and scheme.pays_for == "training":
                for y in {year[p.module] for p in mine}:
                    assert sum(p.amount for p in mine if year[p.module] == y) \
                        <= scheme.max_amount + 1e-9
            elif scheme.cap_basis == "per_person":
                assert sum(p.amount for p in mine) <= scheme.max_amount + 1e-9
    used = combination.used
    for a, b in itertools.combinations(used, 2):
        assert not funding.conflicts(by_key[a], by_key[b]), f"{a} and {b} exclude each other"
    # optimal enough to beat any one scheme alone (each alone is a feasible combination);
    # amounts are rounded down to whole cents per module, so allow a cent per payment
    total = sum(p.amount for p in combination.payments)
    slack = 0.01 * (len(chosen) + 1) * len(offered)
    for scheme in offered:
        alone = funding.combine([scheme], chosen, starts, months)
        assert total + slack >= sum(p.amount for p in alone.payments)


@settings(max_examples=60, deadline=None)
@given(modules(), schemes(), st.frozensets(st.sampled_from(SKILLS), min_size=1),
       st.sampled_from(["employed", "ww", "bijstand", "selfemployed", "student"]))
def test_whole_plan_holds_together(catalogue_modules, offered, gap, situation):
    person = builder.Person(rules.Facts(situation=situation, age=40), Reach(start=TODAY),
                            monthly_income=2500.0)
    plan = builder.build(person, gap, Catalogue(catalogue_modules), offered, today=TODAY)
    admissible = [m for m in catalogue_modules if person.reach.admits(m)]
    teachable = gap & frozenset().union(*(m.skills for m in admissible))
    assert plan.selection.covered == teachable
    assert plan.gap - teachable == plan.selection.uncovered
    assert {s.module.key for s in plan.scheduled} == {m.key for m in plan.selection.modules}
    assert all(s.start >= TODAY for s in plan.scheduled)
    assert plan.funding.training_covered <= plan.selection.cost + 1e-9
    assert plan.steps[0].kind == "apply" and plan.steps[-1].kind == "job"
