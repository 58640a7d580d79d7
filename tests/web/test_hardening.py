"""Hardening: API errors as problem documents, one version, roles before bodies, security
headers, login throttling, and clear answers when the database or the secret key is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.utils import OperationalError
from django.test import RequestFactory

from banenbrug.accounts.roles import EMPLOYER, JOB_SEEKER
from banenbrug.accounts.throttle import client_ip
from banenbrug.web.middleware import DatabaseUnavailableMiddleware

SRC = Path(__file__).resolve().parents[2] / "src"
PROBLEM = "application/problem+json"


# --- the API's answers to input no endpoint can use ---------------------------------------


@pytest.mark.parametrize("url, parameter", [
    ("/api/plans/modules?q=%00", "q"),
    ("/api/plans/modules?offset=99999999999999999999", "offset"),
    ("/api/monitor/forecast?seed=-1", "seed"),
    ("/api/monitor/indicators?population_group=%00", "population_group"),
    ("/api/monitor/tension?occupation_group=%00", "occupation_group"),
])
@pytest.mark.django_db
def test_unusable_query_values_are_a_422_problem_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == 422 and body["instance"] == url.split("?")[0]
    assert parameter in [p["name"] for p in body["invalid_params"]]


@pytest.mark.django_db
def test_the_api_has_one_version_and_the_old_paths_still_answer(client):
    old = client.get("/api/registry/regions")
    new = client.get("/api/v1/registry/regions")
    assert old.status_code == new.status_code == 200
    assert old.json() == new.json()
    assert new["API-Version"] == old["API-Version"] == "1.0.0"
    assert "/api/v1/registry/regions" in client.get("/api/openapi.json").json()["paths"]


@pytest.mark.django_db
def test_an_unknown_api_path_is_a_404_problem_not_a_page(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["instance"] == "/api/v1/no-such-thing"


@pytest.mark.django_db
def test_the_schema_describes_the_problem_bodies_of_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"type", "title", "status", "detail", "instance"} <= set(
        schema["components"]["schemas"]["Problem"]["properties"])
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) > 50
    for op in operations:
        responses = op["responses"]
        for status in ("422", "500"):
            assert PROBLEM in responses[status]["content"], (op["operationId"], status)
        if op.get("security"):
            assert {"401", "403"} <= set(responses), op["operationId"]
        for status, response in responses.items():
            if int(status) >= 400:
                assert list(response["content"]) == [PROBLEM], (op["operationId"], status)


# --- roles are checked before the body ------------------------------------------------------


def _user(name: str, role: str) -> User:
    user = User.objects.create_user(name, password="x-long-password-1")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.django_db
def test_a_role_that_may_not_post_gets_403_whatever_the_body(client):
    client.force_login(_user("anna", JOB_SEEKER))
    refused = client.post("/api/matching/employer/vacancies", {"nonsense": True},
                          content_type="application/json")
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    client.force_login(_user("baas", EMPLOYER))
    shaped = client.post("/api/matching/employer/vacancies", {"nonsense": True},
                         content_type="application/json")
    assert shaped.status_code == 422  # the employer may, so hears what is wrong with the body
    assert shaped.json()["invalid_params"]


@pytest.mark.django_db
def test_anonymous_callers_are_told_to_log_in(client):
    response = client.post("/api/matching/employer/vacancies", {}, content_type="application/json")
    assert response.status_code == 401 and response.json()["detail"] == "log in first"


@pytest.mark.django_db
def test_viewing_aggregates_does_not_allow_an_indicator_import(client):
    from banenbrug.accounts.roles import ANALYST

    client.force_login(_user("analist", ANALYST))
    response = client.post("/api/monitor/indicators/import", {})
    assert response.status_code == 403


# --- headers -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_a_permissions_policy(client):
    response = client.get("/")
    policy = dict(part.strip().split(" ", 1) for part in
                  response["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'"  # no inline script, no eval, no CDN
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_template_holds_an_inline_script():
    """The policy allows only the site's own script files: an inline script would not run."""
    import re

    offenders = []
    for template in SRC.glob("banenbrug/**/templates/**/*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template.relative_to(SRC)}: {tag}")
    assert offenders == []


