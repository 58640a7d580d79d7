"""Distance on the demo data over the full ESCO import, through the real command: a job seeker
in Utrecht who can do the work of the demo's commonest technical vacancies gets first the ones
near Utrecht, each with its travel distance; the distance filter keeps only those."""

from __future__ import annotations

import json

from tests.conftest import cli_json, run_cli

# The person holds every essential skill of the five occupations with the most synthetic
# vacancies, so many vacancies fit their skills about as well: place decides among them.
PERSON = """
import json
from collections import Counter
from banenbrug.matching import profiles
from banenbrug.matching.models import Vacancy, VacancySkill
from banenbrug.people.models import JobSeeker
JobSeeker.objects.filter(postcode="3511", is_synthetic=False, user=None).delete()
common = [o for o, _n in Counter(Vacancy.objects.filter(is_synthetic=True).values_list(
    "occupation_id", flat=True)).most_common(5)]
uris = sorted(set(VacancySkill.objects.filter(vacancy__occupation_id__in=common, essential=True)
                  .values_list("skill__uri", flat=True)))
seeker = profiles.save_profile(JobSeeker(), municipality="GM0344", postcode="3511",
                               hours_min=32, hours_max=40)
profiles.add_skills(seeker, uris, "declared")
print(json.dumps({"id": seeker.pk, "region": seeker.region}))
"""


def test_a_utrecht_job_seekers_first_matches_are_near_utrecht(real_env):
    done = run_cli(real_env, "matching_demo")
    assert done.returncode == 0, done.stderr
    made = run_cli(real_env, "shell", "-c", PERSON)
    assert made.returncode == 0, made.stderr
    person = json.loads(made.stdout.strip().splitlines()[-1])
    assert person["region"] == "AM13"  # Midden-Utrecht, filled from the municipality
    found = cli_json(real_env, "match", "--person", str(person["id"]), "--top", "20")["matches"]
    km = [m["distance_km"] for m in found]
    assert len(found) == 20 and None not in km  # every demo vacancy has a municipality now
    assert max(km[:3]) <= 40, km  # the first matches are near Utrecht ...
    assert sum(km[:5]) / 5 < sum(km[10:]) / 10, km  # ... and nearer than those further down
    near = cli_json(real_env, "match", "--person", str(person["id"]), "--max-km", "25")
    assert near["matches"] and all(m["distance_km"] <= 25 for m in near["matches"])
    assert run_cli(real_env, "match", "--person", str(person["id"]), "--max-km", "0"
                   ).returncode != 0
