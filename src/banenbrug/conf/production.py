"""Production: PostgreSQL via DATABASE_URL; secrets and SMTP only from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from banenbrug.conf.base import *  # noqa: F403
from banenbrug.conf.mail import mail_settings

if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000

# Account e-mail goes through an SMTP relay (docs/accounts.md)
globals().update(mail_settings(
    "django.core.mail.backends.smtp.EmailBackend",
    host=os.environ.get("EMAIL_HOST", "localhost"),
    port=int(os.environ.get("EMAIL_PORT", "587")),
    username=os.environ.get("EMAIL_HOST_USER", ""),
    password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
    use_tls=os.environ.get("EMAIL_USE_TLS", "1") == "1",
    timeout=20))
