"""Reading O*NET files and building ESCO interest profiles (pure; no database)."""

from __future__ import annotations

import numpy as np
import pytest

from banenbrug.orientation import onet
from banenbrug.orientation.profiles import OccupationRef, Source, build_profiles
from tests.orientation.world import ONET, write_onet


@pytest.fixture
def data(tmp_path) -> onet.OnetData:
    folder = write_onet(tmp_path / "onet", extra_crosswalk=(
        ("7411.1", "47-2111.00"),  # a duplicate row must not double-count
        ("2512.9", "15-1252.00"), ("2512.9", "15-2051.00"),  # one ESCO code, two O*NET codes
        ("2512.8", "15-1299.00"),  # an O*NET code without interest data
        ("3333", "41-4011.00"),  # an ISCO unit group row
    ))
    return onet.read_onet(folder)


def test_readers_keep_six_scores_job_zones_and_skip_the_notes_under_the_crosswalk(data):
    assert set(data.interests) == set(ONET)
    np.testing.assert_allclose(data.interests["49-9021.00"], [6.5, 3.0, 1.2, 1.9, 1.8, 4.5])
    assert data.job_zones["15-2051.00"] == 5
    assert ("7127.1", "49-9021.00") in data.crosswalk
    assert all(code and onet_code for code, onet_code in data.crosswalk)


def test_profiles_average_several_codes_and_borrow_from_the_unit_group(data):
    refs = [OccupationRef("a", "2512.9", "2512"), OccupationRef("b", "7411.1", "7411"),
            OccupationRef("c", "7411.7", "7411"), OccupationRef("d", "3333.1", "3333"),
            OccupationRef("e", "2512.8", "2512"), OccupationRef("f", "9999.1", "9999")]
    table = build_profiles(refs, data)
    assert table.sources == (Source.DIRECT, Source.DIRECT, Source.ISCO_GROUP,
                             Source.ISCO_CROSSWALK, Source.ISCO_GROUP, Source.NONE)
    expected = (np.array(ONET["15-1252.00"][0]) + np.array(ONET["15-2051.00"][0])) / 2
    np.testing.assert_allclose(table.profiles[0], expected)
    assert table.job_zones[0] == pytest.approx(4.5)
    np.testing.assert_allclose(table.profiles[1], ONET["47-2111.00"][0])  # no double count
    np.testing.assert_allclose(table.profiles[2], table.profiles[1])  # only peer is b
    np.testing.assert_allclose(table.profiles[3], ONET["41-4011.00"][0])
    np.testing.assert_allclose(table.profiles[4], table.profiles[0])  # peer a (e has no data)
    assert np.isnan(table.profiles[5]).all() and np.isnan(table.job_zones[5])
    assert table.onet_codes[0] == ("15-1252.00", "15-2051.00")
    assert table.counts() == {"direct": 2, "isco_group": 2, "isco_crosswalk": 1, "none": 1}


def test_bad_files_name_file_row_and_column(tmp_path):
    folder = write_onet(tmp_path / "onet")
    text = (folder / "Interests.txt").read_text().splitlines()
    text[3] = text[3].replace("\t1.20\t", "\t9.50\t")
    (folder / "Interests.txt").write_text("\n".join(text) + "\n")
    with pytest.raises(onet.OnetInputError, match=r"Interests.txt, row 4, column 'Data Value'"):
        onet.read_interests(folder / "Interests.txt")
    (folder / "Job Zones.txt").write_text("O*NET-SOC Code\tJob Zone\n11-1011.00\tsix\n")
    with pytest.raises(onet.OnetInputError, match=r"Job Zones.txt, row 2, column 'Job Zone'"):
        onet.read_job_zones(folder / "Job Zones.txt")
    (folder / "Job Zones.txt").write_text("Code\tZone\n")
    with pytest.raises(onet.OnetInputError, match="missing column"):
        onet.read_job_zones(folder / "Job Zones.txt")
    with pytest.raises(onet.OnetInputError, match="file not found"):
        onet.read_crosswalk(folder / "missing.xlsx")


def test_crosswalk_header_must_be_on_the_fourth_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["ESCO/ISCO Code", "ESCO/ISCO Title", "O*NET-SOC 2019 Code", "x"])
    book.save(tmp_path / "cw.xlsx")
    with pytest.raises(onet.OnetInputError, match="row 4: expected header"):
        onet.read_crosswalk(tmp_path / "cw.xlsx")
