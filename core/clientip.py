"""The client's address, also behind reverse proxies (sign-in throttling and the sign-in log).

Each proxy appends the address it received the request from to ``X-Forwarded-For``, so with
``DJANGO_PROXY_COUNT`` = N trusted proxies the client is the N-th address from the right; anything
further left was written by the client and is not trusted. With N = 0 (gunicorn faces the clients)
the header is ignored and the socket's address is used.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # a proxy that should have added an address did not: do not trust the header
    return _valid(forwarded[-count]) or remote
