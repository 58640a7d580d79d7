"""Settings shared by every environment. Values that differ per deployment come from env vars."""

import os
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

from banenbrug.conf.paths import PROJECT_ROOT, var_dir

BASE_DIR = PROJECT_ROOT
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",  # admin.autodiscover() in urls.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",  # login throttling (below)
    "banenbrug.web",
    "banenbrug.accounts",
    "banenbrug.taxonomy",
    "banenbrug.transitions",
    "banenbrug.people",
    "banenbrug.matching",
    "banenbrug.plans",
    "banenbrug.registry",
    "banenbrug.evaluation",
    "banenbrug.monitor",
    "banenbrug.orientation",
    "banenbrug.employers",
    "banenbrug.jobs",
    "banenbrug.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "banenbrug.api.middleware.ApiMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "banenbrug.web.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "banenbrug.web.middleware.DatabaseUnavailableMiddleware",
    "banenbrug.web.middleware.OneDataVersionMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

ROOT_URLCONF = "banenbrug.urls"
WSGI_APPLICATION = "banenbrug.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "banenbrug.web.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{var_dir() / 'banenbrug.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # a kept connection that the server dropped (restart, idle timeout) is replaced before
        # the request uses it, instead of failing that request
        conn_health_checks=True,
    )
}
# Connections are per thread and kept for CONN_MAX_AGE seconds: under `banenbrug serve`
# (gunicorn gthread, a fixed pool of threads) a process holds at most one per thread, so the
# server holds at most workers x threads (docs/serving.md; serve refuses a bound over what
# PostgreSQL allows).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web app read while an import writes; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Background jobs go to Celery workers through this Redis; unset, they run in a thread of the
# process that starts them (docs/jobs.md)
REDIS_URL = os.environ.get("REDIS_URL", "")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "banenbrug.accounts.throttle.ThrottledBackend",  # refuses a locked-out login first
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: 5 failures for one user name from one address lock that pair for 15
# minutes (a stranger cannot lock a person out everywhere by guessing from elsewhere); a
# success resets the count. Only failures are kept (no log of who logged in when), and they
# expire with the cool-off (`banenbrug axes_reset` clears them by hand).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # its log lines name the user and the address
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "banenbrug.accounts.throttle.client_ip"
BANENBRUG_TRUSTED_PROXIES = 0  # reverse proxies in front of the server (production: from env)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"

# Accounts (docs/accounts.md). Confirmation and password-reset links expire after
# PASSWORD_RESET_TIMEOUT (Django's default, 3 days); a coach's invitation after this many days.
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL",
                                    "Banenbrug <noreply@banenbrug.localhost>")
BANENBRUG_INVITATION_DAYS = 14
# Log in through an OpenID Connect provider (a DigiD/eHerkenning broker) next to passwords.
BANENBRUG_OIDC = os.environ.get("BANENBRUG_OIDC", "0") == "1"
if BANENBRUG_OIDC:
    _required = ("OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET", "OIDC_OP_AUTHORIZATION_ENDPOINT",
                 "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT")
    if _missing := [name for name in _required if not os.environ.get(name)]:
        raise ImproperlyConfigured(f"BANENBRUG_OIDC=1 needs {', '.join(_missing)}")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "banenbrug.accounts.oidc.Backend"]
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_USE_PKCE = True
    LOGIN_REDIRECT_URL_FAILURE = reverse_lazy("login")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS: list[Path] = []  # each app keeps its own locale/ folder
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = var_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Plotly's JavaScript comes from the plotly package itself, Swagger UI from django-ninja's:
# charts and the API docs work offline, no CDN (ninja is not an installed app: api/docs.py).
def _package_dir(name: str) -> Path:
    """Where an installed package lies, found without importing it."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ImproperlyConfigured(f"the package {name} is not installed")
    return Path(spec.origin).parent


STATICFILES_DIRS = [("plotly", _package_dir("plotly") / "package_data"),
                    ("ninja", _package_dir("ninja") / "static" / "ninja")]
WHITENOISE_USE_FINDERS = True  # serve straight from app folders: no collectstatic step needed

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only this site's own scripts run: htmx, Plotly and the charts are static files, data reaches
# them through json_script. Styles allow inline attributes because Plotly sets them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page needs a camera, microphone, location or payment: say so to the browser.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: [] for feature in ("accelerometer", "camera", "geolocation", "gyroscope",
                                "magnetometer", "microphone", "payment", "usb")
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
