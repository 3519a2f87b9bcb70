import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language (the language cookie).

    The browser's Accept-Language is ignored on purpose: commune offices often run browsers
    installed in English, and the portal's users work in Vietnamese.
    """

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


REFRESHED_KEY = "_refreshed"


def stamp_session_on_login(sender, request, user, **kwargs):
    """A new sign-in is saved anyway: record when, so the pages after it do not write the session."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())


class SessionIdleMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    Saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``) makes every page view a
    database write, which on SQLite queues behind any long writer. Instead a session that is in use
    is re-saved (moving its expiry ``SESSION_COOKIE_AGE`` ahead) only when its last save is older than
    ``SESSION_REFRESH_SECONDS``; the idle limit is kept to within that much.
    """

    KEY = REFRESHED_KEY

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        # A session saved anyway (sign-in, a change) records the time too, so the next page does not write.
        if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response


class ContentSecurityPolicyMiddleware:
    """Send ``settings.CONTENT_SECURITY_POLICY`` on every response that does not set its own.

    Scripts come only from the portal's own static files (no inline script, no event-handler
    attributes), so an injected ``<script>`` or ``onerror=`` does not run.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            f"{name} {' '.join(values)}" for name, values in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
