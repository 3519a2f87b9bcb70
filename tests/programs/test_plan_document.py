"""The plan as a Decree 30 document (KẾ HOẠCH, sections I–V, funding IV, reporting V.10, recipients),
its page's funding, reporting and recipients sections, values marked as the commune's own entry,
the figures of the forum rosters and the training log, and "500.000" typed in the plan's money fields."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import DocumentSettings, ExportLog
from children.models import Child
from funds import services as fund_services
from funds.models import Entry
from programs import figures, selectors, services
from programs.models import Assignment, Event, GiftList, Target, Training
from tests.factories import make_child

from .conftest import task_of

I = Target.Indicator  # noqa: E741


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())


@pytest.fixture
def issued(plan, vhxh):
    """The fixture plan with the text of sections IV and V.10, a date the commune typed, a budget."""
    services.plan_update(
        plan=plan,
        user=vhxh,
        number="45/KH-UBND",
        issued_on=date(2022, 4, 8),
        own_fields=["issued_on"],
        funding="1. Ngân sách xã.\n2. Quỹ Bảo trợ trẻ em xã.",
        reporting="- Báo cáo 6 tháng vào ngày 05/5;\n- Báo cáo 1 năm vào ngày 05/11;",
    )
    task = Assignment.objects.filter(activity__plan=plan).order_by("pk").first()
    task.budget, task.own_fields = 1_500_000, ["due_date", "budget"]
    services.assignment_save(assignment=task, user=vhxh)
    plan.refresh_from_db()
    return plan


def test_the_plan_prints_as_a_decree_30_document_with_funding_reporting_and_recipients(world, issued, client_for):
    DocumentSettings.objects.create(
        commune=world["commune"], year=2022, recipients={"plan": ["Phòng LĐTBXH&DT;", "– Dân tộc;", "Lưu: VT."]}
    )
    response = client_for("vhxh").get(reverse("programs:plan_pdf", args=[issued.pk]))
    text = pdf_text(response)
    for expected in [
        "UBND HUYỆN CHI LĂNG",
        "ỦY BAN NHÂN DÂN XÃ Y TỊCH",
        "Số: 45/KH-UBND",
        "Y Tịch, ngày 08 tháng 4 năm 2022 (*)",  # the commune's own date, marked
        "KẾ HOẠCH BVCSTE năm 2022",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. MỤC TIÊU - Mục tiêu 1",
        "III. NỘI DUNG HOẠT ĐỘNG 1. Truyền thông",
        "IV. KINH PHÍ HOẠT ĐỘNG 1. Ngân sách xã. 2. Quỹ Bảo trợ trẻ em xã.",
        "V. TỔ CHỨC THỰC HIỆN",
        "Các đơn vị trường học",
        "Tuyên truyền trong nhà trường (thời hạn: 30/06/2022 (*); kinh phí: 1.500.000 đ (*))",
        "Các thôn bản",
        "5. Chế độ thông tin báo cáo - Báo cáo 6 tháng vào ngày 05/5;",
        "Nơi nhận: - Phòng LĐTBXH&DT; - – Dân tộc; - Lưu: VT.",
        "(*) Giá trị do xã tự nhập",
        "DỰ THẢO",  # not approved yet
    ]:
        assert expected in text, expected
    assert text.index("Các đơn vị trường học") < text.index("Trạm Y tế xã") < text.index("Các thôn bản")  # seed order
    assert "- Hoạt động Tháng hành động ở Thôn 1" in text and "- Hoạt động Tháng hành động ở Thôn 2" in text
    assert response["Content-Disposition"] == 'inline; filename="ke-hoach-bao-ve-cham-soc-tre-em-2022-y-tich.pdf"'
    assert ExportLog.objects.filter(what="programs.plan_pdf", user__username="vhxh").exists()


@pytest.mark.parametrize(("username", "status"), [("thon1", 200), ("huyen", 200), ("yte", 200), ("vhxh2", 404)])
def test_everyone_who_reads_the_plan_may_print_it_and_outsiders_get_404(issued, client_for, username, status):
    assert client_for(username).get(reverse("programs:plan_pdf", args=[issued.pk])).status_code == status


def test_the_plan_page_shows_funding_reporting_recipients_and_the_communes_own_entries(world, issued, client_for):
    body = client_for("vhxh").get(reverse("programs:plan_detail", args=[issued.pk])).content.decode()
    for expected in [
        "IV. Kinh phí hoạt động",
        "Quỹ Bảo trợ trẻ em xã.",
        "1.500.000 đ",  # tasks' budgets
        "V.10 Chế độ thông tin báo cáo",
        "Báo cáo 6 tháng vào ngày 05/5;",
        'id="plan-recipients"',
        "Phòng LĐTBXH&amp;DT;",
        reverse("programs:plan_pdf", args=[issued.pk]),
        reverse("accounts:documents", args=[world["commune"].pk]),
    ]:
        assert expected in body, expected
    assert body.count("nhập bởi xã") == 3  # the plan's date, one task's due date and budget
    thon1 = client_for("thon1").get(reverse("programs:plan_detail", args=[issued.pk])).content.decode()
    assert reverse("accounts:documents", args=[world["commune"].pk]) not in thon1  # no link to a 403


def test_after_the_reform_a_plan_is_issued_under_the_province(world, vhxh, client_for):
    plan = services.plan_create(
        commune=world["commune"], year=2026, title="Kế hoạch BVCSTE năm 2026", user=vhxh, issued_on=date(2026, 3, 2)
    )
    text = pdf_text(client_for("vhxh").get(reverse("programs:plan_pdf", args=[plan.pk])))
    assert "UBND TỈNH LẠNG SƠN" in text and "Y Tịch, ngày 02 tháng 3 năm 2026" in text
    assert "huyện" not in text.lower()


# --- the plan's own figures --------------------------------------------------------------------------


def test_children_11_and_over_on_a_forum_roster_over_children_11_to_15(world, plan, vhxh):
    v1, v2 = world["villages"][0], world["villages"][1]
    older = [make_child(village=v1 if n % 2 else v2, date_of_birth=date(2009, 1, n + 1)) for n in range(30)]
    younger = [make_child(village=v1, date_of_birth=date(2013, 1, n + 1)) for n in range(6)]  # 9 on the day
    make_child(village=v1, date_of_birth=date(2008, 5, 1))  # 14, not on the roster
    services.forum_create(
        plan=plan, user=vhxh, date=date(2022, 7, 20), topic="Diễn đàn", children=older[:24] + younger,
        minders=6, volunteers=0, guests=0, consent_on=date(2022, 7, 1),
    )  # fmt: skip
    assert figures.children_11_in_participation(world["commune"], start=date(2022, 1, 1), end=date(2022, 12, 31)) == (
        24,
        31,
    )
    assert figures.children_11_in_participation(v1, start=date(2022, 1, 1), end=date(2022, 12, 31)) == (12, 16)
    assert (
        figures.children_11_in_participation(world["commune"], start=date(2023, 1, 1), end=date(2023, 12, 31))[0] == 0
    )  # the forum of another year does not count


def test_children_reached_by_injury_and_swimming_sessions_over_the_children(world, vhxh):
    commune = world["commune"]
    for n in range(10):
        make_child(village=world["villages"][0], date_of_birth=date(2012, 1, n + 1))
    for day, kind, reached in [
        (date(2022, 5, 25), Training.Kind.INJURY_PREVENTION, 6),
        (date(2022, 6, 15), Training.Kind.SWIMMING, 2),
        (date(2022, 5, 12), Training.Kind.OFFICERS, 40),  # officers: not children
        (date(2021, 6, 1), Training.Kind.SWIMMING, 5),  # another year
    ]:
        services.training_record(
            training=Training(commune=commune, date=day, kind=kind, topic="Buổi học", children_reached=reached),
            attendees=[],
            user=vhxh,
        )
    span = {"start": date(2022, 1, 1), "end": date(2022, 12, 31)}
    assert figures.children_reached_by_injury_training(commune, **span) == (8, 10)
    services.training_record(
        training=Training(commune=commune, date=date(2022, 7, 5), kind=Training.Kind.INJURY_PREVENTION,
                          topic="Sinh hoạt hè", children_reached=50),
        attendees=[], user=vhxh,
    )  # fmt: skip
    assert figures.children_reached_by_injury_training(commune, **span) == (10, 10)  # capped at the children


def test_targets_typed_by_hand_before_are_measured_by_the_figures(world, plan, vhxh):
    make_child(village=world["villages"][0], date_of_birth=date(2012, 1, 1))
    services.training_record(
        training=Training(commune=world["commune"], date=date(2022, 5, 25), kind=Training.Kind.SWIMMING,
                          topic="Dạy bơi", children_reached=1),
        attendees=[], user=vhxh,
    )  # fmt: skip
    target = services.target_save(
        target=Target(plan=plan, order=20, title="Trẻ em biết bơi", goal=90, indicator=I.INJURY_TRAINING), user=vhxh
    )
    measure = selectors.measure_target(target, on=date(2022, 12, 31))
    assert (measure.numerator, measure.denominator, measure.percent) == (1, Child.objects.count(), 100.0)
    assert target.is_automatic


# --- "500.000" is five hundred thousand đồng in every money field of the plan ---------------------


@pytest.fixture
def event(plan, world, vhxh):
    fund = fund_services.fund_create(commune=world["commune"], started_on=date(2022, 1, 1), user=vhxh)
    if not fund.years.filter(year=2022).exists():
        fund_services.year_open(fund=fund, year=2022, user=vhxh)
    return services.event_save(
        event=Event(plan=plan, kind=Event.Kind.CHILDRENS_DAY, title="Ngày 1/6", date=date(2022, 6, 1)), user=vhxh
    )


def test_the_events_payment_request_reads_500_000_as_five_hundred_thousand_dong(event, client_for):
    url = reverse("programs:event_request_payment", args=[event.pk])
    client_for("vhxh").post(url, {"amount": "500.000", "purpose": "Thuê âm thanh"})
    assert event.entries.get().amount == 500_000
    client_for("vhxh").post(url, {"amount": "1.500.000 đ", "purpose": "Khánh tiết"})
    assert sorted(Entry.objects.values_list("amount", flat=True)) == [500_000, 1_500_000]
    refused = client_for("vhxh").post(url, {"amount": "1,5 triệu", "purpose": "Sai"}, follow=True)
    assert Entry.objects.count() == 2
    assert "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000." in refused.content.decode()


def test_gift_values_read_500_000_as_five_hundred_thousand_dong(world, event, client_for):
    client = client_for("vhxh")
    client.post(
        reverse("programs:gift_list_create", args=[event.pk]),
        {"title": "Quà 1/6", "default_gift": "Sách vở", "default_value": "500.000"},
    )
    gift_list = GiftList.objects.get()
    assert gift_list.default_value == 500_000
    child = make_child(village=world["villages"][0], date_of_birth=date(2014, 1, 1))
    client.post(
        reverse("programs:gift_list_add", args=[gift_list.pk]),
        {"children": [child.pk], "gift": "Sách vở", "value": "500.000 đ"},
    )
    assert gift_list.recipients.get().value == 500_000


def test_budgets_and_goals_read_500_000_as_five_hundred_thousand_dong(world, plan, event, client_for):
    client = client_for("vhxh")
    task = task_of(plan, "school")
    data = {"activity": task.activity_id, "unit": task.unit_id, "task": task.task, "due_date": "30.06.2022",
            "budget": "500.000"}  # fmt: skip
    assert client.post(reverse("programs:assignment_edit", args=[plan.pk, task.pk]), data).status_code == 302
    task.refresh_from_db()
    assert (task.budget, task.due_date) == (500_000, date(2022, 6, 30))
    event_data = {"kind": "childrens_day", "title": "Ngày 1/6", "date": "1/6/2022", "budget": "500 000",
                  "participants": "1.200"}  # fmt: skip
    assert client.post(reverse("programs:event_edit", args=[plan.pk, event.pk]), event_data).status_code == 302
    event.refresh_from_db()
    assert (event.budget, event.participants) == (500_000, 1200)
    goal = {"order": 30, "title": "Quỹ vận động được", "kind": "amount", "goal": "500.000 đ", "indicator": "manual"}
    assert client.post(reverse("programs:target_create", args=[plan.pk]), goal).status_code == 302
    assert Target.objects.get(order=30).goal == 500_000
    refused = client.post(reverse("programs:assignment_edit", args=[plan.pk, task.pk]), data | {"budget": "12,5"})
    assert "không có phần thập phân" in refused.content.decode()
