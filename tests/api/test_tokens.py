"""Personal API tokens: made on the profile, shown once, stored hashed, expiring, revocable,
acting with the user's scope, logged like exports, rate-limited."""

import datetime as dt
import hashlib
import re

from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts.models import AccessLog, User
from api.models import ApiToken

from .conftest import results

TOKEN_RE = re.compile(r"bvte_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def make_on_profile(client, name="DHIS2 của tỉnh", days=30):
    response = client.post("/api/tokens/new/", {"name": name, "days": days})
    assert response.status_code == 200
    return TOKEN_RE.search(response.content.decode())[0], response


def test_a_token_made_on_the_profile_is_shown_once_and_stored_only_as_a_digest(exchange, client_for):
    client = client_for("huyen")
    assert client.get("/accounts/me/").status_code == 200
    token, response = make_on_profile(client)
    assert response["Cache-Control"].startswith("max-age=0")
    row = ApiToken.objects.get(user__username="huyen")
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    _, prefix, secret = token.split("_", 2)  # the secret itself may hold "_"
    assert prefix == row.prefix
    stored = [str(getattr(row, f.attname)) for f in ApiToken._meta.fields]
    assert not any(secret in value for value in stored)
    assert not any(secret in str(h.__dict__) for h in row.history.all())
    # The profile lists it by name and prefix, never the secret.
    profile = client.get("/accounts/me/").content.decode()
    assert "DHIS2 của tỉnh" in profile and f"bvte_{row.prefix}" in profile and token not in profile
    assert abs(row.expires_at - row.created_at - dt.timedelta(days=30)) < dt.timedelta(seconds=5)


def test_a_token_acts_with_its_users_roles_and_scope(exchange, client_for):
    token, _ = make_on_profile(client_for("thon1"))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert {r["area"] for r in results(api.get("/api/v1/values/"))} == {"YT01"}
    assert api.get("/api/v1/values/?area=YT").status_code == 404
    assert ApiToken.objects.get().last_used_at is not None
    district, _ = make_on_profile(client_for("huyen"))
    assert {r["area"] for r in results(Client(HTTP_AUTHORIZATION=f"Bearer {district}").get("/api/v1/values/"))} == {
        "YT01", "YT", "HB"
    }  # fmt: skip


def test_token_use_is_written_to_the_access_log(exchange, token_client):
    api, row = token_client("vhxh")
    api.get("/api/v1/values/?indicator=0101&page_size=2")
    entry = AccessLog.objects.get(what="api.values")
    assert (entry.user.username, entry.action, entry.row_count, entry.area.name) == ("vhxh", "export", 2, "Y Tịch")
    assert entry.filters == {"query": {"indicator": ["0101"], "page_size": ["2"]}, "auth": f"token:{row.prefix}"}
    api.get("/api/v1/dataValueSets.csv?period=2022S1")
    assert AccessLog.objects.filter(what="api.dataValueSets.csv", user__username="vhxh").exists()


def test_an_expired_token_is_refused(exchange, token_client):
    api, row = token_client("huyen", days=1)
    assert api.get("/api/v1/areas/").status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = api.get("/api/v1/areas/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập không đúng, đã hết hạn hoặc đã bị thu hồi."


def test_a_revoked_token_is_refused_and_only_its_owner_can_revoke_it(exchange, client_for, token_client):
    api, row = token_client("huyen")
    assert client_for("vhxh").post(f"/api/tokens/{row.pk}/revoke/").status_code == 404
    assert api.get("/api/v1/areas/").status_code == 200
    owner = client_for("huyen")
    assert owner.get(f"/api/tokens/{row.pk}/revoke/").status_code == 405
    assert owner.post(f"/api/tokens/{row.pk}/revoke/").status_code == 302
    assert api.get("/api/v1/areas/").status_code == 401
    row.refresh_from_db()
    assert row.revoked_at is not None and row.state == "đã thu hồi"
    assert "đã thu hồi" in owner.get("/accounts/me/").content.decode()


def test_wrong_tokens_and_inactive_users_are_refused(exchange, token_client):
    api, row = token_client("huyen")
    token = api.defaults["HTTP_AUTHORIZATION"].split()[1]
    for header in [f"Bearer {token}x", f"Bearer bvte_{row.prefix}_wrong", "Bearer abc", f"Bearer {token} extra"]:
        assert Client(HTTP_AUTHORIZATION=header).get("/api/v1/areas/").status_code == 401, header
    User.objects.filter(username="huyen").update(is_active=False)
    assert api.get("/api/v1/areas/").status_code == 401


def test_token_form_refuses_bad_input_naming_the_field(exchange, client_for):
    response = client_for("huyen").post("/api/tokens/new/", {"name": "", "days": 5000})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "days"}
    assert not ApiToken.objects.exists()


def test_requests_above_the_rate_limit_get_429(exchange, token_client, settings):
    settings.API_RATE_LIMIT = "3/min"
    cache.clear()
    api, _ = token_client("huyen")
    codes = [api.get("/api/v1/areas/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other, _ = token_client("vhxh")  # counted per user
    assert other.get("/api/v1/areas/").status_code == 200


def test_a_secret_with_underscores_and_dashes_still_authenticates(exchange, monkeypatch):
    monkeypatch.setattr("api.services.secrets.token_urlsafe", lambda n: "a_b-c_" * 7 + "d")
    from api.services import token_authenticate, token_create

    row, token = token_create(user=User.objects.get(username="vhxh"), name="x", days=1)
    assert token_authenticate(token) == row
    assert token_authenticate(token.replace("d", "e")) is None
