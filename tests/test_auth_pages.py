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
