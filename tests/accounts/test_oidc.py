"""Log in through an OpenID Connect provider (a DigiD broker), against a stub provider: a real
HTTP server on localhost with token and userinfo endpoints, HS256-signed id_tokens and PKCE."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse, reverse_lazy

from banenbrug.accounts.oidc import username_for
from banenbrug.accounts.roles import JOB_SEEKER

CLIENT_ID, SECRET = "banenbrug-test", "stub-provider-shared-secret-0123456789"


class StubProvider(ThreadingHTTPServer):
    """Hands out a token for a code the test 'authorised' (code -> nonce, PKCE challenge)."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.grants: dict[str, dict] = {}
        self.audience = CLIENT_ID

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class StubHandler(BaseHTTPRequestHandler):
    server: StubProvider

    def log_message(self, *args):  # keep the test output clean
        pass

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(
            int(self.headers["Content-Length"])).decode()).items()}
        grant = self.server.grants.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (grant is None or form.get("client_secret") != SECRET
                or challenge != grant["challenge"]):
            return self._json(400, {"error": "invalid_grant"})
        now = int(time.time())
        id_token = jwt.encode({"iss": self.server.url, "sub": grant["sub"],
                               "aud": self.server.audience, "nonce": grant["nonce"],
                               "iat": now, "exp": now + 300}, SECRET, algorithm="HS256")
        return self._json(200, {"id_token": id_token, "access_token": f"at-{grant['sub']}",
                                "token_type": "Bearer"})

    def do_GET(self):
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        if not token.startswith("at-"):
            return self._json(401, {"error": "invalid_token"})
        return self._json(200, {"sub": token.removeprefix("at-")})


@pytest.fixture
def provider():
    server = StubProvider()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with override_settings(
            BANENBRUG_OIDC=True,
            AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend",
                                     "banenbrug.accounts.oidc.Backend"],
            OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=SECRET,
            OIDC_RP_SIGN_ALGO="HS256", OIDC_RP_SCOPES="openid", OIDC_USE_PKCE=True,
            OIDC_OP_AUTHORIZATION_ENDPOINT=f"{server.url}/authorize",
            OIDC_OP_TOKEN_ENDPOINT=f"{server.url}/token",
            OIDC_OP_USER_ENDPOINT=f"{server.url}/userinfo",
            LOGIN_REDIRECT_URL_FAILURE=reverse_lazy("login")):
        yield server
    server.shutdown()
    server.server_close()


def log_in_at_provider(client, provider, subject: str):
    """Start at our site, 'log in' at the provider, come back with the code."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(f"{provider.url}/authorize")
    asked = {k: v[0] for k, v in parse_qs(urlsplit(start["Location"]).query).items()}
    assert asked["client_id"] == CLIENT_ID and asked["code_challenge_method"] == "S256"
    code = f"code-{subject}"
    provider.grants[code] = {"sub": subject, "nonce": asked["nonce"],
                             "challenge": asked["code_challenge"]}
    return client.get(reverse("oidc_authentication_callback"),
                      {"code": code, "state": asked["state"]})


@pytest.mark.django_db
def test_a_person_from_the_provider_becomes_a_job_seeker_and_comes_back_as_the_same(
        client, provider):
    assert "Inloggen met DigiD" in client.get(reverse("login")).content.decode()
    response = log_in_at_provider(client, provider, "pseudoniem-123")
    assert response.status_code == 302 and response["Location"] == reverse("account")
    user = User.objects.get(username=username_for("pseudoniem-123"))
    assert "pseudoniem" not in user.username  # only a hash of the subject is kept
    assert list(user.groups.values_list("name", flat=True)) == [JOB_SEEKER]
    assert client.get(reverse("matching:profile")).status_code == 200  # signed in

    client.logout()
    log_in_at_provider(client, provider, "pseudoniem-123")
    assert User.objects.filter(username__startswith="oidc-").count() == 1
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_a_token_for_another_client_logs_nobody_in(client, provider):
    provider.audience = "some-other-client"
    response = log_in_at_provider(client, provider, "pseudoniem-456")
    assert response.status_code == 400 and "_auth_user_id" not in client.session
    assert not User.objects.filter(username=username_for("pseudoniem-456")).exists()


@pytest.mark.django_db
def test_a_code_the_provider_refuses_logs_nobody_in(client, provider):
    start = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    response = client.get(reverse("oidc_authentication_callback"),
                          {"code": "never-granted", "state": state})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session and not User.objects.exists()


@pytest.mark.django_db
def test_the_provider_views_are_off_by_default(client):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = ("import django; from django.conf import settings; django.setup(); "
            "print(settings.AUTHENTICATION_BACKENDS[-1], settings.OIDC_OP_TOKEN_ENDPOINT)")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.test",
                               "BANENBRUG_OIDC": "1", **env}, timeout=120)


@pytest.mark.parametrize("missing", ["", "OIDC_OP_TOKEN_ENDPOINT"])
def test_the_setting_reads_the_provider_from_the_environment(missing):
    env = {"OIDC_RP_CLIENT_ID": "c", "OIDC_RP_CLIENT_SECRET": "s",
           "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://broker.example/authorize",
           "OIDC_OP_TOKEN_ENDPOINT": "https://broker.example/token",
           "OIDC_OP_USER_ENDPOINT": "https://broker.example/userinfo"}
    env.pop(missing, None)
    done = _settings_with(env)
    if missing:
        assert done.returncode != 0 and f"BANENBRUG_OIDC=1 needs {missing}" in done.stderr
    else:
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["banenbrug.accounts.oidc.Backend",
                                       "https://broker.example/token"]
