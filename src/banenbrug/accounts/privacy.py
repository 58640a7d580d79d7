"""The privacy terms' version and the record of a person's consent to them.

Bump VERSION whenever templates/accounts/privacy.html changes what it promises: consents stay
tied to the text the person read.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from banenbrug.accounts.models import PrivacyConsent

VERSION = "2026-12"


def record_consent(user: User) -> PrivacyConsent:
    return PrivacyConsent.objects.create(user=user, version=VERSION)


def current_consent(user: User) -> PrivacyConsent | None:
    return user.privacy_consents.filter(version=VERSION).first()
