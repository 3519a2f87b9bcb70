"""Every route is named and needs a signed-in user, except an explicit allowlist (tock's sweep)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Route names that answer without login; everything else must redirect an anonymous visitor.
PUBLIC = {"login", "healthz", "favicon", "set_language", "javascript-catalog", "service_worker", "manifest"}
# Endpoints for programs (the API): an anonymous caller gets 401 with a Bearer challenge, never a
# redirect to the sign-in page and never data. The API's pages for people (docs, tokens) redirect.
API_PAGES = {"api:docs", "api:token_create", "api:token_revoke", "api:consolidated"}
# Django admin has its own login and its own names; axes/static are not routes here.
ADMIN_PREFIX = "admin/"


def walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns is not None and p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (f"{namespace}:{p.name}" if namespace and p.name else p.name)


def example_path(route: str) -> str:
    """Turn 'children/<int:pk>/edit/' or a regex into a concrete path with dummy values."""
    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<slug:[^>]+>|<str:[^>]+>|<[^>]+>", "x", path)
    path = path.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", path)
    return "/" + path


ROUTES = [(route, name) for route, name in walk(get_resolver().url_patterns) if not route.startswith(ADMIN_PREFIX)]


def test_there_are_routes_to_check():
    assert len(ROUTES) >= 8


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[r for r, _ in ROUTES])
def test_every_route_is_named(route, name):
    assert name, f"route {route!r} has no name"


@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[r for r, _ in ROUTES])
def test_every_route_requires_login_unless_allowlisted(route, name, anon):
    short = (name or "").split(":")[-1] if name else ""
    response = anon.get(example_path(route))
    if name in PUBLIC or short in PUBLIC:
        assert response.status_code != 302 or "/login/" not in response.get("Location", "")
        return
    if (name or "").startswith("api:") and name not in API_PAGES:
        assert response.status_code == 401, f"{route} answered {response.status_code} to an anonymous caller"
        assert response["WWW-Authenticate"].startswith("Bearer")
        return
    assert response.status_code == 302, f"{route} answered {response.status_code} to an anonymous visitor"
    assert response["Location"].startswith("/login/"), response["Location"]
