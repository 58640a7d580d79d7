"""`banenbrug evaluate` and `banenbrug import-outcomes` as scripts use them (in this process:
the console script itself is tested in tests/test_cli.py)."""

import json

import pytest

from tests.conftest import call_cli as _run
from tests.evaluation.nsw_data import experimental


@pytest.fixture(scope="module")
def nsw_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("nsw") / "nsw.csv"
    experimental().to_csv(path, index=False)
    return path


def test_evaluate_prints_the_json_contract(nsw_csv):
    done = _run("evaluate", str(nsw_csv), "--treatment", "treat", "--outcome", "re78",
                "--covariates", "age,educ,black,hisp,marr,nodegree,re74,re75", "--method",
                "dim", "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["method"] == "dim" and round(body["estimate"], 2) == 1794.34
    assert (body["n_treated"], body["n_control"]) == (185, 260)
    assert set(body["balance"]["age"]) >= {"smd_before", "smd_after"}
    assert isinstance(body["warnings"], list)


def test_evaluate_bad_input_exit_2_nothing_on_stdout(nsw_csv):
    done = _run("evaluate", str(nsw_csv), "--treatment", "age", "--outcome", "re78",
                "--format", "json")
    assert done.returncode == 2 and done.stdout == ""
    assert "nsw.csv, rij 2, kolom 'age': '37.0' is niet 0 of 1" in done.stderr


def test_evaluate_constant_outcome_is_refused(tmp_path):
    path = tmp_path / "flat.csv"
    path.write_text("d,y\n" + "".join(f"{i % 2},5\n" for i in range(40)))
    done = _run("evaluate", str(path), "--treatment", "d", "--outcome", "y", "--lang", "en")
    assert done.returncode == 2 and done.stdout == ""
    assert "same" in done.stderr.lower() or "gelijk" in done.stderr


@pytest.fixture(scope="module")
def nsw_groups_csv(tmp_path_factory):
    frame = experimental().copy()
    frame["ageband"] = ["<25" if a < 25 else "25+" for a in frame["age"]]
    frame["everyone"] = "ja"
    path = tmp_path_factory.mktemp("nsw") / "nsw_groups.csv"
    frame.to_csv(path, index=False)
    return path


def _evaluate(path, *extra):
    return _run("evaluate", str(path), "--treatment", "treat", "--outcome", "re78",
                "--covariates", "age,educ,black,hisp,marr,nodegree,re74,re75",
                "--bootstrap", "100", *extra)


def test_evaluate_json_has_sensitivity_refutations_and_groups(nsw_groups_csv):
    done = _evaluate(nsw_groups_csv, "--placebo-outcome", "re75", "--groups",
                     "ageband,black", "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    sens = body["sensitivity"]
    assert sens["scale"] == "standardised" and sens["evalue"] > sens["evalue_bound"] >= 1
    assert sens["message"].startswith("Een verstorende factor zou zowel met deelname als met "
                                      "de uitkomst een risicoverhouding van minstens ")
    assert "exp(0,91 × d)" in sens["message"]
    tests = {r["test"]: r for r in body["refutations"]}
    assert set(tests) == {"placebo_treatment", "random_common_cause", "data_subsets",
                          "placebo_outcome"}
    assert all(r["verdict"] in ("pass", "warn") and r["message"] for r in tests.values())
    assert body["placebo_outcome"] == "re75"
    columns = {c["column"]: c for c in body["groups"]}
    assert set(columns) == {"ageband", "black"}
    assert {g["value"] for g in columns["ageband"]["groups"]} == {"<25", "25+"}
    for g in columns["ageband"]["groups"]:
        assert g["ci_low"] < g["estimate"] < g["ci_high"]
    assert 0 <= columns["ageband"]["p_value"] <= 1


def test_evaluate_in_english_and_without_refutations(nsw_groups_csv):
    done = _evaluate(nsw_groups_csv, "--no-refute", "--lang", "en", "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["refutations"] == [] and body["groups"] == []
    assert body["sensitivity"]["message"].startswith("A confounder would need a risk ratio")


def test_evaluate_text_output_shows_verdicts(nsw_groups_csv):
    done = _evaluate(nsw_groups_csv, "--groups", "ageband")
    assert done.returncode == 0, done.stderr
    assert "Een verstorende factor" in done.stdout and "[in orde] Nepdeelname" in done.stdout
    assert "ageband (Q = " in done.stdout


@pytest.mark.parametrize(("groups", "message"), [
    ("everyone", "Groepskolom 'everyone': iedereen heeft dezelfde waarde ('ja')"),
    ("gender", "de kolom 'gender' ontbreekt"),
])
def test_evaluate_bad_group_column_exit_2(nsw_groups_csv, groups, message):
    done = _evaluate(nsw_groups_csv, "--groups", groups, "--format", "json")
    assert done.returncode == 2 and done.stdout == ""
    assert message in done.stderr
