"""A person signs in as the village head of Thôn 1 in a real Chromium, sees the Vietnamese home page, signs out."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_village_head_logs_in_sees_vietnamese_home_and_logs_out(world, login_in_browser, live_server):
    page = login_in_browser("thon1")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Xin chào, Hoàng Văn Bình").is_visible()
    assert page.get_by_text("Trưởng thôn / cộng tác viên — Thôn 1").is_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_server.url}/login/")
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/login/")
