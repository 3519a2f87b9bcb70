"""The one-page profile: what it shows, and the case badge only for those who may see case files."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from children.models import HealthInsurance
from children.services import circumstance_add, guardian_save, support_record


def test_profile_shows_identity_guardians_circumstances_and_support(kids, client_for):
    child = kids["an"]
    guardian_save(
        child=child, user=None, full_name="Nguyễn Văn Bố", relation="father", phone="0912345678", is_primary=True
    )
    circumstance_add(child=child, letter="c", start_date=date(2021, 1, 1), subgroup="Cha mẹ đi làm xa")
    support_record(child=child, kind="gift", date=date(2022, 6, 1), source="fund", amount=500000)
    body = client_for("thon1").get(reverse("children:detail", args=[child.pk])).content.decode()
    for text in [
        "Nguyễn Văn An",
        "02/05/2019",
        "Tày (02)",
        "Nguyễn Văn Bố",
        'href="tel:0912345678"',
        "Trẻ em không nơi nương tựa",
        "Cha mẹ đi làm xa",
        "500.000 đ",
        "Quỹ Bảo trợ trẻ em",
    ]:
        assert text in body, text


def test_profile_warns_about_an_under_6_without_a_valid_card(world, client_for):
    from tests.factories import make_child

    today = timezone.localdate()
    child = make_child(village=world["villages"][0], date_of_birth=date(today.year - 2, 1, 1))
    url = reverse("children:detail", args=[child.pk])
    client = client_for("yte")
    assert "Dưới 6 tuổi chưa có thẻ BHYT còn hạn" in client.get(url).content.decode()
    HealthInsurance.objects.create(
        child=child,
        card_number="TE1201234567890",
        valid_from=date(today.year - 1, 1, 1),
        valid_to=date(today.year + 1, 1, 1),
    )
    body = client.get(url).content.decode()
    assert "Dưới 6 tuổi chưa có thẻ BHYT còn hạn" not in body
    assert "Thêm thẻ BHYT" in body and "Thêm hoàn cảnh đặc biệt" not in body


def test_read_only_personas_see_no_edit_buttons(kids, client_for):
    body = client_for("huyen").get(reverse("children:detail", args=[kids["an"].pk])).content.decode()
    assert reverse("children:edit", args=[kids["an"].pk]) not in body
    assert "Thêm" not in body.split("<main", 1)[1]


@pytest.fixture
def case_for_an(kids, user_named):
    from children.cases.models import Case

    case = Case.objects.create(
        commune=kids["an"].village.parent,
        village=kids["an"].village,
        kind=Case._meta.get_field("kind").choices[0][0],
        place="home",
        reported_at=timezone.now(),
        source="village",
        alleged_relation="unknown",
        summary="Thử nghiệm",
        level="prevention",
        officer=user_named("vhxh"),
    )
    case.children.add(kids["an"])
    return case


@pytest.mark.parametrize(("username", "badge"), [("vhxh", True), ("chutich", True), ("thon1", False), ("yte", False)])
def test_case_badge_only_for_case_readers(username, badge, case_for_an, kids, client_for):
    body = client_for(username).get(reverse("children:detail", args=[kids["an"].pk])).content.decode()
    assert ("Có hồ sơ bảo vệ trẻ em" in body) is badge
