"""The `banenbrug` console script: the project's management commands, with dashes for underscores.

`banenbrug import-esco PATH` runs the `import_esco` command; any Django command works too.

The project's own commands run without Django's system checks: those import every URLconf, API
and view module (seconds of start-up) to check what a command never uses. `banenbrug check`
runs them, and so do `serve` and `setup` (the web app, and the one-time set-up), and Django's own
commands as usual (`migrate` checks the database).
"""

import os
import sys

from django.core.management import execute_from_command_line

CHECKED = {"serve", "setup"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    if argv[1:2] == ["serve"] and "--debug" in argv:
        os.environ["DJANGO_DEBUG"] = "1"  # before the settings load (conf/dev.py reads it)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError, ProgrammingError

    try:
        if len(argv) > 1 and not argv[1].startswith("-") and _skips_checks(argv[1]):
            argv.insert(2, "--skip-checks")
        execute_from_command_line(["banenbrug", *argv[1:]])
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"configuration error: {exc}\n")
        sys.exit(2)
    except (OperationalError, ProgrammingError) as exc:
        if not _database_reachable():
            sys.stderr.write(f"cannot reach the database ({_database_name()}): {exc}\n"
                             "Is it running, and is DATABASE_URL right?\n")
            sys.exit(2)
        # A missing table means an unmigrated database: say what to do, not a traceback.
        sys.stderr.write(f"database not ready ({exc.__class__.__name__}: {exc}).\n"
                         "Run `banenbrug setup` (or `banenbrug migrate`) first.\n")
        sys.exit(1)


def _database_reachable() -> bool:
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError:
        return False
    return True


def _database_name() -> str:
    """Where the database is, without a password."""
    from django.db import connection

    settings = connection.settings_dict
    where = f"{settings.get('HOST') or 'local'}:{settings.get('PORT') or ''}".rstrip(":")
    return f"{connection.vendor} {settings.get('NAME')} at {where}"


def _skips_checks(name: str) -> bool:
    """Whether `name` is one of this project's commands that would otherwise run the checks."""
    if name in CHECKED:
        return False
    import django
    from django.conf import settings
    from django.core.management import get_commands, load_command_class

    settings.INSTALLED_APPS  # noqa: B018 - loads the settings (errors: main explains them)
    django.setup()  # as Django would next; errors surface the same way
    app = get_commands().get(name)
    if app is None or not app.startswith("banenbrug."):
        return False
    return bool(load_command_class(app, name).requires_system_checks)
