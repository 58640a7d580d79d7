"""A coach invites a job seeker: a link by e-mail that registers one account, once, in time.

The person who accepts becomes a job seeker in the coach's caseload (matching links the profile
to the coach when it is first saved: `coach_of`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from banenbrug.accounts import mail, registration
from banenbrug.accounts.models import Invitation


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(request: HttpRequest, coach: User, email: str) -> Invitation:
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        coach=coach, email=registration.normalise_email(email), token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.BANENBRUG_INVITATION_DAYS))
    url = request.build_absolute_uri(reverse("accept-invitation", args=[token]))
    mail.send(request, invitation.email, "invitation",
              {"url": url, "days": settings.BANENBRUG_INVITATION_DAYS})
    return invitation


def usable(token: str) -> Invitation | None:
    """The invitation behind a link, if it is still unused and not expired."""
    invitation = Invitation.objects.filter(token_hash=_hash(token)).first()
    return invitation if invitation is not None and invitation.is_usable else None


def accept(token: str, password: str) -> User | None:
    """Register the invited address (the link proved it, so the account is active at once);
    None if the link was used, expired or wrong, or the address already has an account."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(
            token_hash=_hash(token)).first()
        if (invitation is None or not invitation.is_usable
                or User.objects.filter(username=invitation.email).exists()):
            return None
        user = registration.create_account(invitation.email, password, active=True)
        invitation.accepted_by, invitation.accepted_at = user, timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
    return user


def coach_of(user: User) -> User | None:
    """The coach whose invitation this person accepted, if any."""
    invitation = Invitation.objects.filter(accepted_by=user).select_related("coach").first()
    return invitation.coach if invitation else None
