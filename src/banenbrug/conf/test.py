"""The test suite: fast password hashing; the database comes from DATABASE_URL like elsewhere."""

import hashlib

from banenbrug.conf.base import *  # noqa: F403
from banenbrug.conf.base import DATABASES, PROJECT_ROOT
from banenbrug.conf.mail import mail_settings

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# the test runner swaps every mailer for the in-memory one (django.core.mail.outbox)
globals().update(mail_settings("django.core.mail.backends.locmem.EmailBackend"))

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # One test database per checkout (pytest-xdist adds _gw0, _gw1): checkouts that share a
    # PostgreSQL server would otherwise drop each other's test_postgres mid-run.
    _checkout = hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:8]
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_banenbrug_{_checkout}"
