"""The registry list page: what it shows, pagination, and a query count independent of the page size."""

from datetime import date

from django.urls import reverse

from children.models import HealthInsurance
from children.services import circumstance_add, support_record
from tests.factories import make_child


def test_village_head_sees_only_their_village_in_the_list(kids, client_for):
    body = client_for("thon1").get(reverse("children:list")).content.decode()
    assert "Nguyễn Văn An" in body and "Hoàng Thị Bình" in body
    assert "Lương Thị Chi" not in body and "Đặng Văn Dũng" not in body
    assert "Đăng ký trẻ em" in body  # may register


def test_district_sees_every_commune_and_may_not_register(kids, client_for):
    body = client_for("huyen").get(reverse("children:list")).content.decode()
    assert {"Nguyễn Văn An", "Lương Thị Chi", "Đặng Văn Dũng"} <= {
        n for n in ["Nguyễn Văn An", "Lương Thị Chi", "Đặng Văn Dũng"] if n in body
    }
    assert "Đăng ký trẻ em" not in body
    assert 'name="commune"' in body  # several communes: the commune filter is offered


def test_list_search_is_accent_free(kids, client_for):
    body = client_for("vhxh").get(reverse("children:list"), {"q": "nguyen van an"}).content.decode()
    assert "Nguyễn Văn An" in body and "Hoàng Thị Bình" not in body
    assert "1 trẻ em" in body


def test_list_row_shows_circumstance_insurance_and_support(kids, client_for):
    circumstance_add(child=kids["an"], letter="a", start_date=date(2021, 1, 1))
    HealthInsurance.objects.create(
        child=kids["an"], card_number="TE1201234567890", valid_from=date(2020, 1, 1), valid_to=date(2099, 12, 31)
    )
    support_record(child=kids["an"], kind="gift", date=date.today(), source="fund", amount=100000)
    body = client_for("thon1").get(reverse("children:list"), {"q": "an"}).content.decode()
    row = body.split("Nguyễn Văn An", 1)[1].split("</tr>", 1)[0]
    assert ">a</span>" in row
    assert "còn hạn" in row
    assert "có" in row


def test_list_paginates_and_keeps_the_filter_in_page_links(world, client_for):
    village = world["villages"][3]
    for n in range(30):
        make_child(village=village, full_name=f"Vi Văn Phúc {n:02d}")
    client = client_for("vhxh")
    response = client.get(reverse("children:list"), {"q": "phuc", "per_page": 25})
    body = response.content.decode()
    assert "30 trẻ em" in body
    assert "?q=phuc&amp;per_page=25&amp;page=2" in body
    page2 = client.get(reverse("children:list"), {"q": "phuc", "per_page": 25, "page": 2})
    assert len(page2.context["page"].object_list) == 5


def _make_rows(village, count):
    for n in range(count):
        child = make_child(village=village, full_name=f"Nông Văn Tải {n:03d}")
        circumstance_add(child=child, letter="c", start_date=date(2021, 1, 1))
        HealthInsurance.objects.create(
            child=child, card_number=f"TE12{n:011d}", valid_from=date(2021, 1, 1), valid_to=date(2099, 1, 1)
        )


def test_list_query_count_does_not_grow_with_the_page_size(world, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    village = world["villages"][4]
    client = client_for("vhxh")
    _make_rows(village, 5)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("children:list"), {"village": village.pk}).status_code == 200
    _make_rows(village, 60)
    with CaptureQueriesContext(connection) as big:
        response = client.get(reverse("children:list"), {"village": village.pk, "per_page": 100})
    assert len(response.context["page"].object_list) == 65
    assert len(big) == len(small), [q["sql"] for q in big.captured_queries]


def test_list_counts_ages_and_support_on_the_day_asked(kids, client_for):
    support_record(child=kids["chi"], kind="gift", date=date(2022, 3, 1), source="fund", amount=100000)
    client = client_for("vhxh")
    response = client.get(reverse("children:list"), {"age": "0-5", "on": "01/06/2022"})
    assert [c.full_name for c in response.context["page"]] == ["Nguyễn Văn An", "Lương Thị Chi"]
    response = client.get(reverse("children:list"), {"supported": "yes", "on": "01/06/2022"})
    assert [c.full_name for c in response.context["page"]] == ["Lương Thị Chi"]
    row = response.content.decode().split("Lương Thị Chi", 1)[1].split("</tr>", 1)[0]
    assert '<td data-label="Tuổi">5</td>' in row  # her age on 01/06/2022
