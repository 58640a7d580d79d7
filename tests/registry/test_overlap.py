"""Overlap detection and fragmentation indicators on constructed cases (pure, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from banenbrug.registry.overlap import (
    _compatible,
    _join_compatible,
    _root,
    find_overlaps,
    fragmentation,
    overlapping_pairs,
    res_mismatch,
)
from banenbrug.registry.search import INITIATIVE, TABLE, Record


def initiative(id, atlas, regions, groups=("women",), isco=(), **extra):
    national = regions == ("NL",)
    coverage = atlas.coverage_of(regions)
    return Record(
        id=id, type=INITIATIVE, name=f"i{id}", text=f"i{id}", coverage=coverage,
        national=national, region_codes=() if national else tuple(regions),
        labour_market_regions=tuple(atlas.regions_touching(coverage, "labour_market")),
        res_regions=tuple(atlas.regions_touching(coverage, "res")),
        target_groups=frozenset(groups), isco_codes=frozenset(isco), **extra)


def test_same_region_and_target_group_is_flagged(small_atlas):
    records = [initiative(1, small_atlas, ("AM01",)), initiative(2, small_atlas, ("AM01",))]
    groups = find_overlaps(records)
    assert overlapping_pairs(groups) == {frozenset((1, 2))}
    assert (groups[0].region, groups[0].target_group) == ("AM01", "women")


def test_different_regions_are_not_flagged(small_atlas):
    records = [initiative(1, small_atlas, ("AM01",)), initiative(2, small_atlas, ("AM02",))]
    assert find_overlaps(records) == []


def test_different_target_groups_are_not_flagged(small_atlas):
    records = [initiative(1, small_atlas, ("AM01",), ("women",)),
               initiative(2, small_atlas, ("AM01",), ("youth",))]
    assert find_overlaps(records) == []


def test_a_res_region_meets_a_labour_market_region_through_shared_municipalities(small_atlas):
    # ES02 holds GM0003, which lies in AM01: the two worlds meet there
    records = [initiative(1, small_atlas, ("AM01",)), initiative(2, small_atlas, ("ES02",)),
               initiative(3, small_atlas, ("ES01",), ("youth",))]
    assert overlapping_pairs(find_overlaps(records)) == {frozenset((1, 2))}
    # a single municipality inside the region counts too; one outside does not
    records = [initiative(1, small_atlas, ("GM0002",)), initiative(2, small_atlas, ("ES01",)),
               initiative(3, small_atlas, ("GM0004",))]
    assert overlapping_pairs(find_overlaps(records)) == {frozenset((1, 2))}


def test_occupation_clusters_must_meet_and_unspecified_is_open(small_atlas):
    ict = ("2512",)
    ict_other = ("2511",)  # same 3-digit group 251
    electrician = ("7411",)
    records = [initiative(1, small_atlas, ("AM01",), isco=ict),
               initiative(2, small_atlas, ("AM01",), isco=ict_other),
               initiative(3, small_atlas, ("AM01",), isco=electrician)]
    assert overlapping_pairs(find_overlaps(records)) == {frozenset((1, 2))}
    assert find_overlaps(records)[0].clusters == ("251",)
    # at 4 digits they are different clusters
    assert find_overlaps(records, digits=4) == []
    # an initiative without occupations is open to every cluster
    records.append(initiative(4, small_atlas, ("AM01",)))
    assert overlapping_pairs(find_overlaps(records)) == {
        frozenset(p) for p in ((1, 2), (1, 4), (2, 4), (3, 4), (1, 3), (2, 3))}


def test_ended_and_national_initiatives(small_atlas):
    records = [initiative(1, small_atlas, ("AM01",)),
               initiative(2, small_atlas, ("AM01",), status="ended"),
               initiative(3, small_atlas, ("NL",)), initiative(4, small_atlas, ("NL",))]
    groups = find_overlaps(records)
    assert overlapping_pairs(groups) == {frozenset((3, 4))}  # national with national only
    assert groups[0].region == "NL"


def test_fragmentation_indicators_per_region(small_atlas):
    records = [
        initiative(1, small_atlas, ("AM01",), funding_type="structural", funding_amount=300.0,
                   has_outcomes=True),
        initiative(2, small_atlas, ("AM01",), funding_type="project", funding_amount=100.0),
        initiative(3, small_atlas, ("AM01",), funding_type="unknown"),
        initiative(4, small_atlas, ("NL",), funding_type="structural"),
        Record(id=9, type=TABLE, name="t", text="t", coverage=small_atlas.coverage("ES02"),
               labour_market_regions=("AM01", "AM02")),
    ]
    rows = {r.code: r for r in fragmentation(records, small_atlas)}
    am01 = rows["AM01"]
    assert (am01.initiatives, am01.tables) == (3, 1)  # the national one is not counted
    assert am01.structural_share == 0.5 and am01.project_share == 0.5  # unknown left out
    assert am01.structural_amount_share == 0.75
    assert am01.outcome_share == round(1 / 3, 4)
    assert am01.overlap_groups == 1
    assert am01.other_world == ("ES01", "ES02")
    am02 = rows["AM02"]
    assert (am02.initiatives, am02.tables, am02.structural_share) == (0, 1, None)
    res_rows = {r.code: r for r in fragmentation(records, small_atlas, kind="res")}
    assert res_rows["ES01"].initiatives == 3 and res_rows["ES01"].overlap_groups == 1


def test_res_mismatch_lists_res_regions_with_targets_but_no_energy_initiative(small_atlas):
    targets = {"ES01": ["2 TWh"], "ES02": ["1 TWh"]}
    records = [initiative(1, small_atlas, ("GM0004",), isco=("7411",)),  # electricians in ES02
               initiative(2, small_atlas, ("ES01",), isco=("2512",)),  # ICT: not energy work
               initiative(3, small_atlas, ("NL",), isco=("7127",))]  # national: no regional cover
    gaps = res_mismatch(records, small_atlas, targets)
    assert [g.code for g in gaps] == ["ES01"]
    assert gaps[0].labour_market_regions == ("AM01",)
    assert res_mismatch(records, small_atlas, {}) == []


clusters_ = st.frozensets(st.sampled_from(["25", "251", "2512", "2511", "74", "741", "7411",
                                           "712", "3"]), max_size=3)


@given(st.lists(clusters_, min_size=2, max_size=12))
def test_cluster_joining_equals_comparing_every_pair(sets):
    """The indexed join gives the same groups as comparing every pair of members."""
    parent = list(range(len(sets)))
    _join_compatible(sets, parent)
    fast = {frozenset(j for j in range(len(sets)) if _root(parent, j) == _root(parent, i))
            for i in range(len(sets))}
    slow_parent = list(range(len(sets)))
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            if _compatible(sets[i], sets[j]):
                slow_parent[_root(slow_parent, i)] = _root(slow_parent, j)
    slow = {frozenset(j for j in range(len(sets))
                      if _root(slow_parent, j) == _root(slow_parent, i))
            for i in range(len(sets))}
    assert fast == slow
