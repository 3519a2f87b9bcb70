"""The official PDF (Decree 30/2020 layout) and the district workbook of a synthetic district."""

import io
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import AccessLog, Area, Membership, User
from reporting import selectors as sel
from reporting import services
from reporting.models import Period

from .conftest import at, typed_values


def commune_report(world, cal, user_named, **codes):
    commune = world["commune"]
    sub = services.submission_save(
        period=cal["c6"], area=commune, user=user_named("vhxh"), values=typed_values(cal["c6"], commune, **codes),
        number="45/BC-UBND", results="Tổ chức 12 buổi truyền thông về Luật Trẻ em.", difficulties="Thiếu kinh phí.",
        proposals="Đề nghị hỗ trợ tập huấn.", now=at(2022, 5, 8),
    )  # fmt: skip
    sub = services.submission_approve(submission=sub, user=user_named("chutich"), now=at(2022, 5, 9))
    return services.submission_submit(submission=sub, user=user_named("vhxh"), now=at(2022, 5, 10))


def test_commune_report_pdf_has_the_official_layout_and_the_figures(world, cal, user_named, client_for):
    sub = commune_report(world, cal, user_named, **{"0701": 12, "0702": 345})
    response = client_for("huyen").get(reverse("reporting:submission_pdf", args=[sub.pk]))
    assert response["Content-Type"] == "application/pdf"
    printed = AccessLog.objects.get(what="reporting.submission_pdf")
    assert (printed.user.username, printed.action, printed.subject_id) == ("huyen", "print", sub.pk)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for line in (
        "ỦY BAN NHÂN DÂN XÃ Y TỊCH",
        "Số: 45/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Y Tịch, ngày 10 tháng 5 năm 2022",
        "BÁO CÁO",
        "Báo cáo 6 tháng của xã 2022",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Mai Việt Lào",
        "Nơi nhận:",
        "Số buổi truyền thông đã tổ chức",
        "Tổ chức 12 buổi truyền thông về Luật Trẻ em.",
    ):
        assert line in flat, line
    assert " 345" in flat


def test_district_workbook_of_twenty_communes_is_fast(world, user_named, client_for):
    """A synthetic district of 20 communes × 5 villages, every commune report submitted."""
    district = world["district"]
    officer = user_named("vhxh")
    huyen = user_named("huyen")
    communes = []
    for c in range(20):
        commune = Area(code=f"SC{c:02d}", name=f"Xã Thử {c + 1:02d}", kind="commune", parent=district)
        commune.full_clean()
        commune.save()
        for v in range(5):
            Area.objects.create(code=f"SC{c:02d}V{v}", name=f"Thôn {v + 1}", kind="village", parent=commune)
        communes.append(commune)
    services.calendar_create_year(area=district, year=2022, user=huyen)
    period = Period.objects.get(area=district, year=2022, report_type__code="commune-6m")
    chair = User.objects.create(username="ct-synth")
    for commune in communes:
        Membership.objects.create(user=officer, role="culture_social", area=commune)
        Membership.objects.create(user=chair, role="chairman", area=commune)
    started = time.perf_counter()
    for commune in communes:
        sub = services.submission_save(
            period=period,
            area=commune,
            user=officer,
            values=typed_values(period, commune, **{"0701": 3}),
            now=at(2022, 5, 8),
        )
        services.submission_approve(submission=sub, user=chair, now=at(2022, 5, 9))
        services.submission_submit(submission=sub, user=officer, now=at(2022, 5, 10))
    build = time.perf_counter() - started
    client = client_for("huyen")
    started = time.perf_counter()
    response = client.get(reverse("reporting:period_export", args=[period.pk]))
    export = time.perf_counter() - started
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Mã")
    assert sum(1 for h in header if h and str(h).startswith("Xã Thử")) == 20
    sessions = next(r for r in rows if r[0] == "0701" and r[2] == "Tổng cộng")
    assert sessions[3] == 60  # 20 communes × 3, in the total column
    print(f"\n20 communes: reports built in {build:.2f} s, district workbook in {export:.2f} s")
    assert export < 5


@pytest.mark.parametrize("username", ["thon1", "vhxh"])
def test_village_report_pdf_renders_for_its_readers(world, cal, user_named, client_for, username):
    v1 = world["villages"][0]
    sub = services.submission_save(
        period=cal["v6"], area=v1, user=user_named("thon1"), values=typed_values(cal["v6"], v1), now=at(2022, 5, 3)
    )
    sub = services.submission_submit(submission=sub, user=user_named("thon1"), now=at(2022, 5, 3))
    response = client_for(username).get(reverse("reporting:submission_pdf", args=[sub.pk]))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "TRƯỞNG THÔN" in text and "Hoàng Văn Bình" in text and "THÔN 1" in text
    assert sel.rows_for_display(sub)
