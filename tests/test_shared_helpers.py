"""Shared helpers every app uses: money formatting, the PDF base with shipped Vietnamese fonts, history rows."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from pypdf import PdfReader

from accounts.audit import history_rows, log_access
from accounts.models import AccessLog
from core.formatting import format_vnd
from core.pdf import render_pdf


@pytest.mark.parametrize(
    ("value", "text"),
    [(1250000, "1.250.000 đ"), (0, "0 đ"), (999, "999 đ"), (1000, "1.000 đ"), (-50000, "-50.000 đ"), (None, "")],
)
def test_amounts_are_shown_with_dots_and_dong(value, text):
    assert format_vnd(value) == text


def test_vnd_filter_is_available_in_every_template():
    assert Template("{{ x|vnd }}").render(Context({"x": 2500000})) == "2.500.000 đ"


def test_dates_are_shown_day_first(settings):
    assert Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": date(2022, 5, 10)})) == "10/05/2022"


def test_official_header_and_signature_render_vietnamese(settings, tmp_path):
    template = tmp_path / "doc.html"
    template.write_text(
        '{% extends "pdf/base.html" %}{% block body %}{% include "pdf/_official_header.html" %}'
        '<p class="title">BÁO CÁO</p><p>Đặng Thị Ánh, Nguyễn Văn Ắt</p>{% include "pdf/_signature.html" %}{% endblock %}',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], str(tmp_path)]}]
    pdf = render_pdf(
        "doc.html",
        {
            "issuer": "Ủy ban nhân dân xã Y Tịch",
            "number_label": "Số: 12/BC-UBND",
            "place": "Y Tịch",
            "doc_date": date(2022, 5, 10),
            "recipients": ["Phòng LĐTBXH&DT", "Lưu: VT"],
            "sign_authority": "KT. CHỦ TỊCH",
            "sign_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Mai Việt Lào",
        },
    )
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(reader.pages[0].extract_text().split())  # lines may wrap inside the header columns
    for line in [
        "ỦY BAN NHÂN DÂN XÃ Y TỊCH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Y Tịch, ngày 10 tháng 5 năm 2022",
        "Đặng Thị Ánh",
        "KT. CHỦ TỊCH",
        "Mai Việt Lào",
        "Nơi nhận:",
    ]:
        assert line in text, line
    fonts = {str(f) for page in reader.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    names = " ".join(
        str(page["/Resources"]["/Font"][k].get_object()["/BaseFont"])
        for page in reader.pages
        for k in page["/Resources"]["/Font"]
    )
    assert "Tinos" in names, (fonts, names)


def test_history_rows_show_who_changed_what(world, user_named):
    commune = world["commune"]
    commune._history_user = user_named("admin")
    commune.name = "Y Tịch mới"
    commune.save()
    rows = history_rows(commune.history.all())
    assert rows[0].who == str(user_named("admin"))
    assert ("Tên", "Y Tịch", "Y Tịch mới") in rows[0].changes


def test_an_access_is_logged_with_who_what_where_and_the_client_address(world, user_named, rf):
    request = rf.get("/children/export.xlsx", REMOTE_ADDR="10.1.2.3")
    request.user = user_named("vhxh")
    log_access(request, what="children.registry", area=world["commune"], filters={"village": "YT01"}, row_count=12)
    entry = AccessLog.objects.get()
    assert (entry.user.username, entry.action, entry.row_count, entry.filters) == (
        "vhxh",
        "export",
        12,
        {"village": "YT01"},
    )
    assert (entry.area, entry.ip_address) == (world["commune"], "10.1.2.3")


def test_an_unknown_action_is_refused(world, user_named):
    with pytest.raises(ValueError):
        log_access(None, user=user_named("vhxh"), what="children.registry", action="glance")


def test_the_access_log_is_append_only(world, user_named):
    entry = log_access(None, user=user_named("vhxh"), what="children.registry", row_count=3)
    entry.row_count = 0
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AccessLog.objects.filter(pk=entry.pk).update(row_count=0)
    with pytest.raises(PermissionDenied):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().row_count == 3


@pytest.mark.parametrize(
    ("name", "content", "field_error"),
    [
        ("bien-lai.exe", b"MZ\x90\x00", "PDF, JPG"),
        ("bien-lai.pdf", b"MZ\x90\x00 not a pdf", "thật"),
        ("bien-lai.png", b"", "rỗng"),
        ("bien-lai.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), "tối đa 5 MB"),
    ],
)
def test_uploaded_documents_are_checked_by_name_content_and_size(name, content, field_error):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.uploads import check_document

    with pytest.raises(ValidationError) as exc:
        check_document(SimpleUploadedFile(name, content))
    assert field_error in " ".join(exc.value.message_dict["file"])


def test_a_real_pdf_passes_the_upload_check():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.uploads import check_document

    assert check_document(SimpleUploadedFile("phieu-thu.pdf", b"%PDF-1.7\n...")) == "application/pdf"
