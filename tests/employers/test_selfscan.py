"""The self-scan engine: the questionnaire file, scoring, peer groups with the minimum group size,
weak themes, and aggregates with (secondary) suppression. Pure: no database."""

from __future__ import annotations

import csv
import io
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from banenbrug.employers import selfscan as S
from banenbrug.monitor.indicators import parse_indicator_csv
from banenbrug.monitor.regions import load_regions
from banenbrug.monitor.vocabulary import INDICATORS

Q = S.load_questionnaire()
FIRST = {q.key: q.options[0].key for q in Q.questions}
BEST = {q.key: max(q.options, key=lambda o: o.score).key for q in Q.questions}


def test_the_questionnaire_covers_the_action_plans_themes_with_sources():
    assert [t.key for t in Q.themes] == ["recruitment", "flexibility", "learning", "retention",
                                         "pay", "process"]
    assert 12 <= len(Q.questions) <= 20  # short
    for q in Q.questions:
        assert q.source and q.why.nl and q.why.en
        assert all(o.note.nl and o.note.en for o in q.options)
    for theme in Q.themes:  # the monitor knows every theme's indicator
        assert INDICATORS[theme.indicator].unit == "%"


def test_a_theme_scores_the_mean_of_its_answers_with_an_explanation_each():
    answers = dict(FIRST, selection="skills", open_hiring="anonymous")  # 100, 50, panel 0
    result = S.score(Q, answers)
    recruitment = next(t for t in result.themes if t.theme.key == "recruitment")
    assert recruitment.score == 50.0  # (100 + 50 + 0) / 3
    assert [(a.question.key, a.option.score) for a in recruitment.answers] == [
        ("selection", 100), ("open_hiring", 50), ("panel", 0)]
    assert recruitment.answers[0].option.note.nl.startswith("Selectie op vaardigheden")
    assert result.scores["flexibility"] == 0.0
    assert S.score(Q, BEST).scores == dict.fromkeys(result.scores, 100.0)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({q.key: st.sampled_from([o.key for o in q.options])
                              for q in Q.questions}), st.sampled_from(Q.questions))
def test_a_better_answer_never_lowers_its_theme_and_touches_no_other(answers, question):
    before = S.score(Q, answers).scores
    best = max(question.options, key=lambda o: o.score).key
    after = S.score(Q, dict(answers, **{question.key: best})).scores
    assert all(0 <= v <= 100 for v in before.values())
    assert after[question.theme] >= before[question.theme]
    assert {k: v for k, v in after.items() if k != question.theme} == {
        k: v for k, v in before.items() if k != question.theme}


def test_bad_answers_name_every_problem():
    with pytest.raises(S.ScanInputError, match="empty"):
        S.score(Q, {})
    answers = dict(FIRST, selection="gevoel", colour="blue")
    del answers["mentor"]
    with pytest.raises(S.ScanInputError) as caught:
        S.score(Q, answers)
    assert {(p.code, p.key) for p in caught.value.problems} == {
        ("unknown_answer", "selection"), ("unknown_question", "colour"), ("missing", "mentor")}
    assert caught.value.status_code == 422


def test_weak_themes_come_weakest_first():
    assert S.weak_themes({"pay": 50.0, "retention": 20.0, "process": 60.0, "learning": 20.0}
                         ) == ["retention", "learning", "pay"]


def _broken(mutate) -> dict:
    data = tomllib.loads(S.DATA.read_text(encoding="utf-8"))
    mutate(data)
    return data


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["questions"][0].update(theme="weather"),
     "question 'selection', field 'theme': unknown theme 'weather'"),
    (lambda d: d["questions"][1]["options"][0].update(score=140),
     "question 'open_hiring', option 'no', field 'score'"),
    (lambda d: d["questions"][2].update(key="selection"), "question 3, field 'key': 'selection' "
     "appears twice"),
    (lambda d: d["themes"][0]["steps"][0].update(link="initiatives:weather"),
     "theme 'recruitment', step 1, field 'link'"),
    (lambda d: d["questions"][0].pop("source"), "question 'selection', field 'source': missing"),
    (lambda d: d.update(questions=[q for q in d["questions"] if q["theme"] != "pay"]),
     "theme 'pay', field 'questions'"),
])
def test_a_bad_questionnaire_names_the_file_entry_and_field(mutate, message):
    with pytest.raises(S.QuestionnaireError) as caught:
        S.parse_questionnaire(_broken(mutate), "selfscan.toml")
    assert str(caught.value).startswith("selfscan.toml, ")
    assert message in str(caught.value)


def peers(n: int, sector: str = "sbi:F", region: str = "PV20", value: float = 50.0):
    return [S.Peer(sector, region, {"pay": value + i}) for i in range(n)]


