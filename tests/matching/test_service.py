"""Matching on the database: explanations in words, both directions, consent, bad input."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from banenbrug.matching import profiles, service, vacancies
from banenbrug.matching.models import Vacancy
from banenbrug.people.models import GroupStatistics, JobSeeker, SeekerSkill
from tests.world import BAKER, SOLAR, SOLAR_SKILL, WIRING, make_seeker


def test_vacancies_for_a_person_are_explained(esco_world):
    found = service.vacancies_for(esco_world.seeker, lang="nl")
    assert found[0]["id"] == esco_world.vacancy.pk  # solar job for electrician
    best = found[0]
    assert {"id", "score", "matched_skills", "missing_skills", "near_miss_skills"} <= set(best)
    # Electricians hold wiring (optional here); solar energy, essential, is a near miss.
    assert [s["uri"] for s in best["matched_skills"]] == [WIRING]
    assert [s["uri"] for s in best["near_miss_skills"]] == [SOLAR_SKILL]
    assert best["near_miss_skills"][0]["label"] == "zonne-energie"  # Dutch label
    assert best["missing_skills"] == []


def test_candidates_only_with_consent_and_group_data_changes_nothing(esco_world):
    w = esco_world
    before = service.candidates_for(w.other_vacancy)
    assert w.other.pk not in [m["id"] for m in before]  # the baker did not consent
    w.other.consent_employers = True
    w.other.save()
    with_baker = service.candidates_for(w.other_vacancy)
    assert with_baker[0]["id"] == w.other.pk
    assert with_baker[0]["pseudonym"] == f"K-{w.other.pk:05d}"
    # Self-reported group data never moves a score.
    GroupStatistics.objects.create(seeker=w.other, gender="woman", background="migration")
    assert service.candidates_for(w.other_vacancy) == with_baker


def test_a_vacancy_gets_its_skills_from_the_occupation_and_can_edit_them(esco_world):
    w = esco_world
    essential = set(w.vacancy.skills.filter(essential=True).values_list("skill__uri", flat=True))
    assert essential == {SOLAR_SKILL, WIRING}  # ESCO's essentials for solar panel installers
    values = {"title": "Zonnemonteur", "region": "AM02", "postcode": "8911", "hours_min": 16,
              "hours_max": 24, "hiring_mode": "open_hiring"}
    edited = vacancies.save_vacancy(w.employer, values, SOLAR, [SOLAR_SKILL], [WIRING],
                                    vacancy=w.vacancy)
    assert dict(edited.skills.values_list("skill__uri", "essential")) == {SOLAR_SKILL: True,
                                                                          WIRING: False}
    with pytest.raises(vacancies.VacancyInputError, match="Onbekende vaardigheid"):
        vacancies.save_vacancy(w.employer, values, SOLAR, ["http://x/skill/none"], [],
                               vacancy=w.vacancy)
    assert w.vacancy.skills.count() == 2  # unchanged


@pytest.mark.parametrize("values, message", [
    ({"hours_min": 30, "hours_max": 10}, "kleiner dan het minimum"),
    ({"hours_min": 0, "hours_max": 10}, "hours_min"),
    ({"hours_min": 10, "hours_max": 100}, "hours_max"),
    ({"region": "AM99"}, "Onbekende arbeidsmarktregio"),
    ({"postcode": "0123"}, "vier cijfers"),
])
def test_impossible_profile_input_changes_nothing(esco_world, values, message):
    seeker = JobSeeker.objects.get(pk=esco_world.seeker.pk)
    with pytest.raises(profiles.ProfileInputError, match=message):
        profiles.save_profile(seeker, **values)
    fresh = JobSeeker.objects.get(pk=seeker.pk)
    assert (fresh.hours_min, fresh.hours_max, fresh.region, fresh.postcode) == (24, 36, "AM01",
                                                                                "9711")


def test_an_unknown_skill_is_refused_and_nothing_is_added(esco_world, client):
    count = SeekerSkill.objects.count()
    with pytest.raises(profiles.ProfileInputError, match="Onbekende vaardigheid"):
        profiles.add_skills(esco_world.seeker, [WIRING, "http://x/skill/none"], "declared")
    client.force_login(esco_world.seeker_user)
    response = client.post("/api/matching/profile/skills", json.dumps(
        {"uris": ["http://x/skill/none"]}), content_type="application/json")
    assert response.status_code == 422 and "Onbekende vaardigheid" in response.json()["detail"]
    response = client.put("/api/matching/profile", json.dumps(
        {"region": "AM01", "postcode": "9711", "hours_min": 40, "hours_max": 8}),
        content_type="application/json")
    assert response.status_code == 422
    assert SeekerSkill.objects.count() == count


def test_a_duplicate_sign_up_through_the_api_is_409(esco_world, client):
    w = esco_world
    Vacancy.objects.filter(pk=w.vacancy.pk).update(hiring_mode="open_hiring")
    client.force_login(w.seeker_user)
    body = json.dumps({"meets_min_age": True, "may_work_in_nl": True})
    url = f"/api/matching/vacancies/{w.vacancy.pk}/queue"
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201 and first.json()["position"] == 1
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 409 and "al in de rij" in again.json()["detail"]
    assert w.vacancy.queue.count() == 1


@pytest.mark.parametrize("data, name, message", [
    (b"%PDF-1.4\x00\x01binary", "cv.pdf", "plain text file"),
    (b"\x00\x00\x00", "cv.txt", "not a text file"),
    (b"x" * 100_000, "cv.txt", "too large"),
])
def test_a_malformed_cv_upload_gets_a_clear_message(data, name, message):
    with pytest.raises(service.MatchInputError, match=message):
        service.read_upload(data, name)


def test_a_malformed_upload_on_the_page_saves_nothing(esco_world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(esco_world.seeker_user)
    count = SeekerSkill.objects.count()
    response = client.post("/werk/profiel/cv/", {
        "text": "", "upload": SimpleUploadedFile("cv.pdf", b"%PDF\x00", "application/pdf")})
    assert response.status_code == 200
    assert "Deze PDF is beschadigd" in response.content.decode()
    assert SeekerSkill.objects.count() == count


def test_work_history_brings_the_occupation_skills(esco_world):
    sources = dict(esco_world.other.skills.values_list("skill__uri", "source"))
    assert sources and set(sources.values()) == {"occupation"}
    with pytest.raises(profiles.ProfileInputError, match="Onbekend beroep"):
        profiles.add_experience(esco_world.other, "http://x/occupation/none", 2)
    with pytest.raises(profiles.ProfileInputError, match="tussen 0 en 60"):
        profiles.add_experience(esco_world.other, BAKER, 99)


def test_the_match_command_prints_the_contract_shape(esco_world, capsys):
    call_command("match", "--person", str(esco_world.seeker.pk), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["matches"][0]["id"] == esco_world.vacancy.pk
    assert {"id", "score", "matched_skills", "missing_skills"} <= set(data["matches"][0])
    call_command("match", "--vacancy", str(esco_world.vacancy.pk), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert [m["id"] for m in data["matches"]] == [esco_world.seeker.pk]
    with pytest.raises(CommandError, match="no job seeker") as caught:
        call_command("match", "--person", "999999")
    assert caught.value.returncode == 2


def test_deleting_a_person_passes_their_offer_on(esco_world):
    from banenbrug.matching import queue

    w = esco_world
    Vacancy.objects.filter(pk=w.vacancy.pk).update(hiring_mode="open_hiring")
    yes = queue.Declaration(True, True, True)
    first = queue.sign_up(w.vacancy.pk, w.seeker, yes)
    second = queue.sign_up(w.vacancy.pk, make_seeker(), yes)
    assert first.status == "offered"
    profiles.delete(JobSeeker.objects.get(pk=w.seeker.pk))
    second.refresh_from_db()
    assert second.status == "offered"
    assert list(w.vacancy.queue_events.values_list("kind", "position")) == [
        ("signed_up", 1), ("offered", 1), ("signed_up", 2), ("withdrawn", 1), ("offered", 2)]



def test_a_cold_process_can_build_the_extractor_first(esco_world):
    """The extractor's builder needs the skill space; building both from cold must not deadlock
    (it once did: nested builders under one non-reentrant lock)."""
    import signal

    def give_up(signum, frame):
        raise TimeoutError("extractor build hung (deadlock?)")

    service.memo.clear()
    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(60)
    try:
        assert service.extractor().extract("install electrical wiring")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
