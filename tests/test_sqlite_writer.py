"""On the embedded SQLite database one writer does not stop the others: WAL lets pages be read while
a write transaction is open, pages do not write the session, and a sign-in waits for the lock (busy
timeout) instead of failing with "database is locked".

A real gunicorn (two workers, as production runs) serves a copy of the test database from a file;
the test holds a write transaction open on that file, as a long import does, while users browse and
sign in.
"""

import http.cookiejar
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.servers import free_port, serving

BASE = Path(settings.BASE_DIR)
HOLD_SECONDS = 5.0


class Browser:
    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.url + path, timeout=60) as response:
            return response.status, response.read().decode()

    def login(self, username, password="ytich-demo"):
        _status, body = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        request = urllib.request.Request(self.url + "/login/", data=data.encode(), headers={"Referer": self.url})
        with self.opener.open(request, timeout=60) as response:
            return response.status, response.geturl()


@pytest.fixture
def served_file(tmp_path, world):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL has row locks and MVCC")
    db_file = tmp_path / "portal.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(db_file)])  # schema, reference data and the demo users
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update({"YTICH_TESTING": "1", "DATABASE_URL": f"sqlite:///{db_file}", "PYTHONPATH": str(BASE)})
    port = free_port()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "ytich.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--timeout",
        "60",
        "--no-control-socket",
    ]
    with serving(command, cwd=BASE, env=env, port=port, what="gunicorn", wait=90, stop_wait=20,
                 stderr=subprocess.PIPE) as (server, url):  # fmt: skip
        yield url, db_file
    errors = server.stderr.read().decode()
    server.stderr.close()
    assert "database is locked" not in errors, errors


@pytest.mark.django_db(transaction=True)  # VACUUM INTO runs outside a transaction
def test_users_browse_and_sign_in_while_a_writer_holds_the_lock(served_file):
    url, db_file = served_file
    reader = Browser(url)
    assert reader.login("vhxh")[1].rstrip("/") == url
    assert reader.get("/")[0] == 200  # the first page after sign-in

    writer = sqlite3.connect(db_file, timeout=1, isolation_level=None, check_same_thread=False)
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # set by the portal's connections
    writer.execute("BEGIN IMMEDIATE")  # the write lock, as an import's confirm takes it
    writer.execute("UPDATE accounts_user SET first_name = first_name WHERE username = 'admin'")
    held_since = time.monotonic()
    released = threading.Event()

    def release():
        time.sleep(HOLD_SECONDS)
        writer.execute("COMMIT")
        released.set()

    threading.Thread(target=release, daemon=True).start()
    try:
        for path in ["/", "/children/", "/funds/", "/programs/", "/reporting/", "/"]:
            status, _body = reader.get(path)
            assert status == 200, path
            assert not released.is_set(), f"{path} waited for the writer"
        newcomer = Browser(url)
        assert newcomer.get("/login/")[0] == 200
        assert not released.is_set(), "the sign-in page waited for the writer"
        status, landed = newcomer.login("thon1")  # writes (session, last login): waits, then succeeds
        assert status == 200 and landed.rstrip("/") == url
        assert released.is_set() and time.monotonic() - held_since < HOLD_SECONDS + 15
        assert newcomer.get("/")[0] == 200
    finally:
        released.wait(HOLD_SECONDS + 5)
        writer.close()
