"""The test suite: fast password hashing; the database comes from DATABASE_URL like elsewhere."""

import hashlib

from banenbrug.conf.base import *  # noqa: F403
from banenbrug.conf.base import DATABASES, PROJECT_ROOT

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # One test database per checkout (pytest-xdist adds _gw0, _gw1): checkouts that share a
    # PostgreSQL server would otherwise drop each other's test_postgres mid-run.
    _checkout = hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:8]
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_banenbrug_{_checkout}"
