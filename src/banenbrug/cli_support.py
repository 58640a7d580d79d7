"""What every command needs: JSON output, errors with exit code 2, and a progress bar on stderr."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import CommandError
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

stderr = Console(stderr=True)


def bad_input(message: str) -> CommandError:
    """Bad input: exit code 2, message on stderr, nothing on stdout."""
    return CommandError(message, returncode=2)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@contextmanager
def native_stdout_to_stderr() -> Iterator[None]:
    """Send what compiled libraries print (HiGHS has a stray debug printf) to stderr, so that
    stdout holds only the command's own output and scripts can trust what they parse."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


class RichProgress:
    """Adapts rich's progress bar to the importer's start/advance protocol."""

    def __init__(self) -> None:
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                             TimeElapsedColumn(), console=stderr, transient=False)
        self._task: Any = None

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def start(self, description: str, total: int) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=self._bar.tasks[self._task].total)
        self._task = self._bar.add_task(description, total=total)

    def advance(self, amount: int) -> None:
        self._bar.advance(self._task, amount)
