"""An employer posts a vacancy and reads its candidates, in a real browser on the real ESCO data
(issue 15, "How it will be judged"). The candidate list shows only people who consented, under
a pseudonym (no name, no e-mail address): a job seeker who fits the vacancy well is missing
until she allows employers to see her profile, and then appears as K-…, explained by skills,
hours and place. What the employer sees is asserted at each step, with axe; screenshots go to
var/test/screenshots/employer/."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Journey, fill_vacancy, log_in, log_out, start_vacancy, user_code
from tests.conftest import run_cli

step = Journey("employer").step
PASSWORD = secrets.token_urlsafe(12)
OCCUPATION = "monteur zonnepanelen"
TITLE = "Zonnepanelenmonteur Utrecht (voorbeeld)"
EARLIER = "Monteur zonnepanelen op daken (voorbeeld)"
# who she is: none of it may reach the employer
NAME, SURNAME, EMAIL = "Fatima", "Bakker", "fatima.bakker@voorbeeld.nl"

SETUP = user_code("bt-werkgever-kandidaten", "employer", PASSWORD) + f"""
from banenbrug.matching import vacancies
from banenbrug.people.models import Employer, JobSeeker, SeekerSkill, SkillSource
from banenbrug.taxonomy.models import Occupation
occupation = Occupation.objects.get(label_nl={OCCUPATION!r})
boss = user
employer, _ = Employer.objects.get_or_create(name="Zonnewerk Utrecht (voorbeeld)")
employer.members.add(boss)
employer.vacancies.all().delete()
earlier = vacancies.save_vacancy(employer, dict(title={EARLIER!r}, region="AM13",
    postcode="3511", hours_min=32, hours_max=40, part_time_possible=True,
    hiring_mode="skills", openings=1), occupation.uri, None, None)
""" + user_code("bt-kandidaat", "job_seeker", PASSWORD) + f"""
person = user
person.first_name, person.last_name, person.email = {NAME!r}, {SURNAME!r}, {EMAIL!r}
person.save()
JobSeeker.objects.filter(user=person).delete()
seeker = JobSeeker.objects.create(user=person, region="AM13", postcode="3511", hours_min=32,
                                  hours_max=40, consent_employers=False)
SeekerSkill.objects.bulk_create(SeekerSkill(seeker=seeker, skill=link.skill,
    source=SkillSource.DECLARED) for link in occupation.skill_links.filter(relation="essential"))
print("SEEKER", seeker.pk, "VACANCY", earlier.pk)
"""


@pytest.fixture(scope="module")
def site(real_env, live_url):
    done = run_cli(real_env, "matching_demo")  # other (synthetic) candidates to rank against
    assert done.returncode == 0, done.stderr
    done = run_cli(real_env, "shell", "-c", SETUP)
    assert done.returncode == 0, done.stderr
    seeker, vacancy = re.search(r"SEEKER (\d+) VACANCY (\d+)", done.stdout).groups()
    return live_url, f"K-{int(seeker):05d}", int(vacancy)


def candidate_list(page):
    return page.locator("section[aria-labelledby=kop-kandidaten]")


def assert_anonymous(page) -> None:
    text = page.locator("main").inner_text()
    for personal in (NAME, SURNAME, EMAIL, "bt-kandidaat"):
        assert personal not in text, personal
    pseudonyms = candidate_list(page).locator("ol.match-list > li h3").all_inner_texts()
    assert pseudonyms and all(re.match(r"K-\d{5} ", p) for p in pseudonyms), pseudonyms


def test_an_employer_posts_a_vacancy_and_reads_its_candidates(page, site):
    url, pseudonym, _earlier = site
    log_in(page, url, "bt-werkgever-kandidaten", PASSWORD)
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Werk", exact=True).click()
    page.get_by_role("link", name="Mijn vacatures en kandidaten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vacatures")
    expect(page.get_by_role("table")).to_contain_text(EARLIER)
    expect(page.get_by_role("link", name="Nieuwe vacature")).to_be_visible()
    step(page, "01-mijn-vacatures")

    start_vacancy(page, url, OCCUPATION)
    expect(page.get_by_label("1. Kies het beroep (ESCO)")).to_have_value(OCCUPATION)
    assert page.locator("input[name=essentieel]:checked").count() >= 3  # from ESCO
    fill_vacancy(page, TITLE, "AM13", "3511", (32, 40), mode="op vaardigheden (rangorde)")
    step(page, "02-vacature-plaatsen")
    page.get_by_role("button", name="Vacature opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("Vacature opgeslagen")
    expect(page.locator(".badges")).to_contain_text("op vaardigheden")
    candidates = candidate_list(page)
    expect(candidates.get_by_role("heading", name="Best passende kandidaten")).to_be_visible()
    # addressed to the employer, and what it promises: only consent, no name, age or origin
    expect(candidates.locator(".hint").first).to_have_text(
        "Alleen mensen die toestemming gaven. U ziet geen naam, leeftijd of afkomst: alleen "
        "vaardigheden, uren en regio.")
    expect(candidates.locator("ol.match-list > li").first).to_contain_text("score")
    expect(candidates).not_to_contain_text(pseudonym)  # she has not consented yet
    assert_anonymous(page)
    step(page, "03-kandidaten-zonder-haar")
    log_out(page)

    log_in(page, url, "bt-kandidaat", PASSWORD)
    page.goto(url + "/werk/profiel/")
    consent = page.get_by_label("werkgevers mogen mijn profiel zien")
    expect(consent).not_to_be_checked()
    expect(page.get_by_text("Zonder toestemming tonen we je nooit aan werkgevers.")).to_be_visible()
    consent.check()
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("opgeslagen")
    expect(consent).to_be_checked()
    step(page, "04-toestemming")
    log_out(page)

    log_in(page, url, "bt-werkgever-kandidaten", PASSWORD)
    page.goto(url + "/werk/werkgever/")
    page.get_by_role("link", name=TITLE).click()
    her = candidate_list(page).locator("ol.match-list > li", has=page.get_by_role(
        "heading", name=re.compile(f"^{pseudonym} ")))
    expect(her).to_have_count(1)  # now she is there, still without a name
    expect(her).to_contain_text("De uren passen.")
    expect(her).to_contain_text("In dezelfde regio.")
    her.locator("summary").click()
    expect(her.locator("dl.explain")).to_contain_text("100%")  # every essential skill
    assert_anonymous(page)
    step(page, "05-kandidaten-met-haar", focus=candidate_list(page))


def test_the_candidate_explanations_speak_to_the_employer(page, site):
    url, _pseudonym, earlier = site
    log_in(page, url, "bt-werkgever-kandidaten", PASSWORD)
    page.goto(f"{url}/werk/werkgever/{earlier}/")
    first = candidate_list(page).locator("ol.match-list > li").first
    first.locator("summary").click()
    prose = " ".join(first.locator("p, dt").all_inner_texts())
    assert prose and not re.search(r"\b(je|jij|jouw)\b", prose, re.IGNORECASE), prose
