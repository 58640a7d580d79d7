"""Self-registration: an inactive account, consent on record, a confirmation link by e-mail.

The account is a job seeker's unless an employer account was asked for; that one gets no role
until an administrator grants it (employers.py), so nobody can give themselves access to
candidates by ticking a box. The e-mail address is the username.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlencode, urlsafe_base64_decode, urlsafe_base64_encode

from banenbrug.accounts import mail, privacy
from banenbrug.accounts.models import EmployerRequest
from banenbrug.accounts.roles import JOB_SEEKER


class ConfirmationTokens(PasswordResetTokenGenerator):
    """Like password-reset tokens (signed, expiring after PASSWORD_RESET_TIMEOUT; the last login
    is in the hash) with the active flag added: once confirmed, the link is spent."""

    key_salt = "banenbrug.accounts.registration.ConfirmationTokens"

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


confirmation_tokens = ConfirmationTokens()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def grant_job_seeker(user: User) -> None:
    user.groups.add(Group.objects.get(name=JOB_SEEKER))


@transaction.atomic
def create_account(email: str, password: str, *, active: bool,
                   organisation: str = "") -> User:
    """The account with its consent; a job seeker, or a pending employer request."""
    user = User.objects.create_user(normalise_email(email), email=normalise_email(email),
                                    password=password, is_active=active)
    privacy.record_consent(user)
    if organisation:
        EmployerRequest.objects.create(user=user, organisation=organisation.strip())
    else:
        grant_job_seeker(user)
    return user


def register(request: HttpRequest, email: str, password: str, organisation: str = "",
             next_page: str = "") -> None:
    """Send the confirmation link; an address that already has an account gets a note that
    says so instead, and the page looks the same, so nobody learns who is registered. An
    account never confirmed (the mail got lost) gets a new link and keeps its first password."""
    existing = User.objects.filter(username=normalise_email(email)).first()
    if existing is None:
        send_confirmation(request, create_account(email, password, active=False,
                                                  organisation=organisation), next_page)
    elif not existing.is_active and existing.last_login is None:
        send_confirmation(request, existing, next_page)
    else:
        mail.send(request, existing.email or normalise_email(email), "already_registered",
                  {"reset_url": request.build_absolute_uri(reverse("password_reset"))})


def send_confirmation(request: HttpRequest, user: User, next_page: str = "") -> None:
    """The link carries `next` (a checked path on this site), so confirming brings the person
    back to where they started registering, e.g. the plan they wanted to make."""
    link = reverse("confirm", args=[urlsafe_base64_encode(force_bytes(user.pk)),
                                    confirmation_tokens.make_token(user)])
    if next_page:
        link += "?" + urlencode({"next": next_page})
    mail.send(request, user.email, "confirm", {"url": request.build_absolute_uri(link)})


def _linked_user(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, OverflowError, User.DoesNotExist):
        return None
    return user if confirmation_tokens.check_token(user, token) else None


def link_is_valid(uidb64: str, token: str) -> bool:
    return _linked_user(uidb64, token) is not None


def confirm(uidb64: str, token: str) -> User | None:
    """Activate the account the link belongs to; None for a wrong, used or expired link."""
    user = _linked_user(uidb64, token)
    if user is None:
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
