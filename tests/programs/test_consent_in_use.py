"""Where a purpose is used, a child without its basis is refused, naming the child: the Children's Forum
roster and the children photographed at an event (consent recorded in the registry)."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from children.privacy.services import consent_withdraw
from programs import services
from programs.models import Event, Forum, GiftList, PhotographedChild
from tests.factories import consent_to, make_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_kids(world):
    kids = [make_child(village=world["villages"][n % 2], date_of_birth=date(2010, 3, 1 + n)) for n in range(31)]
    for child in kids[:30]:
        consent_to(child, "forum", on=date(2022, 7, 1))
    return kids


def forum(plan, vhxh, children):
    return services.forum_create(plan=plan, user=vhxh, date=date(2022, 7, 20), topic="Phòng chống đuối nước",
                                 children=children, minders=7, volunteers=3, guests=10, consent_on=date(2022, 7, 1))  # fmt: skip


def test_the_forum_refuses_a_child_without_consent_and_names_the_child(plan, vhxh, forum_kids):
    missing = forum_kids[30]
    with pytest.raises(ValidationError) as refused:
        forum(plan, vhxh, forum_kids)
    assert refused.value.messages == [
        f"{missing.full_name}: chưa có sự đồng ý của người đại diện theo pháp luật cho “Tham gia Diễn đàn trẻ em”."
    ]
    assert not Forum.objects.exists()
    assert forum(plan, vhxh, forum_kids[:30]).participants.count() == 30


def test_the_forum_refuses_a_withdrawn_consent_and_a_child_of_seven_who_did_not_agree(plan, vhxh, forum_kids, world):
    withdrawn = forum_kids[0].consents.get()
    consent_withdraw(consent=withdrawn, withdrawn_on=date(2022, 7, 15), note="Bố rút lại", user=vhxh)
    seven = make_child(village=world["villages"][0], date_of_birth=date(2015, 1, 1))
    with pytest.raises(ValidationError):
        consent_to(seven, "forum", on=date(2022, 7, 1), agreed=False)  # refused when recorded, too
    with pytest.raises(ValidationError) as refused:
        forum(plan, vhxh, forum_kids[:30] + [seven])
    text = " ".join(refused.value.messages)
    assert (
        f"{forum_kids[0].full_name}: sự đồng ý cho “Tham gia Diễn đàn trẻ em” đã được rút lại ngày 15/07/2022" in text
    )
    assert f"{seven.full_name}: chưa có sự đồng ý" in text


@pytest.fixture
def mid_autumn(plan, vhxh, world):
    event = services.event_save(
        event=Event(plan=plan, kind=Event.Kind.MID_AUTUMN, title="Trung thu 2022", date=date(2022, 9, 10)), user=vhxh
    )
    gifts = services.gift_list_save(gift_list=GiftList(event=event, title="Quà Trung thu"), user=vhxh)
    kids = [make_child(village=world["villages"][0], full_name=name, date_of_birth=date(2013, 1, 1))
            for name in ("Hoàng Văn Đồng Ý", "Nông Thị Rút Lại", "Lục Văn Chưa Có")]  # fmt: skip
    services.gift_recipients_add(gift_list=gifts, children=kids, gift="Bánh", value=50_000, user=vhxh)
    consent_to(kids[0], "event_photos", on=date(2022, 9, 1))
    withdrawn = consent_to(kids[1], "event_photos", on=date(2022, 5, 1))
    consent_withdraw(consent=withdrawn, withdrawn_on=date(2022, 9, 5), note="Mẹ rút lại", user=vhxh)
    return event, kids


def test_the_event_page_marks_the_children_without_consent_to_photographs(mid_autumn, client_for):
    event, kids = mid_autumn
    page = client_for("vhxh").get(reverse("programs:event_detail", args=[event.pk])).content.decode()
    assert re.search(r"Hoàng Văn Đồng Ý — Thôn 1\s*</label>", page)
    assert "Nông Thị Rút Lại — Thôn 1 (chưa đồng ý chụp ảnh)" in page
    assert "Lục Văn Chưa Có — Thôn 1 (chưa đồng ý chụp ảnh)" in page


def test_photographs_of_a_child_without_consent_are_refused_as_a_whole_naming_each_child(mid_autumn, client_for):
    event, kids = mid_autumn
    url = reverse("programs:event_photographed_add", args=[event.pk])
    response = client_for("vhxh").post(url, {"children": [k.pk for k in kids]}, follow=True)
    body = response.content.decode()
    assert (
        "Nông Thị Rút Lại: sự đồng ý cho “Chụp ảnh trẻ em tại sự kiện, hoạt động” đã được rút lại ngày 05/09/2022"
        in body
    )
    assert "Lục Văn Chưa Có: chưa có sự đồng ý" in body
    assert not PhotographedChild.objects.exists()
    client_for("vhxh").post(url, {"children": [kids[0].pk]})
    assert list(PhotographedChild.objects.values_list("child__full_name", flat=True)) == ["Hoàng Văn Đồng Ý"]
    assert PhotographedChild.objects.get().history.get().history_user.username == "vhxh"


def test_only_plan_editors_record_photographs_and_others_see_only_children_in_their_scope(mid_autumn, client_for):
    event, kids = mid_autumn
    services.event_photographed_add(event=event, children=[kids[0]], user=None)
    url = reverse("programs:event_photographed_add", args=[event.pk])
    assert client_for("thon1").post(url, {"children": [kids[0].pk]}).status_code == 403
    assert client_for("vhxh2").post(url, {"children": [kids[0].pk]}).status_code == 404
    assert (
        "Hoàng Văn Đồng Ý"
        in client_for("thon1").get(reverse("programs:event_detail", args=[event.pk])).content.decode()
    )
    hidden = client_for("doanxa").get(reverse("programs:event_detail", args=[event.pk])).content.decode()
    assert "Hoàng Văn Đồng Ý" not in hidden and "1 trẻ em bạn không được xem" in hidden
    photo = PhotographedChild.objects.get()
    remove = reverse("programs:event_photographed_remove", args=[event.pk, photo.pk])
    assert client_for("thon1").post(remove).status_code == 403
    assert client_for("vhxh").post(remove).status_code == 302 and not PhotographedChild.objects.exists()
