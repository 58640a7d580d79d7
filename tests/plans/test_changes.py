"""What changed between two plan versions: hand-made snapshots with the lines a coach would
write by hand, and the property that the lines add up to the change of the totals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from banenbrug.plans.changes import Line, compare, snapshot


def snap(modules, schemes=(), *, end="2027-06-01", to="Installateur") -> dict:
    total = sum(cost for _, cost in modules)
    covered = sum(paid for _, paid, pays_for in schemes if pays_for == "training")
    return {"destination": to,
            "modules": [{"key": k, "title": k.title(), "cost": c} for k, c in modules],
            "schemes": [{"key": k, "name": k.upper(), "paid": p, "pays_for": f}
                        for k, p, f in schemes],
            "total_cost": total, "covered": covered, "own_contribution": total - covered,
            "income_support": 0.0, "training_end": end, "job_from": end}


def test_a_swap_explains_the_rise_of_the_total_and_of_the_own_contribution():
    # the case: a coach's swap raised the total from 5,480 to 8,315
    before = snap([("veiligheid", 480.0), ("warmtepomp", 5000.0)],
                  [("stap", 1000.0, "training")])
    after = snap([("veiligheid", 480.0), ("warmtepomp-hbo", 7835.0)],
                 [("stap", 1000.0, "training"), ("sectorfonds", 2000.0, "training")])
    found = compare(before, after)
    assert found.lines == (
        Line("swapped", "Warmtepomp", 2835.0, other="Warmtepomp-Hbo", before=5000.0,
             after=7835.0),
        Line("pays_more", "SECTORFONDS", 2000.0, before=0.0, after=2000.0,
             pays_for="training"))
    assert (found.total_before, found.total_after, found.total_delta) == (5480, 8315, 2835)
    assert (found.own_before, found.own_after, found.own_delta) == (4480, 5315, 835)
    assert not found.unchanged


def test_added_removed_and_a_scheme_that_stops_paying():
    before = snap([("a", 300.0), ("b", 400.0)], [("budget", 250.0, "training")])
    after = snap([("a", 300.0), ("c", 100.0), ("d", 50.0)])
    kinds = [(line.kind, line.name, line.delta) for line in compare(before, after).lines]
    assert kinds == [("swapped", "B", -300.0), ("added", "D", 50.0),
                     ("pays_less", "BUDGET", -250.0)]


def test_a_new_list_price_of_a_kept_module_is_its_own_line():
    found = compare(snap([("a", 300.0)]), snap([("a", 350.0)]))
    assert [(line.kind, line.before, line.after) for line in found.lines] == [
        ("repriced", 300.0, 350.0)]


def test_the_same_plan_has_no_lines_but_a_later_end_is_a_change():
    same = snap([("a", 300.0)], [("budget", 250.0, "training")])
    assert compare(same, same).unchanged
    later = compare(same, snap([("a", 300.0)], [("budget", 250.0, "training")],
                               end="2027-09-01"))
    assert not later.unchanged and later.lines == ()
    assert compare(same, snap([("a", 300.0)], [("budget", 250.0, "training")],
                              to="Monteur")).destination_changed


def test_the_snapshot_keeps_only_paying_schemes_and_the_money():
    plan = {"destination": {"label": "Monteur"}, "training_end": "2027-01-01",
            "job_from": "2027-02-01",
            "modules": [{"key": "a", "title": "A", "cost": 10.0, "hours": 3}],
            "funding": {"total_cost": 10.0, "covered": 5.0, "own_contribution": 5.0,
                        "income_support": 0.0,
                        "schemes": [{"key": "x", "name": "X", "paid": 5.0, "pays_for": "training"},
                                    {"key": "y", "name": "Y", "paid": 0.0,
                                     "pays_for": "training"}]}}
    kept = snapshot(plan)
    assert kept["modules"] == [{"key": "a", "title": "A", "cost": 10.0}]
    assert [s["key"] for s in kept["schemes"]] == ["x"]


costs = st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 9000).map(float),
                        max_size=6)


@given(costs, costs, st.data())
def test_the_lines_add_up_to_the_change_of_the_totals(old, new, data):
    def schemes(modules: dict[str, float]) -> list[tuple[str, float, str]]:
        total = sum(modules.values())
        keys = data.draw(st.lists(st.sampled_from("pqrs"), unique=True, max_size=3))
        shares = [data.draw(st.integers(0, 100)) / 100 for _ in keys]
        scale = min(1.0, 1.0 / sum(shares)) if sum(shares) else 1.0
        out = [(k, round(total * s * scale, 2), "training")
               for k, s in zip(keys, shares, strict=True)]
        return [s for s in out if s[1]] + [("inkomen", 600.0, "income")]

    before = snap(list(old.items()), schemes(old))
    after = snap(list(new.items()), schemes(new))
    found = compare(before, after)
    modules = [line.delta for line in found.lines if line.pays_for == ""]
    training = [line.delta for line in found.lines if line.pays_for == "training"]
    assert round(sum(modules), 2) == found.total_delta
    assert round(found.total_delta - sum(training), 2) == found.own_delta
    # no line without a change, but a swap at the same price is still a change of module
    assert all(line.delta or line.kind == "swapped" for line in found.lines)
