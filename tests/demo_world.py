"""The whole demo (``seed_demo``) for a test module: ``demo`` loads it once per module, inside a
transaction rolled back when the module is done (import the fixture into the module)."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection, transaction


@contextmanager
def demo_loaded():
    from tests.conftest import ensure_reference_data

    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        ensure_reference_data()
        call_command("seed_demo", stdout=io.StringIO())
        if connection.vendor == "postgresql":  # the planner learns the demo's sizes (see test_reform_demo)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), demo_loaded():
        yield
