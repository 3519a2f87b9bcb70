"""Figures remembered until the data changes (core.memo): a page computed once is served again
while nothing was written and the day is the same; any committed write, in this process or another,
makes every page show it at once; a transaction's own writes are seen by its own pages, and nothing
seen inside a transaction that rolls back is kept."""

import os
import re
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from children.models import Child
from core import memo
from tests.factories import make_child
from tests.servers import free_port, serving
from tests.test_sqlite_writer import Browser

BASE = Path(settings.BASE_DIR)
FOUND = re.compile(r'<p class="mb-2" role="status">[^<\d]*(\d+)')


def found(response) -> int:
    return int(FOUND.search(response.content.decode()).group(1))


# --- remember(): the rules ------------------------------------------------------------------------


@pytest.fixture
def generation_file(tmp_path, settings):
    settings.MEMO_GENERATION_FILE = tmp_path / "data-generation"
    memo.forget()
    return settings.MEMO_GENERATION_FILE


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_the_same_key_is_computed_once_until_the_data_changes(generation_file):
    calls, compute = counter()
    assert memo.remember(("k", 1), compute) == 1
    assert memo.remember(("k", 1), compute) == 1  # remembered
    assert memo.remember(("k", 2), compute) == 2  # another key
    memo.data_changed()  # a commit, here or in another process
    assert generation_file.stat().st_size == 1
    assert memo.remember(("k", 1), compute) == 3
    assert len(calls) == 3


def test_another_day_or_language_is_computed_again(generation_file, monkeypatch):
    calls, compute = counter()
    memo.remember("k", compute)
    with translation.override("en"):
        memo.remember("k", compute)
    assert len(calls) == 2
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    memo.remember("k", compute)
    assert len(calls) == 3


def test_memory_is_bounded(generation_file, monkeypatch):
    """Pages are remembered up to MAX_TEXT characters (and MAX_ENTRIES values); then it starts again."""
    monkeypatch.setattr(memo, "MAX_TEXT", 25)
    calls = []

    def page(n):
        def compute():
            calls.append(n)
            return "x" * 10

        return compute

    for n in range(3):  # 30 characters: the third page reaches the bound
        memo.remember(("page", n), page(n))
    memo.remember(("page", 0), page(0))  # dropped when the bound was reached: computed again
    assert calls == [0, 1, 2, 0]
    memo.remember(("page", 0), page(0))
    assert calls == [0, 1, 2, 0]


def test_inside_a_transaction_nothing_is_used_or_kept(generation_file, db):
    """``db`` runs the test in a transaction, as a view inside ``atomic`` would: its snapshot may be
    older than the generation it reads, or be rolled back, so it computes every time."""
    calls, compute = counter()
    memo.remember("k", compute)
    memo.remember("k", compute)
    assert len(calls) == 2


def test_turned_off_it_computes_every_time(generation_file, settings):
    settings.MEMO_ENABLED = False
    calls, compute = counter()
    memo.remember("k", compute)
    memo.remember("k", compute)
    assert len(calls) == 2


def test_without_a_writable_generation_file_nothing_is_remembered(settings, tmp_path, monkeypatch, caplog):
    settings.MEMO_GENERATION_FILE = tmp_path / "missing-folder" / "data-generation"
    monkeypatch.setattr(memo, "_broken", False)
    memo.data_changed()  # cannot tell the other processes: this one stops remembering, and logs why
    assert "cannot write" in caplog.text
    calls, compute = counter()
    memo.remember("k", compute)
    memo.remember("k", compute)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "children_child"."id" FROM "children_child"', False),
        ("  select 1", False),
        ('SAVEPOINT "s1"', False),
        ('RELEASE SAVEPOINT "s1"', False),
        ('INSERT INTO "children_child" ("full_name") VALUES (%s)', True),
        ('UPDATE "funds_entry" SET "status" = %s', True),
        ('DELETE FROM "programs_target" WHERE id = 1', True),
        ('CREATE TABLE "x" ("id" integer)', True),
        ("WITH moved AS (SELECT 1) UPDATE children_child SET village_id = 2", True),  # unknown kind: a write
        ('UPDATE "django_session" SET "session_data" = %s', False),  # sessions: no figure reads them
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', False),
        ('INSERT INTO "accounts_accesslog" ("what") VALUES (%s)', False),  # written when someone reads
    ],
)
def test_which_statements_count_as_writes(sql, writes):
    assert memo._is_write(sql) is writes


# --- pages: the registry list and the home page -------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # autocommit, as the server runs: each write is committed
def test_a_page_is_served_again_and_a_committed_write_shows_at_once(world, client_for, generation_file):
    officer = client_for("vhxh")
    first = officer.get("/children/")
    with CaptureQueriesContext(connection) as again:
        second = officer.get("/children/")
    assert found(second) == found(first)
    with CaptureQueriesContext(connection) as cold:
        officer.get("/children/?sex=F")
    assert len(again) < len(cold) - 4  # the rows, their count and the filter's choices were not read again

    make_child(village=world["villages"][0], full_name="Lộc Thị Mới Đăng Ký")
    third = officer.get("/children/")
    assert found(third) == found(first) + 1
    search = "/children/?q=loc+thi+moi"
    assert "Lộc Thị Mới Đăng Ký" in officer.get(search).content.decode()
    # one statement in autocommit, no transaction around it (QuerySet.update sends no signal either)
    Child.objects.filter(full_name="Lộc Thị Mới Đăng Ký").update(full_name="Lộc Thị Mới Đổi Tên")
    assert "Lộc Thị Mới Đổi Tên" in officer.get(search).content.decode()


