"""A village head submits the six-month report, the officer returns it, the village head resubmits,
the officer accepts; the commune report is consolidated, approved by the chairman, sent and accepted
by the district — all in a real Chromium."""

import datetime as dt

import pytest

from accounts.models import User
from reporting import services
from reporting.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page, live_server):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{live_server.url}/login/")


def test_six_month_report_from_village_to_the_province(world, login_in_browser, live_server):
    # The period is open now: its dates are moved around today's date (calendar as data). Since
    # 01/07/2025 the district is gone: the commune reports to the province office (tinh).
    vhxh = User.objects.get(username="vhxh")
    tinh = User.objects.get(username="tinh")
    services.calendar_create_year(area=world["commune"], year=2026, user=vhxh)
    services.calendar_create_year(area=world["province"], year=2026, user=tinh)
    from reporting.models import Period

    today = dt.date.today()
    for period in Period.objects.filter(year=2026, report_type__code__in=["village-6m", "commune-6m"]):
        services.period_update(
            period=period, user=vhxh, opens_on=today - dt.timedelta(days=5), deadline=today + dt.timedelta(days=5)
        )
    v6 = Period.objects.get(year=2026, report_type__code="village-6m")
    c6 = Period.objects.get(year=2026, report_type__code="commune-6m")
    village = world["villages"][0]
    report_url = f"{live_server.url}/reporting/periods/{v6.pk}/areas/{village.pk}/"

    page = login_in_browser("thon1")
    page.get_by_role("link", name=f"{v6.title} — Thôn 1").first.click()
    page.wait_for_url(report_url)
    page.get_by_label("0701 Số buổi truyền thông đã tổ chức — Tổng cộng").fill("2")
    page.get_by_label("0702 Số lượt người được truyền thông — Tổng cộng").fill("80")
    page.get_by_label("Kết quả thực hiện").fill("Tuyên truyền Luật Trẻ em tại nhà văn hóa thôn.")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    page.get_by_role("link", name="Sửa báo cáo").click()
    for field in page.locator("input[type=number]").all():
        if not field.input_value():
            field.fill("0")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text("Đã nộp báo cáo.").wait_for()
    logout(page, live_server)

    login_in_browser("vhxh")
    sub = Submission.objects.get(period=v6, area=village)
    page.goto(f"{live_server.url}/reporting/reports/{sub.pk}/")
    page.get_by_label("Ý kiến").fill("Số lượt người chưa khớp sổ sinh hoạt thôn")
    page.get_by_role("button", name="Trả lại kèm ý kiến").click()
    page.get_by_text("Đã trả lại báo cáo.").wait_for()
    logout(page, live_server)

    login_in_browser("thon1")
    page.goto(report_url)
    assert page.get_by_text("Số lượt người chưa khớp sổ sinh hoạt thôn").is_visible()
    page.get_by_label("0702 Số lượt người được truyền thông — Tổng cộng").fill("95")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text("Đã nộp báo cáo.").wait_for()
    assert page.get_by_text("nộp lại").first.is_visible()
    logout(page, live_server)

    login_in_browser("vhxh")
    page.goto(f"{live_server.url}/reporting/reports/{sub.pk}/")
    page.get_by_role("button", name="Chấp nhận báo cáo").click()
    page.get_by_text("Đã chấp nhận báo cáo.").wait_for()
    # the commune report adds up the accepted village report
    page.goto(f"{live_server.url}/reporting/periods/{c6.pk}/areas/{world['commune'].pk}/")
    assert page.get_by_label("0702 Số lượt người được truyền thông — Tổng cộng").input_value() == "95"
    for field in page.locator("input[type=number]").all():
        if not field.input_value():
            field.fill("0")
    page.get_by_label("Số văn bản").fill("45/BC-UBND")
    page.get_by_label("Kết quả thực hiện").fill("Các thôn đã tuyên truyền Luật Trẻ em.")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    logout(page, live_server)

    login_in_browser("chutich")
    commune_sub = Submission.objects.get(period=c6, area=world["commune"])
    page.goto(f"{live_server.url}/reporting/reports/{commune_sub.pk}/")
    page.get_by_role("button", name="Phê duyệt báo cáo").click()
    page.get_by_text("Đã phê duyệt báo cáo.").wait_for()
    logout(page, live_server)

    login_in_browser("vhxh")
    page.goto(f"{live_server.url}/reporting/reports/{commune_sub.pk}/")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text("Đã nộp báo cáo.").wait_for()
    logout(page, live_server)

    login_in_browser("tinh")
    page.goto(f"{live_server.url}/reporting/periods/{c6.pk}/")
    page.get_by_role("link", name="Xem Y Tịch").click()
    page.get_by_role("button", name="Chấp nhận báo cáo").click()
    page.get_by_text("Đã chấp nhận báo cáo.").wait_for()
    commune_sub.refresh_from_db()
    assert commune_sub.status == "accepted" and commune_sub.on_time
    assert commune_sub.values.get(indicator__code="0702", key="").value == 95
