"""A small two-world map for the pure tests, and the real regions for database tests.

Small map: labour-market regions AM01 (GM1, GM2, GM3) and AM02 (GM4, GM5); RES regions ES01
(GM1, GM2) and ES02 (GM3, GM4, GM5), so ES02 straddles both labour-market regions.
"""

import pytest

from banenbrug.atlas import LABOUR_MARKET, PROVINCE, RES, Atlas, Municipality, Place


@pytest.fixture
def small_atlas() -> Atlas:
    municipalities = {
        "GM0001": Municipality("GM0001", "Noorddorp", "AM01", "ES01", "PV01"),
        "GM0002": Municipality("GM0002", "Oosthaven", "AM01", "ES01", "PV01"),
        "GM0003": Municipality("GM0003", "Middenstad", "AM01", "ES02", "PV01"),
        "GM0004": Municipality("GM0004", "Zuidveen", "AM02", "ES02", "PV02"),
        "GM0005": Municipality("GM0005", "Westwoud", "AM02", "ES02", "PV02"),
    }
    regions = {
        "AM01": Place("AM01", "Noordregio", LABOUR_MARKET),
        "AM02": Place("AM02", "Zuidregio", LABOUR_MARKET),
        "ES01": Place("ES01", "Kustenergie", RES),
        "ES02": Place("ES02", "Middenstad", RES),  # shares its name with a municipality
        "PV01": Place("PV01", "Bovenland", PROVINCE),
        "PV02": Place("PV02", "Benedenland", PROVINCE),
    }
    return Atlas(municipalities, regions)


@pytest.fixture
def real_regions(db):
    """The real CBS regions loaded into the test database."""
    from banenbrug.registry.regions import load_regions

    return load_regions()
