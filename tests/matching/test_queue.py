"""Open Hiring queues: first come, first offered; declines pass on; every step recorded."""

from __future__ import annotations

import pytest
from django.db import connection

from banenbrug.matching import queue
from banenbrug.matching.models import HiringMode, QueueEntry, QueueEvent, Vacancy
from banenbrug.people.models import Employer, JobSeeker
from tests.world import in_threads, make_seeker, make_vacancy

YES = queue.Declaration(meets_min_age=True, may_work_in_nl=True, meets_other=True)
Status = QueueEntry.Status


@pytest.fixture
def open_hiring(db):
    employer = Employer.objects.create(name="Bakkerij")
    return make_vacancy(employer, mode=HiringMode.OPEN_HIRING, openings=2)


def statuses(vacancy: Vacancy) -> list[tuple[int, str]]:
    return list(vacancy.queue.order_by("position").values_list("position", "status"))


def test_first_in_line_get_the_openings_and_a_decline_passes_on(open_hiring):
    people = [make_seeker() for _ in range(4)]
    entries = [queue.sign_up(open_hiring.pk, p, YES) for p in people]
    assert [e.position for e in entries] == [1, 2, 3, 4]
    assert statuses(open_hiring) == [(1, "offered"), (2, "offered"), (3, "waiting"),
                                     (4, "waiting")]
    queue.decline(entries[0].pk)
    assert statuses(open_hiring)[:3] == [(1, "declined"), (2, "offered"), (3, "offered")]
    queue.accept(entries[1].pk)
    queue.accept(entries[2].pk)
    open_hiring.refresh_from_db()
    assert not open_hiring.is_open
    assert statuses(open_hiring)[3] == (4, "waiting")  # filled: no third offer
    kinds = list(open_hiring.queue_events.values_list("kind", "position"))
    assert kinds == [("signed_up", 1), ("offered", 1), ("signed_up", 2), ("offered", 2),
                     ("signed_up", 3), ("signed_up", 4), ("declined", 1), ("offered", 3),
                     ("accepted", 2), ("accepted", 3), ("closed", None)]


def test_duplicate_sign_up_is_refused_and_changes_nothing(open_hiring):
    person = make_seeker()
    queue.sign_up(open_hiring.pk, person, YES)
    before = (QueueEntry.objects.count(), QueueEvent.objects.count())
    with pytest.raises(queue.QueueError, match="al in de rij"):
        queue.sign_up(open_hiring.pk, person, YES)
    assert (QueueEntry.objects.count(), QueueEvent.objects.count()) == before


def test_legal_minimum_not_met_is_refused_with_the_reason(open_hiring):
    open_hiring.other_requirements = "VCA-diploma"
    open_hiring.save()
    with pytest.raises(queue.QueueError, match="18 jaar") as caught:
        queue.sign_up(open_hiring.pk, make_seeker(), queue.Declaration(False, True, False))
    assert "VCA-diploma" in str(caught.value)
    assert not QueueEntry.objects.exists() and not QueueEvent.objects.exists()


def test_not_eligible_and_withdraw_pass_the_offer_on(open_hiring):
    open_hiring.openings = 1
    open_hiring.save()
    a, b, _c = (queue.sign_up(open_hiring.pk, make_seeker(), YES) for _ in range(3))
    queue.mark_not_eligible(a.pk)
    assert statuses(open_hiring) == [(1, "not_eligible"), (2, "offered"), (3, "waiting")]
    queue.withdraw(b.pk)
    assert statuses(open_hiring)[2] == (3, "offered")
    with pytest.raises(queue.QueueError, match="status"):
        queue.accept(a.pk)  # no longer offered


def test_skills_mode_vacancy_has_no_queue(db):
    vacancy = make_vacancy(Employer.objects.create(name="X"))
    with pytest.raises(queue.QueueError, match="Open Hiring"):
        queue.sign_up(vacancy.pk, make_seeker(), YES)


def test_events_are_append_only(open_hiring):
    queue.sign_up(open_hiring.pk, make_seeker(), YES)
    event = QueueEvent.objects.first()
    event.kind = "accepted"
    with pytest.raises(ValueError, match="append-only"):
        event.save()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers and proves nothing")
    n, openings = 40, 3
    vacancy = make_vacancy(Employer.objects.create(name="Open"), mode=HiringMode.OPEN_HIRING,
                           openings=openings)
    people = [make_seeker() for _ in range(n)]

    errors = in_threads(n, lambda i: queue.sign_up(vacancy.pk, people[i], YES))
    assert errors == []
    positions = sorted(QueueEntry.objects.filter(vacancy=vacancy).values_list("position",
                                                                              flat=True))
    assert positions == list(range(1, n + 1))  # no gaps, no duplicates
    offered = list(vacancy.queue.filter(status=Status.OFFERED).values_list("position",
                                                                          flat=True))
    assert sorted(offered) == [1, 2, 3]  # exactly `openings` offers, to the first in line

    # The same people racing to sign up again: all refused, nothing changes.
    errors = in_threads(10, lambda i: queue.sign_up(vacancy.pk, people[i], YES))
    assert len(errors) == 10 and all(isinstance(e, queue.QueueError) for e in errors)
    assert QueueEntry.objects.filter(vacancy=vacancy).count() == n

    # All three decline at once: the offers pass to positions 4, 5, 6, never twice.
    entry_ids = list(vacancy.queue.filter(status=Status.OFFERED).values_list("pk", flat=True))
    assert in_threads(3, lambda i: queue.decline(entry_ids[i])) == []
    offered = sorted(vacancy.queue.filter(status=Status.OFFERED).values_list("position",
                                                                            flat=True))
    assert offered == [4, 5, 6]
    # Concurrent accept and decline of the same offer: exactly one wins.
    target = vacancy.queue.get(position=4).pk
    results = in_threads(2, lambda i: (queue.accept if i == 0 else queue.decline)(target))
    assert len(results) == 1 and isinstance(results[0], queue.QueueError)
    held = vacancy.queue.filter(status__in=(Status.OFFERED, Status.ACCEPTED)).count()
    assert held == openings
    fourth_declined = vacancy.queue.get(position=4).status == Status.DECLINED
    events = QueueEvent.objects.filter(vacancy=vacancy)
    assert events.filter(kind="signed_up").count() == n
    assert events.filter(kind="offered").count() == 6 + int(fourth_declined)
    assert JobSeeker.objects.count() == n
