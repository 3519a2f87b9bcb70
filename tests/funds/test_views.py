"""The fund pages through HTTP: who may do what, 404 outside scope, clear refusals, query counts, documents."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import ExportLog
from funds.models import Attachment, Entry

from .conftest import D22, draft, posted, to_approved

D = Entry.Kind.DISBURSEMENT


def form_data(**overrides):
    data = {
        "kind": "receipt",
        "entry_date": "01/06/2022",
        "amount": "1.250.000",
        "category": "donation_person",
        "counterparty": "Bà Lê Thị Thu",
        "counterparty_address": "Thôn 2",
        "purpose": "Ủng hộ quỹ",
        "child": "",
    }
    data.update(overrides)
    return data


def test_accountant_drafts_a_receipt_typed_with_dots(fund, client_for):
    response = client_for("ketoan").post(reverse("funds:entry_create", args=[fund.pk]), form_data())
    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("funds:entry_detail", args=[entry.pk])
    assert (entry.amount, entry.status, entry.entry_date) == (1_250_000, "draft", D22)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "số tiền phải lớn hơn 0 đồng"),
        ("-500000", "số tiền không được âm"),
        ("1250000,5", "không có phần thập phân"),
        ("12.5", "không có phần thập phân"),
        ("một triệu", "nhập số tiền bằng chữ số"),
        ("1000000000001", "không được vượt quá 1.000.000.000.000 đồng"),
    ],
)
def test_bad_amounts_are_refused_with_a_vietnamese_message_and_nothing_is_saved(fund, client_for, amount, message):
    response = client_for("ketoan").post(reverse("funds:entry_create", args=[fund.pk]), form_data(amount=amount))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_date_in_a_closed_year_is_refused_on_the_form(fund, client_for, people):
    from funds import services

    services.year_close(fund_year=fund.years.get(year=2022), user=people["ketoan"])
    response = client_for("ketoan").post(reverse("funds:entry_create", args=[fund.pk]), form_data())
    assert "Năm 2022 đã khóa sổ" in response.content.decode()
    assert Entry.objects.count() == 0


def test_a_posted_entry_cannot_be_edited_through_the_page(fund, people, client_for):
    entry = posted(fund, people, amount=2_000_000)
    client = client_for("ketoan")
    response = client.post(reverse("funds:entry_edit", args=[entry.pk]), form_data(amount="1"), follow=True)
    assert "không sửa được nữa" in response.content.decode()
    entry.refresh_from_db()
    assert entry.amount == 2_000_000


@pytest.mark.parametrize(("username", "status"), [("vhxh2", 404), ("thon1", 404), ("yte", 404), ("huyen", 200)])
def test_only_fund_readers_of_the_commune_open_an_entry(fund, people, client_for, username, status):
    entry = draft(fund, people)
    assert client_for(username).get(reverse("funds:entry_detail", args=[entry.pk])).status_code == status


@pytest.mark.parametrize(
    ("username", "url_name", "status"),
    [
        ("vhxh", "entry_approve", 403),
        ("ketoan", "entry_approve", 403),
        ("huyen", "entry_approve", 403),
        ("chutich", "entry_post", 403),
        ("vhxh", "entry_post", 403),
        ("chutich", "entry_submit", 403),
        ("huyen", "entry_submit", 403),
        ("vhxh2", "entry_approve", 404),
    ],
)
def test_each_role_may_do_only_its_step(fund, people, client_for, username, url_name, status):
    entry = services_submit(fund, people)
    response = client_for(username).post(reverse(f"funds:{url_name}", args=[entry.pk]))
    assert response.status_code == status
    entry.refresh_from_db()
    assert entry.status == "submitted"


def services_submit(fund, people):
    from funds import services

    return services.entry_submit(entry=draft(fund, people), user=people["vhxh"])


def test_chairman_rejects_with_a_reason_and_approval_is_refused_without_money(fund, people, client_for):
    entry = services_submit(fund, people)
    client = client_for("chutich")
    body = client.post(reverse("funds:entry_reject", args=[entry.pk]), {"reason": ""}, follow=True).content.decode()
    assert "Hãy nêu lý do trả lại" in body
    client.post(reverse("funds:entry_reject", args=[entry.pk]), {"reason": "Thiếu hóa đơn"})
    entry.refresh_from_db()
    assert (entry.status, entry.rejection_reason) == ("rejected", "Thiếu hóa đơn")
    payment = services_submit_payment(fund, people)
    body = client.post(reverse("funds:entry_approve", args=[payment.pk]), follow=True).content.decode()
    assert "Quỹ không đủ tiền" in body


def services_submit_payment(fund, people):
    from funds import services

    return services.entry_submit(entry=draft(fund, people, kind=D, amount=500_000), user=people["vhxh"])


def test_village_head_sees_only_the_public_report_without_names(fund, people, client_for, world):
    from tests.factories import make_child

    child = make_child(village=world["villages"][0], full_name="Lò Thị Bí Mật")
    posted(fund, people, amount=3_000_000)
    posted(fund, people, kind=D, amount=1_000_000, child=child, category=Entry.Category.SCHOLARSHIPS)
    client = client_for("thon1")
    assert client.get(reverse("funds:fund_detail", args=[fund.pk])).status_code == 404
    assert client.get(reverse("funds:cash_book", args=[fund.pk])).status_code == 404
    body = client.get(reverse("funds:public_report", args=[fund.pk]) + "?year=2022").content.decode()
    assert "3.000.000 đ" in body and "1.000.000 đ" in body and "2.000.000 đ" in body
    assert "Lò Thị Bí Mật" not in body
    assert client_for("vhxh2").get(reverse("funds:public_report", args=[fund.pk])).status_code == 404


def test_fund_page_and_cash_book_queries_do_not_grow_with_entries(
    fund, people, client_for, django_assert_max_num_queries
):
    client = client_for("ketoan")
    for n in range(3):
        posted(fund, people, amount=100_000 + n)
    url = reverse("funds:fund_detail", args=[fund.pk])
    book = reverse("funds:cash_book", args=[fund.pk])
    xlsx = reverse("funds:cash_book_xlsx", args=[fund.pk])
    counts = {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for label in ("few", "many"):
        if label == "many":
            for n in range(12):
                posted(fund, people, kind=D if n % 2 else Entry.Kind.RECEIPT, amount=10_000)
        for target in (url, book, xlsx):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(target).status_code == 200
            counts[(label, target)] = len(ctx)
    for target in (url, book, xlsx):
        assert counts[("few", target)] == counts[("many", target)], target


def test_cash_book_excel_has_the_running_balance_and_is_logged(fund, people, client_for):
    posted(fund, people, amount=5_000_000, day=date(2022, 3, 1), counterparty="=HYPERLINK(1)")
    posted(fund, people, kind=D, amount=1_250_000, day=date(2022, 4, 1))
    response = client_for("huyen").get(
        reverse("funds:cash_book_xlsx", args=[fund.pk]) + "?start=01/01/2022&end=31/12/2022"
    )
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    data = [r for r in rows if r[1] or r[2]]
    assert [(r[1], r[2], r[4], r[5], r[6]) for r in data[1:]] == [
        ("PT-2022-001", None, 5_000_000, None, 5_000_000),
        (None, "PC-2022-001", None, 1_250_000, 3_750_000),
    ]
    assert all(not str(c).startswith("=") for r in rows for c in r if c is not None)
    assert ExportLog.objects.filter(what="funds.cash_book", user__username="huyen", row_count=2).exists()


def test_vouchers_are_pdfs_with_the_amount_in_words(fund, people, client_for):
    entry = posted(fund, people, amount=1_250_000)
    response = client_for("ketoan").get(reverse("funds:voucher", args=[entry.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "PHIẾU THU" in text and "PT-2022-001" in text
    assert "Một triệu hai trăm năm mươi nghìn đồng" in " ".join(text.split())
    draft_entry = draft(fund, people)
    assert client_for("ketoan").get(reverse("funds:voucher", args=[draft_entry.pk])).status_code == 302


def test_cash_book_pdf_and_public_report_pdf_render(fund, people, client_for):
    posted(fund, people, amount=800_000)
    pdf = client_for("chutich").get(reverse("funds:cash_book_pdf", args=[fund.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    report = client_for("thon1").get(reverse("funds:public_report_pdf", args=[fund.pk]) + "?year=2022")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    assert "BÁO CÁO" in text and "800.000 đ" in text


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_attachments_are_checked_by_content_and_served_only_in_scope(fund, people, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    entry = to_approved(draft(fund, people), people)
    client = client_for("ketoan")
    url = reverse("funds:attachment_add", args=[entry.pk])
    fake = SimpleUploadedFile("bien-lai.pdf", b"MZ this is an exe", content_type="application/pdf")
    body = client.post(url, {"file": fake}, follow=True).content.decode()
    assert "không phải là PDF, JPG hoặc PNG thật" in body
    big = SimpleUploadedFile("scan.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    assert "tối đa 5 MB" in client.post(url, {"file": big}, follow=True).content.decode()
    client.post(url, {"file": SimpleUploadedFile("scan.png", PNG, content_type="image/png")})
    attachment = Attachment.objects.get()
    assert attachment.file.name.startswith(f"funds/{fund.pk}/") and "scan" not in attachment.file.name
    download = reverse("funds:attachment_download", args=[attachment.pk])
    assert client_for("huyen").get(download).status_code == 200
    assert client_for("vhxh2").get(download).status_code == 404
    assert client_for("thon1").get(download).status_code == 404


def test_home_panels_link_the_right_pages(fund, people, client_for):
    from funds import services

    posted(fund, people, amount=1_000_000)
    services.entry_submit(entry=draft(fund, people), user=people["vhxh"])
    body = client_for("chutich").get("/").content.decode()
    assert "1 khoản chờ đồng chí phê duyệt" in body
    body = client_for("thon1").get("/").content.decode()
    assert reverse("funds:public_report", args=[fund.pk]) in body
    assert f'href="{reverse("funds:fund_detail", args=[fund.pk])}"' not in body
