"""``manage.py backup`` / ``restore``: a backup of the live database, restored into a fresh one, holds
every child, case, ledger entry and report submission; stashed imports are private and swept."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from children.cases.models import Case
from children.io.stash import stash_dir, write_private
from children.models import Child
from funds.models import Entry
from reporting.models import Submission

BASE = Path(settings.BASE_DIR)
MODELS = [Child, Case, Entry, Submission]


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update({"YTICH_TESTING": "1", "PYTHONPATH": str(BASE), **extra})
    return env


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _ids() -> dict[str, set[int]]:
    return {model._meta.db_table: set(model.objects.values_list("pk", flat=True)) for model in MODELS}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)
    ids = _ids()
    assert all(ids.values()), ids  # the demo has some of each
    return ids


def test_sqlite_backup_restores_into_a_fresh_database(demo, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant")
    backup = tmp_path / "backups" / "nightly.sqlite3"
    call_command("backup", output=str(backup), verbosity=0)
    assert backup.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "fresh.sqlite3"
    _manage(_env(DATABASE_URL=f"sqlite:///{fresh}"), "restore", "--noinput", str(backup))
    with sqlite3.connect(fresh) as db:
        restored = {table: {row[0] for row in db.execute(f"SELECT id FROM {table}")} for table in demo}  # noqa: S608
    assert restored == demo


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    fresh = tmp_path / "fresh.sqlite3"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", "--noinput", str(junk)],
        cwd=BASE,
        env=_env(DATABASE_URL=f"sqlite:///{fresh}"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "not a sound backup" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.postgres
def test_postgresql_backup_restores_into_a_fresh_database(demo, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL on PostgreSQL")
    import psycopg2

    backup = tmp_path / "nightly.dump"
    call_command("backup", output=str(backup), verbosity=0)
    db = settings.DATABASES["default"]
    fresh = f"{db['NAME']}_restore"
    params = {k.lower(): db[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if db.get(k)}
    admin = psycopg2.connect(dbname="postgres", **params)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{fresh}"
        _manage(_env(DATABASE_URL=url), "restore", "--noinput", str(backup))
        with psycopg2.connect(dbname=fresh, **params) as restored_db, restored_db.cursor() as cursor:
            restored = {}
            for table in demo:
                cursor.execute(f"SELECT id FROM {table}")  # noqa: S608
                restored[table] = {row[0] for row in cursor.fetchall()}
        restored_db.close()
        assert restored == demo
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
        admin.close()


def test_stashed_imports_are_private_and_cleaned(settings, tmp_path):
    settings.CHILD_IMPORT_DIR = tmp_path / "imports"
    fresh, stale, stale_plan = (stash_dir() / name for name in ["fresh.xlsx", "stale.xlsx", "stale.plan.json"])
    for path in (fresh, stale, stale_plan):
        write_private(path, b"PK")
    assert fresh.stat().st_mode & 0o777 == 0o600
    old = time.time() - 5 * 3600
    os.utime(stale, (old, old))
    os.utime(stale_plan, (old, old))
    call_command("clean_stash", hours=4, verbosity=0)
    assert fresh.exists() and not stale.exists() and not stale_plan.exists()
