"""Open Hiring: whoever signs up first and meets the legal minimum gets the offer.

No CV, no ranking, no interview. Every change happens inside one transaction that first locks
the vacancy row (`select_for_update`), so two sign-ups at the same moment queue one after the
other: they never get the same position, and an opening is never offered twice. The unique
constraints on (vacancy, position) and (vacancy, seeker) are the second line of defence.
Every step is written to the append-only `QueueEvent` table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from banenbrug.matching.models import HiringMode, QueueEntry, QueueEvent, Vacancy
from banenbrug.matching.open_hiring import first_in_line
from banenbrug.people.models import JobSeeker

Status = QueueEntry.Status
HOLDING = (Status.OFFERED, Status.ACCEPTED)


class QueueError(ValueError):
    """A step that is not allowed (duplicate sign-up, closed queue, ...); nothing was changed."""
    status_code = 409  # the API's answer (api/problems.py)


@dataclass(frozen=True)
class Declaration:
    """What a person states about the vacancy's legal minimum when signing up."""

    meets_min_age: bool
    may_work_in_nl: bool
    meets_other: bool


def unmet(vacancy: Vacancy, declaration: Declaration) -> list[str]:
    """The stated minimum requirements this declaration does not meet, in words."""
    missing = []
    if not declaration.meets_min_age:
        missing.append(_("Je moet minstens %(age)s jaar zijn.") % {"age": vacancy.min_age})
    if vacancy.work_permit_required and not declaration.may_work_in_nl:
        missing.append(_("Je moet wettelijk in Nederland mogen werken."))
    if vacancy.other_requirements and not declaration.meets_other:
        missing.append(_("Je moet voldoen aan: %(req)s") % {"req": vacancy.other_requirements})
    return missing


def _locked(vacancy_id: int) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().filter(pk=vacancy_id).first()
    if vacancy is None:
        raise QueueError(_("Deze vacature bestaat niet."))
    if vacancy.hiring_mode != HiringMode.OPEN_HIRING:
        raise QueueError(_("Deze vacature werkt niet met Open Hiring."))
    return vacancy


def _record(vacancy: Vacancy, entry: QueueEntry | None, kind: str) -> None:
    QueueEvent.objects.create(vacancy=vacancy, entry=entry,
                              position=entry.position if entry else None, kind=kind)


def _offer_free_places(vacancy: Vacancy) -> list[QueueEntry]:
    """Offer each free opening to the next person in line. Caller holds the vacancy lock."""
    if not vacancy.is_open:
        return []
    held = vacancy.queue.filter(status__in=HOLDING).count()
    offered = list(first_in_line(vacancy.queue.filter(status=Status.WAITING).order_by("position"),
                                 vacancy.openings, held))
    for entry in offered:
        entry.status = Status.OFFERED
        entry.save(update_fields=["status", "updated_at"])
        _record(vacancy, entry, QueueEvent.Kind.OFFERED)
    return offered


def sign_up(vacancy_id: int, seeker: JobSeeker, declaration: Declaration) -> QueueEntry:
    """Join the queue at the next position; the offer follows at once if a place is free."""
    with transaction.atomic():
        vacancy = _locked(vacancy_id)
        if not vacancy.is_open:
            raise QueueError(_("Deze vacature is gesloten; aanmelden kan niet meer."))
        missing = unmet(vacancy, declaration)
        if missing:
            raise QueueError(" ".join(missing))
        if vacancy.queue.filter(seeker=seeker).exists():
            raise QueueError(_("Je staat al in de rij voor deze vacature."))
        last = vacancy.queue.aggregate(last=Max("position"))["last"] or 0
        try:
            with transaction.atomic():
                entry = QueueEntry.objects.create(vacancy=vacancy, seeker=seeker,
                                                  position=last + 1)
        except IntegrityError as exc:  # only reachable without a row lock (SQLite races)
            raise QueueError(_("Je staat al in de rij voor deze vacature.")) from exc
        _record(vacancy, entry, QueueEvent.Kind.SIGNED_UP)
        _offer_free_places(vacancy)
        entry.refresh_from_db()
        return entry


def _change(entry_id: int, allowed_from: tuple[str, ...], to: str, kind: str) -> QueueEntry:
    vacancy_id = QueueEntry.objects.filter(pk=entry_id).values_list("vacancy_id", flat=True)
    if not vacancy_id:
        raise QueueError(_("Deze plaats in de rij bestaat niet."))
    with transaction.atomic():
        vacancy = _locked(vacancy_id[0])
        entry = QueueEntry.objects.get(pk=entry_id)  # re-read under the lock
        if entry.status not in allowed_from:
            raise QueueError(_("Dat kan niet meer: de status is nu '%(status)s'.")
                             % {"status": entry.get_status_display()})
        entry.status = to
        entry.save(update_fields=["status", "updated_at"])
        _record(vacancy, entry, kind)
        if to == Status.ACCEPTED and vacancy.queue.filter(
                status=Status.ACCEPTED).count() >= vacancy.openings:
            vacancy.is_open = False
            vacancy.save(update_fields=["is_open"])
            _record(vacancy, None, QueueEvent.Kind.CLOSED)
            # The queue is full: nobody else holds an offer on a filled vacancy.
        _offer_free_places(vacancy)
        return entry


def accept(entry_id: int) -> QueueEntry:
    return _change(entry_id, (Status.OFFERED,), Status.ACCEPTED, QueueEvent.Kind.ACCEPTED)


def decline(entry_id: int) -> QueueEntry:
    """Decline the offer; it passes to the next person in line."""
    return _change(entry_id, (Status.OFFERED,), Status.DECLINED, QueueEvent.Kind.DECLINED)


def withdraw(entry_id: int) -> QueueEntry:
    return _change(entry_id, (Status.WAITING, Status.OFFERED), Status.WITHDRAWN,
                   QueueEvent.Kind.WITHDRAWN)


def mark_not_eligible(entry_id: int) -> QueueEntry:
    """The employer finds, at the offer, that the legal minimum is not met; the offer passes on."""
    return _change(entry_id, (Status.OFFERED,), Status.NOT_ELIGIBLE,
                   QueueEvent.Kind.NOT_ELIGIBLE)


def leave_all(seeker: JobSeeker) -> None:
    """Before a profile is deleted: give up every place so offers pass on."""
    for entry_id in seeker.queue_places.filter(
            status__in=(Status.WAITING, Status.OFFERED)).values_list("pk", flat=True):
        withdraw(entry_id)
