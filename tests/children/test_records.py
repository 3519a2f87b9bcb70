"""The records about a child: who may add what (health station, justice, school, village head)."""

from datetime import date

import pytest
from django.urls import reverse

from children.models import (
    Adoption,
    BirthRegistration,
    ChildCircumstance,
    Disability,
    Guardian,
    HealthInsurance,
    HealthScreening,
    Support,
)

RECORDS = {
    "guardian": (Guardian, {"full_name": "lò thị mẹ", "relation": "mother", "phone": "0912345678", "is_primary": "on"}),
    "circumstance": (
        ChildCircumstance,
        {"group": None, "subgroup": "", "start_date": "01/01/2022", "end_date": "", "note": ""},
    ),
    "disability": (Disability, {"type": "vision", "level": "severe", "certified_on": "02/03/2021", "note": ""}),
    "insurance": (
        HealthInsurance,
        {"card_number": "te1201234567890", "valid_from": "01/01/2022", "valid_to": "31/12/2022"},
    ),
    "screening": (
        HealthScreening,
        {"date": "10/05/2022", "condition": "heart", "result": "Nghi tim bẩm sinh", "referral": "Bệnh viện tỉnh"},
    ),
    "birth-registration": (
        BirthRegistration,
        {"registered_on": "20/05/2019", "place": "UBND xã Y Tịch", "book_number": "01/2019"},
    ),
    "adoption": (
        Adoption,
        {"registered_on": "01/02/2021", "kind": "domestic", "adoptive_parents": "Vi Văn A, Lộc Thị B", "note": ""},
    ),
    "support": (Support, {"kind": "health", "date": "01/06/2022", "amount": "1.250.000", "source": "fund", "note": ""}),
}

SHOWN = {
    "guardian": "Lò Thị Mẹ",
    "circumstance": "Trẻ em mồ côi cả cha và mẹ",
    "disability": "Khuyết tật nhìn — Nặng",
    "insurance": "TE1201234567890",
    "screening": "Nghi tim bẩm sinh",
    "birth-registration": "20/05/2019, UBND xã Y Tịch",
    "adoption": "Vi Văn A, Lộc Thị B",
    "support": "1.250.000 đ",
}

# persona → the record kinds they may add for a Thôn 1 child (the others answer 403)
MAY_ADD = {
    "thon1": set(RECORDS),
    "vhxh": set(RECORDS),
    "yte": {"insurance", "screening", "support"},
    "tuphap": {"birth-registration", "adoption"},
    "truong": {"support"},
    "chutich": set(),
    "huyen": set(),
}


def post_data(kind):
    from children.models import CircumstanceGroup

    data = dict(RECORDS[kind][1])
    if kind == "circumstance":
        data["group"] = CircumstanceGroup.objects.get(letter="a").pk
    return data


@pytest.mark.parametrize("username", MAY_ADD)
def test_who_may_add_which_record(username, kids, client_for):
    client = client_for(username)
    child = kids["an"]
    for kind in RECORDS:
        status = client.get(reverse("children:record_add", args=[child.pk, kind])).status_code
        assert status == (200 if kind in MAY_ADD[username] else 403), (username, kind, status)


@pytest.mark.parametrize("kind", RECORDS)
def test_village_head_adds_each_record_and_it_shows_on_the_profile(kind, kids, client_for):
    client = client_for("thon1")
    child = kids["an"]
    response = client.post(reverse("children:record_add", args=[child.pk, kind]), post_data(kind))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    model = RECORDS[kind][0]
    record = model.objects.get(child=child)
    assert record.history.first().history_user.username == "thon1"
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert SHOWN[kind] in body


def test_amount_is_whole_vnd_typed_with_dots_and_shown_with_dots(kids, client_for):
    client = client_for("vhxh")
    child = kids["an"]
    client.post(reverse("children:record_add", args=[child.pk, "support"]), post_data("support"))
    support = Support.objects.get(child=child)
    assert support.amount == 1250000 and support.recorded_by.username == "vhxh"
    assert "1.250.000 đ" in client.get(reverse("children:detail", args=[child.pk])).content.decode()
    response = client.post(
        reverse("children:record_add", args=[child.pk, "support"]), {**post_data("support"), "amount": "1,5 triệu"}
    )
    assert "amount" in response.context["form"].errors
    assert Support.objects.count() == 1