# --- login throttling -------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_wrong_passwords_lock_that_user_name_for_a_while(client):
    _user("anna", JOB_SEEKER)
    _user("bram", JOB_SEEKER)
    for _ in range(5):
        wrong = client.post("/account/inloggen/", {"username": "anna", "password": "fout"})
        assert wrong.status_code in (200, 429)
    locked = client.post("/account/inloggen/",
                         {"username": "anna", "password": "x-long-password-1"})
    assert locked.status_code == 429
    assert "Inloggen even geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session  # the right password did not get in
    other = client.post("/account/inloggen/", {"username": "bram",
                                               "password": "x-long-password-1"})
    assert other.status_code == 302  # another person from the same address is not locked out


def test_behind_a_proxy_the_client_address_comes_from_the_proxys_own_entry(settings):
    settings.BANENBRUG_TRUSTED_PROXIES = 1
    via = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2",
                               HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert client_ip(via) == "198.51.100.7"  # what the client wrote itself (6.6.6.6) is ignored
    settings.BANENBRUG_TRUSTED_PROXIES = 2
    assert client_ip(via) == "6.6.6.6"
    direct = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert client_ip(direct) == "10.0.0.2"  # did not come through the proxies
    settings.BANENBRUG_TRUSTED_PROXIES = 0
    assert client_ip(via) == "10.0.0.2"  # no proxy configured: the header is not trusted


@pytest.mark.django_db
def test_behind_a_proxy_a_forged_forwarded_for_does_not_escape_the_lock(client, settings):
    settings.BANENBRUG_TRUSTED_PROXIES = 1
    _user("anna", JOB_SEEKER)
    for n in range(5):  # the attacker writes a new address of its own each time
        client.post("/account/inloggen/", {"username": "anna", "password": "fout"},
                    REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7")
    attacker = client.post("/account/inloggen/",
                           {"username": "anna", "password": "x-long-password-1"},
                           REMOTE_ADDR="10.0.0.2",
                           HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7")
    assert attacker.status_code == 429
    anna = client.post("/account/inloggen/", {"username": "anna", "password": "x-long-password-1"},
                       REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert anna.status_code == 302  # the same proxy, another client: not locked out with them


# --- the database or the secret key missing -------------------------------------------------


def test_a_database_that_is_down_gives_the_503_page():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().get("/"),
                                            OperationalError("connection refused"))
    assert response is not None and response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Even niet bereikbaar" in response.content.decode()
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None


def _banenbrug(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    clean.update(PYTHONPATH=str(SRC), **env)
    return subprocess.run([sys.executable, "-m", "banenbrug", *args], env=clean,
                          capture_output=True, text=True, timeout=120)


def test_an_unreachable_database_is_exit_2_with_a_sentence(tmp_path):
    done = _banenbrug("occupations", "loodgieter", BANENBRUG_VAR_DIR=str(tmp_path),
                      DATABASE_URL="postgres://postgres@127.0.0.1:9/nowhere")
    assert done.returncode == 2
    assert "cannot reach the database (postgresql nowhere at 127.0.0.1:9)" in done.stderr
    assert "Traceback" not in done.stderr


def test_production_without_a_secret_key_stops_with_a_sentence(tmp_path):
    done = _banenbrug("check", BANENBRUG_VAR_DIR=str(tmp_path),
                      DJANGO_SETTINGS_MODULE="banenbrug.conf.production")
    assert done.returncode == 2
    assert "DJANGO_SECRET_KEY is not set" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.django_db
def test_a_weak_demo_password_is_refused_before_any_user_is_made(monkeypatch):
    monkeypatch.setenv("BANENBRUG_DEMO_PASSWORD", "12345")
    with pytest.raises(CommandError, match="BANENBRUG_DEMO_PASSWORD is refused"):
        call_command("matching_demo")
    assert not User.objects.filter(username__startswith="demo-").exists()
