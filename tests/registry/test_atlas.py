"""The map of both worlds: the pure atlas on a small map and on the real CBS files."""

import re
from collections import Counter

import pytest

from banenbrug.atlas import LABOUR_MARKET, RES, AtlasError, from_csv, normalise, read_atlas
from banenbrug.conf.paths import data_dir


def test_coverage_reduces_every_place_to_municipalities(small_atlas):
    assert small_atlas.coverage("AM01") == {"GM0001", "GM0002", "GM0003"}
    assert small_atlas.coverage("ES02") == {"GM0003", "GM0004", "GM0005"}
    assert small_atlas.coverage("GM0004") == {"GM0004"}
    assert small_atlas.coverage("NL") == set(small_atlas.municipalities)
    assert small_atlas.coverage("XX99") == set()


def test_overlap_counts_shared_municipalities_with_the_other_world(small_atlas):
    assert small_atlas.overlap("AM01", RES) == {"ES01": 2, "ES02": 1}
    assert small_atlas.overlap("ES02", LABOUR_MARKET) == {"AM01": 1, "AM02": 2}


def test_names_are_found_without_accents_case_or_punctuation(small_atlas):
    kinds = {p.kind for p in small_atlas.names["middenstad"]}
    assert kinds == {"municipality", "res"}
    assert normalise("Súdwest-Fryslân") == "sudwest fryslan"
    assert normalise("'s-Gravenhage") == "s gravenhage"


def test_bad_csv_names_file_row_and_column(tmp_path):
    path = tmp_path / "municipalities_2025.csv"
    header = ("municipality_code,municipality,labour_market_region_code,labour_market_region,"
              "res_region_code,res_region,province_code,province\n")
    path.write_text(header + "GM0001,A,AM01,X,ES01,Y,PV01,Z\nGM0002,B,AM01,X,,Y,PV01,Z\n")
    with pytest.raises(AtlasError, match="row 3: empty res_region_code"):
        from_csv(path)
    path.write_text(header + "GM0001,A,ES01,X,ES01,Y,PV01,Z\n")
    with pytest.raises(AtlasError, match="row 2: labour_market_region_code 'ES01'"):
        from_csv(path)


# --- the real files -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_atlas():
    return read_atlas(data_dir() / "regions")


def test_real_region_lists_are_complete(real_atlas):
    assert len(real_atlas.of_kind(LABOUR_MARKET)) == 35
    assert len(real_atlas.of_kind(RES)) == 30
    assert len(real_atlas.of_kind("province")) == 12
    assert len(real_atlas.municipalities) == 342
    assert {p.code for p in real_atlas.of_kind(RES)} == {f"ES{n:02d}" for n in range(1, 31)}


def test_every_real_municipality_lies_in_exactly_one_region_of_each_kind(real_atlas):
    for kind in (LABOUR_MARKET, RES, "province"):
        counts = Counter(m for p in real_atlas.of_kind(kind) for m in real_atlas.coverage(p.code))
        assert set(counts) == set(real_atlas.municipalities), kind
        assert set(counts.values()) == {1}, kind
    # and every labour-market and RES region holds at least one municipality
    assert all(real_atlas.coverage(p.code) for p in real_atlas.of_kind(LABOUR_MARKET))
    assert all(real_atlas.coverage(p.code) for p in real_atlas.of_kind(RES))


def test_real_places_in_both_worlds(real_atlas):
    dordrecht = real_atlas.municipalities["GM0505"]
    assert (dordrecht.labour_market, dordrecht.res) == ("AM23", "ES18")
    assert real_atlas.regions["ES18"].name == "Drechtsteden"
    # Rijnmond reaches into several RES regions: the two worlds do not line up
    assert len(real_atlas.overlap("AM22", RES)) > 1
    assert {p.code for p in real_atlas.names["den haag"]} == {"GM0518"}


def test_a_region_folder_without_all_its_files_names_what_is_missing(tmp_path):
    (tmp_path / "municipalities_2025.csv").write_text("municipality_code\n", encoding="utf-8")
    with pytest.raises(AtlasError, match=re.escape(
            "missing: arbeidsmarktregio_2025.geojson, regionale_energiestrategie_2025.geojson, "
            "provincie_2025.geojson, gemeente_2025.geojson")):
        read_atlas(tmp_path)
