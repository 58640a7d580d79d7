"""Jobcarving on the demo data over the full ESCO import, through the real command: a hard
vacancy (a ship's electrician, at most a couple of local job seekers within reach) gets a
carved role that at least doubles the people within reach."""

from __future__ import annotations

import json

from tests.conftest import cli_json, run_cli

FIND = """
import json
from banenbrug.matching.models import Vacancy
v = Vacancy.objects.get(is_synthetic=True, title="Scheepselektromonteur",
                        employer__name="Waterstof Holland Rijnland (voorbeeld)")
print(json.dumps({"id": v.pk, "essential": sorted(
    v.skills.filter(essential=True).values_list("skill__uri", flat=True))}))
"""


def test_carving_a_hard_demo_vacancy_at_least_doubles_its_candidates(real_env):
    for command in ("matching_demo", "plans_examples"):
        done = run_cli(real_env, command)
        assert done.returncode == 0, done.stderr
    found = run_cli(real_env, "shell", "-c", FIND)
    assert found.returncode == 0, found.stderr
    vacancy = json.loads(found.stdout.strip().splitlines()[-1])
    data = cli_json(real_env, "jobcarve", "--vacancy", str(vacancy["id"]), "--max-carved", "2")
    assert set(data) == {"vacancy", "original", "carved", "remaining"}
    assert sorted(data["original"]["skills"]) == vacancy["essential"]
    parts = [u for role in data["carved"] for u in role["skills"]] + data["remaining"]["skills"]
    assert sorted(parts) == vacancy["essential"]  # a partition of the essential skills
    original = data["original"]["candidates"]
    assert 1 <= original <= 3  # hard to fill: a couple of people at most
    best = data["carved"][0]
    assert best["candidates"] >= 2 * original
    assert all(role["candidates"] >= original for role in data["carved"])
    assert len(best["skills"]) >= 3 and best["title"].startswith("Scheepselektromonteur")
    assert all({"key", "title", "hours"} <= set(m) for m in best["modules"])
    assert all(m["hours"] <= 80 for role in data["carved"] for m in role["modules"])
