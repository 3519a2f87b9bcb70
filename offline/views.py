"""The installable app: its manifest, its service worker (served from the site root so that it may
handle every page) and the endpoint to which a phone sends the drafts it kept while offline."""

import hashlib
import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .sync import draft_process

# The shell a phone keeps to open the head's pages without a connection (cache-first).
SHELL = [
    "vendor/bootstrap/bootstrap.min.css",
    "css/site.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/child-picker.js",
    "js/offline.js",
    "img/favicon.svg",
    "img/icon-192.png",
]


@login_not_required
@require_GET
@never_cache
def service_worker(request):
    shell = [static(path) for path in SHELL]
    version = hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]
    context = {
        "shell": json.dumps(shell),
        "version": version,
        "offline_title": _("No connection"),
        "offline_text": _("No connection, and this page was not saved on this phone."),
        "home": _("Home"),
    }
    body = render_to_string("offline/sw.js", context)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
def manifest(request):
    body = render_to_string("offline/manifest.webmanifest", request=request)
    return HttpResponse(body, content_type="application/manifest+json; charset=utf-8")


@require_POST
def sync(request):
    """One draft kept on a phone: ``{"uuid", "kind", "payload"}`` → the outcome, as JSON."""
    try:
        draft = json.loads(request.body)
        answer = draft_process(
            user=request.user, draft_uuid=draft["uuid"], kind=draft["kind"], payload=draft.get("payload") or {}
        )
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("bad draft")
    return JsonResponse(answer)
