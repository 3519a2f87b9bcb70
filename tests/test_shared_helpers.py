"""Shared helpers every app uses: money formatting, the PDF base with shipped Vietnamese fonts, history rows."""

import io
from datetime import date

import pytest
from django.template import Context, Template
from pypdf import PdfReader

from accounts.audit import history_rows, log_export
from accounts.models import ExportLog
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


def test_exports_are_logged(world, user_named):
    log_export(user=user_named("vhxh"), what="children", filters={"village": "YT01"}, row_count=12)
    entry = ExportLog.objects.get()
    assert (entry.user.username, entry.row_count, entry.filters) == ("vhxh", 12, {"village": "YT01"})


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
