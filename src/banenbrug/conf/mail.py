"""E-mail settings for either Django: MAILERS from 6.1 on, the EMAIL_* settings before it.

Django 6.1 deprecates EMAIL_BACKEND and friends and refuses them next to MAILERS; Django 5.2
(on Python 3.11, docs/architecture.md) knows only them. Kept free of Django's settings.
"""

from __future__ import annotations

from typing import Any

import django

# SMTP backend options -> the settings Django 5.2 reads them from
_OLD_NAMES = {"host": "EMAIL_HOST", "port": "EMAIL_PORT", "username": "EMAIL_HOST_USER",
              "password": "EMAIL_HOST_PASSWORD", "use_tls": "EMAIL_USE_TLS",
              "timeout": "EMAIL_TIMEOUT"}


def mail_settings(backend: str, **options: Any) -> dict[str, Any]:
    """The settings that send all mail through `backend` (a dotted path) with `options`."""
    if django.VERSION >= (6, 1):
        return {"MAILERS": {"default": {"BACKEND": backend, "OPTIONS": options}}}
    return {"EMAIL_BACKEND": backend, **{_OLD_NAMES[k]: v for k, v in options.items()}}
