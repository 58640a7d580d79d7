"""The fairness audit: a known skew is detected; a group under 10 people is hidden."""

from __future__ import annotations

import pytest

from banenbrug.matching import fairness, reports
from banenbrug.people.models import GroupStatistics
from tests.world import make_seeker


def test_a_known_skew_is_flagged_by_the_four_fifths_rule():
    women = list(range(0, 40))
    men = list(range(100, 140))
    tiny = list(range(200, 205))  # 5 people: below the minimum
    groups = {p: {"gender": "woman"} for p in women} | {p: {"gender": "man"} for p in men} | {
        p: {"gender": "other"} for p in tiny}
    pool = women + men + tiny + [300]  # 300 gave no group data
    # Two vacancies; each recommends 10 men and 4 women and one 'other'.
    recommended = [men[:10] + women[:4] + tiny[:1], men[10:20] + women[4:8] + tiny[1:2]]
    rows = {r.group: r for r in fairness.audit(groups, pool, recommended, ["gender"])}
    assert rows["man"].selection_rate == pytest.approx(20 / (40 * 2))
    assert rows["woman"].selection_rate == pytest.approx(8 / (40 * 2))
    assert rows["man"].impact_ratio == pytest.approx(1.0) and not rows["man"].flagged
    assert rows["woman"].impact_ratio == pytest.approx(0.4) and rows["woman"].flagged
    assert rows["woman"].recommended_share == pytest.approx(8 / 28)
    assert rows["woman"].pool_share == pytest.approx(0.5)
    hidden = rows["other"]
    assert hidden.hidden and hidden.pool is None and hidden.selection_rate is None


def test_equal_treatment_is_not_flagged():
    groups = {p: {"age_band": "<27" if p % 2 else "50+"} for p in range(40)}
    recommended = [list(range(10)), list(range(10, 20))]
    rows = fairness.audit(groups, range(40), recommended, ["age_band"])
    assert all(not r.flagged and r.impact_ratio == pytest.approx(1.0) for r in rows)


def test_the_report_on_the_database_hides_small_groups(esco_world):
    """Consenting electricians (all women) get recommended for the solar job; bakers (men) not."""
    from banenbrug.matching import profiles
    from tests.world import BAKER, ELECTRICIAN

    for _ in range(12):
        s = make_seeker()
        profiles.add_experience(s, ELECTRICIAN, 2)
        GroupStatistics.objects.create(seeker=s, gender="woman")
    for _ in range(12):
        s = make_seeker()
        profiles.add_experience(s, BAKER, 2)
        GroupStatistics.objects.create(seeker=s, gender="man")
    for _ in range(3):
        GroupStatistics.objects.create(seeker=make_seeker(), gender="other")
    report = reports.fairness_report([esco_world.vacancy.pk], top=12)
    rows = {r["group"]: r for r in report["rows"] if r["dimension"] == "gender"}
    assert rows["other"]["hidden"] and rows["other"]["pool"] is None
    assert rows["woman"]["selection_rate"] > rows["man"]["selection_rate"]
    assert rows["man"]["flagged"] and not rows["woman"]["flagged"]
    assert "seeker_id" not in str(report)  # aggregates only
