"""Shared fixtures and the test lanes.

Real-data tests run the real CLI and a real server on a database that holds the full ESCO import
(SQLite file, or a PostgreSQL database when DATABASE_URL points there); other CLI tests run the
command in this process (`call_cli`).

Lanes (`--lane`, see docs/architecture.md, "Tests and CI"): every test falls in exactly one.
- pure: needs no database; run once.
- db:   uses the Django test database (or is marked postgres); run on SQLite and PostgreSQL.
- e2e:  real data (marker realdata, or the real_env fixture) and browser tests; run once.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from banenbrug.conf.paths import PROJECT_ROOT, data_dir
from banenbrug.web.i18n import compile_messages

# the small world of people, employers and the tiny ESCO fixture, for every pillar's tests
pytest_plugins = ["tests.world"]

FIXTURES = Path(__file__).parent / "fixtures"
BANENBRUG = [sys.executable, "-m", "banenbrug"]
LANES = ("pure", "db", "e2e")
BROWSER_TESTS = Path(__file__).parent / "browser"
# Under pytest-xdist each worker gets its own real-data database and caches ("_gw0", ...).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
SUFFIX = f"_{WORKER}" if WORKER else ""


def pytest_addoption(parser):
    parser.addoption("--lane", action="append", default=[], metavar="LANE",
                     help=f"run only the tests of these lanes ({', '.join(LANES)}); "
                          "repeat or separate with commas")


# Real-data runs share the machine's text-model vectors (a pure function of model and text:
# minutes to compute, seconds to reuse); unit tests start from an empty cache, so what they see
# never depends on what else ran on the machine before.
USER_CACHE_VARIABLE = "BANENBRUG_TEST_USER_VECTOR_CACHE"


def pytest_configure(config):
    for lane in _lanes(config):
        if lane not in LANES:
            raise pytest.UsageError(f"--lane {lane}: not one of {', '.join(LANES)}")
    compile_messages()
    # engine caches of the test process stay out of the developer's var/ (one folder per worker)
    os.environ["BANENBRUG_VAR_DIR"] = str(PROJECT_ROOT / "var" / "test" / f"unit{SUFFIX}")
    # xdist workers inherit this process's environment, temporary cache included: remember the
    # user's cache once, in the first process (setdefault), for real_env
    os.environ.setdefault(USER_CACHE_VARIABLE, os.environ.get("BANENBRUG_VECTOR_CACHE", ""))
    os.environ["BANENBRUG_VECTOR_CACHE"] = tempfile.mkdtemp(prefix="banenbrug-vectors-")


def pytest_unconfigure(config):
    shutil.rmtree(os.environ["BANENBRUG_VECTOR_CACHE"], ignore_errors=True)


def _lanes(config) -> list[str]:
    return [lane.strip() for value in config.getoption("lane") for lane in value.split(",")
            if lane.strip()]


def _uses_database(item) -> bool:
    """As pytest-django decides it: a django_db mark, a database fixture, or a Django TestCase."""
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return True
    fixtures = set(getattr(item, "fixturenames", ()))
    return (item.get_closest_marker("django_db") is not None
            or bool(fixtures & {"db", "transactional_db", "live_server", "_django_db_helper"}))


def lane_of(item) -> str:
    if item.get_closest_marker("postgres"):
        return "db"  # PostgreSQL-specific tests run in the lane that runs on PostgreSQL
    if item.get_closest_marker("realdata") or item.get_closest_marker("browser"):
        return "e2e"
    return "db" if _uses_database(item) else "pure"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test with what it needs, group the real-data ones, and select the lanes."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        if "real_env" in fixtures:
            item.add_marker(pytest.mark.realdata)
            # One xdist worker runs everything on the imported database (--dist loadgroup):
            # the import and the server happen once, and no two workers write to it at once.
            item.add_marker(pytest.mark.xdist_group("realdata"))
        if _uses_database(item):
            item.add_marker(pytest.mark.database)
        item.user_properties.append(("lane", lane_of(item)))  # for scripts/test_summary.py
    lanes = _lanes(config)
    if not lanes:
        return
    keep, drop = [], []
    for item in items:
        (keep if lane_of(item) in lanes else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def dutch_first():
    """Every test starts in the interface's default language. A test (or a command run
    in-process) that activates English must not make the next test on its worker English."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_recent_results():
    """Search rankings and transitions are kept per data version (`memo.Recent`); a test that
    changes what they would be without an import (a model switched off) must not see the last
    test's. Imported here, not at the top: Django is set up by then."""
    from banenbrug.taxonomy import search_service
    from banenbrug.transitions import service

    search_service.recent.clear()
    service.recent.clear()


