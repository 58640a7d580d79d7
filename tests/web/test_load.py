"""A bounded load test: 50 concurrent clients for 15 s against the production server
(`banenbrug serve`, gunicorn gthread) on PostgreSQL, on loopback. No request may fail, the
server may never hold more connections than its threads, and none may be left afterwards.
(benchmarks/serve_concurrency.py measures the same set-up for latency figures.)"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest

from banenbrug.web import server
from tests.conftest import _checkout_tag, _free_port

pytestmark = pytest.mark.postgres

CLIENTS, SECONDS = 50, 15
WORKERS, THREADS = server.DEFAULT_WORKERS, server.DEFAULT_THREADS  # what `serve` starts
PATHS = ("/zoeken/?q=elektricien", "/api/occupations?q=monteur", "/bestaat-niet/", "/health",
         "/")
EXPECTED = {"/bestaat-niet/": 404}


def _connections(admin_url: str, database: str) -> int:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                           (database,)).fetchone()
        return int(row[0]) if row else 0


@pytest.fixture
def load_database(tmp_path):
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the load test runs on PostgreSQL")
    base, _, _ = url.rpartition("/")
    database = f"banenbrug_load_{_checkout_tag()}"
    admin = f"{base}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    inherited = {k: v for k, v in os.environ.items()
                 if k not in ("BANENBRUG_WORKERS", "BANENBRUG_THREADS")}  # the defaults count
    env = {**inherited, "DATABASE_URL": f"{base}/{database}", "BANENBRUG_VAR_DIR":
           str(tmp_path), "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev", "DJANGO_DEBUG": "0"}
    subprocess.run([sys.executable, "-m", "banenbrug", "migrate", "--verbosity", "0"], env=env,
                   check=True, timeout=300)
    yield env, admin, database
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def test_fifty_clients_for_fifteen_seconds_without_an_error_or_a_leaked_connection(
        load_database, tmp_path):
    env, admin, database = load_database
    port = _free_port()
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "banenbrug", "serve", "--port", str(port)], env=env,
            stdout=log, stderr=log)
    site = f"http://127.0.0.1:{port}"
    results: Counter[str] = Counter()
    most = 0
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(site + "/live", timeout=2):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, \
                    (tmp_path / "serve.log").read_text()[-2000:]
                time.sleep(0.5)

        stop = time.monotonic() + SECONDS

        def client(number: int) -> None:
            i = number
            while time.monotonic() < stop:
                path = PATHS[i % len(PATHS)]
                i += 1
                try:
                    with urllib.request.urlopen(site + path, timeout=30) as response:
                        status = response.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                except OSError as exc:
                    results[f"{path}: {exc.__class__.__name__}"] += 1
                    continue
                ok = status == EXPECTED.get(path, 200)
                results["ok" if ok else f"{path}: {status}"] += 1

        clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for thread in clients:
            thread.start()
        while any(thread.is_alive() for thread in clients):
            most = max(most, _connections(admin, database))
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=60)
    failures = {k: v for k, v in results.items() if k != "ok"}
    assert failures == {}
    assert results["ok"] > CLIENTS  # every client got answers, not one each
    assert 0 < most <= WORKERS * THREADS
    time.sleep(1)  # PostgreSQL drops a backend a moment after its client goes
    assert _connections(admin, database) == 0
