"""Put a backup made by ``manage.py backup`` back into the configured database, replacing what is
there. Stop the portal (gunicorn) first; run ``manage.py migrate`` after restoring an older backup
into newer code. README "Backups and scheduled jobs"."""

import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core import memo

from .backup import pg_env, program


class Command(BaseCommand):
    help = "Restore the database from a file written by `manage.py backup` (replaces the current data)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .sqlite3 (SQLite) or .dump (PostgreSQL) backup.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, file, interactive=True, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        name = settings.DATABASES["default"]["NAME"]
        if interactive:
            answer = input(f"Every record in {name} is replaced by {source}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        if connection.vendor == "sqlite":
            self._sqlite(source)
        elif connection.vendor == "postgresql":
            self._postgresql(source, name)
        else:
            raise CommandError(f"No restore for the {connection.vendor} database.")
        memo.data_changed()  # written outside Django: every process forgets the figures it remembers
        if options["verbosity"] > 0:
            self.stdout.write(f"Restored {name} from {source}.")

    def _sqlite(self, source: Path) -> None:
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            sound = backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ours = backup.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone()
        except sqlite3.DatabaseError:
            sound = ours = False
        try:
            if not (sound and ours):
                raise CommandError(f"{source} is not a sound backup of this portal; nothing was changed.")
            connection.ensure_connection()
            backup.backup(connection.connection)
        finally:
            backup.close()
            connection.close()

    def _postgresql(self, source: Path, name: str) -> None:
        connection.close()
        result = subprocess.run(  # noqa: S603
            [
                program("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                name,
                str(source),
            ],
            env=pg_env(settings.DATABASES["default"]),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
