from functools import partial
from importlib import import_module

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from core import memo


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the application and its database answer; 503 otherwise. No login, no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


@login_not_required
@require_GET
@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on every site whatever the page says: answer it (no login)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/vnd.microsoft.icon")


def _until(panels: list[dict]):
    return min((p["until"] for p in panels if p.get("until")), default=None)


def home(request):
    """The signed-in user's home page: one panel per thing their roles let them do.

    Each portal app may offer panels in ``<app>/home.py`` (``panels(request) -> list[dict]``,
    each with ``template``, ``order`` and its own context), so this page links only to what exists.
    A panel depends on the user, the day and the data only: it is remembered until one changes
    (``core.memo``), so a user coming back to the home page does not recompute the plan's targets.
    A panel that also changes with the time of day says until when it holds (``until``, a datetime).
    """
    panels = []
    for app in settings.PORTAL_APPS:
        try:
            module = import_module(f"{app}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.home":
                raise
            continue
        panels.extend(memo.remember(("home", app, request.user.pk), partial(module.panels, request), until=_until))
    panels.sort(key=lambda p: p.get("order", 100))
    return render(request, "home.html", {"panels": panels})