@pytest.mark.parametrize("typed", ["500.000", "500000", "500.000 đ", "500.000đ", "500 000"])
def test_support_typed_500_000_is_five_hundred_thousand_dong(kids, client_for, typed):
    child = kids["an"]
    client_for("vhxh").post(
        reverse("children:record_add", args=[child.pk, "support"]), {**post_data("support"), "amount": typed}
    )
    assert Support.objects.get(child=child).amount == 500_000


def test_editing_a_support_shows_its_amount_grouped(kids, client_for):
    client = client_for("vhxh")
    child = kids["an"]
    client.post(reverse("children:record_add", args=[child.pk, "support"]), post_data("support"))
    support = Support.objects.get(child=child)
    page = client.get(reverse("children:record_edit", args=[child.pk, "support", support.pk])).content.decode()
    assert 'value="1.250.000"' in page


def test_health_station_may_record_only_health_support(kids, client_for):
    client = client_for("yte")
    child = kids["an"]
    response = client.post(
        reverse("children:record_add", args=[child.pk, "support"]), {**post_data("support"), "kind": "gift"}
    )
    assert response.status_code == 200 and "kind" in response.context["form"].errors
    assert not Support.objects.exists()


def test_school_may_not_edit_a_health_support_entry(kids, client_for, user_named):
    from children.services import support_record

    support = support_record(child=kids["an"], kind="health", date=date(2022, 1, 1), source="state")
    url = reverse("children:record_edit", args=[kids["an"].pk, "support", support.pk])
    assert client_for("truong").get(url).status_code == 403
    assert client_for("yte").get(url).status_code == 200


def test_insurance_dates_out_of_order_are_refused_with_a_vietnamese_message(kids, client_for):
    response = client_for("yte").post(
        reverse("children:record_add", args=[kids["an"].pk, "insurance"]),
        {"card_number": "TE1201234567890", "valid_from": "01/01/2023", "valid_to": "31/12/2022"},
    )
    assert "Ngày hết hạn của thẻ trước ngày bắt đầu" in response.content.decode()
    assert not HealthInsurance.objects.exists()


def test_a_disability_type_is_recorded_once(kids, client_for):
    client = client_for("vhxh")
    url = reverse("children:record_add", args=[kids["an"].pk, "disability"])
    client.post(url, post_data("disability"))
    response = client.post(url, post_data("disability"))
    assert response.status_code == 200
    assert Disability.objects.count() == 1


def test_birth_registration_is_one_record_that_is_edited(kids, client_for):
    client = client_for("tuphap")
    url = reverse("children:record_add", args=[kids["an"].pk, "birth-registration"])
    client.post(url, post_data("birth-registration"))
    client.post(url, {**post_data("birth-registration"), "book_number": "02/2019"})
    assert BirthRegistration.objects.get(child=kids["an"]).book_number == "02/2019"


def test_closing_a_circumstance_with_an_end_date(kids, client_for):
    from children.services import circumstance_add

    c = circumstance_add(child=kids["an"], letter="c", start_date=date(2021, 1, 1))
    url = reverse("children:record_edit", args=[kids["an"].pk, "circumstance", c.pk])
    data = {"group": c.group_id, "subgroup": "", "start_date": "01/01/2021", "end_date": "31/12/2020", "note": ""}
    response = client_for("vhxh").post(url, data)
    assert "end_date" in response.context["form"].errors
    response = client_for("vhxh").post(url, {**data, "end_date": "30/06/2022"})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.end_date == date(2022, 6, 30)


def test_removing_a_guardian_entered_by_mistake_is_kept_in_the_history(kids, client_for):
    from children.services import guardian_save

    g = guardian_save(child=kids["an"], user=None, full_name="Sai Tên", relation="other")
    url = reverse("children:record_delete", args=[kids["an"].pk, "guardian", g.pk])
    client = client_for("thon1")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Guardian.objects.filter(pk=g.pk).exists()
    assert Guardian.history.filter(id=g.pk, history_type="-").get().history_user.username == "thon1"


def test_main_carer_is_unique(kids, user_named):
    from children.services import guardian_save

    first = guardian_save(child=kids["an"], user=None, full_name="A B", relation="mother", is_primary=True)
    guardian_save(child=kids["an"], user=None, full_name="C D", relation="father", is_primary=True)
    first.refresh_from_db()
    assert not first.is_primary
