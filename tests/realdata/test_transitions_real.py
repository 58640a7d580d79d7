"""Career transitions on the full ESCO data, through the real command line."""

import csv

from tests.conftest import cli_json, run_cli

OCC = "http://data.europa.eu/esco/occupation/"
PLUMBER = OCC + "ed3cf43d-c2c1-4c46-82fc-1375e27e0290"
ELECTRICIAN = OCC + "4910419f-b4af-4f59-b544-9dbebc8a74f0"
SOLAR_TECHNICIAN = OCC + "75b63949-1b93-4bf2-a777-ccf978dc3e8a"
HEATING_TECHNICIAN = OCC + "7259dc48-004a-4ceb-aa4e-5bbd548c2397"


def _uris(result):
    return [t["uri"] for t in result["transitions"]]


def test_contract_shape_green_filter_and_order(real_env):
    result = cli_json(real_env, "transitions", PLUMBER, "--green", "--top", "20")
    assert result["from"] == {**result["from"], "uri": PLUMBER, "label": "loodgieter"}
    assert len(result["transitions"]) == 20
    assert all(t["green"] for t in result["transitions"])
    scores = [t["score"] for t in result["transitions"]]
    assert scores == sorted(scores, reverse=True)
    first = result["transitions"][0]
    assert all({"uri", "label"} <= g.keys() for g in first["missing_essential_skills"])
    assert PLUMBER not in _uris(result)


def test_known_practical_switches_rank_high(real_env):
    # An electrician installs solar panels after a short course; a plumber becomes a heating
    # (heat pump) technician: both are standard routes in Dutch installation-sector retraining.
    electrician = cli_json(real_env, "transitions", ELECTRICIAN, "--green", "--top", "10")
    assert SOLAR_TECHNICIAN in _uris(electrician)
    plumber = cli_json(real_env, "transitions", "loodgieter", "--green", "--top", "10")
    assert HEATING_TECHNICIAN in _uris(plumber)


def test_a_profile_with_more_experience_scores_at_least_as_high(real_env):
    alone = cli_json(real_env, "transitions", PLUMBER, "--top", "30")
    both = cli_json(real_env, "transitions", PLUMBER, "--also", ELECTRICIAN, "--top", "30")
    scores = {t["uri"]: t["score"] for t in alone["transitions"]}
    better = {t["uri"]: t["score"] for t in both["transitions"]}
    shared = scores.keys() & better.keys()
    assert shared and all(better[u] >= scores[u] - 1e-6 for u in shared)
    assert both["from"]["occupations"][1]["uri"] == ELECTRICIAN


def test_bad_input_exits_2_with_candidates_and_nothing_on_stdout(real_env):
    ambiguous = run_cli(real_env, "transitions", "elektricien", "--format", "json")
    assert ambiguous.returncode == 2 and ambiguous.stdout == ""
    assert "ambiguous" in ambiguous.stderr and ELECTRICIAN in ambiguous.stderr
    unknown = run_cli(real_env, "transitions", "qqqq xxxx zzzz", "--format", "json")
    assert unknown.returncode == 2 and unknown.stdout == ""
    bad_skill = run_cli(real_env, "transitions", PLUMBER, "--with-skill",
                        "http://data.europa.eu/esco/skill/unknown", "--format", "json")
    assert bad_skill.returncode == 2 and "unknown skill URI" in bad_skill.stderr


def test_export_writes_the_top_n_of_every_occupation(real_env, tmp_path):
    target = tmp_path / "transitions.csv"
    done = run_cli(real_env, "transitions", "--export", str(target), "--top", "5")
    assert done.returncode == 0, done.stderr
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3007 * 5
    assert {"origin_uri", "destination_uri", "rank", "score"} <= rows[0].keys()
    first = [r for r in rows if r["origin_uri"] == PLUMBER]
    assert [int(r["rank"]) for r in first] == [1, 2, 3, 4, 5]
    assert all(r["destination_uri"] != r["origin_uri"] for r in rows)
    parquet = tmp_path / "transitions.parquet"
    assert run_cli(real_env, "transitions", "--export", str(parquet), "--top", "2").returncode == 0
    import pandas as pd

    assert len(pd.read_parquet(parquet)) == 3007 * 2
