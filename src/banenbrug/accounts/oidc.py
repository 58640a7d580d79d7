"""Log in through an OpenID Connect provider: a broker for DigiD or eHerkenning (docs/accounts.md).

Off unless BANENBRUG_OIDC=1 (conf/base.py reads the provider's endpoints and client from the
environment). mozilla-django-oidc runs the code flow; this module decides who the person is
here. A broker passes DigiD's pseudonymous subject (`sub`), never a BSN we would have to guard,
so the account is found by a hash of `sub` and nothing else the provider says is stored.
"""

from __future__ import annotations

import hashlib
import logging

import requests
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from banenbrug.accounts.registration import grant_job_seeker

logger = logging.getLogger(__name__)


def username_for(subject: str) -> str:
    return "oidc-" + hashlib.sha256(subject.encode()).hexdigest()[:40]


class Backend(OIDCAuthenticationBackend):
    """A new person from the provider becomes a job seeker; employers still ask for the role
    (the broker's eHerkenning attributes could later fill that request)."""

    def authenticate(self, request, **kwargs):
        """A provider that refuses the code (expired, replayed) is a failed login, not a 500."""
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError:
            logger.warning("OIDC provider refused the authorisation code")
            return None

    def verify_token(self, token, **kwargs):
        """The library checks signature and nonce; an id_token for another client is refused
        too (it leaves the audience unchecked)."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("id_token issued to another client")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username=username_for(claims["sub"]))

    def describe_user_by_claims(self, claims) -> str:
        return "an OIDC subject"  # the library logs this: nothing personal

    def create_user(self, claims) -> User:
        user = self.UserModel.objects.create_user(username_for(claims["sub"]))
        grant_job_seeker(user)
        return user
