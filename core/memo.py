"""Figures kept in memory until the data changes.

Many pages show the same figures (a plan's targets, this month's allowance list, the reports due,
a user's home panels, a page of the registry), and computing them costs far more than the page
around them. They change only when something is written. So every process keeps what it computed
in ``remember`` and uses it while the data is unchanged and the day is the same:

* Every statement that writes through Django (``save``, ``update``, ``bulk_create``, ``delete``, raw
  SQL, a migration) is noticed. When it is committed (at once in autocommit, or when its transaction
  commits) the writer appends one byte to a *generation file* (``settings.MEMO_GENERATION_FILE``,
  ``var/data-generation``), whose size every process reads before using a memo: the other gunicorn
  workers, commands and imports all drop what they remember. The byte is appended after the commit,
  never before, so no reader can keep figures of the old data under the new generation.
* Inside a transaction (an atomic block) the memo is neither used nor filled: a transaction sees
  what it wrote, nothing it saw outlives a rollback, and a snapshot older than the generation it
  reads (one taken at BEGIN) is never remembered. Pages run outside transactions, and use it.

Writes that no figure reads do not count: sessions, sign-in attempts (axes, ``AuthEvent``) and the
access log (written when someone *reads* a child). Writes made outside Django (``psql``, a restored
backup) must call ``data_changed()``; ``manage.py restore`` does. The generation file belongs to one
machine: servers on several machines sharing one PostgreSQL must turn the memo off
(``DJANGO_MEMO=0``), which computes everything on every request as before.
"""

import logging
import os
import re
import threading
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils import timezone, translation

T = TypeVar("T")
logger = logging.getLogger(__name__)

# Beyond either bound the memo starts again (a commune's figures, homes and list pages fit many times):
MAX_ENTRIES = 2000
MAX_TEXT = 32 * 1024 * 1024  # characters of remembered pages (a list page is about 60,000)
# Statements that only read; anything else counts as a write (conservative: an unknown kind drops the memo).
_READS = re.compile(r"\s*(SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|SET|SHOW|EXPLAIN)\b", re.I)
_TABLE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
# Tables written while reading or signing in, read by no memoised figure.
IGNORED_TABLES = frozenset(
    {
        "django_session",
        "axes_accessattempt",
        "axes_accessfailurelog",
        "axes_accesslog",
        "accounts_accesslog",
        "accounts_authevent",
    }
)

_lock = threading.Lock()
_store: dict = {}
_text_size = 0  # characters of the pages in _store
_store_generation: tuple | None = None
_broken = False  # the generation file could not be written


def enabled() -> bool:
    return getattr(settings, "MEMO_ENABLED", True)


def _in_transaction() -> bool:
    return any(connection.in_atomic_block for connection in connections.all(initialized_only=True))


def _generation_file() -> str:
    return str(settings.MEMO_GENERATION_FILE)


def generation() -> int:
    """What the memo's entries are valid for: how many committed writes the generation file counts."""
    try:
        return os.stat(_generation_file()).st_size
    except FileNotFoundError:
        return -1


def append_generation(path) -> None:
    """One byte more in the generation file at ``path`` (an append is atomic between processes)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, b".")
    finally:
        os.close(fd)


def data_changed() -> None:
    """Tell every process on this machine that committed data changed (called after each commit that
    wrote, and by whatever writes outside Django)."""
    global _broken
    try:
        append_generation(_generation_file())
    except OSError:
        # Without the file no process can learn of a change: this one stops remembering, and says so.
        if not _broken:
            logger.exception("core.memo: cannot write %s; figures are no longer remembered", _generation_file())
        _broken = True
    forget()


def remember(key: Hashable, compute: Callable[[], T], *, until: Callable[[T], datetime | None] | None = None) -> T:
    """``compute()``, or what it returned for ``key`` earlier today with the data unchanged since.

    ``key`` must name everything the value depends on besides the data and the date (an area, a
    user, a year…). The value is shared, not copied: callers must not change it. The active
    language is part of the key, so translated text is never served in another language.
    ``until(value)``: for a value that also changes with the time of day, the moment it stops holding
    (``None``: the end of the day)."""
    global _store, _store_generation, _text_size
    if not enabled() or _broken or _in_transaction():
        return compute()
    current = (generation(), timezone.localdate())
    full_key = (key, translation.get_language())
    with _lock:
        if current != _store_generation or len(_store) >= MAX_ENTRIES or _text_size >= MAX_TEXT:
            _store, _store_generation, _text_size = {}, current, 0
        entry = _store.get(full_key)
    if entry is not None and (entry[1] is None or timezone.now() < entry[1]):
        return entry[0]
    value = compute()
    expires = until(value) if until else None
    with _lock:
        if current == _store_generation:  # else another request already saw newer data: keep nothing
            _store[full_key] = (value, expires)
            if isinstance(value, str):
                _text_size += len(value)
    return value


def forget() -> None:
    """Drop everything this process remembers (tests that change the clock or the settings)."""
    global _store, _store_generation, _text_size
    with _lock:
        _store, _store_generation, _text_size = {}, None, 0


# --- noticing writes ------------------------------------------------------------------------------


def _is_write(sql: str) -> bool:
    if _READS.match(sql):
        return False
    table = _TABLE.match(sql)
    return not (table and table.group(1).lower() in IGNORED_TABLES)


def _watch(execute, sql, params, many, context):
    if not isinstance(sql, str) or not _is_write(sql):
        return execute(sql, params, many, context)
    connection = context["connection"]
    if not connection.in_atomic_block:
        try:
            return execute(sql, params, many, context)
        finally:
            data_changed()  # autocommit: the statement is committed (or failed: a needless change)
    # Once per transaction: at the commit every process learns of it (a rollback drops the callback).
    if not any(func is data_changed for _sids, func, *_rest in connection.run_on_commit):
        connection.on_commit(data_changed)
    return execute(sql, params, many, context)


def _install(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def connect() -> None:
    """Watch every database connection (called once from ``CoreConfig.ready``)."""
    connection_created.connect(_install, dispatch_uid="core.memo.install")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
