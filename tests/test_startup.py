"""Start-up stays light: the URLconf (system checks, the server's first request) and the CLI do not
import the heavy libraries that only a chart, a PDF or a table upload needs.

Each check runs in a fresh interpreter: this test process has imported everything already.
ruff's TID253 keeps api.py, views.py and urls.py from importing them at the top; these tests
also catch the indirect way, through a module that those import.
"""

import os
import subprocess
import sys

from banenbrug.cli import _skips_checks

HEAVY = ("matplotlib", "pandas", "reportlab", "scipy.stats", "scipy.optimize", "statsmodels",
         "sklearn", "pyarrow", "openpyxl")


def _imported(code: str, env: dict[str, str]) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_the_urlconf_imports_no_heavy_library(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.test",
           "BANENBRUG_VAR_DIR": str(tmp_path)}
    loaded = _imported("import sys, django; django.setup(); import banenbrug.urls; "
                       f"print(*[m for m in {HEAVY!r} if m in sys.modules])", env)
    assert loaded == set()


def test_a_command_imports_neither_the_urlconf_nor_a_heavy_library(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
           "BANENBRUG_VAR_DIR": str(tmp_path)}
    loaded = _imported(
        "import sys\nfrom banenbrug.cli import main\n"
        "try:\n    main(['banenbrug', 'occupations', 'lasser'])\nexcept SystemExit:\n    pass\n"
        f"print(*[m for m in ('banenbrug.urls', *{HEAVY!r}) if m in sys.modules])", env)
    assert loaded == set()


def test_only_the_project_commands_skip_the_system_checks():
    assert _skips_checks("occupations") and _skips_checks("registry")
    assert not _skips_checks("serve") and not _skips_checks("setup")
    assert not _skips_checks("migrate") and not _skips_checks("check")
    assert not _skips_checks("no_such_command")


def test_django_setup_imports_no_job_module(tmp_path):
    """The pillars' jobs.py import what their jobs run (the evaluation importer pulls in
    scipy.special, plans its exchange, the monitor its forecast): found on first use, not
    at start-up (banenbrug.jobs.kinds.discover)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.test",
           "BANENBRUG_VAR_DIR": str(tmp_path)}
    loaded = _imported("import sys, django; django.setup(); print(*[m for m in sys.modules "
                       "if m.startswith('banenbrug.') and m.endswith('.jobs') "
                       "and m != 'banenbrug.jobs' "
                       "or m == 'banenbrug.evaluation.import_service'])", env)
    assert loaded == set()


def test_a_job_kind_is_found_on_first_use(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "banenbrug.conf.test",
           "BANENBRUG_VAR_DIR": str(tmp_path)}
    loaded = _imported("import django; django.setup()\nfrom banenbrug.jobs import kinds\n"
                       "print(kinds.get('evaluation_import').name, sorted(kinds.discover())[0])",
                       env)
    assert loaded == {"evaluation_import", "esco_import"}
