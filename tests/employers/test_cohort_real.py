"""The example cohort on the full ESCO import, through the real command line: built from the
example registry, catalogue and demo people; its entry skills are essential skills of the
pledged occupation in ESCO's own relation file; the places are all given, and a second demo
load or selection changes nothing."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.registry.examples import EXAMPLES
from tests.conftest import cli_json, run_cli

pytestmark = pytest.mark.realdata
INITIATIVE = "warmtepomp-academie-drechtsteden"


def essential_skills(occupation: str) -> set[str]:
    """Read straight from ESCO's own relation file, not from what the importer stored."""
    [relations] = [p for p in (data_dir() / "esco").glob("*.zip") if "-  - csv" in p.name]
    with zipfile.ZipFile(relations) as z, z.open("occupationSkillRelations.csv") as handle:
        return {row["skillUri"] for row in csv.DictReader(io.TextIOWrapper(handle, "utf-8"))
                if row["occupationUri"] == occupation and row["relationType"] == "essential"}


def test_the_example_cohort_on_real_data(real_env):
    for args in (("matching_demo",), ("plans_examples",), ("registry_setup",),
                 ("cohort_demo",)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    again = run_cli(real_env, "cohort-demo")
    assert "nothing changed" in again.stderr
    [example] = [c for c in cli_json(real_env, "cohort", "list") if c["is_example"]]
    shown = cli_json(real_env, "cohort", "show", str(example["id"]), "--lang", "en")

    pledges = [p for p in json.loads(EXAMPLES.read_text())["pledges"]
               if p["initiative"] == INITIATIVE]
    assert shown["jobs_pledged"] == sum(p["jobs_pledged"] for p in pledges)
    assert shown["jobs_delivered"] == sum(p["jobs_delivered"] for p in pledges)
    entry = {s["uri"] for s in shown["entry_skills"]}
    assert entry and entry < essential_skills(pledges[0]["occupation"])  # some are taught
    assert (shown["applications"], shown["admitted"], shown["places"]) == (24, 12, 12)

    verdicts = cli_json(real_env, "cohort", "select", str(example["id"]))
    assert not any(v["newly_admitted"] for v in verdicts)
    assert sum(v["verdict"] == "admitted" for v in verdicts) == 12
    waiting = sorted(v["reserve_rank"] for v in verdicts if v["verdict"] == "reserve")
    assert waiting == list(range(1, len(waiting) + 1))
