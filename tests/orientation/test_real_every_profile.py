"""Technical, green and digital options for every interest profile, and written content for the
occupations suggested most, on the full real data."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import PROJECT_ROOT, cli_json

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def every_profile(real_env) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "tests.orientation.every_profile"],
                          env=real_env, cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout)


def test_every_top_three_code_gets_technical_options_that_fit(every_profile):
    assert len(every_profile) == 240  # 120 ordered top-three codes, clear and mild
    for result in every_profile:
        found = result["suggestions"]
        where = f"{result['code']} {result['profile']}"
        assert len(found) == 10 and len({s["uri"] for s in found}) == 10, where
        technical = [s for s in found if s["technical"]]
        assert len(technical) >= 6, where
        # a non-technical job is there because it is core to the transitions, not for its code
        assert all(s["core"] for s in found if not s["technical"]), where
        # the technical options fit: their own top three interests share one of the person's
        # top two (the teacher of electricity for S-I, the games designer for A-I)
        top_two = set(result["code"][:2])
        assert sum(bool(top_two & set(s["top3"])) for s in technical) >= 5, where


def test_artistic_and_social_profiles_meet_design_ict_and_technical_teaching(every_profile):
    for result in every_profile:
        groups = {s["isco"][:4] for s in result["suggestions"]}
        if result["code"][0] == "A":  # industrial/UX/game design, architecture, media tech
            assert groups & {"2161", "2162", "2163", "2166", "2513", "3118", "3521"}, result
        # technical teaching, healthcare tech, energy advice; a social profile that also likes
        # practical work (R in the top three) may get hands-on technical work instead
        if result["code"][0] == "S" and "R" not in result["code"]:
            assert groups & {"2310", "2320", "2330", "3112", "3211", "3214", "5113"}, result


def test_the_girl_from_issue_15_investigative_artistic_social(every_profile):
    ias = next(r for r in every_profile if r["code"] == "IAS" and r["profile"][1] == 7.0)
    labels = [s["label"] for s in ias["suggestions"]]
    assert not any(re.search(r"vlogger|blogger|policy officer", x) for x in labels), labels
    assert sum(s["technical"] for s in ias["suggestions"]) >= 8, labels
    assert any(re.search(r"design|developer|engineer", x) for x in labels), labels


def test_the_forty_most_suggested_have_a_written_story_day_and_routes(real_env, live_url):
    data = cli_json(real_env, "orientation", "--most-suggested", "40")
    assert data["profiles"] == 240 and len(data["occupations"]) == 40
    missing = [o["label"] for o in data["occupations"] if not o["written_story"]]
    assert missing == []
    for occupation in data["occupations"]:
        uuid = occupation["uri"].rsplit("/", 1)[1]
        with urllib.request.urlopen(f"{live_url}/ontdek/beroep/{uuid}/", timeout=60) as r:
            page = r.read().decode()
        day = page.split('id="kop-dag"', 1)[1].split("</section>", 1)[0]
        assert "Voorbeeldtekst" in day and "Automatisch samengesteld" not in day, uuid
        assert len(re.sub(r"<[^>]+>", "", day).split()) >= 30, uuid  # sentences, no list
        routes = page.split('id="kop-opleiding"', 1)[1].split("</section>", 1)[0]
        assert len(re.findall(r"<dt>(vmbo|mbo|BBL|hbo|wo|zij-instroom)</dt>", routes)) >= 2
        assert page.count("Nog geen gegevens") <= 1, uuid
        totals = set(re.findall(r"van de (\d+) essentiële", page))
        totals |= set(re.findall(r"Bekijk alle (\d+) essentiële", page))
        assert len(totals) <= 1, (uuid, totals)  # one count of essential skills per page
