"""Faceted search and the finder on hand-made records (pure, no database)."""

from banenbrug.registry.query import parse
from banenbrug.registry.search import INITIATIVE, TABLE, Filters, Record, find, search


def record(id, atlas, type=INITIATIVE, regions=("AM01",), text="", **extra):
    national = regions == ("NL",)
    coverage = atlas.coverage_of(regions)
    return Record(id=id, type=type, name=f"r{id}", text=f"r{id} {text}", coverage=coverage,
                  national=national, region_codes=() if national else tuple(regions),
                  labour_market_regions=tuple(atlas.regions_touching(coverage, "labour_market")),
                  res_regions=tuple(atlas.regions_touching(coverage, "res")), **extra)


def ids(result):
    return sorted(r.id for r in result.hits)


def test_free_text_women_into_ict_in_a_place(small_atlas):
    records = [
        record(1, small_atlas, target_groups=frozenset({"women"}), isco_codes=frozenset({"2512"})),
        record(2, small_atlas, target_groups=frozenset({"youth"}), isco_codes=frozenset({"2512"})),
        record(3, small_atlas, target_groups=frozenset({"women"}), isco_codes=frozenset({"7411"})),
        record(4, small_atlas, regions=("AM02",), target_groups=frozenset({"women"}),
               isco_codes=frozenset({"2512"})),
        record(5, small_atlas, regions=("NL",), target_groups=frozenset({"women"}),
               text="digitale vaardigheden"),
    ]
    f = Filters.from_query(parse("vrouwen in ICT in Noorddorp", small_atlas))
    result = search(records, small_atlas, f)
    assert ids(result) == [1, 5]  # 5: national, and ICT through its words
    assert result.hits[-1].id == 5  # national after regional
    assert result.facets.target_groups == {"women": 2}


def test_tables_on_heat_pumps_in_a_res_region(small_atlas):
    records = [
        record(1, small_atlas, type=TABLE, regions=("AM02",), themes=frozenset({"heat_pump"})),
        record(2, small_atlas, type=TABLE, regions=("AM01",), themes=frozenset({"heat_pump"})),
        record(3, small_atlas, type=TABLE, regions=("GM0004",), themes=frozenset({"ict"})),
        record(4, small_atlas, regions=("AM02",), isco_codes=frozenset({"7127"})),
    ]
    parsed = parse("tafels over warmtepompen in RES-regio Middenstad", small_atlas)
    result = search(records, small_atlas, Filters.from_query(parsed))
    # ES02 reaches both labour-market regions; 3 is off-theme; 4 is not a table
    assert ids(result) == [1, 2]


def test_facets_are_or_within_and_across(small_atlas):
    records = [record(1, small_atlas, kind="matching", status="active"),
               record(2, small_atlas, kind="retention", status="active"),
               record(3, small_atlas, kind="matching", status="ended")]
    f = Filters(kinds=frozenset({"matching", "retention"}), statuses=frozenset({"active"}))
    assert ids(search(records, small_atlas, f)) == [1, 2]
    assert ids(search(records, small_atlas, Filters(terms=("r3",)))) == [3]
    assert ids(search(records, small_atlas, Filters(places=("GM0004",)))) == []


def test_finder_ranks_regional_tables_first_and_skips_ended(small_atlas):
    records = [
        record(1, small_atlas, type=TABLE, regions=("NL",), themes=frozenset({"ict"})),
        record(2, small_atlas, type=TABLE, regions=("ES01",), themes=frozenset({"ict"}),
               target_groups=frozenset({"women"})),
        record(3, small_atlas, type=TABLE, regions=("AM01",), themes=frozenset({"grid"})),
        record(4, small_atlas, type=TABLE, regions=("AM02",), themes=frozenset({"ict"})),
        record(5, small_atlas, regions=("AM01",), isco_codes=frozenset({"2512"}),
               target_groups=frozenset({"women"})),
        record(6, small_atlas, regions=("AM01",), isco_codes=frozenset({"2512"}),
               target_groups=frozenset({"youth"})),
        record(7, small_atlas, regions=("AM01",), isco_codes=frozenset({"2512"}),
               target_groups=frozenset({"women"}), status="ended"),
    ]
    found = find(records, small_atlas, "GM0002", theme="ict", target_group="women")
    assert [s.record.id for s in found.tables] == [2, 1]
    assert found.tables[0].reasons == ("region", "theme", "target_group")
    assert found.tables[1].reasons == ("national", "theme", "open")
    assert [s.record.id for s in found.initiatives] == [5]
