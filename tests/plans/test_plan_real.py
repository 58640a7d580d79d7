"""A switch plan on the full ESCO data and the example catalogue, through the real command
line: an electrician to refrigeration / heat pump technician. Expected values come from ESCO's
own files and the example CSVs, never from the code under test."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from banenbrug.conf.paths import data_dir
from banenbrug.plans.examples import CATALOGUE_FILE, SCHEMES_FILE
from tests.conftest import PROJECT_ROOT, run_cli

pytestmark = pytest.mark.realdata
OCC = "http://data.europa.eu/esco/occupation/"
ELECTRICIAN = OCC + "4910419f-b4af-4f59-b544-9dbebc8a74f0"
HEAT_PUMP = OCC + "8234eee9-1647-460d-8d62-7fe02cb884b0"
MAKE_PERSON = f"""
from banenbrug.matching import profiles
from banenbrug.people.models import JobSeeker
from banenbrug.plans import service
seeker = JobSeeker.objects.create(region="AM23", postcode="3311", hours_min=32, hours_max=40)
profiles.add_experience(seeker, "{ELECTRICIAN}", 8)
service.save_circumstances(seeker, situation="ww", birth_year=1979, annual_income_eur=41000,
                           monthly_income_eur=2450, sector="installatie")
print(seeker.pk)
"""


def essential(uri: str) -> set[str]:
    [archive] = (data_dir() / "esco").glob("*classification -  - csv.zip")
    with zipfile.ZipFile(archive) as z, z.open("occupationSkillRelations.csv") as handle:
        return {r["skillUri"] for r in csv.DictReader(io.TextIOWrapper(handle, "utf-8"))
                if r["occupationUri"] == uri and r["relationType"] == "essential"}


def rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def person(real_env):
    for args in (("plans-examples",), ("shell", "-c", MAKE_PERSON)):
        done = run_cli(real_env, *args)
        assert done.returncode == 0, done.stderr
    return real_env, done.stdout.split()[-1]  # the shell may say more before the id


def test_plan_covers_the_real_gap_within_the_scheme_rules(person):
    env, pk = person
    done = run_cli(env, "plan", "--person", pk, "--to", HEAT_PUMP, "--format", "json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    gap = essential(HEAT_PUMP) - essential(ELECTRICIAN)
    assert {g["uri"] for g in plan["gap"]} == gap
    catalogue = rows(CATALOGUE_FILE)
    skills_of = {m["key"]: set(m["skills"].split(";")) for m in catalogue}
    taught = set().union(*(skills_of[m["key"]] & gap for m in plan["modules"]))
    assert taught == {g["uri"] for g in plan["gap"] if g["teachable"]}
    for module in plan["modules"]:
        assert {s["uri"] for s in module["teaches"]} == skills_of[module["key"]] & gap
    # a skill called untaught is taught by no module anyone could follow from anywhere
    anywhere = set().union(*(skills_of[m["key"]] for m in catalogue
                             if m["delivery"] == "online" and not m["start_dates"]))
    assert not {s["uri"] for s in plan["uncovered_skills"]} & anywhere
    assert len(plan["modules"]) >= 2 and plan["selection"]["method"] == "exact"
    # funding: within every example scheme's maximum, no excluded pair used together
    schemes = {s["key"]: s for s in rows(SCHEMES_FILE)}
    funding = plan["funding"]
    assert funding["covered"] <= funding["total_cost"]
    for scheme in funding["schemes"]:
        limit = schemes[scheme["key"]]["max_eur"]
        if limit and schemes[scheme["key"]]["cap_basis"] == "per_person":
            assert scheme["paid"] <= float(limit)
        if scheme["status"] != "yes":
            assert scheme["paid"] == 0 and scheme["reasons"]
    used = set(funding["used"])
    for key in used:
        excluded = set(filter(None, schemes[key]["excludes"].split(";")))
        assert not excluded & used, f"{key} used with {excluded & used}"
    # a WW voucher for a shortage occupation is exactly this person's case
    voucher = next(s for s in funding["schemes"] if s["key"] == "vb-scholingsvoucher-ww")
    assert voucher["status"] == "yes"
    # timeline: apply, modules in date order, then work after the last module
    steps = plan["timeline"]
    assert steps[0]["kind"] == "apply" and steps[-1]["kind"] == "job"
    starts = [s["start"] for s in steps if s["kind"] == "module"]
    assert starts == sorted(starts)
    assert plan["job_from"] >= max(m["end"] for m in plan["modules"]) or any(
        m["form"] == "learn_work" for m in plan["modules"])


def test_plan_cli_bad_input(person):
    env, _pk = person
    missing = run_cli(env, "plan", "--person", "99999999", "--to", HEAT_PUMP)
    assert missing.returncode == 2 and "99999999" in missing.stderr and not missing.stdout
    env, pk = person
    vague = run_cli(env, "plan", "--person", pk, "--to", "monteur", "--format", "json")
    assert vague.returncode == 2 and not vague.stdout
    assert OCC in vague.stderr  # candidates to choose from
    unknown = run_cli(env, "plan", "--person", pk, "--to", HEAT_PUMP, "--without-module", "xyz")
    assert unknown.returncode == 2 and "xyz" in unknown.stderr


def test_the_real_plan_prints_without_overlaps(person):
    """The electrician's plan on the full data (ESCO's long Dutch labels, the example
    catalogue and schemes) as a PDF: nothing drawn over anything, inside the margins, the
    modules table in order, every module and its whole-euro cost in it, the pages drawn."""
    from datetime import date

    from django.utils import translation

    from banenbrug.plans.pdf import plan_pdf
    from tests.pdf_pages import check_layout, header_reads, image_boxes

    env, pk = person
    done = run_cli(env, "plan", "--person", pk, "--to", HEAT_PUMP, "--format", "json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    with translation.override("nl"):
        pdf = plan_pdf(plan, today=date(2026, 12, 4))
    boxes, images = check_layout(pdf, PROJECT_ROOT / "var" / "test" / "screenshots" / "pdf",
                                 "plan-real")
    assert header_reads(boxes, ["Periode", "Module", "Kosten", "Uren", "Betaald door"])
    drawn = " ".join(b.text for b in boxes)
    catalogue = {m["key"]: m for m in rows(CATALOGUE_FILE)}
    for module in plan["modules"]:
        assert module["title"].split()[0] in drawn
        cost = round(float(catalogue[module["key"]]["cost_eur"]))  # the catalogue: whole euros
        assert f"€ {cost:,}".replace(",", ".") in drawn, module["key"]
    assert len(images) >= 2 and len(image_boxes(pdf)) == 1  # the timeline
