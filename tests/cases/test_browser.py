"""In a real Chromium: the culture-social officer takes a case from report to closure, with the
chairman approving the plan in between (two sign-ins in one test)."""

import os
import re

import pytest

from children.cases.models import Case, CaseAccess
from tests.factories import make_child

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def sign_out(page, live_server):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_server.url}/login/")


def save(page):
    # "Save" may come from any app's catalogue ("Lưu" or "Lưu lại"): match the start.
    page.locator("main").get_by_role("button", name=re.compile(r"^Lưu")).click()
    page.wait_for_load_state()


def test_a_case_from_report_to_closure_with_the_chairman_approving(world, login_in_browser, live_server):
    child = make_child(village=world["villages"][2], full_name="Lục Thị Thử Nghiệm")
    page = login_in_browser("vhxh")

    # The officer receives a report from the hotline 111.
    page.get_by_role("link", name="Tiếp nhận thông báo").first.click()
    page.locator("#id_source").select_option("hotline_111")
    page.locator("#id_kind").select_option("violence")
    page.locator("#id_place").select_option("home")
    page.locator("#id_alleged_relation").select_option("step_parent")
    page.locator("#id_summary").fill("Tổng đài 111 báo cháu bị bố dượng đánh (dữ liệu thử).")
    page.locator("#id_level").select_option("intervention")
    # the child is found by searching without accents and picked from at most 20 matches
    page.locator("#id_children").fill("luc thi thu")
    page.get_by_role("option", name=re.compile("Lục Thị Thử Nghiệm")).click()
    assert page.locator("input[type=hidden][name=children]").get_attribute("value") == str(child.pk)
    page.get_by_role("button", name="Mở hồ sơ").click()
    page.get_by_role("heading", name="Hồ sơ").first.wait_for()
    case = Case.objects.get()
    detail = f"{live_server.url}/children/cases/{case.pk}/"
    assert page.url == detail
    assert page.get_by_text("chờ xác minh").first.is_visible()

    # Verification, initial risk assessment (an emergency), detailed assessment.
    page.get_by_role("link", name="Ghi kết quả xác minh").click()
    page.get_by_label("Xác minh có vụ việc").check()
    save(page)
    page.get_by_role("link", name="Ghi đánh giá nguy cơ ban đầu").click()
    page.locator("#id_risk").select_option("high")
    page.locator("#id_is_emergency").check()
    page.locator("#id_emergency_measures").fill("Đưa cháu đến trạm y tế.")
    page.locator("#id_separated").check()
    page.locator("#id_separation_place").fill("Bà ngoại")
    save(page)
    assert page.get_by_text("trong 12 giờ").is_visible()
    page.get_by_role("link", name="Ghi đánh giá chi tiết").click()
    page.locator("#id_risk").select_option("medium")
    page.locator("#id_note").fill("Cháu an toàn khi ở với bà ngoại.")
    save(page)

    # The plan, with one service, goes to the chairman.
    page.get_by_role("link", name="Lập kế hoạch hỗ trợ, can thiệp").click()
    page.locator("#id_goals").fill("Bảo đảm an toàn, tư vấn tâm lý.")
    page.locator("#id_first_review_on").fill("31/12/2026")
    page.locator("#id_services-0-kind").select_option("counselling")
    page.locator("#id_services-0-description").fill("Tư vấn tâm lý cho cháu")
    page.locator("#id_services-0-unit").select_option(label="Văn hóa – Xã hội Y Tịch")
    page.locator("#id_services-0-start_date").fill("01/11/2026")
    page.locator("#id_services-0-end_date").fill("31/12/2026")
    page.get_by_role("button", name="Trình Chủ tịch").click()
    page.get_by_text("Đã trình kế hoạch lên Chủ tịch.").wait_for()
    assert page.get_by_text("kế hoạch chờ Chủ tịch phê duyệt").first.is_visible()
    sign_out(page, live_server)

    # The chairman sees it on the home page and approves.
    login_in_browser("chutich")
    page.goto(detail)
    page.get_by_role("link", name="Phê duyệt hoặc trả lại kế hoạch").click()
    page.get_by_label("Phê duyệt kế hoạch").check()
    page.locator("#id_note").fill("Đồng ý.")
    save(page)
    assert page.get_by_text("đang thực hiện kế hoạch").first.is_visible()
    sign_out(page, live_server)

    # The officer records the service, a review that finds the child safe, and closes the case.
    login_in_browser("vhxh")
    page.goto(detail)
    page.get_by_role("link", name="Ghi nhận đã thực hiện").click()
    page.locator("#id_note").fill("4 buổi")
    save(page)
    page.get_by_role("link", name="Ghi rà soát định kỳ").click()
    page.get_by_label("trẻ đã an toàn, ổn định").check()
    page.locator("#id_note").fill("Cháu đã ổn định, đi học đều.")
    save(page)
    page.get_by_role("link", name="Đóng hồ sơ").click()
    page.locator("#id_reason").select_option("safe")
    page.locator("#id_note").fill("Kết thúc hỗ trợ.")
    save(page)
    page.get_by_text("Đã đóng hồ sơ.").wait_for()

    case.refresh_from_db()
    assert case.stage == "closed" and case.is_emergency
    kinds = list(case.steps.order_by("pk").values_list("kind", "done_by__username"))
    assert kinds == [
        ("received", "vhxh"), ("verified", "vhxh"), ("initial_assessment", "vhxh"), ("detailed_assessment", "vhxh"),
        ("plan_submitted", "vhxh"), ("plan_approved", "chutich"), ("service_given", "vhxh"), ("review", "vhxh"),
        ("closed", "vhxh"),
    ]  # fmt: skip
    assert set(CaseAccess.objects.filter(case=case).values_list("user__username", flat=True)) == {"vhxh", "chutich"}
