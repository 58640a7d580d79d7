"""Vacancy-text checks in Dutch and English: what is flagged, what is not, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from banenbrug.employers.inclusive_text import (
    VacancyText,
    WordListError,
    as_dict,
    check,
    language,
    read_word_list,
    word_list,
)

DUTCH = ("Wij zoeken een gedreven, zelfstandige monteur voor ons jonge team. Je hebt een "
         "afgeronde mbo-4 opleiding elektrotechniek en minimaal 5 jaar ervaring. Nederlands als "
         "moedertaal. Fulltime, 40 uur.")
ENGLISH = ("We are looking for a driven, competitive and analytical engineer to join our young "
           "team. A bachelor's degree is required, and 5+ years of experience. You are "
           "supportive and collaborative.")


def found(report) -> list[tuple[str, str]]:
    return [(f.category, f.words) for f in report.findings]


def test_a_dutch_vacancy_with_coded_and_exclusionary_wording():
    report = check(VacancyText(title="Monteur (m/v)", description=DUTCH,
                               part_time_possible=False), word_list())
    assert report.lang == "nl"
    assert found(report) == [
        ("binary", "(m/v)"),
        ("masculine", "gedreven"), ("masculine", "zelfstandige"), ("age", "jonge team"),
        ("diploma", "afgeronde mbo-4 opleiding"), ("experience", "minimaal 5 jaar ervaring"),
        ("origin", "moedertaal"), ("part_time", "Fulltime")]
    assert report.balance == "masculine"
    fix = {f.words: f.alternatives for f in report.findings}
    assert "(v/m/x)" in fix["(m/v)"]
    assert "Nederlands op niveau B1" in fix["moedertaal"]


def test_an_english_vacancy_is_checked_with_the_english_list():
    report = check(VacancyText(title="Field engineer", description=ENGLISH), word_list())
    assert report.lang == "en"
    assert found(report) == [
        ("masculine", "driven"), ("masculine", "competitive"), ("masculine", "analytical"),
        ("age", "young team"), ("diploma", "bachelor's degree"),
        ("experience", "5+ years of experience"), ("part_time", "")]
    assert report.masculine == ("driven", "competitive", "analytical")
    assert report.feminine == ("supportive", "collaborative")


def test_english_stems_never_fire_inside_dutch_words():
    # "compet*" / "commit*" would match Dutch "competenties" / "commitment" in an English check
    text = "Je werkt aan de competenties van het team en de warmtepomp van de klant."
    report = check(VacancyText(description=text, part_time_possible=True), word_list())
    assert report.lang == "nl"
    assert report.findings == ()
    assert report.feminine == ()  # "warm" is a word of its own, not the start of warmtepomp


def test_a_certificate_the_law_asks_for_is_not_a_needless_diploma_demand():
    text = "Een VCA-diploma is vereist. Een hbo-diploma is vereist."
    report = check(VacancyText(description=text, part_time_possible=True), word_list())
    assert found(report) == [("diploma", "hbo-diploma")]


def test_part_time_is_flagged_only_when_it_is_not_open():
    open_text = VacancyText(description="Je werkt 24 tot 32 uur per week.", part_time_possible=None)
    closed = VacancyText(description="Je werkt 24 tot 32 uur per week.", part_time_possible=False)
    silent = VacancyText(description="Je legt kabels aan.", part_time_possible=None)
    ticked = VacancyText(description="Je legt kabels aan.", part_time_possible=True)
    assert [f.category for f in check(open_text, word_list()).findings] == []
    assert [f.category for f in check(closed, word_list()).findings] == ["part_time"]
    assert [f.category for f in check(silent, word_list()).findings] == ["part_time"]
    assert [f.category for f in check(ticked, word_list()).findings] == []


def test_every_finding_explains_itself_in_the_reader_s_language():
    report = check(VacancyText(description=DUTCH, part_time_possible=False), word_list())
    dutch, english = as_dict(report, "nl"), as_dict(report, "en")
    assert dutch["balance_label"] == "Overwegend mannelijk gecodeerd"
    assert english["balance_label"] == "Mostly masculine-coded"
    assert all(f["message"] for f in dutch["findings"] + english["findings"])
    age = next(f for f in dutch["findings"] if f["category"] == "age")
    assert "leeftijd" in age["message"]
    assert "age" in next(f for f in english["findings"] if f["category"] == "age")["message"]


def test_language_is_told_by_function_words_and_dutch_wins_a_tie():
    assert language("You will work with the team and the customers") == "en"
    assert language("Je werkt met het team en de klanten") == "nl"
    assert language("Python Django") == "nl"


@pytest.mark.parametrize(("row", "message"), [
    ("sterk,word,nl,bold,,x", "line 2, category: 'bold'"),
    ("(unclosed,regex,nl,age,,x", "line 2, term:"),
    ("sterk,fuzzy,nl,masculine,,x", "line 2, match: 'fuzzy'"),
])
def test_a_bad_word_list_row_names_its_line_and_field(tmp_path: Path, row, message):
    path = tmp_path / "words.csv"
    path.write_text("term,match,lang,category,alternatives,source\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(WordListError, match=message.replace("(", r"\(")):
        read_word_list(path)


def test_the_shipped_word_list_reads_and_covers_both_languages():
    rules = word_list()
    for category in ("masculine", "feminine"):
        assert {r.lang for r in rules if r.category == category} == {"nl", "en"}
    assert all(r.source for r in rules)
