"""The example catalogue and schemes on the full ESCO import, through the real command line:
every example row imported, every module skill a real ESCO skill, everything marked as an
example, and a second load changes nothing."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.plans.examples import CATALOGUE_FILE, SCHEMES_FILE
from tests.conftest import run_cli

pytestmark = pytest.mark.realdata


def esco_skill_uris() -> set[str]:
    """Read straight from ESCO's own file, not from what the importer stored."""
    [archive] = (data_dir() / "esco").glob("*- en - csv.zip")
    with zipfile.ZipFile(archive) as z, z.open("skills_en.csv") as handle:
        return {row["conceptUri"] for row in csv.DictReader(io.TextIOWrapper(handle, "utf-8"))}


def example_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def export(env, command, path) -> list[dict]:
    done = run_cli(env, command, "export", str(path), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def loaded(real_env):
    first = run_cli(real_env, "plans-examples")
    assert first.returncode == 0, first.stderr
    return real_env


def test_every_example_row_is_imported_and_a_second_load_changes_nothing(loaded, tmp_path):
    again = run_cli(loaded, "plans-examples")
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 updated" in again.stderr.replace("\n", " ")
    modules = export(loaded, "training-catalogue", tmp_path / "modules.json")
    schemes = export(loaded, "funding-schemes", tmp_path / "schemes.json")
    assert {r["key"] for r in example_rows(CATALOGUE_FILE)} <= {m["key"] for m in modules}
    assert {r["key"] for r in example_rows(SCHEMES_FILE)} <= {s["key"] for s in schemes}


def test_every_module_skill_is_a_real_esco_skill_and_all_is_marked_example(loaded, tmp_path):
    modules = [m for m in export(loaded, "training-catalogue", tmp_path / "m.json")
               if m["key"].startswith("vb-")]
    known = esco_skill_uris()
    assert len(modules) >= 150
    assert all(m["skills"] and set(m["skills"]) <= known for m in modules)
    assert all(m["is_example"] and "voorbeeld" in m["title"].lower() for m in modules)
    schemes = [s for s in export(loaded, "funding-schemes", tmp_path / "s.json")
               if s["key"].startswith("vb-")]
    assert 10 <= len(schemes) <= 14
    assert all(s["is_example"] and "(voorbeeld)" in s["name"] and not s["source_url"]
               and "voorbeeld" in s["notes"].lower() for s in schemes)


def test_the_example_files_are_in_canonical_export_form(loaded, tmp_path):
    for command, source in (("training-catalogue", CATALOGUE_FILE),
                            ("funding-schemes", SCHEMES_FILE)):
        out = tmp_path / source.name
        done = run_cli(loaded, command, "export", str(out))
        assert done.returncode == 0, done.stderr
        exported = [r for r in example_rows(out) if r["key"].startswith("vb-")]
        assert exported == example_rows(source)
