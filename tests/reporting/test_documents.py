"""The report as an official document: Decree 30 dates, the superior and the recipients from data,
labels kept with their numbers across pages, a readable download name; deadlines the plan does not
give are marked as the commune's own entry."""

import io

from django.urls import reverse
from pypdf import PdfReader

from accounts.models import DocumentSettings
from reporting import selectors as sel
from reporting.models import Period, ReportType, Submission, Value

from .conftest import at, typed_values
from .test_exports import commune_report


def pdf_pages(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]


def test_a_report_takes_its_recipients_from_the_communes_settings(world, cal, user_named, client_for):
    DocumentSettings.objects.create(
        commune=world["commune"],
        year=2022,
        recipients={"report": ["UBND {cấp trên} (qua Phòng LĐTBXH&DT);", "– Dân tộc;", "Lưu: VT."]},
        sign_authority="KT. CHỦ TỊCH",
        sign_title="PHÓ CHỦ TỊCH",
    )
    sub = commune_report(world, cal, user_named)
    response = client_for("vhxh").get(reverse("reporting:submission_pdf", args=[sub.pk]))
    text = " ".join(pdf_pages(response))
    assert "- UBND huyện Chi Lăng (qua Phòng LĐTBXH&DT); - – Dân tộc; - Lưu: VT." in text
    assert "UBND HUYỆN CHI LĂNG" in text  # in 2022 the commune is under the district
    assert response["Content-Disposition"] == 'inline; filename="bao-cao-6-thang-2022-y-tich.pdf"'


def test_a_report_sent_after_the_reform_goes_to_the_province_dated_as_decree_30_writes(
    world, cal, user_named, client_for
):
    sub = commune_report(world, cal, user_named)
    Submission.objects.filter(pk=sub.pk).update(submitted_at=at(2026, 12, 2, 9))
    text = " ".join(pdf_pages(client_for("vhxh").get(reverse("reporting:submission_pdf", args=[sub.pk]))))
    assert "Y Tịch, ngày 02 tháng 12 năm 2026" in text
    assert "UBND TỈNH LẠNG SƠN" in text and "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn." in text
    assert "UBND tỉnh Lạng Sơn (qua Phòng LĐTBXH&DT);" in text
    assert "huyện" not in text.lower()


def test_an_indicators_label_and_its_numbers_stay_on_one_page(world, cal, user_named, client_for):
    sub = commune_report(world, cal, user_named)
    pages = pdf_pages(client_for("vhxh").get(reverse("reporting:submission_pdf", args=[sub.pk])))
    assert len(pages) > 1  # the table runs over a page break
    for row in sel.rows_for_display(sub):
        name = " ".join(row.indicator.name.split()[:4])
        with_code = [i for i, page in enumerate(pages) if f" {row.indicator.code} {name}" in page]
        assert with_code, row.indicator.code
        labels = [c.label for c in row.cells if c.key and c.value][:1]
        for label in labels:
            assert f"- {label}" in pages[with_code[0]], (row.indicator.code, label)
    continued = [page for page in pages[1:] if "Chỉ tiêu" in page]
    assert continued and all("STT Mã Chỉ tiêu Đơn vị Số liệu" in page for page in continued)  # header repeated


def test_deadlines_the_plan_does_not_give_are_the_communes_own_entry(world, cal, client_for):
    own = set(ReportType.objects.filter(due_is_own=True).values_list("code", flat=True))
    assert own == {"children-day", "action-month", "mid-autumn"}  # 15/06, 05/07, 10/10: not in the seed
    page = client_for("vhxh").get(reverse("reporting:calendar")).content.decode()
    assert page.count("nhập bởi xã") >= 3
    six_months = Period.objects.get(pk=cal["v6"].pk)
    assert not six_months.deadline_is_own  # 05/5 is the seed's
    detail = client_for("vhxh").get(reverse("reporting:period", args=[six_months.pk])).content.decode()
    assert "nhập bởi xã" not in detail


def test_typed_figures_read_grouped_thousands(world, cal, client_for):
    """A count typed "1.200" is twelve hundred (a plain integer box read it as 1, or refused it)."""
    v2 = world["villages"][1]
    url = reverse("reporting:report", args=[cal["v6"].pk, v2.pk])
    data = {**typed_values(cal["v6"], v2), "v-0702-total": "1.200", "action": "save"}
    response = client_for("thon2").post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    assert Value.objects.get(submission__area=v2, indicator__code="0702", key="").value == 1200
    refused = client_for("thon2").post(url, data | {"v-0702-total": "12,5"})
    assert "không có phần thập phân" in refused.content.decode()
