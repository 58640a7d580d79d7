"""`banenbrug match-all`: stored top k equal to the live matching, parts, all-or-nothing."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from banenbrug.matching import batch, profiles, service
from banenbrug.matching.models import StoredMatch
from tests.world import BAKER, ELECTRICIAN, SOLAR, make_seeker, make_vacancy

D = StoredMatch.Direction


@pytest.fixture
def crowd(esco_world):
    """More people and vacancies than the world, with equal profiles (ties) among them."""
    w = esco_world
    w.more = [make_seeker(region=r, consent=c, hours=h) for r, c, h in
              [("AM01", True, (32, 40)), ("AM02", True, (16, 24)), ("AM01", False, (24, 36)),
               ("AM03", True, (24, 36)), ("AM01", True, (24, 36))]]
    for seeker, job in zip(w.more, [ELECTRICIAN, SOLAR, ELECTRICIAN, BAKER, ELECTRICIAN],
                           strict=True):
        profiles.add_experience(seeker, job, 2)
    from banenbrug.matching import vacancies
    for region, job in [("AM01", SOLAR), ("AM02", ELECTRICIAN), ("AM01", BAKER)]:
        vacancies.save_vacancy(w.employer, {}, job, None, None,
                               vacancy=make_vacancy(w.employer, region=region))
    return w


def stored(direction: str, **owner) -> list[int]:
    other = "vacancy_id" if direction == D.VACANCY else "seeker_id"
    return list(StoredMatch.objects.filter(direction=direction, **owner).order_by("rank")
                .values_list(other, flat=True))


def test_stored_top_k_is_what_matching_shows_live(crowd):
    result = batch.match_part(0, 1, k=20)
    from banenbrug.matching.models import Vacancy
    from banenbrug.people.models import JobSeeker
    assert result.persons == JobSeeker.objects.count()
    assert result.vacancies == Vacancy.objects.count()
    for seeker in JobSeeker.objects.all():
        live = service.vacancies_for(seeker, top=20)
        assert stored(D.VACANCY, seeker=seeker) == [m["id"] for m in live]
        scores = StoredMatch.objects.filter(direction=D.VACANCY, seeker=seeker).order_by("rank")
        assert [round(m.score, 4) for m in scores] == [m["score"] for m in live]
    for vacancy in Vacancy.objects.all():
        live = service.candidates_for(vacancy, top=20)
        assert stored(D.CANDIDATE, vacancy=vacancy) == [m["id"] for m in live]
    # Only consenting people are stored as candidates; closed vacancies are never recommended.
    refusers = JobSeeker.objects.filter(consent_employers=False)
    assert not StoredMatch.objects.filter(direction=D.CANDIDATE, seeker__in=refusers).exists()


def test_parts_together_are_the_whole_and_a_rerun_changes_nothing(crowd):
    batch.match_part(0, 1)
    whole = sorted(StoredMatch.objects.values_list("direction", "seeker_id", "vacancy_id",
                                                   "rank", "score"))
    StoredMatch.objects.all().delete()
    results = [batch.match_part(p, 3) for p in (2, 0, 1)]
    assert sum(r.stored for r in results) == len(whole)
    parts = sorted(StoredMatch.objects.values_list("direction", "seeker_id", "vacancy_id",
                                                   "rank", "score"))
    assert parts == whole
    batch.match_part(1, 3)  # again: the same rows, not twice
    assert sorted(StoredMatch.objects.values_list("direction", "seeker_id", "vacancy_id",
                                                  "rank", "score")) == whole


def test_a_part_that_fails_while_writing_leaves_the_old_rows(crowd, monkeypatch):
    batch.match_part(0, 1)
    before = sorted(StoredMatch.objects.values_list("id", flat=True))
    crowd.vacancy.is_open = False  # a change the new run would store
    crowd.vacancy.save()

    def killed(*args, **kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(StoredMatch.objects, "bulk_create", killed)
    with pytest.raises(RuntimeError):
        batch.match_part(0, 1)
    assert sorted(StoredMatch.objects.values_list("id", flat=True)) == before
    assert StoredMatch.objects.filter(direction=D.VACANCY, vacancy=crowd.vacancy).exists()


def test_progress_counts_persons_and_vacancies(crowd):
    calls: list[tuple[int, int]] = []
    result = batch.match_part(0, 2, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (result.persons + result.vacancies,) * 2


@pytest.mark.parametrize("part", ["0/2", "3/2", "2", "a/b", "1/0"])
def test_bad_part_exits_with_code_2(crowd, part):
    with pytest.raises(CommandError) as exc:
        call_command("match_all", "--part", part, "--format", "json")
    assert exc.value.returncode == 2
    assert "--part" in str(exc.value)
    assert not StoredMatch.objects.exists()


def test_command_prints_json(crowd, capsys):
    call_command("match_all", "--part", "2/2", "--format", "json")
    out = json.loads(capsys.readouterr().out)
    assert out["part"] == "2/2" and out["parts"] == 2
    assert out["stored"] == StoredMatch.objects.count() > 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_part_twice_at_once_on_postgresql(crowd):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; SQLite serialises writers anyway")
    batch.match_part(0, 1)
    whole = sorted(StoredMatch.objects.values_list("direction", "seeker_id", "vacancy_id",
                                                   "rank"))
    errors: list[BaseException] = []

    def run() -> None:
        try:
            batch.match_part(0, 1)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(StoredMatch.objects.values_list("direction", "seeker_id", "vacancy_id",
                                                  "rank")) == whole


def test_no_vacancies_or_no_people_stores_nothing_and_fails_not(esco_world):
    from banenbrug.matching.models import Vacancy
    from banenbrug.people.models import JobSeeker
    Vacancy.objects.all().delete()
    assert batch.match_part(0, 1).stored == 0
    JobSeeker.objects.all().delete()
    assert batch.match_part(0, 1).stored == 0
    assert not StoredMatch.objects.exists()
