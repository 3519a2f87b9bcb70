"""Sign-in, sign-out, failed sign-ins and lockout, password change, language, health check."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import AuthEvent


def test_login_page_is_vietnamese(anon):
    response = anon.get(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in body
    assert "Tên đăng nhập" in body and "Mật khẩu" in body
    assert 'for="id_username"' in body  # labels tied to inputs


def test_login_and_logout_are_recorded(anon):
    response = anon.post(reverse("login"), {"username": "thon1", "password": "ytich-demo"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert AuthEvent.objects.filter(kind="login", username="thon1").exists()
    anon.post(reverse("logout"))
    assert AuthEvent.objects.filter(kind="logout", username="thon1").exists()
    assert anon.get(reverse("home")).status_code == 302


def test_failed_login_is_recorded_and_shown_in_vietnamese(anon):
    response = anon.post(reverse("login"), {"username": "thon1", "password": "wrong-password"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
    assert AuthEvent.objects.filter(kind="failed", username="thon1").count() == 1


def test_repeated_failures_lock_the_account(anon):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        anon.post(reverse("login"), {"username": "thon2", "password": "wrong-password"})
    response = anon.post(reverse("login"), {"username": "thon2", "password": "ytich-demo"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert not AuthEvent.objects.filter(kind="login", username="thon2").exists()


def test_password_change(client_for):
    client = client_for("thon1")
    response = client.post(
        reverse("password_change"),
        {"old_password": "ytich-demo", "new_password1": "Thon1-moi-2026!", "new_password2": "Thon1-moi-2026!"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")


def test_language_switch_to_english_and_back(client_for):
    client = client_for("thon1")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Hello," in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Xin chào" in client.get(reverse("home")).content.decode()


def test_healthz_answers_without_login_and_touches_the_database(anon, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = anon.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def _expiry(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_sessions_expire_after_inactivity_and_pages_do_not_write_the_session(anon):
    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert anon.post(reverse("login"), {"username": "thon1", "password": "ytich-demo"}).status_code == 302
    signed_in = _expiry(anon)
    anon.get(reverse("home"))
    assert _expiry(anon) == signed_in  # a page right after sign-in writes nothing
    # A minute later the next page moves the idle limit ahead again.
    session = anon.session
    session["_refreshed"] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    Session.objects.filter(session_key=session.session_key).update(expire_date=signed_in)
    anon.get(reverse("home"))
    assert _expiry(anon) > signed_in
    # Past the idle limit the session is gone: the user is asked to sign in again.
    Session.objects.filter(session_key=session.session_key).update(expire_date=signed_in.replace(year=2000))
    assert anon.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    "path", ["/static/vendor/bootstrap/bootstrap.min.css", "/static/vendor/chartjs/chart.umd.min.js"]
)
def test_assets_are_served_locally(path, anon, settings):
    from django.contrib.staticfiles import finders

    assert finders.find(path.removeprefix("/static/"))
    body = anon.get(reverse("login")).content.decode()
    assert "cdn." not in body and "https://" not in body.split("<body")[0]


def test_an_english_browser_still_gets_vietnamese_until_the_user_chooses(anon):
    body = anon.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập" in body


def _fail(client, username, times, **headers):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "wrong-password"}, **headers)


def _sign_in(client, username, **headers):
    return client.post(reverse("login"), {"username": username, "password": "ytich-demo"}, **headers)


def test_behind_a_proxy_the_lock_is_keyed_on_the_client_not_the_proxy(settings, anon, client):
    settings.PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    _fail(anon, "thon2", settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert _sign_in(anon, "thon2", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 429
    # The same user name from another office behind the same proxy is not locked out.
    response = _sign_in(client, "thon2", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert response.status_code == 302
    event = AuthEvent.objects.filter(kind="login", username="thon2").latest("pk")
    assert event.ip_address == "198.51.100.20"  # the sign-in log records the client too


def test_without_a_proxy_a_forged_forwarded_header_does_not_escape_the_lock(settings, anon):
    settings.PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(anon, "thon2", 1, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}", REMOTE_ADDR="192.0.2.5")
    assert _sign_in(anon, "thon2", HTTP_X_FORWARDED_FOR="198.51.100.1", REMOTE_ADDR="192.0.2.5").status_code == 429


def test_failures_during_the_lock_do_not_extend_it(anon):
    from axes.models import AccessAttempt

    _fail(anon, "thon2", settings.AXES_FAILURE_LIMIT)
    locked_at = AccessAttempt.objects.get(username="thon2").attempt_time
    _fail(anon, "thon2", 3)
    later = AccessAttempt.objects.get(username="thon2")
    assert later.attempt_time == locked_at  # the lock still ends AXES_COOLOFF_MINUTES after it began
    assert later.failures_since_start == settings.AXES_FAILURE_LIMIT
