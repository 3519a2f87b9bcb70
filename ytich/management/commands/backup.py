"""A consistent copy of the database while the portal runs: SQLite's online backup API (pages are
copied while users keep reading and writing), or ``pg_dump --format=custom`` on PostgreSQL.

Files are named ``ytich-YYYYmmdd-HHMMSS.sqlite3`` / ``.dump``, written mode 0600 into
``DJANGO_BACKUP_DIR`` (default ``var/backups``); the newest ``--keep`` are kept. ``manage.py restore``
reads them back. README "Backups and scheduled jobs".
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def pg_env(db: dict) -> dict:
    """libpq's environment for the configured PostgreSQL database (no password on a command line)."""
    env = dict(os.environ)
    for key, var in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")]:
        if db.get(key):
            env[var] = str(db[key])
    return env


def program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise CommandError(f"{name} is not installed (the PostgreSQL client programs are needed).")
    return path


def backup_dir() -> Path:
    return Path(os.environ.get("DJANGO_BACKUP_DIR", settings.BASE_DIR / "var" / "backups"))


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup, or pg_dump) into DJANGO_BACKUP_DIR or --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="File to write (default: a dated file in DJANGO_BACKUP_DIR).")
        parser.add_argument("--keep", type=int, default=14, help="Keep the newest N dated backups (default 14).")

    def handle(self, *args, output=None, keep=14, **options):
        suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
        dated = backup_dir() / f"ytich-{timezone.localtime():%Y%m%d-%H%M%S}{suffix}"
        target = Path(output) if output else dated
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.unlink(missing_ok=True)
        partial.touch(mode=0o600)
        try:
            if connection.vendor == "sqlite":
                self._sqlite(partial)
            elif connection.vendor == "postgresql":
                self._postgresql(partial)
            else:
                raise CommandError(f"No backup for the {connection.vendor} database.")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(target)
        if not output:
            dated = sorted(backup_dir().glob(f"ytich-*{suffix}"), reverse=True)
            for old in dated[max(keep, 1) :]:
                old.unlink()
        if options["verbosity"] > 0:
            self.stdout.write(f"Backup written: {target} ({target.stat().st_size:,} bytes).")

    def _sqlite(self, target: Path) -> None:
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination, pages=1024)  # a step at a time: writers are not held up
        finally:
            destination.close()

    def _postgresql(self, target: Path) -> None:
        db = settings.DATABASES["default"]
        result = subprocess.run(  # noqa: S603
            [program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), db["NAME"]],
            env=pg_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
