"""Production: PostgreSQL via DATABASE_URL; secrets and SMTP only from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from banenbrug.conf.base import *  # noqa: F403
from banenbrug.conf.mail import mail_settings

if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: production needs its own secret key (50 random "
        "characters, e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"
        " in the environment; see docs/serving.md.")
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HTTPS only: plain HTTP is redirected, and browsers are told to use HTTPS for a year. Behind a
# TLS-terminating proxy, set DJANGO_BEHIND_PROXY=1 so the proxy's X-Forwarded-Proto counts.
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SSL_REDIRECT", "1") == "1"
SECURE_REDIRECT_EXEMPT = [r"^health$", r"^live$"]  # probes from inside the cluster speak HTTP
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False  # preloading cannot be undone quickly: a deployer's own decision
if os.environ.get("DJANGO_BEHIND_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # login throttling counts the client's address from X-Forwarded-For (accounts/throttle.py)
    BANENBRUG_TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "1"))

# Account e-mail goes through an SMTP relay (docs/accounts.md)
globals().update(mail_settings(
    "django.core.mail.backends.smtp.EmailBackend",
    host=os.environ.get("EMAIL_HOST", "localhost"),
    port=int(os.environ.get("EMAIL_PORT", "587")),
    username=os.environ.get("EMAIL_HOST_USER", ""),
    password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
    use_tls=os.environ.get("EMAIL_USE_TLS", "1") == "1",
    timeout=20))
