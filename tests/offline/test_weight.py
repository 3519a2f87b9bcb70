"""The head's pages are light on a slow connection: at most 150 KB (gzip) to open a page the first
time — shell included — and at most 20 KB to open one after, when the service worker serves the
shell from the phone. Sizes are the gzip size of each body that came over the network."""

import gzip

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_KB, AFTER_KB = 150, 20


def record(page):
    sizes = []

    def on_response(response):
        # the service worker answers static files from the phone; pages it fetches first (counted)
        from_phone = response.from_service_worker and response.request.resource_type != "document"
        if from_phone or response.status in (204, 304) or 300 <= response.status < 400:
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a body the browser dropped (redirect, aborted) weighs nothing here
            return
        sizes.append((response.url, len(gzip.compress(body))))

    page.on("response", on_response)
    return sizes


def test_the_village_heads_pages_are_light(world, open_period, login_in_browser, live_server):
    page = login_in_browser("thon1")
    page.set_viewport_size({"width": 360, "height": 740})
    report = f"{live_server.url}/reporting/periods/{open_period.pk}/areas/{world['villages'][0].pk}/"
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    sizes = record(page)
    for url in (report, f"{live_server.url}/programs/sites/", f"{live_server.url}/programs/tasks/"):
        sizes.clear()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        after = sum(size for _, size in sizes) / 1024
        print(f"{url}: {after:.1f} KB after the first visit ({len(sizes)} responses)")
        assert after <= AFTER_KB, sizes


def test_a_first_visit_weighs_at_most_150_kb(world, open_period, browser_page, live_server):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    sizes = record(page)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("thon1")
    page.get_by_label("Mật khẩu").fill("ytich-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/reporting/periods/{open_period.pk}/areas/{world['villages'][0].pk}/")
    page.wait_for_load_state("networkidle")
    total = sum(size for _, size in sizes) / 1024
    print(f"sign-in, home and report, first visit: {total:.1f} KB")
    assert total <= FIRST_KB, sorted(sizes, key=lambda s: -s[1])[:8]
