"""The console script itself: dashes map to commands; an unmigrated database gets advice."""

import os
import subprocess
import sys


def test_unmigrated_database_gives_advice_not_a_traceback(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
           "BANENBRUG_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "banenbrug", "occupations", "lasser"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert "banenbrug setup" in done.stderr and "Traceback" not in done.stderr


def test_unknown_command_is_reported(tmp_path):
    env = {**os.environ, "BANENBRUG_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "banenbrug", "no-such-command"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Unknown command" in done.stderr
