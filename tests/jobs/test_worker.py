"""Celery mode for real: `banenbrug worker` processes on the Redis at 127.0.0.1:6379 and a
database both the workers and the command line use (a SQLite file; the kill test also on a
PostgreSQL database of its own). Each test has a Redis database number
and a queue of its own, so tests running at the same time (xdist, other checkouts) do not
collide: kombu keeps the unacknowledged messages of every queue of a database in one hash."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from banenbrug.evaluation.examples import example_csv
from tests.conftest import BANENBRUG

REDIS = "redis://127.0.0.1:6379/{db}"
REDIS_DATABASES = {("test_a_worker_runs_the_job_and_the_cli_follows_it", "sqlite"): 13,
                   ("test_a_worker_killed_mid_job_loses_nothing", "sqlite"): 14,
                   ("test_a_worker_killed_mid_job_loses_nothing", "postgres"): 12}
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS.format(db=13), socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


# skipped on a developer's machine without Redis; in CI (which starts one) a missing Redis fails
pytestmark = pytest.mark.skipif(not os.environ.get("CI") and not _redis_up(),
                                reason="no Redis at 127.0.0.1:6379")


def _postgres_up() -> bool:
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=2).close()
        return True
    except psycopg.Error:
        return False


@pytest.fixture
def env(tmp_path, request) -> dict[str, str]:
    engine = getattr(request.node, "callspec", None)
    engine = engine.params.get("engine", "sqlite") if engine else "sqlite"
    database_url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    if engine == "postgres":
        import psycopg

        if not _postgres_up():
            pytest.skip("no PostgreSQL at 127.0.0.1:5432")
        name = f"banenbrug_jobs_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        database_url = f"{POSTGRES}/{name}"
    queue = f"test-{uuid.uuid4().hex}"
    redis_url = REDIS.format(db=REDIS_DATABASES[(request.node.originalname, engine)])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.dev",
           "DATABASE_URL": database_url,
           "BANENBRUG_VAR_DIR": str(tmp_path), "REDIS_URL": redis_url,
           "BANENBRUG_JOB_QUEUE": queue,
           # a dead worker's job is handed out again after 3 s (production: 300 s)
           "BANENBRUG_JOB_VISIBILITY_TIMEOUT": "3", "BANENBRUG_JOB_STALE_AFTER": "3"}
    subprocess.run([*BANENBRUG, "migrate", "--verbosity", "0"], env=env, check=True)
    yield env
    import redis

    redis.Redis.from_url(redis_url).delete(queue)
    if engine == "postgres":
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def outcome_file(tmp_path) -> tuple[Path, int]:
    """One example initiative (1,250 invented people): its report takes a few seconds."""
    lines = example_csv().splitlines()
    first = lines[1].split(",")[0]
    rows = [line for line in lines[1:] if line.split(",")[0] == first]
    path = tmp_path / "uitkomsten.csv"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    return path, len(rows)


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen([*BANENBRUG, "worker", "--loglevel", "INFO"], env=env,
                            stdout=log.open("a"), stderr=subprocess.STDOUT)


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _query(env: dict[str, str], sql: str, *args: object) -> list[tuple]:
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            return db.execute(sql.replace("?", "%s"), args).fetchall()
    with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=20) as db:
        return db.execute(sql, args).fetchall()


def _job(env: dict[str, str], job_id: int) -> tuple[str, int, str]:
    return _query(env, "SELECT status, attempts, error FROM jobs_job WHERE id = ?", job_id)[0]


def _until(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_runs_the_job_and_the_cli_follows_it(env, outcome_file, tmp_path):
    path, rows = outcome_file
    worker = _worker(env, tmp_path / "worker.log")
    try:
        done = subprocess.run([*BANENBRUG, "import-outcomes", str(path), "--job", "--format",
                               "json"], env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        job = json.loads(done.stdout)
        assert (job["status"], job["attempts"]) == ("done", 1)
        assert job["result"]["records"] == rows
        assert _query(env, "SELECT COUNT(*) FROM evaluation_outcomerecord") == [(rows,)]
        # a broken file: the job fails with the row and column, and writes nothing
        bad = tmp_path / "kapot.csv"
        bad.write_text(path.read_text().replace(",laag,", ",heel laag,", 1), encoding="utf-8")
        failed = subprocess.run([*BANENBRUG, "import-outcomes", str(bad), "--job", "--format",
                                 "json"], env=env, capture_output=True, text=True, timeout=180)
        assert failed.returncode == 2
        assert "rij 2" in failed.stderr and "education_level" in failed.stderr
        assert json.loads(failed.stdout)["status"] == "failed"
        assert _query(env, "SELECT COUNT(*) FROM evaluation_outcomerecord") == [(rows,)]
    finally:
        _stop(worker)
    assert "banenbrug.jobs.run" in (tmp_path / "worker.log").read_text()  # a worker ran it


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_a_worker_killed_mid_job_loses_nothing(engine, env, outcome_file, tmp_path):
    path, rows = outcome_file
    log = tmp_path / "worker.log"
    first = _worker(env, log)
    second = None
    try:
        started = subprocess.run([*BANENBRUG, "import-outcomes", str(path), "--job",
                                  "--no-wait", "--format", "json"], env=env, check=True,
                                 capture_output=True, text=True, timeout=60)
        job_id = json.loads(started.stdout)["id"]
        _until(lambda: _job(env, job_id)[0] == "running", 60, "the first worker to start")
        time.sleep(1.0)  # well inside the report's few seconds
        assert _job(env, job_id)[0] == "running"
        first.send_signal(signal.SIGKILL)
        first.wait()
        # nothing half-written: the job's rows come in one transaction at its end
        assert _query(env, "SELECT COUNT(*) FROM evaluation_outcomerecord") == [(0,)]
        assert _query(env, "SELECT COUNT(*) FROM evaluation_initiative") == [(0,)]
        assert _job(env, job_id)[:2] == ("running", 1)

        second = _worker(env, log)
        status, attempts, error = _until(
            lambda: (j := _job(env, job_id))[0] in ("done", "failed") and j, 120,
            "the second worker to finish the job")
        assert (status, attempts, error) == ("done", 2, "")
        assert _query(env, "SELECT COUNT(*) FROM evaluation_initiative") == [(1,)]
        assert _query(env, "SELECT COUNT(*) FROM evaluation_outcomerecord") == [(rows,)]
        assert _query(env, "SELECT COUNT(*), COUNT(DISTINCT initiative_id || '-' || \"row\") "
                           "FROM evaluation_outcomerecord") == [(rows, rows)]
        report = _query(env, "SELECT report FROM evaluation_initiative")[0][0]
        report = json.loads(report) if isinstance(report, str) else report  # PostgreSQL: jsonb
        assert report["n_participants"] + report["n_comparison"] == rows
        time.sleep(4)  # past another visibility timeout: the job is not run a third time
        assert _job(env, job_id)[:2] == ("done", 2)
    finally:
        if first.poll() is None:
            first.kill()
        if second is not None:
            _stop(second)
