"""Dutch skill names on the full real import (en v1.1.1 + the Dutch v1.2.1 collection files, no
full skills_nl.csv): a collection skill is Dutch, any other skill is English and marked so."""

import json
import re
import urllib.request

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.realdata
SKILL = "http://data.europa.eu/esco/skill/"
HEAT_PUMP = "00735755-adc6-4ea0-b034-b8caff339c9f"  # green collection: "install heat pump"
BRICKS = "13e1c0a2-b90d-46f4-be51-11730360b38d"  # in no collection: "lay bricks"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def test_dutch_skill_labels_come_from_the_collections_only(real_env):
    code = ("import json; from collections import Counter; "
            "from banenbrug.taxonomy.models import Skill; "
            "print(json.dumps(Counter(Skill.objects.exclude(label_nl='')"
            ".values_list('labels_nl_source', flat=True))))")
    done = run_cli(real_env, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    # 2,340 skills in the Dutch collection files, 132 of them not in v1.1.1
    counts = json.loads(done.stdout.strip().splitlines()[-1])  # after the shell's own banner
    assert counts == {"collection": 2208}


def test_a_collection_skill_is_dutch_and_another_is_english_and_marked(live_url):
    api = json.loads(_get(f"{live_url}/api/skills/{HEAT_PUMP}?lang=nl"))
    assert (api["label"], api["label_lang"]) == ("warmtepompen installeren", "nl")
    page = _get(f"{live_url}/vaardigheden/{HEAT_PUMP}/")
    assert '<h1 lang="nl">warmtepompen installeren</h1>' in page

    api = json.loads(_get(f"{live_url}/api/skills/{BRICKS}?lang=nl"))
    assert (api["label"], api["label_lang"], api["label_nl"]) == ("lay bricks", "en", "")
    page = _get(f"{live_url}/vaardigheden/{BRICKS}/")
    assert re.search(r'<h1 lang="nl"><span class="fallback"><span lang="en">lay bricks</span>'
                     r'<small class="fallback__mark"[^>]*> Engelse term</small>', page)
    bricklayer = api["essential_for"][0]["uri"].rsplit("/", 1)[-1]
    occupation = _get(f"{live_url}/beroepen/{bricklayer}/")
    assert '<span lang="en">lay bricks</span><small class="fallback__mark"' in occupation
    english = json.loads(_get(f"{live_url}/api/skills/{BRICKS}?lang=en"))
    assert (english["label"], english["label_lang"]) == ("lay bricks", "en")
