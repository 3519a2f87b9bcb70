"""The chairman approves the plan in a real browser; a school user reports progress on its task."""

import pytest
from django.urls import reverse

from accounts.models import Unit

from .conftest import task_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chairman_approves_the_plan_and_the_school_updates_its_task(world, plan, login_in_browser, live_server):
    page = login_in_browser("chutich")
    page.goto(live_server.url + reverse("programs:plan_detail", args=[plan.pk]))
    page.get_by_role("button", name="Phê duyệt kế hoạch").click()
    page.wait_for_selector("text=Kế hoạch đã được phê duyệt.")
    assert page.locator("#plan-status").inner_text() == "đã phê duyệt"
    page.context.clear_cookies()

    page = login_in_browser("truong")
    page.get_by_role("link", name="Tất cả nhiệm vụ của tôi").click()
    page.get_by_role("link", name="Tuyên truyền trong nhà trường").click()
    page.get_by_label("Trạng thái").select_option("done")
    page.get_by_label("Ghi chú tiến độ").fill("Đã tổ chức 3 buổi ngoại khóa")
    page.get_by_role("button", name="Cập nhật nhiệm vụ").click()
    page.wait_for_selector("text=Đã cập nhật nhiệm vụ.")
    assert "hoàn thành" in page.locator("#task-status").inner_text()
    task = task_of(plan, Unit.Kind.SCHOOL)
    assert task.status == "done" and "3 buổi ngoại khóa" in task.progress
