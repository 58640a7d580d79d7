"""The production server behind `banenbrug serve`: gunicorn, gthread worker, app preloaded.

Design (docs/serving.md): gunicorn runs in this process through its `BaseApplication`, with
`preload_app`, so the master loads Django and warms every engine *before* it opens the port
(gunicorn binds its sockets after preloading). Nothing answers until the engines are in memory,
and each forked worker inherits them (copy-on-write: N workers do not load N copies). Requests
are served by `threads` threads per worker (gthread): the engines are read-only and mostly
numpy/C, so threads share one copy; more processes use more cores (see DEFAULT_WORKERS).

Database connections are per thread, kept for CONN_MAX_AGE: the server holds at most
workers x threads of them (`connection_bound`), checked against PostgreSQL's limit at start.
Only `run` needs gunicorn itself; the rest is plain Python so it can be tested anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# PostgreSQL keeps superuser_reserved_connections (default 3) out of reach of ordinary roles;
# leave room as well for a `banenbrug` command or a shell next to the server.
SPARE_CONNECTIONS = 5
# One process of eight threads. One process holds one GIL, so a second one is the only way to
# use a second core; but measured on the shared 2-core machine (docs/benchmarks.md, 2026-12-07:
# 1x8 against 2x4 in one run, twice) two processes served most pages slower (the occupation
# page 70 against 48 req/s, the monitor 82 against 38) and none much faster, and each worker
# keeps its own recent results. `--workers 2` (shared copy-on-write: ~85 MB PSS more) is for a
# machine with cores to spare; 8 database connections either way.
DEFAULT_WORKERS = 1
DEFAULT_THREADS = 8


def gunicorn_options(*, host: str, port: int, workers: int = DEFAULT_WORKERS,
                     threads: int = DEFAULT_THREADS,
                     timeout: int = 120, access_log: bool = False) -> dict[str, Any]:
    """gunicorn settings for `banenbrug serve` (names as in gunicorn's configuration)."""
    if workers < 1 or threads < 1:
        raise ValueError("workers and threads must be at least 1")
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "worker_class": "gthread",
        "workers": workers,
        "threads": threads,
        "preload_app": True,  # load + warm in the master, before bind and fork
        # gthread's main loop keeps the heartbeat while request threads work, so this only
        # ends a worker that is stuck as a whole; a long CV upload does not trip it
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "banenbrug",
        # a request line or header this large is an attack or a bug, not a visitor
        "limit_request_line": 8190,
    }


def connection_bound(options: dict[str, Any]) -> int:
    """Most database connections the server can hold: one per request thread, per worker.

    (The master's own connection, used while warming up, is closed before the fork.)
    """
    return int(options["workers"]) * int(options["threads"])


def connection_budget_problem(bound: int, max_connections: int | None) -> str | None:
    """A sentence when `bound` connections would not fit in PostgreSQL's `max_connections`."""
    if max_connections is None:
        return None
    allowed = max_connections - SPARE_CONNECTIONS
    if bound <= allowed:
        return None
    return (f"workers x threads = {bound} database connections, but PostgreSQL allows "
            f"{max_connections} (of which {SPARE_CONNECTIONS} are kept spare here): lower "
            f"--workers or --threads, or raise max_connections.")


def postgres_max_connections() -> int | None:
    """The server's `max_connections`, or None on SQLite (no connection limit to respect)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        return int(cursor.fetchone()[0])


class ServerMissing(RuntimeError):
    """gunicorn is not installed (a virtualenv from before it was a dependency)."""


def run(options: dict[str, Any], load: Callable[[], Any]) -> None:
    """Serve the WSGI app that `load` returns (called once, in the master, before binding)."""
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError as exc:
        raise ServerMissing("gunicorn is not installed: run `make install` "
                            "(pip install -e .)") from exc

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return load()

    Server().run()
