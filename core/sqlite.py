"""The embedded SQLite database in write-ahead-log mode (readers never wait for a writer).

WAL is a property of the database file: the first connection that finds the file in another mode
switches it. Switching needs the file to itself, so while another process holds a lock (a
``migrate`` running) the switch is left to a later connection instead of failing this one.
"""

import sqlite3

from django.db.backends.signals import connection_created


def use_wal(sender, connection, **kwargs) -> None:
    if connection.vendor != "sqlite":
        return
    raw = connection.connection  # the sqlite3 connection, before Django opens any transaction
    try:
        mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
        if mode not in ("wal", "memory"):
            mode = raw.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    except sqlite3.OperationalError:
        return  # locked by another process: a later connection switches the file
    if mode == "wal":
        # In WAL mode NORMAL loses no committed transaction when the process crashes.
        raw.execute("PRAGMA synchronous=NORMAL")


def connect() -> None:
    connection_created.connect(use_wal, dispatch_uid="core.sqlite.use_wal")
