"""The case pages used through HTTP: intake (with a new child), the steps, the lists and the
holiday calendar."""

from datetime import date

import pytest
from django.urls import reverse

from children.cases.models import Case, CasePlan, Holiday, Stage
from children.models import Child
from tests.factories import make_child

from .conftest import at

pytestmark = pytest.mark.django_db


def intake(world, people, **extra):
    data = {
        "commune": world["commune"].pk,
        "reported_at": "14/03/2022 08:30",
        "source": "hotline_111",
        "reporter": "",
        "kind": "violence",
        "place": "home",
        "alleged_relation": "parent",
        "village": "",
        "summary": "Hàng xóm báo cháu bị đánh.",
        "level": "intervention",
        "officer": people["vhxh"].pk,
    }
    data.update(extra)
    return data


def test_the_officer_opens_a_case_for_a_registered_child(world, people, client_for, child):
    response = client_for("vhxh").post(reverse("children:cases:new"), intake(world, people, children=[child.pk]))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("children:cases:detail", args=[case.pk])
    assert list(case.children.all()) == [child] and case.reported_at == at(2022, 3, 14, 8, 30)


def test_a_child_not_yet_registered_is_registered_from_the_intake_form(world, people, client_for):
    data = intake(
        world,
        people,
        new_full_name="nông thị   hoa",
        new_date_of_birth="02/09/2013",
        new_sex="F",
        new_ethnicity=Child._meta.get_field("ethnicity").related_model.objects.get(code="07").pk,
        new_village=world["villages"][2].pk,
    )
    response = client_for("congan").post(reverse("children:cases:new"), data)
    assert response.status_code == 302
    child = Case.objects.get().children.get()
    assert (child.full_name, child.village, child.created_by.username) == (
        "Nông Thị Hoa",
        world["villages"][2],
        "congan",
    )


def test_a_similar_child_must_be_confirmed_before_a_second_registration(world, people, client_for):
    existing = make_child(village=world["villages"][2], full_name="Nông Thị Hoa", date_of_birth=date(2013, 9, 2))
    data = intake(
        world,
        people,
        new_full_name="Nong Thi Hoa",
        new_date_of_birth="02/09/2013",
        new_sex="F",
        new_ethnicity=existing.ethnicity.pk,
        new_village=world["villages"][2].pk,
    )
    response = client_for("vhxh").post(reverse("children:cases:new"), data)
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Nông Thị Hoa" in response.content.decode()
    assert Child.objects.count() == 1


def test_intake_errors_name_the_field_in_vietnamese_and_save_nothing(world, people, client_for):
    response = client_for("vhxh").post(reverse("children:cases:new"), intake(world, people, reported_at="32/13/2022"))
    assert response.status_code == 200
    assert "Chọn ít nhất một trẻ" in response.content.decode() or response.context["form"].errors
    assert "reported_at" in response.context["form"].errors
    response = client_for("vhxh").post(reverse("children:cases:new"), intake(world, people))
    assert "Chọn ít nhất một trẻ hoặc đăng ký trẻ mới." in response.content.decode()
    assert not Case.objects.exists()


def test_the_steps_through_the_pages(world, people, client_for, open_case, child):
    case = open_case(children=[child], reported_at=at(2022, 3, 14, 8))
    vhxh, chutich = client_for("vhxh"), client_for("chutich")

    def post(client, name, data, *args):
        return client.post(reverse(f"children:cases:{name}", args=[case.pk, *args]), data)

    assert post(vhxh, "verify", {"at": "14/03/2022 09:00", "confirmed": "1", "note": ""}).status_code == 302
    r = post(vhxh, "initial", {"at": "14/03/2022 07:00", "risk": "high"})
    assert "không thể trước bước trước" in r.content.decode()
    assert post(vhxh, "initial", {"at": "14/03/2022 11:00", "risk": "high"}).status_code == 302
    assert post(vhxh, "detailed", {"at": "15/03/2022 11:00", "risk": "medium", "note": "Chi tiết."}).status_code == 302
    unit = world["commune"].units.get(kind="health_station")
    plan = {
        "goals": "An toàn.",
        "first_review_on": "01/05/2022",
        "services-TOTAL_FORMS": "2",
        "services-INITIAL_FORMS": "0",
        "services-0-kind": "health",
        "services-0-description": "Khám sức khỏe",
        "services-0-unit": unit.pk,
        "services-0-start_date": "20/03/2022",
        "services-0-end_date": "30/04/2022",
        "submit": "1",
    }
    assert post(vhxh, "plan", plan).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.APPROVAL
    assert post(chutich, "decide", {"decision": "approve", "note": ""}).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CARRYING_OUT
    assert case.plans.get().status == CasePlan.Status.APPROVED
    service = case.plans.get().services.get()
    today = date.today().strftime("%d/%m/%Y")
    assert post(vhxh, "service_given", {"given_on": today, "note": "Đã khám"}, service.pk).status_code == 302
    body = vhxh.get(reverse("children:cases:detail", args=[case.pk])).content.decode()
    assert "Khám sức khỏe" in body and "Đã khám" in body