@pytest.mark.django_db(transaction=True)
def test_what_a_rolled_back_transaction_saw_is_not_kept(world, client_for, generation_file):
    officer = client_for("vhxh")
    before = found(officer.get("/children/"))
    with pytest.raises(RuntimeError), transaction.atomic():
        make_child(village=world["villages"][0])
        assert found(officer.get("/children/")) == before + 1  # its own write, not yet committed
        raise RuntimeError("rolled back")
    assert found(officer.get("/children/")) == before


def test_a_transaction_sees_its_own_writes(world, client_for):
    """The usual test (and a request in a transaction): written, not committed, seen at once."""
    officer = client_for("vhxh")
    before = found(officer.get("/children/"))
    make_child(village=world["villages"][0])
    assert found(officer.get("/children/")) == before + 1


@pytest.mark.django_db(transaction=True)
def test_home_panels_are_remembered_per_user(world, client_for, generation_file):
    officer, head = client_for("vhxh"), client_for("thon1")
    officer.get("/")
    head.get("/")
    with CaptureQueriesContext(connection) as again:
        officer.get("/")
    with CaptureQueriesContext(connection) as other_user:
        client_for("chutich").get("/")
    assert len(again) < len(other_user) / 2
    # each user's own panels: the village head's page names no other village's work
    assert head.get("/").content != officer.get("/").content


@pytest.mark.django_db(transaction=True)
def test_an_overdue_case_shows_on_home_and_in_the_list_without_any_write(
    world, client_for, generation_file, monkeypatch
):
    """A case is overdue 12 hours after its report, at any minute: the case panel and the case list
    are remembered only until the next case turns overdue."""
    from accounts.models import User
    from children.cases.models import Case

    def case_panel():
        return next(p for p in officer.get("/").context["panels"] if p["template"] == "cases/_home_panel.html")

    vhxh = User.objects.get(username="vhxh")
    now = timezone.now()
    Case.objects.create(
        number="C-MEMO", commune=world["commune"], village=world["villages"][0], kind="violence", place="home",
        reported_at=now - timedelta(hours=11, minutes=58), source="village", alleged_relation="unknown",
        summary="Tình huống thử", level="support", officer=vhxh, created_by=vhxh,
    )  # fmt: skip

    def row_in_list() -> str:
        page = officer.get("/children/cases/").content.decode()
        return next(row for row in page.split("<tr>") if "C-MEMO" in row)

    officer = client_for("vhxh")
    panel = case_panel()
    before = panel["overdue_count"]
    assert panel["until"] == now + timedelta(minutes=2)  # remembered until then, not for the day
    assert "badge text-bg-warning" not in row_in_list()
    assert "badge text-bg-warning" not in row_in_list()  # served again: still before the deadline
    later = now + timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert case_panel()["overdue_count"] == before + 1
    assert "badge text-bg-warning" in row_in_list()  # the list too: overdue, with nothing written


# --- several processes ---------------------------------------------------------------------------------


def _manage(env, code: str) -> None:
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=BASE, env=env, check=True,
                   capture_output=True, timeout=120)  # fmt: skip


@pytest.mark.django_db(transaction=True)  # VACUUM INTO runs outside a transaction
def test_a_write_in_another_process_reaches_every_worker(world, tmp_path):
    """gunicorn with two workers remembers the registry list; a command (another process) registers a
    child; every worker shows it on the next request. A change made outside Django is not seen until
    ``data_changed()`` is called, which is what ``manage.py restore`` does."""
    if connection.vendor != "sqlite":
        pytest.skip("one database file shared by the processes; the mechanism does not depend on the database")
    db_file = tmp_path / "portal.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(db_file)])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "YTICH_TESTING": "1",
            "DATABASE_URL": f"sqlite:///{db_file}",
            "PYTHONPATH": str(BASE),
            "DJANGO_MEMO_FILE": str(tmp_path / "data-generation"),
        }
    )
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "ytich.wsgi", "--bind", f"127.0.0.1:{port}",
               "--workers", "2", "--timeout", "60", "--no-control-socket"]  # fmt: skip
    with serving(command, cwd=BASE, env=env, port=port, what="gunicorn", wait=90, stop_wait=20) as (_server, url):
        officer = Browser(url)
        officer.login("vhxh")

        def counts(times=6) -> set[int]:  # enough requests to reach both workers
            return {int(FOUND.search(officer.get("/children/")[1]).group(1)) for _ in range(times)}

        (before,) = counts()
        village = world["villages"][0].pk
        _manage(env, f"from tests.factories import make_child; from accounts.models import Area; "
                     f"make_child(village=Area.objects.get(pk={village}), full_name='Nông Văn Từ Lệnh')")  # fmt: skip
        assert counts() == {before + 1}
        found_by_name = "/children/?q=tu+lenh"
        assert all("Nông Văn Từ Lệnh" in officer.get(found_by_name)[1] for _ in range(4))

        raw = sqlite3.connect(db_file)  # outside Django: nobody is told
        with raw:
            raw.execute("UPDATE children_child SET full_name = 'Nông Văn Đổi Tay' WHERE full_name = 'Nông Văn Từ Lệnh'")
        raw.close()
        assert all("Nông Văn Từ Lệnh" in officer.get(found_by_name)[1] for _ in range(4))  # remembered
        _manage(env, "from core import memo; memo.data_changed()")
        pages = [officer.get(found_by_name)[1] for _ in range(4)]
        assert all("Nông Văn Đổi Tay" in page and "Nông Văn Từ Lệnh" not in page for page in pages)
