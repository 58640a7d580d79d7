"""An administrator grants or refuses a requested employer account.

Granting gives the employer role and makes the person a member of a new employer
(organisation) with the name given at registration, so the vacancy pages work at once.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from banenbrug.accounts.models import EmployerRequest
from banenbrug.accounts.roles import EMPLOYER
from banenbrug.people.models import Employer


def pending() -> list[EmployerRequest]:
    return list(EmployerRequest.objects.filter(status=EmployerRequest.Status.PENDING)
                .select_related("user"))


@transaction.atomic
def decide(request_id: int, by: User, grant: bool) -> EmployerRequest:
    item = EmployerRequest.objects.select_for_update().get(
        pk=request_id, status=EmployerRequest.Status.PENDING)
    item.status = EmployerRequest.Status.GRANTED if grant else EmployerRequest.Status.REFUSED
    item.decided_at, item.decided_by = timezone.now(), by
    item.save(update_fields=["status", "decided_at", "decided_by"])
    if grant:
        item.user.groups.add(Group.objects.get(name=EMPLOYER))
        Employer.objects.create(name=item.organisation).members.add(item.user)
    return item