def test_the_circumstance_is_offered_once_the_case_is_confirmed(world, people, client_for, open_case, advance, child):
    case = open_case(children=[child], kind=Case.Kind.EXPLOITATION)
    client = client_for("vhxh")
    detail = reverse("children:cases:detail", args=[case.pk])
    assert "Ghi nhận hoàn cảnh đặc biệt" not in client.get(detail).content.decode()
    advance(case, to="verify")
    assert "Ghi nhận hoàn cảnh đặc biệt" in client.get(detail).content.decode()
    client.post(reverse("children:cases:circumstance", args=[case.pk]), {"child": child.pk, "start_date": "14/03/2022"})
    assert child.circumstances.get().group.letter == "k"
    assert "Ghi nhận hoàn cảnh đặc biệt" not in client.get(detail).content.decode()
    # the chairman reads the case but is not offered the registry change
    advance(open_case(children=[make_child(village=world["villages"][0])], kind="violence"), to="verify")


def test_the_list_and_overdue_list_take_a_fixed_number_of_queries(
    world, open_case, client_for, django_assert_max_num_queries, user_named
):
    for n in range(3):
        open_case(reported_at=at(2022, 3, 14 + n, 8))
    client = client_for("vhxh")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("children:cases:list"))
    for n in range(12):
        open_case(reported_at=at(2022, 4, 1 + n, 8))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("children:cases:list"))
    assert len(response.context["page"].object_list) == 15


def test_the_overdue_list_shows_only_overdue_cases(world, open_case, advance, client_for):
    late = open_case(reported_at=at(2022, 3, 14, 8))  # never assessed
    on_time = advance(open_case(reported_at=at(2022, 3, 20, 8)), to="detailed")  # detailed assessment has no clock
    response = client_for("chutich").get(reverse("children:cases:overdue"))
    numbers = [c.number for c in response.context["page"].object_list]
    assert numbers == [late.number] and on_time.number not in numbers


def test_the_approval_clock_flags_a_late_chairman(world, open_case, advance, client_for):
    case = advance(open_case(reported_at=at(2022, 1, 20, 8)), to="plan", submit_at=at(2022, 1, 28, 9))
    assert case.plans.get().due_on == date(2022, 2, 15)
    body = client_for("chutich").get(reverse("children:cases:detail", args=[case.pk])).content.decode()
    assert "Phê duyệt kế hoạch của Chủ tịch (7 ngày làm việc)" in body and "15/02/2022" in body


def test_the_officer_keeps_the_communes_holidays(world, client_for):
    client = client_for("vhxh")
    response = client.post(
        reverse("children:cases:holidays"),
        {"commune": world["commune"].pk, "date": "10/10/2022", "name": "Lễ hội (thử)"},
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(commune=world["commune"])
    assert holiday.history.get().history_user.username == "vhxh"
    # a national holiday cannot be added twice
    response = client.post(
        reverse("children:cases:holidays"), {"commune": world["commune"].pk, "date": "02/09/2022", "name": "x"}
    )
    assert "đã là ngày lễ" in response.content.decode()
    national = Holiday.objects.filter(commune__isnull=True).first()
    assert client.post(reverse("children:cases:holiday_delete", args=[national.pk])).status_code == 404
    assert client_for("vhxh2").post(reverse("children:cases:holiday_delete", args=[holiday.pk])).status_code == 404
    assert client.post(reverse("children:cases:holiday_delete", args=[holiday.pk])).status_code == 302
    assert not Holiday.objects.filter(commune=world["commune"]).exists()


def test_the_intake_form_chooses_nothing_sensitive_and_preselects_the_only_commune(world, client_for):
    body = client_for("vhxh").get(reverse("children:cases:new")).content.decode()
    for name in ("alleged_relation", "kind", "place", "source", "level"):
        select = body.split(f'name="{name}"')[1].split("</select>")[0]
        assert '<option value="" selected>— chọn —</option>' in select, name
    commune = body.split('name="commune"')[1].split("</select>")[0]
    assert f'<option value="{world["commune"].pk}" selected>' in commune and "— chọn —" not in commune
    assert "---------" not in body


def test_the_case_list_filter_says_tat_ca(world, client_for):
    body = client_for("vhxh").get(reverse("children:cases:list")).content.decode()
    stage = body.split('name="stage"')[1].split("</select>")[0]
    assert '<option value="" selected>Tất cả</option>' in stage and "---------" not in body
