"""In a real Chromium: the culture-social officer finds "Nguyễn Văn An" by typing "nguyen van an",
then registers a child and meets the duplicate warning before confirming."""

from datetime import date

import pytest
from playwright.sync_api import expect

from children.models import Child
from tests.factories import make_child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_searches_without_accents_and_registers_through_the_duplicate_warning(
    world, login_in_browser, live_server
):
    existing = make_child(
        village=world["villages"][0], full_name="Nguyễn Văn An", sex="M", date_of_birth=date(2019, 5, 2)
    )
    make_child(village=world["villages"][0], full_name="Nguyễn Thị Anh")
    page = login_in_browser("vhxh")

    page.goto(f"{live_server.url}/children/")
    page.get_by_label("Tìm kiếm", exact=True).fill("nguyen van an")
    page.get_by_role("button", name="Lọc").click()
    table = page.locator("#children-table")
    page.wait_for_url("**/children/?*")  # the filtered page, not the one before the click
    expect(table.get_by_role("link", name="Nguyễn Văn An")).to_be_visible()
    assert table.get_by_text("Nguyễn Thị Anh").count() == 0

    page.get_by_role("link", name="Đăng ký trẻ em").click()
    page.get_by_label("Họ và tên*", exact=True).fill("nguyen van an")
    page.get_by_role("button", name="Tìm trong sổ").click()
    expect(page.get_by_role("link", name="Nguyễn Văn An")).to_be_visible()  # waits for the answer
    page.get_by_role("link", name="Không thấy trẻ trong danh sách: đăng ký trẻ mới").click()

    page.get_by_label("Họ và tên*", exact=True).fill("Nguyễn Văn An")
    page.get_by_label("Ngày sinh*", exact=True).fill("02/05/2019")
    page.get_by_label("Giới tính*", exact=True).select_option("M")
    page.get_by_label("Dân tộc*", exact=True).select_option(label="Tày")
    page.get_by_label("Thôn*", exact=True).select_option(label="Thôn 1")
    page.get_by_role("button", name="Đăng ký").click()

    warning = page.get_by_role("alert").filter(has_text="Có thể đã được đăng ký")
    expect(warning).to_be_visible()
    assert warning.get_by_role("link", name="Nguyễn Văn An").get_attribute("href") == f"/children/{existing.pk}/"
    assert Child.objects.count() == 2

    page.get_by_label("Tôi đã kiểm tra các hồ sơ trên").check()
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url(f"{live_server.url}/children/*/")
    assert page.get_by_role("heading", name="Nguyễn Văn An", level=1).is_visible()
    assert page.get_by_text("Đã đăng ký trẻ Nguyễn Văn An.").is_visible()
    assert Child.objects.filter(name_key="nguyen van an").count() == 2
