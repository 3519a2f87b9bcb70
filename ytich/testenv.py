"""Loaded by pytest before Django (``-p ytich.testenv`` in pyproject.toml).

Marks the process as a test run before the settings module is imported, so the tests need no
production secret, and lets Django's ORM run inside Playwright's event loop in browser tests.
"""

import os

os.environ.setdefault("YTICH_TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
