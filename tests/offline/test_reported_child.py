"""A village head's new child is a draft the commune officer confirms (registering the child) or
rejects with a reason — online and from the phone's offline sync; scoped like the registry."""

import json
import uuid

import pytest
from django.urls import reverse

from children.models import Child, ReportedChild
from tests.children.test_register import form_data
from tests.factories import make_child

URL = "/children/new/"


def report(world, client_for, **over) -> ReportedChild:
    response = client_for("thon1").post(URL, form_data(world, **over))
    draft = ReportedChild.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("children:reported_detail", args=[draft.pk])
    return draft


def sync(client, draft_uuid, data):
    body = {"uuid": draft_uuid, "kind": "child", "payload": {"url": URL, "data": data}}
    return client.post("/offline/sync/", json.dumps(body), content_type="application/json").json()


def test_the_heads_registration_online_is_a_waiting_draft_and_no_child(world, client_for, user_named):
    draft = report(world, client_for, notes="Bố mẹ đi làm xa")
    assert not Child.objects.exists()
    assert draft.status == ReportedChild.Status.WAITING
    assert (draft.full_name, draft.sex, str(draft.date_of_birth)) == ("Lò Văn Mới", "M", "2020-03-14")
    assert (draft.village, draft.carer_name, draft.carer_phone) == (world["villages"][0], "Lò Văn Bố", "0912 345 678")
    assert draft.note == "Bố mẹ đi làm xa" and draft.reported_by == user_named("thon1")
    assert draft.history.first().history_user == user_named("thon1")
    # the head sees it with its status on their page
    body = client_for("thon1").get(reverse("children:reported_list")).content.decode()
    assert "Lò Văn Mới" in body and "1 đang chờ" in body


def test_the_heads_offline_registration_is_a_draft_once_per_uuid(world, client_for):
    client = client_for("thon1")
    draft_uuid = str(uuid.uuid4())
    first = sync(client, draft_uuid, form_data(world))
    assert first["outcome"] == "done" and "xác nhận" in first["message"]
    again = sync(client, draft_uuid, form_data(world))
    assert again == {**first, "repeated": True}
    assert ReportedChild.objects.count() == 1 and not Child.objects.exists()
    assert first["url"] == reverse("children:reported_detail", args=[ReportedChild.objects.get().pk])
    # never into another village
    other = sync(client, str(uuid.uuid4()), form_data(world, full_name="Lò Thị Khác", village=world["villages"][1].pk))
    assert other["outcome"] == "refused" and ReportedChild.objects.count() == 1


def test_the_officer_confirms_one_child_from_the_prefilled_form(world, client_for, user_named):
    draft = report(world, client_for)
    officer = client_for("vhxh")
    home = officer.get("/").content.decode()
    assert "1 trẻ em do thôn báo đang chờ bạn xác nhận" in home
    form = officer.get(reverse("children:reported_confirm", args=[draft.pk]))
    assert form.context["form"].initial["full_name"] == "Lò Văn Mới"
    assert form.context["form"].initial["guardian_name"] == "Lò Văn Bố"
    response = officer.post(reverse("children:reported_confirm", args=[draft.pk]), form_data(world))
    child = Child.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("children:detail", args=[child.pk])
    draft.refresh_from_db()
    assert draft.status == ReportedChild.Status.CONFIRMED and draft.child == child
    assert draft.decided_by == user_named("vhxh") and draft.decided_at is not None
    assert child.created_by == user_named("vhxh") and child.guardians.count() == 1
    # decided: no second child from the same draft
    again = officer.post(reverse("children:reported_confirm", args=[draft.pk]), form_data(world))
    assert again.status_code == 404 and Child.objects.count() == 1


def test_confirming_a_possible_duplicate_shows_it_and_keeps_the_draft_waiting(world, client_for):
    existing = make_child(village=world["villages"][0], full_name="Lò Văn Mới")
    existing.date_of_birth = existing.date_of_birth.replace(year=2020, month=3, day=14)
    existing.save()
    draft = report(world, client_for)
    response = client_for("vhxh").post(reverse("children:reported_confirm", args=[draft.pk]), form_data(world))
    assert response.status_code == 200
    assert reverse("children:detail", args=[existing.pk]) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportedChild.Status.WAITING and Child.objects.count() == 1


def test_the_officer_rejects_with_a_reason_the_head_reads(world, client_for, user_named):
    draft = report(world, client_for)
    officer = client_for("vhxh")
    url = reverse("children:reported_reject", args=[draft.pk])
    assert "reason" in officer.post(url, {"reason": " "}).context["form"].errors
    response = officer.post(url, {"reason": "Đã có trong sổ (Lò Văn Mới, Thôn 1)"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ReportedChild.Status.REJECTED and draft.decided_by == user_named("vhxh")
    assert not Child.objects.exists()
    body = client_for("thon1").get(reverse("children:reported_detail", args=[draft.pk])).content.decode()
    assert "Đã có trong sổ" in body


@pytest.mark.parametrize("username", ["vhxh2", "thon2"])
def test_outsiders_get_404(world, client_for, username):
    draft = report(world, client_for)
    client = client_for(username)
    for name in ("children:reported_detail", "children:reported_confirm", "children:reported_reject"):
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404, name
    assert client.post(reverse("children:reported_reject", args=[draft.pk]), {"reason": "x"}).status_code == 404
    assert "Lò Văn Mới" not in client.get(reverse("children:reported_list")).content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportedChild.Status.WAITING


def test_the_head_cannot_confirm_their_own_report(world, client_for):
    draft = report(world, client_for)
    head = client_for("thon1")
    assert head.post(reverse("children:reported_confirm", args=[draft.pk]), form_data(world)).status_code == 404
    assert not Child.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_heads_reported_children_fit_a_phone(world, client_for, login_in_browser, live_server):
    draft = report(world, client_for, notes="Gia đình mới chuyển đến, bố mẹ đi làm ăn xa ở Bắc Ninh")
    client_for("vhxh").post(
        reverse("children:reported_reject", args=[draft.pk]),
        {"reason": "Đã có trong sổ đăng ký của xã với tên Lò Văn Mới, sinh ngày 14/03/2020, Thôn 1"},
    )
    page = login_in_browser("thon1")
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (reverse("children:reported_list"), reverse("children:reported_detail", args=[draft.pk])):
        page.goto(f"{live_server.url}{url}")
        assert page.get_by_text("Đã có trong sổ").first.is_visible()
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, url
