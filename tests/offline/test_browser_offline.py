"""In a real Chromium on http://localhost (a secure context, so the service worker runs): the village
head fills the report without a connection, sees it kept as "not sent", and it is submitted once
when the connection returns; a report returned meanwhile is a conflict that keeps the typed figures;
signing out deletes the saved pages and drafts."""

import pytest

from accounts.models import User
from offline.models import ProcessedDraft
from reporting import services
from reporting.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def head(world, open_period, login_in_browser, live_server):
    page = login_in_browser("thon1")
    page.set_viewport_size({"width": 390, "height": 844})
    report = f"{live_server.url}/reporting/periods/{open_period.pk}/areas/{world['villages'][0].pk}/"
    page.goto(report)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now controlled by the service worker, which keeps a copy of the page
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page, report


def test_the_portal_is_installable(head, live_server):
    """What Chromium needs to offer "Install": a manifest with a name, a start URL, standalone
    display and 192/512 px icons, and an active service worker controlling the page."""
    page, _ = head
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(f"{live_server.url}{href}").json()
    assert manifest["short_name"] and manifest["start_url"] == "/" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert page.request.get(f"{live_server.url}{icon['src']}").ok
    assert page.evaluate("navigator.serviceWorker.getRegistration('/').then(r => !!(r && r.active))") is True


def fill_all(page, value="1"):
    for field in page.locator("main input[type=number]:not([disabled])").all():
        field.fill(value)


def go_offline(page):
    page.context.set_offline(True)
    page.wait_for_selector("#offline-bar:not([hidden])")


def test_a_report_filled_offline_is_kept_then_submitted_once(world, open_period, head, live_server):
    page, report = head
    go_offline(page)
    page.goto(report)  # opened from the copy on the phone
    assert page.get_by_text("Không có kết nối mạng").first.is_visible()
    fill_all(page, "0")
    page.get_by_label("Kết quả thực hiện").fill("Họp thôn tuyên truyền (ngoại tuyến).")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.locator(".offline-draft-pending").get_by_text("chưa gửi").wait_for()
    assert not Submission.objects.filter(period=open_period).exists()

    page.context.set_offline(False)
    page.locator(".offline-draft-done").get_by_text("đã gửi").wait_for()
    submission = Submission.objects.get(period=open_period, area=world["villages"][0])
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.times_submitted == 1
    assert submission.results == "Họp thôn tuyên truyền (ngoại tuyến)."
    assert ProcessedDraft.objects.count() == 1
    # nothing is left to send: reloading sends nothing again
    page.goto(f"{live_server.url}/")
    page.wait_for_timeout(500)
    assert ProcessedDraft.objects.count() == 1
    assert Submission.objects.get(pk=submission.pk).times_submitted == 1


def test_a_report_returned_meanwhile_is_a_conflict_and_keeps_the_typed_figures(world, open_period, head, live_server):
    page, report = head
    village = world["villages"][0]
    fill_all(page, "0")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    page.goto(report)  # the phone keeps the page of the saved draft

    go_offline(page)
    page.goto(report)
    page.get_by_label("Kết quả thực hiện").fill("Sửa khi mất mạng")
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.locator(".offline-draft-pending").wait_for()
    # meanwhile the report is submitted from another phone and returned by the officer
    thon1, vhxh = User.objects.get(username="thon1"), User.objects.get(username="vhxh")
    submission = Submission.objects.get(period=open_period, area=village)
    services.submission_submit(submission=submission, user=thon1)
    services.submission_return(submission=submission, user=vhxh, comment="Thiếu số liệu")

    page.context.set_offline(False)
    conflict = page.locator(".offline-draft-conflict")
    conflict.wait_for()
    assert "trả lại" in conflict.inner_text()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED and submission.times_submitted == 1
    assert ProcessedDraft.objects.get().outcome == "conflict"

    # the figures typed offline are filled back into the returned report, ready to send again
    page.goto(report)
    assert page.get_by_label("Kết quả thực hiện").input_value() == "Sửa khi mất mạng"
    page.get_by_role("button", name="Nộp báo cáo").click()
    page.get_by_text("Đã nộp báo cáo.").wait_for()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED and submission.times_submitted == 2
    assert submission.results == "Sửa khi mất mạng"
    assert page.locator(".offline-draft").count() == 0


def test_signing_out_deletes_the_saved_pages_and_drafts(world, open_period, head, live_server):
    page, report = head
    go_offline(page)
    fill_all(page, "-1")  # refused by the server: the draft stays on the phone with the reason
    page.get_by_role("button", name="Lưu nháp").click()
    page.locator(".offline-draft-pending").wait_for()
    page.context.set_offline(False)
    page.locator(".offline-draft-refused").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())  # "drafts not sent will be deleted"
    page.locator(".navbar-toggler").click()  # the menu is folded on a phone
    page.get_by_role("button", name="Đăng xuất").click()
    # the phone first waits for a draft being sent, then deletes drafts and saved pages: slow on a busy machine
    page.wait_for_url(f"{live_server.url}/login/", timeout=45000)
    page.wait_for_function("caches.keys().then(keys => !keys.includes('ytich-pages'))")
    assert page.evaluate("caches.has('ytich-pages')") is False
    drafts = page.evaluate(
        """new Promise(r => { const q = indexedDB.open('ytich-offline', 1);
           q.onsuccess = () => { const g = q.result.transaction('drafts').objectStore('drafts').getAll();
           g.onsuccess = () => r(g.result.length); }; })"""
    )
    assert drafts == 0
    page.context.set_offline(True)
    page.goto(report)
    assert open_period.title not in page.content()
    page.context.set_offline(False)  # let the server finish before the database is emptied
    page.goto(f"{live_server.url}/login/")
    page.wait_for_load_state("networkidle")


def test_a_risk_site_added_offline_is_recorded_once(world, head, live_server):
    from programs.models import RiskSite

    page, _ = head
    new_site = f"{live_server.url}/programs/sites/new/"
    page.goto(new_site)  # kept on the phone
    go_offline(page)
    page.goto(new_site)
    page.locator("#id_name").fill("Suối đầu bản")
    page.locator("#id_kind").select_option("stream")
    page.locator("#id_location").fill("Đầu thôn")
    page.locator("#id_risk").select_option("high")
    page.locator("form[data-offline] button[type=submit]").click()
    page.locator(".offline-draft-pending").wait_for()
    assert page.locator("#id_location").input_value() == ""  # ready for the next site
    page.context.set_offline(False)
    page.locator(".offline-draft-done").wait_for()
    assert RiskSite.objects.filter(name="Suối đầu bản", village=world["villages"][0]).count() == 1
