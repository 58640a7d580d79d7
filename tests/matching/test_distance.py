"""Distance in matching: the haversine on real municipality centroids, the decay, the
fallback to regions, and the rule that a vacancy needs one held skill to be a match."""

from __future__ import annotations

import numpy as np
import pytest

from banenbrug.atlas import files_atlas
from banenbrug.matching.distance import distance_fit, haversine_km
from banenbrug.matching.engine import MatchingEngine, MatchParams, People, Vacancies
from tests.matching.test_engine import FAM_1, FAM_2, FAMILY, IDF, A, B, C, D, rows

UTRECHT, AMERSFOORT, AMSTERDAM, HAARLEM = "GM0344", "GM0307", "GM0363", "GM0392"
GRONINGEN, MAASTRICHT = "GM0014", "GM0935"


def km(a: str, b: str) -> float:
    centroids = files_atlas().centroids
    return float(haversine_km(*centroids[a], *centroids[b]))


def test_haversine_on_known_municipality_pairs():
    # Published straight-line distances between the towns (Wikipedia coordinates: Utrecht
    # 52.09 N 5.12 E, Amersfoort 52.15 N 5.38 E, about 20 km apart; Amsterdam-Haarlem about
    # 18 km; Groningen-Maastricht about 270 km). Municipality centroids are not town centres
    # (Utrecht's lies west, towards Vleuten-De Meern; Rotterdam's far west, in the port, which
    # is why it is not a pair here), hence the margins.
    assert km(UTRECHT, AMERSFOORT) == pytest.approx(20, abs=4)
    assert km(AMSTERDAM, HAARLEM) == pytest.approx(18, abs=3)
    assert km(GRONINGEN, MAASTRICHT) == pytest.approx(270, rel=0.05)
    assert km(UTRECHT, UTRECHT) == 0
    assert km(UTRECHT, AMERSFOORT) == pytest.approx(km(AMERSFOORT, UTRECHT))


def test_haversine_of_the_equator_and_unknowns():
    # A quarter of the earth's circumference along the equator: pi/2 x 6371 km.
    assert float(haversine_km(0, 0, 0, 90)) == pytest.approx(np.pi / 2 * 6371.0088)
    assert np.isnan(haversine_km(np.nan, 5.0, 52.0, 5.0))


def test_every_centroid_lies_in_the_netherlands():
    lat, lon = np.array(list(files_atlas().centroids.values())).T
    assert len(lat) == 342
    assert lat.min() > 50.7 and lat.max() < 53.6 and lon.min() > 3.3 and lon.max() < 7.3


def test_decay_is_monotone_full_nearby_and_halves_every_half_km():
    d = np.linspace(0, 400, 4001)
    fit = distance_fit(d, 10, 20)
    assert np.all(np.diff(fit) <= 0) and fit.min() >= 0
    assert fit[d <= 10].min() == 1.0
    assert distance_fit(np.array([30.0, 50.0]), 10, 20).tolist() == [0.5, 0.25]


def places(n: int, lat: list[float], lon: list[float], region: list[int],
           province: list[int]) -> dict:
    return {"hours_min": np.full(n, 32.0), "hours_max": np.full(n, 40.0),
            "region": np.array(region), "province": np.array(province),
            "lat": np.array(lat), "lon": np.array(lon)}


def test_nearer_vacancy_ranks_first_and_unknowns_fall_back_to_regions():
    engine = MatchingEngine(IDF, FAMILY)
    utrecht, amersfoort, maastricht = (files_atlas().centroids[c]
                                       for c in (UTRECHT, AMERSFOORT, MAASTRICHT))
    person = People(rows([{A}]), **places(1, [utrecht[0]], [utrecht[1]], [0], [0]))
    same = [{A}] * 4
    vac = Vacancies(rows(same), rows([set()] * 4), part_time_possible=np.zeros(4, bool),
                    **places(4, [maastricht[0], amersfoort[0], np.nan, np.nan],
                             [maastricht[1], amersfoort[1], np.nan, np.nan],
                             [5, 1, 0, 2], [3, 0, 0, 0]))
    found = engine.top_vacancies(person, 0, vac, k=4)
    by_vacancy = {m.vacancy: m for m in found}
    # the same skills everywhere: Amersfoort (about 20 km) before Maastricht (about 170 km)
    assert found[0].vacancy in (1, 2) and by_vacancy[1].score > by_vacancy[0].score
    assert by_vacancy[1].distance_km == pytest.approx(km(UTRECHT, AMERSFOORT))
    # without a municipality: the region rule (same region 1, same province 0.5)
    assert np.isnan(by_vacancy[2].distance_km) and by_vacancy[2].place_fit == 1.0
    assert by_vacancy[3].place_fit == 0.5
    # a person without a municipality: regions only, whatever the vacancies have
    nowhere = People(rows([{A}]), **places(1, [np.nan], [np.nan], [1], [0]))
    assert engine.top_vacancies(nowhere, 0, vac, k=4)[0].vacancy == 1  # same region
    old = People(rows([{A}]), hours_min=np.array([32.0]), hours_max=np.array([40.0]),
                 region=np.array([1]), province=np.array([0]))  # no coordinates at all
    assert [m.place_fit for m in engine.top_vacancies(old, 0, vac, k=4)][:1] == [1.0]


def test_holding_nothing_requested_never_beats_holding_some():
    """The bug of issue 15: '0 gevraagde vaardigheden heb je al' ranked above better fits. A
    learn-work vacancy whose training teaches every skill (skill fit 0.5 without anything
    held) and one whose skills are all near misses (0.5 each) came before a vacancy where the
    person holds one of three skills (1/3)."""
    engine = MatchingEngine(IDF, FAMILY)
    person = People(rows([{A, FAM_2}]), hours_min=np.array([32.0]),
                    hours_max=np.array([40.0]), region=np.array([0]), province=np.array([0]))
    vac = Vacancies(rows([{B, C}, {FAM_1}, {A, D, C}]), rows([set()] * 3),
                    hours_min=np.full(3, 32.0), hours_max=np.full(3, 40.0),
                    part_time_possible=np.zeros(3, bool), region=np.zeros(3, int),
                    province=np.zeros(3, int), learnable=rows([{B, C}, set(), set()]))
    found = engine.top_vacancies(person, 0, vac, k=3)
    assert found[0].vacancy == 2 and found[0].score == pytest.approx(1 / 3)
    assert {m.vacancy: m.score for m in found[1:]} == {0: 0.0, 1: 0.0}
    assert engine.explain(person, 0, vac, 0).score == 0.0
    assert engine.candidate_scores(vac, 0, person)[0] == 0.0
    # the training still counts once something is held: B held, C taught
    person_b = People(rows([{B}]), hours_min=np.array([32.0]), hours_max=np.array([40.0]),
                      region=np.array([0]), province=np.array([0]))
    assert engine.top_vacancies(person_b, 0, vac, k=1)[0].score == pytest.approx(0.75)
    # and where nothing is held, no other weight lifts it: not even a perfect place and hours
    assert MatchingEngine(IDF, FAMILY, MatchParams(place_weight=0, hours_weight=0)
                          ).vacancy_scores(person, 0, vac)[:2].tolist() == [0.0, 0.0]
