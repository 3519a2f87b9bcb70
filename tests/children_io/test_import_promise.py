"""The preview's promise: the confirm applies exactly the previewed plan or nothing (and says why),
and reading/planning the file holds no database lock, so other users keep working meanwhile."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from children.io import imports
from children.io.imports import ImportStale, children_import
from children.models import Child

from .conftest import ON, child_row, xlsx

PID = "020218009999"


def _preview(client, rows):
    response = client.post(reverse("children:import"), {"file": _file(rows)})
    assert response.status_code == 200 and response.context["token"]
    return response.context["token"]


def _file(rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("ds.xlsx", xlsx(rows))


def test_a_confirm_after_someone_else_imported_the_same_personal_id_saves_nothing_and_says_why(client_for, user_named):
    client = client_for("thon1")
    token = _preview(client, [child_row(full_name="Trẻ Mới", personal_id=PID), child_row(full_name="Trẻ Khác")])
    # Meanwhile the commune officer registers the same personal ID under another name.
    children_import(user=user_named("vhxh"), data=xlsx([child_row(full_name="Trẻ Của Xã", personal_id=PID)]))
    response = client.post(reverse("children:import_apply"), {"token": token})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Không lưu gì" in text and "dòng 2" in text
    assert list(Child.objects.filter(personal_id=PID).values_list("full_name", flat=True)) == ["Trẻ Của Xã"]
    assert not Child.objects.filter(full_name__in=["Trẻ Mới", "Trẻ Khác"]).exists()  # not even the other row
    # The new preview is offered; confirming it now applies exactly what it shows.
    assert response.context["plan"].rows[0].action == "update"
    response = client.post(reverse("children:import_apply"), {"token": response.context["token"]})
    assert response.status_code == 302
    assert Child.objects.get(personal_id=PID).full_name == "Trẻ Mới"


def test_a_confirm_after_the_child_was_changed_since_the_preview_saves_nothing(client_for, user_named):
    children_import(user=user_named("vhxh"), data=xlsx([child_row(full_name="Trẻ Cũ", personal_id=PID)]))
    client = client_for("thon1")
    token = _preview(client, [child_row(full_name="Trẻ Cũ", personal_id=PID, address="Xóm Mới")])
    child = Child.objects.get(personal_id=PID)
    child.notes = "Sửa bởi người khác"
    child.save()
    response = client.post(reverse("children:import_apply"), {"token": token})
    assert response.status_code == 200 and "Không lưu gì" in response.content.decode()
    child.refresh_from_db()
    assert child.address != "Xóm Mới" and child.notes == "Sửa bởi người khác"


def test_a_change_between_planning_and_writing_is_caught_inside_the_transaction(user_named, monkeypatch):
    real_plan = imports.plan_import

    def plan_then_someone_registers(**kwargs):
        plan = real_plan(**kwargs)
        monkeypatch.setattr(imports, "plan_import", real_plan)  # the other user's import plans normally
        children_import(user=user_named("vhxh"), data=xlsx([child_row(full_name="Nhanh Tay", personal_id=PID)]))
        return plan

    monkeypatch.setattr(imports, "plan_import", plan_then_someone_registers)
    with pytest.raises(ImportStale) as stale:
        children_import(user=user_named("thon1"), data=xlsx([child_row(full_name="Chậm Chân", personal_id=PID)]))
    assert stale.value.rows == [2]
    assert list(Child.objects.filter(personal_id=PID).values_list("full_name", flat=True)) == ["Nhanh Tay"]


@pytest.mark.django_db(transaction=True)
def test_while_an_import_is_being_planned_other_users_browse_and_write(world, monkeypatch):
    other = Child.objects.filter(village__name="Thôn 2").first() or Child.objects.first()
    real_states = imports._child_states
    seen = {}

    def browse_meanwhile(ids):
        states = real_states(ids)
        if seen:  # the second call is the check inside the short write transaction
            return states
        # The planner has read the registry (outside any transaction); now it "takes long".

        def other_user():
            try:
                client = Client()
                client.force_login(User.objects.get(username="vhxh"))
                seen["page"] = client.get(reverse("children:list")).status_code
                if other is not None:
                    seen["write"] = Child.objects.filter(pk=other.pk).update(notes="Ghi chú mới")
            except Exception as exc:  # noqa: BLE001 - reported below
                seen["error"] = repr(exc)
            finally:
                from django.db import connection

                connection.close()

        thread = threading.Thread(target=other_user)
        thread.start()
        thread.join(30)
        return states

    monkeypatch.setattr(imports, "_child_states", browse_meanwhile)
    result = children_import(
        user=User.objects.get(username="thon1"), data=xlsx([child_row(full_name="Trẻ Dài")]), on=ON
    )
    assert "error" not in seen, seen
    assert seen["page"] == 200
    assert result.created == 1