def test_the_narrowest_group_with_at_least_ten_employers():
    same = peers(10)
    group = S.peer_group(same + peers(5, region="PV21"), "sbi:F", "PV20")
    assert (group.level, group.size) == ("sector_region", 10)
    assert group.themes["pay"] == S.Spread(52.2, 54.5, 56.8)  # quartiles of 50..59
    group = S.peer_group(peers(9) + peers(1, region="PV21"), "sbi:F", "PV20")
    assert (group.level, group.region, group.size) == ("sector", "NL", 10)
    group = S.peer_group(peers(9) + peers(1, sector="sbi:J"), "sbi:F", "PV20")
    assert (group.level, group.sector, group.size) == ("all", "all", 10)
    assert S.peer_group(peers(9), "sbi:F", "PV20") is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["sbi:C", "sbi:F", "sbi:J"]),
                          st.sampled_from(["PV20", "PV21", "PV22"]),
                          st.integers(0, 100)), max_size=40),
       st.sampled_from(["sbi:C", "sbi:F"]), st.sampled_from(["PV20", "PV21"]))
def test_a_shown_group_is_never_smaller_than_ten_and_is_the_narrowest(rows, sector, region):
    group = S.peer_group([S.Peer(s, r, {"pay": float(v)}) for s, r, v in rows], sector, region)
    same = sum(s == sector and r == region for s, r, _v in rows)
    in_sector = sum(s == sector for s, _r, _v in rows)
    if group is None:
        assert len(rows) < S.MIN_GROUP
        return
    assert group.size >= S.MIN_GROUP
    expected = ("sector_region" if same >= 10 else "sector" if in_sector >= 10 else "all")
    assert group.level == expected
    spread = group.themes["pay"]
    assert spread.low <= spread.median <= spread.high


def test_position_against_the_middle_half():
    spread = S.Spread(40.0, 50.0, 60.0)
    assert [S.position(v, spread) for v in (39.9, 40.0, 60.0, 60.1)] == [
        "below", "around", "around", "above"]


def dated(n: int, sector: str, region: str, value: float, period: str = "2026"):
    return [S.DatedScan(period, sector, region, {t.key: value for t in Q.themes})
            for _ in range(n)]


def test_aggregates_suppress_small_groups_and_what_a_total_would_reveal():
    scans = dated(12, "sbi:F", "PV20", 40.0) + dated(3, "sbi:C", "PV20", 90.0)
    result = S.aggregates(scans, Q.themes, example=False)
    cells = {(r.region, r.occupation_group) for r in result.published}
    hidden = {(region, group) for _p, region, group, _i in result.suppressed}
    # (sbi:C, PV20) has 3: suppressed. (all, PV20) - (sbi:F, PV20) would give it away, so
    # (sbi:F, PV20) goes too; the same holds nationally.
    assert hidden == {("PV20", "sbi:C"), ("PV20", "sbi:F"), ("NL", "sbi:C"), ("NL", "sbi:F")}
    assert cells == {("PV20", "all"), ("NL", "all")}
    total = next(r for r in result.published if r.region == "NL"
                 and r.indicator == "selfscan_pay")
    assert (total.value, total.base_n) == (50.0, 15)  # (12 * 40 + 3 * 90) / 15


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["sbi:C", "sbi:F", "sbi:J"]),
                          st.sampled_from(["PV20", "PV21"])), max_size=60))
def test_no_published_total_minus_its_published_parts_leaves_a_small_group(rows):
    sizes: dict = {}
    for sector, region in rows:
        for cell in (("2026", region, sector), ("2026", region, "all"), ("2026", "NL", sector),
                     ("2026", "NL", "all")):
            sizes[cell] = sizes.get(cell, 0) + 1
    hidden = S.suppressed_cells(sizes)
    assert all(sizes[c] >= 10 for c in sizes if c not in hidden)
    for total, parts in S._margins(sizes):
        if total not in hidden:
            left = sizes[total] - sum(sizes[c] for c in parts if c not in hidden)
            assert left == 0 or left >= 10


def test_the_csv_is_the_monitors_indicator_format():
    scans = dated(10, "sbi:F", "PV20", 40.0) + dated(10, "sbi:F", "PV21", 60.0, "2025")
    rows = S.aggregate_rows(S.aggregates(scans, Q.themes, example=True))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    text = out.getvalue()
    records = parse_indicator_csv(text, load_regions(None))  # the monitor's own importer
    assert {(r.period, r.region, r.occupation_group) for r in records} == {
        ("2026", "PV20", "sbi:F"), ("2026", "PV20", "all"), ("2026", "NL", "sbi:F"),
        ("2026", "NL", "all"), ("2025", "PV21", "sbi:F"), ("2025", "PV21", "all"),
        ("2025", "NL", "sbi:F"), ("2025", "NL", "all")}
    assert all(r.example and r.base_n == 10 for r in records)


def test_suppressed_rows_have_no_value_in_either_format():
    result = S.aggregates(dated(4, "sbi:F", "PV20", 40.0), Q.themes, example=False)
    assert result.published == []
    rows = S.aggregate_json(result)
    assert len(rows) == 4 * len(Q.themes)
    assert all(r["value"] is None and r["base_n"] is None and r["suppressed"] for r in rows)
    csv_rows = S.aggregate_rows(result)
    value, base_n = csv_rows[0].index("value"), csv_rows[0].index("base_n")
    assert all(row[value] == "" and row[base_n] == "" for row in csv_rows[1:])
