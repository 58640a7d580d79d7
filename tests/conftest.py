"""Shared fixtures. Real-data tests run the real CLI and a real server on a database that holds
the full ESCO import (SQLite file, or a PostgreSQL database when DATABASE_URL points there)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from banenbrug.conf.paths import PROJECT_ROOT, data_dir
from banenbrug.web.i18n import compile_messages

FIXTURES = Path(__file__).parent / "fixtures"
BANENBRUG = [sys.executable, "-m", "banenbrug"]


# Real-data runs share the machine's text-model vectors (a pure function of model and text:
# minutes to compute, seconds to reuse); unit tests start from an empty cache, so what they see
# never depends on what else ran on the machine before.
USER_VECTOR_CACHE = os.environ.get("BANENBRUG_VECTOR_CACHE", "")


def pytest_configure(config):
    compile_messages()
    # engine caches of the test process stay out of the developer's var/
    os.environ["BANENBRUG_VAR_DIR"] = str(PROJECT_ROOT / "var" / "test" / "unit")
    os.environ["BANENBRUG_VECTOR_CACHE"] = tempfile.mkdtemp(prefix="banenbrug-vectors-")


def pytest_unconfigure(config):
    shutil.rmtree(os.environ["BANENBRUG_VECTOR_CACHE"], ignore_errors=True)


@pytest.fixture
def esco_small(tmp_path) -> Path:
    """A writable copy of the small ESCO-format fixture, for tests that damage files."""
    target = tmp_path / "esco"
    shutil.copytree(FIXTURES / "esco_small", target)
    return target


def _real_database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, _name = url.rpartition("/")
        with psycopg.connect(url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'banenbrug_realdata'").fetchone()
            if not exists:
                conn.execute("CREATE DATABASE banenbrug_realdata")
        return f"{base}/banenbrug_realdata"
    folder = PROJECT_ROOT / "var" / "test"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'realdata.sqlite3'}"


@pytest.fixture(scope="session")
def real_env() -> dict[str, str]:
    """Environment for subprocesses that see the fully imported real ESCO data."""
    esco = (data_dir() or Path("/nonexistent")) / "esco"
    if not esco.is_dir():
        pytest.fail(f"real ESCO data not found at {esco}; set BANENBRUG_DATA_DIR")
    env = {**os.environ, "DATABASE_URL": _real_database_url(),
           "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev", "DJANGO_DEBUG": "0",
           "BANENBRUG_VAR_DIR": str(PROJECT_ROOT / "var" / "test")}
    env.pop("BANENBRUG_VECTOR_CACHE")
    if USER_VECTOR_CACHE:
        env["BANENBRUG_VECTOR_CACHE"] = USER_VECTOR_CACHE
    subprocess.run([*BANENBRUG, "migrate", "--verbosity", "0"], env=env, check=True)
    subprocess.run([*BANENBRUG, "import-esco", str(esco), "--format", "json"], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*BANENBRUG, "build-vectors", "--format", "json"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return env


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BANENBRUG, *args], env=env, capture_output=True, text=True,
                          timeout=300)


def cli_json(env: dict[str, str], *args: str) -> dict:
    done = run_cli(env, *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_url(real_env) -> str:
    """A real `banenbrug serve` process on the real data."""
    port = _free_port()
    process = subprocess.Popen([*BANENBRUG, "serve", "--port", str(port)], env=real_env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # the server loads every engine before it answers
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if json.load(response)["status"] == "ok":
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"server did not start: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=10)
