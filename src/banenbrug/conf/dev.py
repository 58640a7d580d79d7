"""Local development and the demo (`make demo`): debug on, a throwaway secret key."""

import os

from banenbrug.conf.base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
