"""Editing a child, archiving with a reason instead of deleting, and the history officers see."""

from datetime import date

import pytest
from django.urls import reverse

from children.models import Child
from children.services import child_archive, child_update
from tests.factories import make_child


def edit_data(child, **over):
    data = {
        "full_name": child.full_name,
        "date_of_birth": child.date_of_birth.strftime("%d/%m/%Y"),
        "sex": child.sex,
        "ethnicity": child.ethnicity_id,
        "personal_id": child.personal_id or "",
        "village": child.village_id,
        "address": child.address,
        "poverty": child.poverty,
        "schooling": child.schooling,
        "school_name": child.school_name,
        "notes": child.notes,
    }
    data.update(over)
    return data


def test_village_head_edits_their_child_and_the_change_is_in_the_history(kids, client_for):
    child = kids["an"]
    client = client_for("thon1")
    response = client.post(
        reverse("children:edit", args=[child.pk]), edit_data(child, poverty="poor", notes="Ở với bà")
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.poverty == "poor" and child.notes == "Ở với bà"
    record = child.history.first()
    assert record.history_user.username == "thon1" and record.history_type == "~"
    # The culture-social officer sees who changed what: old → new.
    body = client_for("vhxh").get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Lịch sử thay đổi" in body
    assert "<del>Không thuộc hộ nghèo, cận nghèo</del> → <ins>Hộ nghèo</ins>" in body
    assert "Hoàng Văn Bình" in body  # thon1's full name


def test_village_heads_do_not_see_the_change_history(kids, client_for):
    body = client_for("thon1").get(reverse("children:detail", args=[kids["an"].pk])).content.decode()
    assert "Lịch sử thay đổi" not in body


@pytest.mark.parametrize("username", ["chutich", "huyen"])
def test_readers_see_the_history(username, kids, client_for):
    body = client_for(username).get(reverse("children:detail", args=[kids["an"].pk])).content.decode()
    assert "Lịch sử thay đổi" in body


def test_readers_cannot_post_edits(kids, client_for):
    child = kids["an"]
    response = client_for("chutich").post(reverse("children:edit", args=[child.pk]), edit_data(child, notes="x"))
    assert response.status_code == 403
    child.refresh_from_db()
    assert child.notes == ""


def test_village_head_cannot_move_a_child_to_another_village(kids, client_for, world):
    child = kids["an"]
    response = client_for("thon1").post(
        reverse("children:edit", args=[child.pk]), edit_data(child, village=world["villages"][1].pk)
    )
    assert response.status_code == 200 and "village" in response.context["form"].errors
    child.refresh_from_db()
    assert child.village == world["villages"][0]


def test_edit_refuses_a_personal_id_of_another_child(kids, client_for):
    Child.objects.filter(pk=kids["binh"].pk).update(personal_id="020212000001")
    child = kids["an"]
    response = client_for("vhxh").post(
        reverse("children:edit", args=[child.pk]), edit_data(child, personal_id="020212000001")
    )
    assert "personal_id" in response.context["form"].errors
    child.refresh_from_db()
    assert child.personal_id is None


def test_edit_that_makes_a_duplicate_needs_confirmation(kids, client_for):
    child = kids["binh"]
    client = client_for("vhxh")
    data = edit_data(child, full_name="Nguyen Van An", date_of_birth="02/05/2019")
    response = client.post(reverse("children:edit", args=[child.pk]), data)
    assert response.status_code == 200
    assert reverse("children:detail", args=[kids["an"].pk]) in response.content.decode()
    child.refresh_from_db()
    assert child.full_name == "Hoàng Thị Bình"
    response = client.post(reverse("children:edit", args=[child.pk]), {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.full_name == "Nguyen Van An" and child.name_key == "nguyen van an"


def test_editing_other_fields_of_a_flagged_pair_does_not_ask_again(world, user_named):
    v = world["villages"][0]
    make_child(village=v, full_name="Lò Thị Na", date_of_birth=date(2019, 1, 1))
    twin = make_child(village=v, full_name="Lò Thị Na", date_of_birth=date(2019, 1, 1))
    child_update(child=twin, user=user_named("vhxh"), notes="Sinh đôi")
    assert Child.objects.get(pk=twin.pk).notes == "Sinh đôi"


def test_archive_needs_a_reason_and_takes_the_child_out_of_the_list(kids, client_for):
    child = kids["an"]
    client = client_for("thon1")
    response = client.post(reverse("children:archive", args=[child.pk]), {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(reverse("children:archive", args=[child.pk]), {"reason": "Chuyển đến Hà Nội"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.archived_at is not None and child.archived_reason == "Chuyển đến Hà Nội"
    assert "Nguyễn Văn An" not in client.get(reverse("children:list")).content.decode()
    body = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Chuyển đến Hà Nội" in body and "Đưa trở lại sổ" in body
    assert Child.objects.filter(pk=child.pk).exists()  # never deleted


def test_restore_brings_an_archived_child_back(kids, client_for, user_named):
    child = child_archive(child=kids["an"], user=user_named("vhxh"), reason="Nhầm")
    response = client_for("thon1").post(reverse("children:restore", args=[child.pk]))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.archived_at is None and child.archived_reason == ""


def test_restore_is_post_only(kids, client_for):
    assert client_for("thon1").get(reverse("children:restore", args=[kids["an"].pk])).status_code == 405
