"""Acceptance in a real Chromium, on today's date: each demo role does its main task of the current year
from its home page, with no error and no admin page.

The accountant opens the year (the home page offers it), records a receipt and a payment, has the
chairman approve them, posts them and prints both vouchers; the village head submits this period's
report; the officer accepts it and consolidates the commune report; the chairman approves it; the
officer sends it; the province office (the district is gone since the 2025 reform) reviews and
accepts it.
"""

import re
from datetime import date

import pytest
from django.utils import timezone

from accounts.demo import seed as seed_accounts
from funds import services as fund_services
from funds.models import Entry, Fund
from reporting.models import Period, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def as_user(page, login_in_browser, username):
    page.context.clear_cookies()
    return login_in_browser(username)


def fine(page):
    """No error page, no error message, never the admin site."""
    assert "/admin/" not in page.url
    assert page.locator(".alert-danger, .errorlist, .invalid-feedback").count() == 0, page.locator("main").inner_text()
    assert "Server Error" not in page.content()


def draft(page, fund, *, kind_label, category, amount, purpose):
    page.get_by_role("link", name=re.compile(fund.name)).first.click()
    page.get_by_role("link", name=kind_label).click()
    fine(page)
    # the date is today's, prefilled
    assert page.get_by_label("Ngày").input_value() == timezone.localdate().strftime("%d/%m/%Y")
    assert page.locator("#year-not-open").count() == 0
    page.get_by_label("Số tiền (đồng)").fill(amount)
    page.get_by_label("Nội dung thu chi").select_option(category)
    page.get_by_label("Người nộp hoặc người nhận").fill("Bà Lê Thị Thu (giả lập)")
    page.get_by_label("Mục đích").fill(purpose)
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu nháp").wait_for()
    page.get_by_role("button", name="Trình phê duyệt").click()
    page.get_by_text("Đã trình phê duyệt.").wait_for()
    fine(page)
    return int(re.search(r"/entries/(\d+)/", page.url).group(1))


def fill_blanks(page):
    for field in page.locator("input[type=number]").all():
        if field.is_enabled() and not field.input_value():
            field.fill("0")


def test_every_role_does_its_work_of_the_current_year(live_server, browser_page, login_in_browser):
    world = seed_accounts()
    commune, village = world["commune"], world["villages"][0]
    fund = fund_services.fund_create(
        commune=commune, kind=Fund.Kind.CHILD_PROTECTION, started_on=date(2022, 1, 1), brought_forward=500_000
    )
    base, year = live_server.url, timezone.localdate().year

    # --- the accountant: the year is offered on the home page and opened in one step -------------
    page = login_in_browser("ketoan")
    offer = page.locator("#new-year-offer")
    assert offer.is_visible()
    offer.get_by_role("link", name=f"Mở năm {year}").click()
    page.locator("#open-year").click()
    page.locator("#year-open").wait_for()
    fine(page)
    page.goto(f"{base}/")
    assert page.locator("#new-year-offer").count() == 0

    # a receipt and a payment, dated today
    receipt = draft(
        page, fund, kind_label="Lập phiếu thu", category="donation_person", amount="3.000.000", purpose="Ủng hộ quỹ"
    )
    page.goto(f"{base}/")
    payment = draft(page, fund, kind_label="Lập phiếu chi", category="gifts", amount="1.200.000", purpose="Quà cho trẻ")

    codes = {}
    for pk in (receipt, payment):
        # the chairman approves from the home page's "awaiting your approval"
        page = as_user(page, login_in_browser, "chutich")
        page.get_by_role("link", name=re.compile("chờ đồng chí phê duyệt")).click()
        page.locator(f"a[href='/funds/entries/{pk}/']").first.click()
        page.get_by_role("button", name="Phê duyệt", exact=True).click()
        page.get_by_text("Đã phê duyệt.").wait_for()
        fine(page)
        # the accountant posts it and prints the voucher
        page = as_user(page, login_in_browser, "ketoan")
        page.get_by_role("link", name=re.compile("đã duyệt chờ ghi sổ")).click()
        page.locator(f"a[href='/funds/entries/{pk}/']").first.click()
        page.get_by_role("button", name="Ghi sổ quỹ").click()
        page.get_by_text("Đã ghi sổ quỹ.").wait_for()
        fine(page)
        codes[pk] = page.locator("#voucher-code").inner_text()
        link = page.get_by_role("link", name=re.compile("In phiếu (thu|chi)"))
        response = page.request.get(base + link.get_attribute("href"))
        assert response.status == 200 and response.body().startswith(b"%PDF")
    assert codes == {receipt: f"PT-{year}-001", payment: f"PC-{year}-001"}
    assert Entry.objects.filter(fund=fund, status="posted").count() == 2

    # --- the village head submits this period's report from the home page -------------------------
    period = (
        Period.objects.filter(area=commune, year=year, report_type__from_kind="village", opens_on__lte=date.today())
        .order_by("-deadline")
        .first()
    )
    commune_period = Period.objects.get(area=world["province"], year=year, report_type__consolidates=period.report_type)
    page = as_user(page, login_in_browser, "thon1")
    page.get_by_role("link", name=f"{period.title} — Thôn 1").first.click()
    fine(page)
    fill_blanks(page)
    page.get_by_label("Kết quả thực hiện").fill("Tuyên truyền Luật Trẻ em tại nhà văn hóa thôn.")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text("Đã nộp báo cáo.").wait_for()
    fine(page)

    # --- the officer accepts it and consolidates the commune report -----------------------------
    page = as_user(page, login_in_browser, "vhxh")
    page.get_by_role("link", name=f"Xem xét: {period.title} — Thôn 1").click()
    page.get_by_role("button", name="Chấp nhận báo cáo").click()
    page.get_by_text("Đã chấp nhận báo cáo.").wait_for()
    fine(page)
    page.goto(f"{base}/")
    page.get_by_role("link", name=f"{commune_period.title} — {commune.name}").first.click()
    fine(page)
    fill_blanks(page)
    page.get_by_label("Số văn bản").fill("12/BC-UBND")
    page.get_by_label("Kết quả thực hiện").fill("Các thôn đã tuyên truyền Luật Trẻ em.")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    fine(page)

    # --- the chairman approves it ---------------------------------------------------------------
    page = as_user(page, login_in_browser, "chutich")
    page.get_by_role("link", name=f"Phê duyệt: {commune_period.title} — {commune.name}").click()
    page.get_by_role("button", name="Phê duyệt báo cáo").click()
    page.get_by_text("Đã phê duyệt báo cáo.").wait_for()
    fine(page)

    # --- the officer's home link opens the approved report (not the form) and sends it -------------
    page = as_user(page, login_in_browser, "vhxh")
    page.get_by_role("link", name=f"Nộp báo cáo: {commune_period.title} — {commune.name}").click()
    assert page.get_by_role("button", name="Lưu nháp").count() == 0
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text("Đã nộp báo cáo.").wait_for()
    fine(page)

    # --- the province office reviews and accepts it (the district closed on 30/06/2025) ----------
    page = as_user(page, login_in_browser, "tinh")
    page.get_by_role("link", name=f"Xem xét: {commune_period.title} — {commune.name}").click()
    page.get_by_role("button", name="Chấp nhận báo cáo").click()
    page.get_by_text("Đã chấp nhận báo cáo.").wait_for()
    fine(page)
    sub = Submission.objects.get(period=commune_period, area=commune)
    assert sub.status == "accepted"
    assert Submission.objects.get(period=period, area=village).status == "accepted"
