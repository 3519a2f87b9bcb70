"""Fixtures of the API tests: the small world of ``worlds.py``, clients with tokens, a fresh rate limit."""

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from api.services import token_create

from .worlds import SECRET_CHILD, TOTAL_0101, build  # noqa: F401  (re-exported for the tests)


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings):
    """Each test starts with an empty rate-limit count and a limit no ordinary test reaches."""
    settings.API_RATE_LIMIT = "10000/min"
    cache.clear()


@pytest.fixture
def exchange(world):
    return build(world)


@pytest.fixture
def token_client(exchange):
    """``token_client("thon1")`` → (a client that sends a fresh token of that user, the token row)."""

    def make(username: str, days: int = 30):
        row, secret = token_create(user=User.objects.get(username=username), name="test", days=days)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), row

    return make


def results(response) -> list:
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]
