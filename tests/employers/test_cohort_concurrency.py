"""Two selections at the same moment never give a place twice: the cohort row lock, on
PostgreSQL (SQLite serialises writers and proves nothing)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from banenbrug.employers import cohort_service
from banenbrug.employers.models import Cohort, CohortApplication
from banenbrug.people.models import Employer
from banenbrug.plans.models import TrainingModule
from banenbrug.registry.models import Initiative
from tests.world import in_threads, make_seeker

Status = CohortApplication.Status


def _cohort(places: int) -> Cohort:
    module = TrainingModule.objects.create(
        key="basis", provider="ROC", title="Basis", hours=40, weeks=4, cost_eur=0,
        form="modular", delivery="online", award="certificate")
    initiative = Initiative.objects.create(key="gap", name="GAP", organisation="GAP",
                                           kind="side_entry")
    return cohort_service.create_cohort(Employer.objects.create(name="GAP"), {
        "title": "Cohort", "initiative": initiative.key, "modules": [module.key],
        "start_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "places": places, "region": "AM01", "threshold": 0})


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_applications_and_selections_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers and proves nothing")
    n, places = 30, 4
    cohort = _cohort(places)
    people = [make_seeker() for _ in range(n)]

    assert in_threads(n, lambda i: cohort_service.apply(cohort.pk, people[i],
                                                         consent=True)) == []
    positions = sorted(cohort.applications.values_list("position", flat=True))
    assert positions == list(range(1, n + 1))  # no gaps, no duplicates

    assert in_threads(6, lambda i: cohort_service.run_selection(cohort.pk)) == []
    admitted = sorted(cohort.applications.filter(status=Status.ADMITTED)
                      .values_list("position", flat=True))
    assert admitted == [1, 2, 3, 4]  # exactly the places, to the first in line

    # two participants withdraw while selections run: the places pass on, never twice
    leaving = list(cohort.applications.filter(position__in=(1, 2)))

    def work(i: int) -> None:
        if i < 2:
            cohort_service.withdraw(leaving[i])
        else:
            cohort_service.run_selection(cohort.pk)

    assert in_threads(6, work) == []
    cohort_service.run_selection(cohort.pk)  # after the last withdrawal
    admitted = sorted(cohort.applications.filter(status=Status.ADMITTED)
                      .values_list("position", flat=True))
    assert admitted == [3, 4, 5, 6]
    ranks = sorted(cohort.applications.filter(status=Status.RESERVE)
                   .values_list("reserve_rank", flat=True))
    assert ranks == list(range(1, n - 6 + 1))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_selection_waits_for_the_cohort_lock():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    cohort = _cohort(1)
    cohort_service.apply(cohort.pk, make_seeker(), consent=True)
    locked, finished = threading.Event(), {}

    def hold() -> None:
        try:
            with transaction.atomic():
                Cohort.objects.select_for_update().get(pk=cohort.pk)
                locked.set()
                time.sleep(1.0)
                finished["holder"] = time.monotonic()
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(10)

    def select(_: int) -> None:
        cohort_service.run_selection(cohort.pk)
        finished["selection"] = time.monotonic()

    assert in_threads(1, select) == []
    holder.join(10)
    assert finished["selection"] >= finished["holder"]  # it waited for the lock
    assert cohort.applications.get().status == Status.ADMITTED
