"""A district officer makes a token on the profile page, a program uses it, the officer revokes it —
in a real Chromium; and the Swagger page renders from the portal's own files."""

import json
import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _call(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 — live_server on 127.0.0.1
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


def test_make_use_and_revoke_a_token(world, login_in_browser, live_server):
    page = login_in_browser("huyen")
    page.goto(f"{live_server.url}/accounts/me/")
    page.get_by_role("link", name="Tạo mã truy cập API").click()
    page.get_by_label("Dùng để làm gì").fill("DHIS2 của tỉnh")
    page.get_by_label("Thời hạn (ngày)").fill("30")
    page.get_by_role("button", name="Tạo mã truy cập").click()
    page.get_by_text("mã chỉ hiện một lần này").wait_for()
    token = page.get_by_label("Mã truy cập").input_value()
    assert token.startswith("bvte_")

    status, data = _call(f"{live_server.url}/api/v1/areas/?page_size=100", token)
    assert status == 200 and "YT" in {a["code"] for a in data["results"]}

    page.get_by_role("link", name="Về trang thông tin cá nhân").click()
    row = page.get_by_role("row", name="DHIS2 của tỉnh")
    assert "đang dùng được" in row.inner_text() and token not in page.content()
    row.get_by_role("button", name="Thu hồi").click()
    page.get_by_text("Đã thu hồi mã truy cập “DHIS2 của tỉnh”.").wait_for()
    assert "đã thu hồi" in page.get_by_role("row", name="DHIS2 của tỉnh").inner_text()
    assert _call(f"{live_server.url}/api/v1/areas/", token)[0] == 401


def test_the_swagger_page_renders_offline(world, login_in_browser, live_server):
    page = login_in_browser("vhxh")
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}/api/docs/")
    page.get_by_text("/api/v1/values/").first.wait_for()
    assert page.get_by_text("Số liệu chỉ tiêu của các báo cáo đã được duyệt").count() >= 1
    assert outside == []
