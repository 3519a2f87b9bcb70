"""In the browser: a receipt and a disbursement go from draft to a printed voucher."""

import re
from datetime import date

import pytest

from accounts.demo import seed as seed_accounts
from funds import services
from funds.models import Entry, Fund

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_user(page, login_in_browser, username):
    page.context.clear_cookies()
    return login_in_browser(username)


def draft_in_browser(page, base, fund, *, kind_label, category, amount, purpose):
    page.goto(f"{base}/funds/{fund.pk}/")
    page.get_by_role("link", name=kind_label).click()
    page.get_by_label("Ngày").fill("01/06/2022")
    page.get_by_label("Số tiền (đồng)").fill(amount)
    page.get_by_label("Nội dung thu chi").select_option(category)
    page.get_by_label("Người nộp hoặc người nhận").fill("Bà Lê Thị Thu (giả lập)")
    page.get_by_label("Mục đích").fill(purpose)
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu nháp").wait_for()
    page.get_by_role("button", name="Trình phê duyệt").click()
    page.get_by_text("Đã trình phê duyệt.").wait_for()
    return int(re.search(r"/entries/(\d+)/", page.url).group(1))


def test_receipt_and_disbursement_from_draft_to_printed_voucher(live_server, browser_page, login_in_browser):
    world = seed_accounts()
    fund = services.fund_create(commune=world["commune"], kind=Fund.Kind.CHILD_PROTECTION, started_on=date(2022, 1, 1))
    base = live_server.url
    page = login_in_browser("ketoan")
    receipt = draft_in_browser(
        page,
        base,
        fund,
        kind_label="Lập phiếu thu",
        category="donation_person",
        amount="1.250.000",
        purpose="Ủng hộ quỹ",
    )
    payment = draft_in_browser(
        page, base, fund, kind_label="Lập phiếu chi", category="gifts", amount="250.000", purpose="Quà Trung thu"
    )

    codes = {}
    # The receipt must be in the book before the chairman can approve spending from it.
    for pk in (receipt, payment):
        page = switch_user(page, login_in_browser, "chutich")
        page.goto(f"{base}/funds/entries/{pk}/")
        page.get_by_role("button", name="Phê duyệt", exact=True).click()
        page.get_by_text("Đã phê duyệt.").wait_for()

        page = switch_user(page, login_in_browser, "ketoan")
        page.goto(f"{base}/funds/entries/{pk}/")
        page.get_by_role("button", name="Ghi sổ quỹ").click()
        page.get_by_text("Đã ghi sổ quỹ.").wait_for()
        codes[pk] = page.locator("#voucher-code").inner_text()
        link = page.get_by_role("link", name=re.compile("In phiếu (thu|chi)"))
        response = page.request.get(base + link.get_attribute("href"))
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    assert codes == {receipt: "PT-2022-001", payment: "PC-2022-001"}
    page.goto(f"{base}/funds/{fund.pk}/")
    assert page.locator("#fund-balance").inner_text() == "1.000.000 đ"
    assert Entry.objects.filter(status="posted").count() == 2
