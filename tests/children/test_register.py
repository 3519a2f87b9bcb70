"""Search before create, registration, and the duplicate rules (same ID refused; same name + birth + village flagged)."""

from datetime import date

import pytest
from django.urls import reverse

from children.models import Child, Ethnicity, Guardian
from children.services import DuplicateChild, child_register
from tests.factories import make_child

URL = "/children/new/"


def form_data(world, **over):
    data = {
        "full_name": "lò văn  mới",
        "date_of_birth": "14/03/2020",
        "sex": "M",
        "ethnicity": Ethnicity.objects.get(code="07").pk,
        "personal_id": "",
        "village": world["villages"][0].pk,
        "address": "",
        "poverty": "near_poor",
        "schooling": "preschool",
        "school_name": "",
        "notes": "",
        "guardian_name": "Lò Văn Bố",
        "guardian_relation": "father",
        "guardian_phone": "0912 345 678",
    }
    data.update(over)
    return data


def test_register_starts_with_a_search_and_lists_similar_children(kids, client_for):
    client = client_for("thon1")
    first = client.get(URL).content.decode()
    assert "tìm trong sổ trước" in first.lower()
    body = client.get(URL, {"full_name": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in body
    assert "?new=1&amp;full_name=nguyen%20van%20an" in body
    # A village head's search stays in their village.
    assert "Lương Thị Chi" not in client.get(URL, {"full_name": "luong thi chi"}).content.decode()


def test_form_step_is_prefilled_from_the_search(world, client_for):
    body = client_for("thon1").get(URL, {"new": "1", "full_name": "Lò Văn Mới", "date_of_birth": "14/03/2020"})
    html = body.content.decode()
    assert 'value="Lò Văn Mới"' in html and 'value="14/03/2020"' in html


def test_officer_registers_a_child_with_a_guardian(world, client_for, user_named):
    response = client_for("vhxh").post(URL, form_data(world))
    child = Child.objects.get(name_key="lo van moi")
    assert response.status_code == 302 and response["Location"] == reverse("children:detail", args=[child.pk])
    assert child.full_name == "Lò Văn Mới"
    assert child.date_of_birth == date(2020, 3, 14)
    assert child.created_by == user_named("vhxh")
    assert child.history.first().history_user == user_named("vhxh")
    guardian = Guardian.objects.get(child=child)
    assert (guardian.full_name, guardian.relation, guardian.is_primary) == ("Lò Văn Bố", "father", True)


def test_village_head_cannot_report_into_another_village(world, client_for):
    from children.models import ReportedChild

    response = client_for("thon1").post(URL, form_data(world, village=world["villages"][1].pk))
    assert response.status_code == 200
    assert "village" in response.context["form"].errors
    assert not Child.objects.exists() and not ReportedChild.objects.exists()


def test_registration_errors_are_vietnamese_and_name_the_field(world, client_for):
    response = client_for("vhxh").post(
        URL, form_data(world, full_name="An", date_of_birth="31/02/2020", personal_id="12345", guardian_phone="abc")
    )
    errors = response.context["form"].errors
    assert set(errors) >= {"full_name", "date_of_birth", "personal_id", "guardian_phone"}
    body = response.content.decode()
    assert "Nhập đầy đủ họ và tên" in body
    assert "12 chữ số" in body
    assert not Child.objects.exists() and not Guardian.objects.exists()


def test_future_birth_and_16_year_olds_are_refused(world, client_for):
    client = client_for("vhxh")
    response = client.post(URL, form_data(world, date_of_birth="01/01/2099"))
    assert "date_of_birth" in response.context["form"].errors
    response = client.post(URL, form_data(world, date_of_birth="01/01/2000"))
    assert "16" in str(response.context["form"].errors["date_of_birth"])
    assert not Child.objects.exists()


def test_an_existing_personal_id_is_refused(world, client_for):
    make_child(village=world["villages"][5], full_name="Hà Văn Cũ", personal_id="020219000001")
    response = client_for("vhxh").post(URL, form_data(world, personal_id="0202 1900 0001"))
    assert response.status_code == 200
    assert "đã có trẻ em mang số định danh này" in str(response.context["form"].errors["personal_id"]).lower()
    assert Child.objects.count() == 1


def test_same_name_birth_and_village_is_flagged_with_a_link_and_needs_confirmation(world, client_for):
    existing = make_child(village=world["villages"][0], full_name="Lò Văn Mới", date_of_birth=date(2020, 3, 14))
    client = client_for("vhxh")
    response = client.post(URL, form_data(world, full_name="LO VAN MOI"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("children:detail", args=[existing.pk]) in body
    assert "Có thể đã được đăng ký" in body
    assert Child.objects.count() == 1
    response = client.post(URL, form_data(world, full_name="LO VAN MOI", confirm_duplicate="on"))
    assert response.status_code == 302
    assert Child.objects.filter(name_key="lo van moi").count() == 2


def test_service_flags_duplicates_typed_in_decomposed_unicode(world, user_named):
    import unicodedata

    make_child(village=world["villages"][0], full_name="Nguyễn Văn An", date_of_birth=date(2019, 5, 2))
    fields = {
        "full_name": unicodedata.normalize("NFD", "nguyễn văn an"),
        "date_of_birth": date(2019, 5, 2),
        "sex": "M",
        "ethnicity": Ethnicity.objects.get(code="02"),
        "village": world["villages"][0],
    }
    with pytest.raises(DuplicateChild) as caught:
        child_register(user=user_named("vhxh"), **fields)
    assert len(caught.value.existing) == 1
    child = child_register(user=user_named("vhxh"), confirm_duplicate=True, **fields)
    assert child.full_name == "Nguyễn Văn An" and child.full_name == unicodedata.normalize("NFC", child.full_name)


@pytest.mark.parametrize("username", ["chutich", "huyen", "yte", "ketoan"])
def test_readers_cannot_post_a_registration(username, world, client_for):
    assert client_for(username).post(URL, form_data(world)).status_code == 403
    assert not Child.objects.exists()


@pytest.mark.parametrize("typed", ["15.03.2024", "15/03/2024", "15-03-2024", "15/3/2024", "2024-03-15"])
def test_registration_accepts_the_date_typed_as_the_importer_does(world, client_for, typed):
    response = client_for("vhxh").post(URL, form_data(world, date_of_birth=typed))
    assert response.status_code == 302
    assert Child.objects.get(name_key="lo van moi").date_of_birth == date(2024, 3, 15)


def test_a_date_of_birth_with_two_digits_for_the_year_is_refused_with_the_reason(world, client_for):
    response = client_for("thon1").post(URL, form_data(world, date_of_birth="15.03.24"))
    assert response.context["form"].errors["date_of_birth"] == ["Ngày sinh: viết năm đủ bốn chữ số, ví dụ 15/03/2024."]
    assert not Child.objects.exists()


def test_the_registration_form_preselects_a_village_heads_only_village_and_no_relation(world, client_for):
    body = client_for("thon1").get(URL, {"new": "1", "full_name": "Lò Văn Mới"}).content.decode()
    village = body.split('name="village"')[1].split("</select>")[0]
    assert f'<option value="{world["villages"][0].pk}" selected>' in village and "— chọn —" not in village
    relation = body.split('name="guardian_relation"')[1].split("</select>")[0]
    assert '<option value="" selected>— chọn —</option>' in relation
    assert "---------" not in body
