"""The `banenbrug` console script: the project's management commands, with dashes for underscores.

`banenbrug import-esco PATH` runs the `import_esco` command; any Django command works too.
"""

import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "banenbrug.conf.dev")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["banenbrug", *argv[1:]])
    except (OperationalError, ProgrammingError) as exc:
        # A missing table means an unmigrated database: say what to do, not a traceback.
        sys.stderr.write(f"database not ready ({exc.__class__.__name__}: {exc}).\n"
                         "Run `banenbrug setup` (or `banenbrug migrate`) first.\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
