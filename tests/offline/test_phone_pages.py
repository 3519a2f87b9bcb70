"""The village head's pages on a phone: every page reachable from the home page and the menu fits
the screen at 360 and 390 px (no horizontal scroll), and the report puts the typed figures first."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKIP = (".pdf", ".xlsx", ".csv", ".zip")


def reachable(page, base):
    hrefs = page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.getAttribute('href'))")
    return sorted({h.split("#")[0] for h in hrefs if not h.endswith(SKIP) and not h.startswith("/admin")})


@pytest.mark.parametrize("width,height", [(360, 740), (390, 844)])
def test_no_page_of_the_village_head_scrolls_sideways(world, open_period, login_in_browser, live_server, width, height):
    page = login_in_browser("thon1")
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/")
    urls = reachable(page, live_server.url)
    report = f"/reporting/periods/{open_period.pk}/areas/{world['villages'][0].pk}/"
    assert report in urls  # the home page links this period's report
    # the head's own pages, whether or not the home page has something to link to them today
    urls = sorted({*urls, "/children/", "/programs/sites/", "/programs/sites/new/", "/programs/tasks/"})
    wide = []
    for url in ["/", *urls]:
        response = page.goto(f"{live_server.url}{url}")
        assert response.ok, url
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide.append((url, scroll))
    assert wide == []


def test_the_report_shows_the_typed_figures_first_and_the_computed_ones_folded(
    world, open_period, login_in_browser, live_server
):
    page = login_in_browser("thon1")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/reporting/periods/{open_period.pk}/areas/{world['villages'][0].pk}/")
    first_input = page.locator("main input[type=number]").first
    assert first_input.bounding_box()["y"] < 844  # the first figure to type is on the first screen
    assert page.locator("main table").count() == 0
    details = page.locator("details.report-computed")
    assert details.count() == 1 and details.get_attribute("open") is None
    assert page.get_by_text("Kỳ trước").first.is_visible()
    assert page.get_by_role("button", name="Nộp báo cáo").is_visible()
