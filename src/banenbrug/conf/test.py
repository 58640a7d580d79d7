"""The test suite: fast password hashing; the database comes from DATABASE_URL like elsewhere."""

from banenbrug.conf.base import *  # noqa: F403

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
