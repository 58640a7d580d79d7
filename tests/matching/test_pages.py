"""The pages, driven with the test client: paste → confirm → matches; vacancy form → queue."""

from __future__ import annotations

from django.urls import reverse

from banenbrug.matching.models import QueueEntry, Vacancy
from banenbrug.people.models import SeekerSkill
from tests.world import SOLAR, SOLAR_SKILL, WIRING


def test_paste_confirm_and_see_explained_matches(client, esco_world):
    w = esco_world
    client.force_login(w.other_user)  # the baker: no wiring, no solar yet
    response = client.post(reverse("matching:cv"), {
        "text": "I lay cables in buildings and know photovoltaics."})
    html = response.content.decode()
    assert response.status_code == 200 and WIRING in html and SOLAR_SKILL in html
    assert "photovoltaics" in html  # the triggering words are shown
    assert not SeekerSkill.objects.filter(seeker=w.other, skill__uri=WIRING).exists()
    response = client.post(reverse("matching:cv_confirm"), {
        "skill": [WIRING, SOLAR_SKILL], f"evidence-{SOLAR_SKILL}": "photovoltaics"})
    assert response.status_code == 302
    saved = dict(w.other.skills.values_list("skill__uri", "source"))
    assert saved[WIRING] == "extracted" and saved[SOLAR_SKILL] == "extracted"
    html = client.get(reverse("matching:matches")).content.decode()
    assert w.vacancy.title in html and "Waarom deze match?" in html


def test_bad_profile_input_shows_a_message_and_changes_nothing(client, world):
    client.force_login(world.seeker_user)
    response = client.post(reverse("matching:profile"), {
        "region": "AM01", "postcode": "12", "hours_min": "40", "hours_max": "8",
        "situation": "ww"})
    html = response.content.decode()
    assert response.status_code == 200 and "vier cijfers" in html
    world.seeker.refresh_from_db()
    assert (world.seeker.postcode, world.seeker.hours_min) == ("9711", 24)


def test_employer_creates_an_open_hiring_vacancy_and_sees_the_queue(client, esco_world):
    w = esco_world
    client.force_login(w.employer_user)
    form = client.get(reverse("matching:vacancy_new"), {"beroep": SOLAR}).content.decode()
    assert WIRING in form and "checked" in form  # prefilled from ESCO
    response = client.post(reverse("matching:vacancy_new"), {
        "beroep": SOLAR, "opslaan": "1", "title": "Zonnepanelenlegger", "region": "AM05",
        "postcode": "8011", "hours_min": "16", "hours_max": "32", "part_time_possible": "on",
        "hiring_mode": "open_hiring", "openings": "1", "min_age": "18",
        "work_permit_required": "on", "is_open": "on", "essentieel": [SOLAR_SKILL]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    vacancy = Vacancy.objects.get(title="Zonnepanelenlegger")
    assert list(vacancy.skills.values_list("skill__uri", flat=True)) == [SOLAR_SKILL]
    client.force_login(w.seeker_user)
    client.post(reverse("matching:sign_up", args=[vacancy.pk]),
                {"meets_min_age": "1", "may_work_in_nl": "1"})
    again = client.post(reverse("matching:sign_up", args=[vacancy.pk]),
                        {"meets_min_age": "1", "may_work_in_nl": "1"}, follow=True)
    assert "al in de rij" in again.content.decode()
    assert QueueEntry.objects.filter(vacancy=vacancy).count() == 1
    client.force_login(w.employer_user)
    html = client.get(reverse("matching:employer_vacancy", args=[vacancy.pk])).content.decode()
    assert w.seeker.pseudonym in html and "aanbod gedaan" in html


def test_the_analyst_sees_the_fairness_report(client, esco_world):
    client.force_login(esco_world.analyst)
    response = client.get(reverse("matching:fairness"))
    assert response.status_code == 200 and "vier-vijfde-regel" in response.content.decode()


def test_the_coach_sees_a_person_of_the_caseload(client, esco_world):
    client.force_login(esco_world.coach)
    html = client.get(reverse("matching:caseload")).content.decode()
    assert "anna" in html
    response = client.get(reverse("matching:caseload_person", args=[esco_world.seeker.pk]))
    assert response.status_code == 200
