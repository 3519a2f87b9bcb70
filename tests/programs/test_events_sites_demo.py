"""Gift lists ask the fund for payment; drowning-risk sites per village; the 2022 plan of the seed."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from funds import services as fund_services
from funds.models import Entry
from programs import exports, plan2022, services
from programs.models import Assignment, Event, GiftList, Plan, RiskSite, Target
from tests.factories import make_child


@pytest.fixture
def gift_list(plan, world, vhxh):
    fund = fund_services.fund_create(commune=world["commune"], started_on=date(2022, 1, 1), user=vhxh)
    if not fund.years.filter(year=2022).exists():
        fund_services.year_open(fund=fund, year=2022, user=vhxh)
    event = services.event_save(
        event=Event(plan=plan, kind=Event.Kind.CHILDRENS_DAY, title="Ngày 1/6", date=date(2022, 6, 1)), user=vhxh
    )
    gl = services.gift_list_save(gift_list=GiftList(event=event, title="Quà 1/6"), user=vhxh)
    kids = [make_child(village=world["villages"][n % 2], date_of_birth=date(2014, 1, n + 1)) for n in range(3)]
    services.gift_recipients_add(gift_list=gl, children=kids, gift="Sách vở", value=150_000, user=vhxh)
    return gl


def test_request_payment_on_a_gift_list_creates_a_draft_disbursement(gift_list, client_for):
    url = reverse("programs:gift_list_request_payment", args=[gift_list.pk])
    assert client_for("truong").post(url).status_code == 403
    response = client_for("vhxh").post(url, follow=True)
    assert gift_list.entries.exists(), response.content.decode().split('role="alert">')[1][:300]
    entry = gift_list.entries.get()
    assert (entry.kind, entry.status, entry.amount, entry.category) == ("disbursement", "draft", 450_000, "gifts")
    client_for("vhxh").post(url)
    assert Entry.objects.count() == 1  # asked once only
    page = client_for("vhxh").get(reverse("programs:gift_list", args=[gift_list.pk])).content.decode()
    assert "450.000 đ" in page and str(entry.get_status_display()) in page
    remove = client_for("vhxh").post(
        reverse("programs:gift_list_remove", args=[gift_list.pk, gift_list.recipients.first().pk]), follow=True
    )
    assert gift_list.recipients.count() == 3 and "không thể thay đổi" in remove.content.decode()


def test_gift_list_shows_each_user_only_the_children_they_may_see_and_prints(gift_list, client_for):
    names = [r.child.full_name for r in gift_list.recipients.select_related("child__village")]
    thon1 = client_for("thon1").get(reverse("programs:gift_list", args=[gift_list.pk])).content.decode()
    shown = [n for n in names if n in thon1]
    assert len(shown) == 2 and "450.000 đ" in thon1  # totals are whole, names are scoped
    pdf = client_for("vhxh").get(reverse("programs:gift_list_pdf", args=[gift_list.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == 'inline; filename="danh-sach-nhan-qua-qua-1-6-01-06-2022.pdf"'
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "UBND HUYỆN CHI LĂNG" in text and "Y Tịch, ngày 01 tháng 6 năm 2022" in text  # 2022: the district
    assert client_for("thon1").get(reverse("programs:gift_list_pdf", args=[gift_list.pk])).status_code == 403
    assert client_for("vhxh2").get(reverse("programs:gift_list", args=[gift_list.pk])).status_code == 404


def test_village_heads_keep_their_own_drowning_risk_sites(world, client_for):
    v1, v2 = world["villages"][0], world["villages"][1]
    client = client_for("thon1")
    data = {"village": v1.pk, "name": "Ao làng", "kind": "pond", "location": "Giữa thôn", "risk": "high"}
    assert client.post(reverse("programs:site_create"), data).status_code == 302
    refused = client.post(reverse("programs:site_create"), data | {"village": v2.pk, "name": "Ao Thôn 2"})
    assert refused.status_code == 200 and not RiskSite.objects.filter(village=v2).exists()
    other = RiskSite.objects.create(
        village=v2, name="Suối Thôn 2", kind="stream", location="x", risk="low", has_sign=True
    )
    assert client.get(reverse("programs:site_edit", args=[other.pk])).status_code == 404
    commune_list = client_for("vhxh").get(reverse("programs:site_list") + "?without=1").content.decode()
    assert "Ao làng" in commune_list and "Suối Thôn 2" not in commune_list  # the stream has a sign


def test_seed_demo_loads_the_2022_plan_of_the_seed(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    plan = Plan.objects.get(commune__code="YT", year=2022)
    assert plan.is_approved and plan.signer_name == "Mai Việt Lào"
    assert "105/KH-UBND ngày 30/3/2022" in plan.implements
    assert plan.targets.count() == 13 and plan.activities.count() == 9
    assert plan.targets.get(order=4).goal == 80
    assert plan.targets.filter(indicator=Target.Indicator.MANUAL).count() == 3
    assert set(plan.targets.values_list("indicator", flat=True)) >= {"participation_11", "injury_training"}
    assert "Chung tay bảo vệ trẻ em hãy lên tiếng" in plan.activities.get(number=3).title
    by_kind = {}
    for a in Assignment.objects.filter(activity__plan=plan).select_related("unit"):
        by_kind[a.unit.kind] = by_kind.get(a.unit.kind, 0) + 1
    assert by_kind == {"culture_social": 11, "school": 2, "justice": 3, "accounting": 2, "health_station": 1,
                       "police": 1, "youth_union": 2, "fatherland_front": 1, "village": 24}  # fmt: skip
    assert plan.events.count() == 3 and plan.events.get(kind="action_month").theme.startswith("Chung tay")
    assert RiskSite.objects.filter(village__parent__code="YT").values("village").distinct().count() >= 5
    _the_plan_reads_as_the_seed(plan)


def _the_plan_reads_as_the_seed(plan):
    """Word for word with the seed (programs/plan2022.py holds its text); what the seed does not give
    is the commune's own entry; the printed plan reproduces the seed's sections and recipients."""
    assert exports.target_lines(plan) == plan2022.TARGETS  # section II, line by line
    third = plan.targets.get(order=3).title
    assert third.endswith("Thực hiện tốt các quyền cơ bản của trẻ em được quy định trong Luật Trẻ em.")
    forum = plan.activities.get(number=4)
    assert forum.title == (
        "Tổ chức Diễn đàn trẻ em năm 2022 theo hướng dẫn Thông tư số 29/2019/TT-BLĐTBXH của Bộ trưởng Bộ Lao động"
        " - Thương binh và Xã hội về hướng dẫn tổ chức Diễn đàn trẻ em."
    )
    assert forum.description == plan2022.ACTIVITIES[3][2][0]
    for number, heading, paragraphs in plan2022.ACTIVITIES:
        activity = plan.activities.get(number=number)
        assert activity.description == ("\n".join(paragraphs) if paragraphs else heading)
    seed_tasks = {p.removeprefix("- ") for _n, _h, paragraphs in plan2022.ORGANISATION for p in paragraphs}
    tasks = Assignment.objects.filter(activity__plan=plan)
    assert set(tasks.values_list("task", flat=True)) == seed_tasks
    assert all(t.own_fields == ["due_date", "budget"] for t in tasks)
    assert all(t.own_fields == ["responsible"] for t in plan.targets.all())
    assert plan.own_fields == ["issued_on"] and plan.issued_on == date(2022, 4, 8) and not plan.number
    assert (plan.funding, plan.reporting, plan.closing) == (plan2022.FUNDING, plan2022.REPORTING, plan2022.CLOSING)

    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(exports.plan_pdf(plan, made_by="test"))).pages).split()
    )
    for expected in [
        "UBND HUYỆN CHI LĂNG",
        "Y Tịch, ngày 08 tháng 4 năm 2022 (*)",
        "KẾ HOẠCH " + plan2022.SUBJECT,
        plan2022.IMPLEMENTS,
        plan2022.INTRODUCTION,
        "IV. KINH PHÍ HOẠT ĐỘNG",
        "1. Công chức Văn hóa – Xã hội",
        "9. Các thôn bản",
        "10. Chế độ thông tin báo cáo * Đề nghị các thôn báo cáo về UBND xã (qua bộ phận Văn hóa – Xã hội)",
        plan2022.CLOSING,
        "Nơi nhận: " + " ".join(f"- {r}" for r in plan2022.RECIPIENTS),
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Mai Việt Lào",
    ]:
        assert " ".join(expected.split()) in text, expected
    for line in plan2022.TARGETS:
        assert f"- {line}" in text
