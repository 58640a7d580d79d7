"""Bad input: clear errors naming file, row and column; never a half-read file."""

import pytest

from banenbrug.evaluation.evaluate_file import evaluate_file
from banenbrug.evaluation.issues import EvaluationError
from banenbrug.evaluation.outcome_format import OutcomeFileError, parse_outcome_file

GOOD = "d,y,x\n" + "".join(f"{i % 2},{i * 1.5 + (i % 2)},{i % 7}\n" for i in range(60))


def _error(text: str, **kw) -> EvaluationError:
    with pytest.raises(EvaluationError) as info:
        evaluate_file(text.encode(), name="data.csv", **kw)
    return info.value


def test_missing_column_is_named():
    err = _error(GOOD, treatment="d", outcome="earnings")
    assert err.code == "missing_column"
    assert err.params["column"] == "earnings" and err.params["file"] == "data.csv"


def test_non_binary_treatment_names_row_and_column():
    text = GOOD.replace("\n1,", "\n2,", 1)
    err = _error(text, treatment="d", outcome="y")
    assert (err.code, err.params["column"], err.params["row"], err.params["value"]) == (
        "not_binary", "d", 3, "2")


def test_text_in_a_numeric_column_names_row_and_column():
    lines = GOOD.splitlines()
    lines[10] = "0,abc,3"
    err = _error("\n".join(lines) + "\n", treatment="d", outcome="y", covariates="x")
    assert (err.code, err.params["row"], err.params["column"], err.params["value"]) == (
        "not_a_number", 11, "y", "abc")


def test_empty_cell_is_reported():
    lines = GOOD.splitlines()
    lines[5] = "1,3,"
    err = _error("\n".join(lines) + "\n", treatment="d", outcome="y", covariates="x")
    assert (err.code, err.params["row"], err.params["column"]) == ("empty_value", 6, "x")


def test_only_one_group():
    text = "d,y\n" + "".join(f"1,{i}\n" for i in range(30))
    assert _error(text, treatment="d", outcome="y").code == "one_group"


def test_semicolons_and_decimal_commas_from_dutch_spreadsheets():
    text = GOOD.replace(",", ";").replace(".", ",")
    ev = evaluate_file(text.encode(), treatment="d", outcome="y", name="nl.csv")
    reference = evaluate_file(GOOD.encode(), treatment="d", outcome="y", name="en.csv")
    assert ev.estimate.estimate == pytest.approx(reference.estimate.estimate)


HEADER = ("initiative,participant,start_date,age,education_level,prior_earnings,"
          "benefit_months,region,situation,employed_12m,tech_job_12m,initiative_cost\n")


def test_outcome_file_reports_every_problem_with_row_and_column():
    text = HEADER + (
        "A,1,2024-01-05,30,middelbaar,20000,3,Twente,werkzoekend,1,1,5000\n"
        "A,1,2024-13-05,30,middelbaar,20000,3,Twente,werkzoekend,1,1,5000\n"
        "A,0,2024-01-05,thirty,middelbaar,20000,3,Twente,werkzoekend,1,0,\n"
        "A,0,2024-01-05,30,universitair,20000,3,Twente,werkzoekend,0,1,\n"
        "A,1,2024-01-05,30,laag,20000,3,Twente,werkzoekend,1,0,6000\n")
    with pytest.raises(OutcomeFileError) as info:
        parse_outcome_file(text, "uitkomsten.csv")
    found = {(p.code, p.params["row"], p.params["column"]) for p in info.value.problems}
    assert found == {("bad_date", 3, "start_date"), ("not_a_number", 4, "age"),
                     ("bad_choice", 5, "education_level"),
                     ("contradiction", 5, "tech_job_12m"),
                     ("inconsistent_cost", 6, "initiative_cost")}


def test_outcome_file_refuses_unknown_columns_such_as_names():
    text = HEADER.strip() + ",name\nA,1,2024-01-05,30,laag,0,3,Twente,werkzoekend,1,1,,Jan\n"
    with pytest.raises(OutcomeFileError) as info:
        parse_outcome_file(text, "x.csv")
    assert info.value.problems[0].params["column"] == "name"


def test_outcome_file_parses_optional_outcomes_as_unknown():
    text = HEADER + "A,1,05-01-2024,30,laag,0,3,Twente,werkzoekend,,,\n"
    parsed = parse_outcome_file(text, "x.csv")
    record = parsed.records["A"][0]
    assert record["employed_12m"] is None and record["start_date"].isoformat() == "2024-01-05"
    assert record["row"] == 2


def test_outcome_file_reads_self_reported_groups_as_optional():
    header = HEADER.strip() + ",gender,migration_background\n"
    text = header + ("A,1,2024-01-05,30,laag,0,3,Twente,werkzoekend,1,1,,Vrouw,tweede_generatie\n"
                     "A,0,2024-01-05,31,laag,0,3,Twente,werkzoekend,1,0,,,\n")
    first, second = parse_outcome_file(text, "x.csv").records["A"]
    assert (first["gender"], first["migration_background"]) == ("vrouw", "tweede_generatie")
    assert (second["gender"], second["migration_background"]) == ("", "")
    bad = header + "A,1,2024-01-05,30,laag,0,3,Twente,werkzoekend,1,1,,v,allochtoon\n"
    with pytest.raises(OutcomeFileError) as info:
        parse_outcome_file(bad, "x.csv")
    found = {(p.code, p.params["row"], p.params["column"]) for p in info.value.problems}
    assert found == {("bad_choice", 2, "gender"), ("bad_choice", 2, "migration_background")}
    # a file without the columns still reads, with nothing reported
    assert parse_outcome_file(HEADER + "A,1,05-01-2024,30,laag,0,3,Twente,werkzoekend,,,\n",
                              "x.csv").records["A"][0]["gender"] == ""


@pytest.mark.parametrize("cut, words", [
    (lambda t: t[:-1], "no line end"),  # the last row without its line end
    (lambda t: t + '1,"2', "quoted field"),  # a quoted field left open at the end
])
def test_a_truncated_file_is_not_evaluated(cut, words):
    err = _error(cut(GOOD), treatment="d", outcome="y")
    assert err.code == "unreadable" and words in err.params["reason"]


def test_an_outcome_row_repeated_exactly_is_refused_with_both_rows():
    line = "A,1,2024-01-05,30,laag,0,3,Twente,werkzoekend,1,1,\n"
    other = "A,0,2024-01-05,31,laag,0,3,Twente,werkzoekend,1,0,\n"
    with pytest.raises(OutcomeFileError) as info:
        parse_outcome_file(HEADER + line + other + line, "x.csv")
    assert [(p.code, p.params["row"], p.params["first"]) for p in info.value.problems] == [
        ("duplicate_row", 4, 2)]
