"""The fund's documents read as official ones: aligned signature blocks on the voucher, the issuing
body and recipients from data on the public report, download names that say what and when; and the
fund's amount field reads "500.000" as five hundred thousand đồng."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import DocumentSettings
from core.formatting import official_date
from funds.models import Entry

from .conftest import posted
from .test_views import form_data


def placed_words(content: bytes) -> list[tuple[str, float, float]]:
    """(text, x, y) of every line of text on the first page, as the PDF places it (y grows downwards)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), round(tm[4], 1), round(tm[5], 1)))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return found


def test_voucher_signature_names_sit_on_one_line_under_their_titles(fund, people, client_for):
    posted(fund, people, amount=2_000_000)  # money in the fund first
    entry = posted(fund, people, kind=Entry.Kind.DISBURSEMENT, amount=500_000, counterparty="Bà Lê Thị Thu")
    response = client_for("ketoan").get(reverse("funds:voucher", args=[entry.pk]))
    assert response["Content-Disposition"] == f'inline; filename="phieu-chi-{entry.voucher_code.lower()}.pdf"'
    lines = placed_words(response.content)  # pypdf joins the pieces of text that share a baseline
    names = [(text, y) for text, _x, y in lines if "Mai Việt Lào" in text]
    assert len(names) == 1 and "Lương Thị Hạnh" in names[0][0] and "Bà Lê Thị Thu" in names[0][0], lines
    titles = [(text, y) for text, _x, y in lines if "Kế toán" in text]
    assert "Người lập" in titles[0][0] and "Người nhận tiền" in titles[0][0] and "Thủ quỹ" in titles[0][0]
    assert titles[0][1] < names[0][1]  # titles above, names below, each on one line


def test_public_report_prints_the_communes_recipients_under_its_superior_of_today(fund, people, client_for, world):
    posted(fund, people, amount=3_000_000)
    DocumentSettings.objects.create(
        commune=world["commune"],
        year=2022,
        recipients={"public_report": ["UBND {cấp trên} (để báo cáo);", "Niêm yết tại nhà văn hóa 08 thôn;"]},
    )
    response = client_for("thon1").get(reverse("funds:public_report_pdf", args=[fund.pk]) + "?year=2022")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    today = timezone.localdate()
    assert f"Y Tịch, {official_date(today)}" in text
    if today.year >= 2026:  # printed after the reform: under the province
        assert "UBND TỈNH LẠNG SƠN" in text and "UBND tỉnh Lạng Sơn (để báo cáo);" in text
        assert "UBND HUYỆN" not in text and "UBND huyện" not in text
    assert "Niêm yết tại nhà văn hóa 08 thôn;" in text
    assert response["Content-Disposition"] == 'inline; filename="cong-khai-thu-chi-quy-2022-y-tich.pdf"'


def test_cash_book_download_names_say_what_and_when(fund, people, client_for):
    posted(fund, people)
    whole_year = client_for("ketoan").get(
        reverse("funds:cash_book_xlsx", args=[fund.pk]) + "?start=01/01/2022&end=31/12/2022"
    )
    assert whole_year["Content-Disposition"] == 'attachment; filename="so-quy-2022-y-tich.xlsx"'
    june = client_for("ketoan").get(reverse("funds:cash_book_pdf", args=[fund.pk]) + "?start=1/6/2022&end=30.06.2022")
    assert june["Content-Disposition"] == 'inline; filename="so-quy-y-tich-01-06-2022-den-30-06-2022.pdf"'


@pytest.mark.parametrize("typed", ["500.000", "500000", "500.000 đ", "500.000đ", "500 000"])
def test_the_fund_entry_form_reads_500_000_as_five_hundred_thousand_dong(fund, client_for, typed):
    response = client_for("ketoan").post(reverse("funds:entry_create", args=[fund.pk]), form_data(amount=typed))
    assert response.status_code == 302
    assert Entry.objects.get().amount == 500_000
