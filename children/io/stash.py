"""Where an uploaded import (and its preview's plan) waits between the preview and "apply": a private folder outside
MEDIA_ROOT (which a web server may serve), files readable by the server's user only (0600), and
removed when older than the stash's life (``manage.py clean_stash``, on the schedule of README
"Backups and scheduled jobs"; each new upload also sweeps the folder)."""

import os
import time
from pathlib import Path

from django.conf import settings

STASH_SECONDS = 2 * 3600


def stash_dir() -> Path:
    path = Path(getattr(settings, "CHILD_IMPORT_DIR", settings.BASE_DIR / "var" / "imports"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Create ``path`` with mode 0600 (whatever the umask) and write ``data`` to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def remove_older_than(seconds: float) -> int:
    """Delete stashed files (uploads and their previews' plans) older than ``seconds``; return how many."""
    limit = time.time() - seconds
    removed = 0
    folder = stash_dir()
    for old in [*folder.glob("*.xlsx"), *folder.glob("*.plan.json")]:
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # removed meanwhile by a confirm or another sweep
    return removed
