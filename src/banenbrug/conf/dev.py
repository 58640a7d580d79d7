"""Local development and the demo (`make demo`): SQLite by default, a per-install secret key.

DEBUG is off unless asked for (`DJANGO_DEBUG=1`, or `banenbrug serve --debug`): the demo shows
the project's own error pages, never Django's debug pages that list settings and URL patterns.
E-mail (account confirmation, invitations, password reset) is printed on the console.
"""

import os

from banenbrug.conf.base import *  # noqa: F403
from banenbrug.conf.mail import mail_settings
from banenbrug.conf.paths import var_dir
from banenbrug.conf.secret import load_or_create_secret

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or load_or_create_secret(var_dir() / "secret_key")
globals().update(mail_settings("django.core.mail.backends.console.EmailBackend"))
