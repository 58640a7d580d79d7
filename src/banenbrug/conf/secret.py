"""A per-install secret key for the demo settings, kept in var/ (never in git).

The demo runs with DEBUG off, so a key everyone can read in the source would let anyone forge
session cookies of a demo reachable from elsewhere. Instead the first start writes a random key
to `var/secret_key`, readable by its owner only (0600), and every later start reads it back:
sessions survive restarts. Production sets `DJANGO_SECRET_KEY` and never comes here.
Kept free of Django so it can run while the settings load.
"""

import os
import secrets
from pathlib import Path


def load_or_create_secret(path: Path) -> str:
    """The key stored at `path`, written there first (mode 0600) when there is none yet."""
    try:
        # O_EXCL: two processes starting at once cannot both write (the loser reads below)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if key:
            return key
        path.unlink()  # an empty file (a crash between create and write): start over
        return load_or_create_secret(path)
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    os.chmod(path, 0o600)  # os.open's mode is filtered by the umask; this is not
    return key
