"""The officers' lists: uninsured under-6s, circumstance without support this year, turning 16."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLog
from children.io.lists import turning_16, uninsured_under6, unsupported_with_circumstance
from children.models import HealthInsurance
from children.services import circumstance_add, support_record
from tests.factories import make_child

ON = date(2022, 6, 1)


@pytest.fixture
def kids(world):
    v1, v2 = world["villages"][0], world["villages"][1]
    make_child(village=v1, full_name="Chưa Có Thẻ", date_of_birth=date(2019, 5, 1))
    carded = make_child(village=v1, full_name="Có Thẻ", date_of_birth=date(2019, 5, 1))
    HealthInsurance.objects.create(
        child=carded, card_number="TE1202012345678", valid_from=date(2019, 5, 1), valid_to=date(2025, 4, 30)
    )
    expired = make_child(village=v2, full_name="Thẻ Hết Hạn", date_of_birth=date(2018, 1, 1))
    HealthInsurance.objects.create(
        child=expired, card_number="TE1202012345679", valid_from=date(2018, 1, 1), valid_to=date(2021, 12, 31)
    )
    make_child(village=v1, full_name="Đã Sáu Tuổi", date_of_birth=date(2016, 5, 31))
    helped = make_child(village=v1, full_name="Được Hỗ Trợ", date_of_birth=date(2012, 1, 1))
    circumstance_add(child=helped, letter="d", start_date=date(2020, 1, 1))
    support_record(child=helped, kind="gift", date=date(2022, 2, 1), source="fund", amount=300_000)
    waiting = make_child(village=v1, full_name="Chưa Hỗ Trợ", date_of_birth=date(2012, 1, 1))
    circumstance_add(child=waiting, letter="a", start_date=date(2021, 1, 1))
    support_record(child=waiting, kind="gift", date=date(2021, 9, 1), source="fund", amount=300_000)  # last year
    ended = make_child(village=v1, full_name="Hết Hoàn Cảnh", date_of_birth=date(2012, 1, 1))
    circumstance_add(child=ended, letter="a", start_date=date(2020, 1, 1), end_date=date(2021, 12, 31))
    make_child(village=v1, full_name="Tròn Mười Sáu", date_of_birth=date(2006, 11, 20))
    make_child(village=v1, full_name="Mười Lăm", date_of_birth=date(2007, 1, 1))
    make_child(village=world["village2"], full_name="Xã Khác", date_of_birth=date(2019, 5, 1))
    return world


def names(qs):
    return {c.full_name for c in qs}


def test_uninsured_under_sixes(kids, user_named):
    assert names(uninsured_under6(user_named("vhxh"), on=ON)) == {"Chưa Có Thẻ", "Thẻ Hết Hạn"}
    assert names(uninsured_under6(user_named("thon1"), on=ON)) == {"Chưa Có Thẻ"}
    assert names(uninsured_under6(user_named("vhxh2"), on=ON)) == {"Xã Khác"}


def test_circumstance_without_support_this_year(kids, user_named):
    assert names(unsupported_with_circumstance(user_named("vhxh"), on=ON)) == {"Chưa Hỗ Trợ"}


def test_turning_16_this_year(kids, user_named):
    assert names(turning_16(user_named("vhxh"), year=2022)) == {"Tròn Mười Sáu"}
    assert names(turning_16(user_named("vhxh"), year=2023)) == {"Mười Lăm"}


def test_list_page_shows_the_list_for_the_chosen_day(kids, client_for):
    response = client_for("vhxh").get(reverse("children:list_uninsured"), {"on": "01/06/2022"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chưa Có Thẻ" in body and "Thẻ Hết Hạn" in body and ">Có Thẻ</a>" not in body
    assert reverse("children:list_uninsured_export") in body


def test_lists_index_counts_each_list(kids, client_for):
    response = client_for("vhxh").get(reverse("children:lists"), {"on": "01/06/2022"})
    assert response.status_code == 200
    assert [count for _item, count in response.context["lists"]] == [2, 1, 1, 0]  # no required consent missing


@pytest.mark.parametrize(("username", "status"), [("yte", 200), ("truong", 200), ("ketoan", 403), ("congan", 403)])
def test_list_pages_need_registry_view(kids, client_for, username, status):
    assert client_for(username).get(reverse("children:list_turning16")).status_code == status


def test_school_sees_the_list_but_may_not_export_it(kids, client_for):
    body = client_for("truong").get(reverse("children:list_uninsured")).content.decode()
    assert reverse("children:list_uninsured_export") not in body
    assert client_for("truong").get(reverse("children:list_uninsured_export")).status_code == 403


def test_list_export_is_an_xlsx_and_is_logged(kids, client_for, user_named):
    response = client_for("yte").get(reverse("children:list_uninsured_export"), {"on": "01/06/2022"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    log = AccessLog.objects.get()
    assert (log.user, log.what, log.row_count, log.filters) == (
        user_named("yte"),
        "children.list.uninsured",
        2,
        {"on": "2022-06-01"},
    )


@pytest.mark.parametrize("slug", ["uninsured", "unsupported", "turning16"])
def test_list_page_query_count_does_not_grow_with_rows(world, client_for, slug, django_assert_num_queries):
    client = client_for("vhxh")
    village = world["villages"][0]
    dob = {"uninsured": date(2019, 5, 1), "unsupported": date(2012, 1, 1), "turning16": date(2006, 3, 1)}[slug]

    def add(n):
        for i in range(n):
            child = make_child(village=village, full_name=f"Trẻ {slug} {i}", date_of_birth=dob)
            if slug == "unsupported":
                circumstance_add(child=child, letter="d", start_date=date(2020, 1, 1))

    add(2)
    url = reverse(f"children:list_{slug}")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"on": "01/06/2022"}).status_code == 200
    add(25)
    with django_assert_num_queries(len(few)):
        response = client.get(url, {"on": "01/06/2022"})
    assert response.context["page"].paginator.count == 27
    assert len(few) <= 10
