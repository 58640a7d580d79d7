"""Ontdek on the full real data: ESCO in the database, O*NET files from ../shared/data."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest

from tests.conftest import api_json, cli_json, run_cli

pytestmark = pytest.mark.realdata

TECHNICAL = re.compile(r"monteur|technicus|installat|elektri|operator|machinist|bediener",
                       re.I)


def labels(data: dict) -> list[str]:
    return [s["label"] for s in data["suggestions"]]


def test_profile_output_shape_and_sensible_suggestions(real_env):
    practical = cli_json(real_env, "orientation", "--profile", "7,4,2,2,3,4")
    assert set(practical) >= {"profile", "suggestions"}
    assert practical["profile"] == {"R": 7.0, "I": 4.0, "A": 2.0, "S": 2.0, "E": 3.0, "C": 4.0}
    first = practical["suggestions"][0]
    assert set(first) >= {"uri", "label", "score", "green", "digital", "why"}
    scores = [s["score"] for s in practical["suggestions"]]
    assert scores == sorted(scores, reverse=True) and len(scores) == 10
    assert all(s["green"] or s["digital"] or s["technical"] for s in practical["suggestions"])
    assert sum(bool(TECHNICAL.search(label)) for label in labels(practical)) >= 5
    assert not any("software" in label or "ict" in label.lower() for label in labels(practical))

    analytical = cli_json(real_env, "orientation", "--profile", "2,7,2,2,3,6", "--lang", "en")
    assert sum(s["digital"] for s in analytical["suggestions"]) >= 7
    assert not any(TECHNICAL.search(label) for label in labels(analytical)[:5])


def test_suggestions_are_varied(real_env, live_url):
    data = cli_json(real_env, "orientation", "--profile", "7,3,2,2,2,5", "--top", "20")
    codes = [api_json(live_url, f"/api/v1/occupations/{s['uri'].rsplit('/', 1)[1]}")[
        "isco_group"] for s in data["suggestions"]]
    assert len(set(codes)) >= 15


def test_cli_answers_give_the_same_suggestions_as_the_page(real_env, live_url, tmp_path):
    answers = {**{f"r{k}": 2 for k in range(1, 6)}, **{f"i{k}": 2 for k in (1, 4)},
               **{f"s{k}": 0 for k in range(1, 6)}, **{f"a{k}": 0 for k in range(1, 6)},
               "c4": 2, "e1": 1}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    cli = cli_json(real_env, "orientation", "--answers", str(path))
    url = f"{live_url}/ontdek/resultaat/?{urllib.parse.urlencode(answers)}"
    with urllib.request.urlopen(url, timeout=60) as response:  # follows the redirect
        page = response.read().decode()
    on_page = re.findall(r'<h3><a href="/ontdek/beroep/([^/]+)/"', page)
    assert on_page == [s["uri"].rsplit("/", 1)[1] for s in cli["suggestions"]]
    assert cli["answers_code"] in response.url


def test_bad_input_exit_code_two_and_nothing_on_stdout(real_env, tmp_path):
    done = run_cli(real_env, "orientation", "--profile", "8,1,1,1,1,1", "--format", "json")
    assert done.returncode == 2 and done.stdout == "" and "1 to 7" in done.stderr
    path = tmp_path / "a.json"
    path.write_text("[1, 2]")
    done = run_cli(real_env, "orientation", "--answers", str(path))
    assert done.returncode == 2 and done.stdout == "" and "a.json" in done.stderr
