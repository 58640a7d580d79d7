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