@pytest.fixture
def esco_small(tmp_path) -> Path:
    """A writable copy of the small ESCO-format fixture, for tests that damage files."""
    target = tmp_path / "esco"
    shutil.copytree(FIXTURES / "esco_small", target)
    return target


@dataclass
class Done:
    """What a command left behind, like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def call_cli(*args: str) -> Done:
    """`banenbrug ARGS` in this process, on the test database: banenbrug.cli.main with stdout
    and stderr captured and SystemExit turned into the exit code. Start-up costs nothing here;
    the console script itself is tested as a real process in tests/test_cli.py and the real-data
    tests."""
    from banenbrug.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(["banenbrug", *args])
        except SystemExit as exc:
            if isinstance(exc.code, str):  # sys.exit("message"), as Python itself reports it
                err.write(exc.code + "\n")
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Done(code, out.getvalue(), err.getvalue())


def _checkout_tag() -> str:
    """Tells apart checkouts that share one PostgreSQL server."""
    return hashlib.sha1(str(PROJECT_ROOT).encode()).hexdigest()[:8]


def _real_database_url(folder: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, _name = url.rpartition("/")
        name = f"banenbrug_realdata_{_checkout_tag()}{SUFFIX}"
        with psycopg.connect(url, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}"
    return f"sqlite:///{folder / 'realdata.sqlite3'}"


@pytest.fixture(scope="session")
def real_env() -> dict[str, str]:
    """Environment for subprocesses that see the fully imported real ESCO data."""
    esco = (data_dir() or Path("/nonexistent")) / "esco"
    if not esco.is_dir():
        pytest.fail(f"real ESCO data not found at {esco}; set BANENBRUG_DATA_DIR")
    folder = PROJECT_ROOT / "var" / "test" / f"realdata{SUFFIX}"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": _real_database_url(folder),
           "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev", "DJANGO_DEBUG": "0",
           "BANENBRUG_VAR_DIR": str(folder)}
    env.pop("BANENBRUG_VECTOR_CACHE")
    if os.environ.get(USER_CACHE_VARIABLE):
        env["BANENBRUG_VECTOR_CACHE"] = os.environ[USER_CACHE_VARIABLE]
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


def api_json(live_url: str, path: str, **params) -> dict:
    """GET a JSON answer from the live server: for real-data tests that ask the engines many
    questions, where a CLI process per question would pay its start-up each time."""
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{live_url}{path}?{query}", timeout=60) as response:
        return json.load(response)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_url(real_env) -> str:
    """A real `banenbrug serve` process on the real data."""
    port = _free_port()
    # The server's log goes to a file: a pipe that nobody reads would stall it once full.
    # Its stdout too: the demo's e-mail (console backend) is read from there by browser tests.
    log = Path(real_env["BANENBRUG_VAR_DIR"]) / "serve.log"
    with log.open("w") as handle:
        process = subprocess.Popen([*BANENBRUG, "serve", "--port", str(port)], env=real_env,
                                   stdout=handle, stderr=handle)
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
            raise RuntimeError(f"server did not start: {log.read_text()[-2000:]}")
        time.sleep(0.5)
    yield url
    process.terminate()  # gunicorn: graceful stop, open requests finish first
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
