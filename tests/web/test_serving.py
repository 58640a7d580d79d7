"""Production serving: settings, the gunicorn set-up, error pages, readiness vs liveness."""

import json
import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from banenbrug.conf.secret import load_or_create_secret
from banenbrug.taxonomy.esco_import import import_esco
from banenbrug.web import server, warm

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(autouse=True)
def cold_engines():
    """Every test starts cold and leaves the process cold, whatever it marked."""
    warm.reset()
    yield
    warm.reset()


# --- settings: a per-install secret, DEBUG off by default ---------------------------------


def test_secret_is_created_owner_only_and_reused(tmp_path):
    path = tmp_path / "secret_key"
    old_umask = os.umask(0)  # a permissive umask must not leak into the file's mode
    try:
        first = load_or_create_secret(path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 50
    assert load_or_create_secret(path) == first  # the second start reads it back
    assert load_or_create_secret(tmp_path / "other") != first  # random per install


def test_an_empty_secret_file_is_replaced(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("")
    key = load_or_create_secret(path)
    assert key and path.read_text().strip() == key


def _dev_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE"}}
    clean.update(BANENBRUG_VAR_DIR=str(tmp_path), PYTHONPATH=str(SRC), **env)
    out = subprocess.run(
        [sys.executable, "-c", "import json, banenbrug.conf.dev as s; "
                               "print(json.dumps([s.DEBUG, s.SECRET_KEY]))"],
        env=clean, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_demo_settings_have_debug_off_and_a_secret_in_var(tmp_path):
    debug, key = _dev_settings(tmp_path)
    assert debug is False
    assert key == (tmp_path / "secret_key").read_text().strip()
    assert "insecure" not in key
    assert _dev_settings(tmp_path, DJANGO_DEBUG="1") == [True, key]  # asked for; same key
    assert _dev_settings(tmp_path, DJANGO_SECRET_KEY="from-env")[1] == "from-env"


# --- the gunicorn set-up and the connection bound ------------------------------------------


def test_gunicorn_preloads_with_threads_and_bounds_connections():
    options = server.gunicorn_options(host="127.0.0.1", port=8123, workers=2, threads=8)
    assert options["worker_class"] == "gthread"
    assert options["preload_app"] is True  # warm in the master, before bind and fork
    assert options["bind"] == ["127.0.0.1:8123"]
    assert server.connection_bound(options) == 16
    assert server.connection_bound(server.gunicorn_options(host="::1", port=1)) == 8
    assert server.gunicorn_options(host="::1", port=1)["bind"] == ["[::1]:1"]
    with pytest.raises(ValueError):
        server.gunicorn_options(host="127.0.0.1", port=1, threads=0)


def test_connection_budget_against_postgres_max_connections():
    assert server.connection_budget_problem(16, None) is None  # SQLite: no server limit
    assert server.connection_budget_problem(16, 100) is None
    assert server.connection_budget_problem(95, 100) is None  # 100 - 5 spare
    problem = server.connection_budget_problem(96, 100)
    assert problem and "96" in problem and "--threads" in problem


@pytest.mark.django_db
def test_serve_refuses_more_threads_than_postgres_allows(monkeypatch):
    monkeypatch.setattr(server, "postgres_max_connections", lambda: 20)
    started = []
    monkeypatch.setattr(server, "run", lambda config, load: started.append(config))
    with pytest.raises(CommandError, match="16 database connections"):
        call_command("serve", "--workers", "2", "--threads", "8")
    assert not started


@pytest.mark.django_db
def test_max_connections_is_read_from_postgres_only():
    from django.db import connection

    found = server.postgres_max_connections()
    if connection.vendor == "postgresql":
        assert isinstance(found, int) and found > 0
    else:
        assert found is None


@pytest.mark.django_db
def test_serve_defaults_fit_postgres_default_limit_and_follow_the_environment(monkeypatch):
    monkeypatch.delenv("BANENBRUG_WORKERS", raising=False)
    monkeypatch.delenv("BANENBRUG_THREADS", raising=False)
    started = []
    monkeypatch.setattr(server, "run", lambda config, load: started.append(config))
    call_command("serve")
    config = started[0]
    assert (config["workers"], config["threads"]) == (1, 8)  # measured best here (benchmarks)
    assert config["preload_app"] is True  # the workers share the warmed engines
    assert server.connection_bound(config) == 8
    assert server.connection_budget_problem(8, 100) is None  # PostgreSQL's default limit
    monkeypatch.setenv("BANENBRUG_WORKERS", "3")
    call_command("serve")
    assert started[1]["workers"] == 3 and started[1]["threads"] == 8


@pytest.mark.django_db
def test_the_warmed_master_freezes_its_objects_before_the_fork(monkeypatch):
    import gc

    loaded = []
    monkeypatch.setattr(server, "run", lambda config, load: loaded.append(load()))
    gc.unfreeze()
    try:
        call_command("serve")
        assert loaded and gc.get_freeze_count() > 0  # the collector leaves shared pages alone
    finally:
        gc.unfreeze()


@pytest.mark.django_db
def test_serve_debug_turns_debug_on(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.setattr(server, "run", lambda config, load: None)
    call_command("serve", "--debug")
    assert settings.DEBUG is True


@pytest.mark.django_db
def test_serve_warms_before_it_hands_over_the_app(monkeypatch):
    seen = {}

    def fake_run(config, load):
        seen["config"] = config
        seen["before"] = warm.warmed()
        seen["app"] = load()
        seen["after"] = warm.warmed()

    monkeypatch.setattr(server, "run", fake_run)
    call_command("serve", "--port", "8765", "--threads", "4")
    assert seen["config"]["threads"] == 4 and seen["config"]["bind"] == ["127.0.0.1:8765"]
    assert seen["before"] is None and seen["after"] == {}  # no data yet: nothing to load
    assert callable(seen["app"])


# --- error pages with DEBUG off --------------------------------------------------------------


@pytest.fixture
def production_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def _english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.mark.django_db
def test_unknown_url_gets_the_projects_404_not_the_debug_page(production_client):
    response = production_client.get("/bestaat-niet/echt")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Niet gevonden" in page and '<html lang="nl">' in page
    assert "Using the URLconf" not in page and "urlpatterns" not in page
    english = _english(production_client).get("/bestaat-niet").content.decode()
    assert "Not found" in english and '<html lang="en">' in english


@pytest.mark.django_db
@pytest.mark.urls("tests.web.error_urls")
def test_a_failing_view_gets_the_projects_500_page(production_client):
    response = production_client.get("/test-boom")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in page and "Banenbrug" in page
    assert "RuntimeError" not in page and "Traceback" not in page
    english = _english(production_client).get("/test-boom").content.decode()
    assert "Something went wrong" in english


@pytest.mark.django_db
@pytest.mark.urls("tests.web.error_urls")
def test_forbidden_gets_the_projects_403_page(production_client):
    response = production_client.get("/test-forbidden")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


@pytest.mark.django_db
def test_static_files_are_served_with_debug_off(production_client):
    response = production_client.get("/static/web/banenbrug.css")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).strip()


# --- readiness (/health) vs liveness (/live) -------------------------------------------------


@pytest.mark.django_db
def test_health_is_503_until_the_engines_are_warm(client, esco_small):
    cold = client.get("/health")
    assert cold.status_code == 503 and cold.json()["status"] == "starting"
    warm.mark_warm()
    assert client.get("/health").json()["status"] == "degraded"  # ready, but no ESCO yet
    import_esco([esco_small])
    ready = client.get("/health")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok" and ready.json()["engines"] == "warm"


@pytest.mark.django_db
def test_live_touches_neither_database_nor_engines(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/live")
    assert response.status_code == 200 and response.json() == {"status": "alive"}
    assert warm.warmed() is None  # still cold: /live loaded nothing


@pytest.mark.django_db
def test_database_down_fails_health_but_not_live(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    warm.mark_warm()

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    health = client.get("/health")
    assert health.status_code == 503 and health.json()["status"] == "error"
    assert client.get("/live").status_code == 200


# --- the real server (needs gunicorn installed: `make install`) -----------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


def test_banenbrug_serve_runs_gunicorn_with_the_project_pages(tmp_path):
    pytest.importorskip("gunicorn")
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG"}}
    env.update(BANENBRUG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="banenbrug.conf.dev",
               PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    command = [sys.executable, "-m", "banenbrug"]
    subprocess.run([*command, "migrate", "--verbosity", "0"], env=env, check=True)
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "esco_small"
    subprocess.run([*command, "import-esco", str(fixture)], env=env, check=True,
                   capture_output=True)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as handle:
        process = subprocess.Popen([*command, "serve", "--port", str(port), "--threads", "2"],
                                   env=env, stdout=subprocess.DEVNULL, stderr=handle)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, headers, _ = _get(f"{url}/live")
                break
            except OSError:
                assert process.poll() is None, log.read_text()[-2000:]
                assert time.monotonic() < deadline, log.read_text()[-2000:]
                time.sleep(0.3)
        assert status == 200 and "gunicorn" in headers.get("Server", "")
        # the port opened only after warming: ready at once, no 503 window
        status, _, body = _get(f"{url}/health")
        assert status == 200 and json.loads(body) | {"esco_data_version": "-"} == {
            "status": "ok", "database": "sqlite", "esco_data_version": "-", "engines": "warm"}
        status, _, body = _get(f"{url}/bestaat-niet")
        assert status == 404 and "Niet gevonden" in body and "URLconf" not in body
        assert _get(f"{url}/static/web/banenbrug.css")[0] == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log.read_text()
    # every engine was loaded before gunicorn opened the port
    assert "Listening at" in text and "zoekindex / search index" in text
    assert text.index("vaardigheden uit tekst") < text.index("Listening at")
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
