"""The pages through HTTP: who may open, fill in, review and export what (404 outside, 403 inside)."""

import pytest
from django.urls import reverse

from accounts.models import AccessLog, Area
from reporting import services
from reporting.models import Submission

from .conftest import at, typed_values


@pytest.fixture
def submitted(world, cal, user_named):
    """Thôn 1's six-month report, submitted."""
    v1, thon1 = world["villages"][0], user_named("thon1")
    sub = services.submission_save(
        period=cal["v6"], area=v1, user=thon1, values=typed_values(cal["v6"], v1), now=at(2022, 5, 3)
    )
    return services.submission_submit(submission=sub, user=thon1, now=at(2022, 5, 3))


def test_village_head_sees_prefilled_figures_with_their_source(world, cal, client_for):
    url = reverse("reporting:report", args=[cal["v6"].pk, world["villages"][0].pk])
    body = client_for("thon1").get(url).content.decode()
    assert "sổ theo dõi trẻ em" in body  # the source of computed figures
    assert 'name="v-0701-total"' in body  # a typed figure is an input
    assert 'name="v-0101-total"' not in body  # a computed one is not


def test_village_head_cannot_open_another_villages_report(world, cal, client_for):
    url = reverse("reporting:report", args=[cal["v6"].pk, world["villages"][1].pk])
    assert client_for("thon1").get(url).status_code == 404


def test_officer_of_another_commune_gets_404_for_y_tich_reports(world, cal, client_for, submitted):
    client = client_for("vhxh2")
    assert client.get(reverse("reporting:submission", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("reporting:period", args=[cal["v6"].pk])).status_code == 404
    assert client.get(reverse("reporting:submission_pdf", args=[submitted.pk])).status_code == 404


def test_village_head_submits_through_the_form_and_sees_errors_named(world, cal, client_for):
    v2 = world["villages"][1]
    url = reverse("reporting:report", args=[cal["v6"].pk, v2.pk])
    data = {**typed_values(cal["v6"], v2), "v-0601-total": 2, "v-0602-total": 5, "action": "submit"}
    response = client_for("thon2").post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "0602" in body and "không được lớn hơn 2" in body
    assert not Submission.objects.exists()


def test_district_reads_but_cannot_fill_in_commune_data(world, cal, client_for, submitted):
    client = client_for("huyen")
    assert client.get(reverse("reporting:submission", args=[submitted.pk])).status_code == 200
    url = reverse("reporting:report", args=[cal["c6"].pk, world["commune"].pk])
    assert client.get(url).status_code == 403  # no report yet: nothing to read, not allowed to write
    assert (
        client.post(reverse("reporting:accept", args=[submitted.pk])).status_code == 403
    )  # village report: commune reviews


def test_village_head_cannot_accept_their_own_report(client_for, submitted):
    response = client_for("thon1").post(reverse("reporting:accept", args=[submitted.pk]))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_officer_returns_with_comment_through_http(client_for, submitted):
    client = client_for("vhxh")
    response = client.post(
        reverse("reporting:return", args=[submitted.pk]), {"comment": "Bổ sung số liệu"}, follow=True
    )
    assert "Đã trả lại báo cáo" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "returned" and submitted.review_comment == "Bổ sung số liệu"


def test_period_page_shows_missing_and_rates(world, cal, client_for, submitted):
    body = client_for("vhxh").get(reverse("reporting:period", args=[cal["v6"].pk])).content.decode()
    assert "nộp đúng hạn" in body and "chưa nộp (quá hạn)" in body
    assert "Đã nhận 1/8 (12%)" in body


def test_calendar_is_edited_by_the_receiving_area_only(world, cal, client_for):
    url = reverse("reporting:period_edit", args=[cal["c6"].pk])
    assert client_for("vhxh").get(url).status_code == 403  # the district's calendar
    assert client_for("thon1").get(reverse("reporting:period_edit", args=[cal["v6"].pk])).status_code == 403
    assert client_for("huyen").get(url).status_code == 403  # the district closed on 30/06/2025: it no longer acts
    Area.objects.filter(pk=world["district"].pk).update(valid_to=None)  # a district that still exists
    response = client_for("huyen").post(
        url,
        {"title": "Báo cáo 6 tháng", "start": "01/01/2022", "end": "30/04/2022", "opens_on": "20/04/2022",
         "deadline": "12/05/2022", "closes_on": ""},
    )  # fmt: skip
    assert response.status_code == 302
    cal["c6"].refresh_from_db()
    assert cal["c6"].deadline.isoformat() == "2022-05-12"
    bad = client_for("vhxh").post(
        reverse("reporting:period_edit", args=[cal["v6"].pk]),
        {"title": "x", "start": "01/05/2022", "end": "30/04/2022", "opens_on": "20/04/2022", "deadline": "05/05/2022"},
    )
    assert "Ngày kết thúc số liệu trước ngày bắt đầu" in bad.content.decode()


def test_exports_are_logged_and_escape_formulas(world, cal, client_for, user_named):
    import io

    from openpyxl import load_workbook

    v1, thon1 = world["villages"][0], user_named("thon1")
    services.submission_save(
        period=cal["v6"], area=v1, user=thon1, values={}, results='=HYPERLINK("http://x")', now=at(2022, 5, 3)
    )
    sub = Submission.objects.get()
    response = client_for("thon1").get(reverse("reporting:submission_xlsx", args=[sub.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    narrative = list(wb.worksheets[1].iter_rows(values_only=True))
    assert narrative[0][1].startswith("'=")
    assert AccessLog.objects.filter(what="reporting.submission_xlsx", user=thon1, action="export").exists()


def test_period_page_and_export_queries_do_not_grow_with_reports(
    world, cal, client_for, user_named, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("vhxh")
    urls = [reverse("reporting:period", args=[cal["v6"].pk]), reverse("reporting:period_export", args=[cal["v6"].pk])]
    counts = []
    for n in (1, 2, 4):
        for i in range(1, n + 1):
            village = world["villages"][i - 1]
            if not Submission.objects.filter(area=village).exists():
                head = user_named(f"thon{i}")
                s = services.submission_save(
                    period=cal["v6"],
                    area=village,
                    user=head,
                    values=typed_values(cal["v6"], village),
                    now=at(2022, 5, 3),
                )
                services.submission_submit(submission=s, user=head, now=at(2022, 5, 3))
        row = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            row.append(len(ctx))
        counts.append(row)
    assert counts[0] == counts[1] == counts[2], counts
