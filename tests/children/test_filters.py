"""filter_children: the one function behind the list and the Excel export."""

import unicodedata
from datetime import date

import pytest
from django.utils import timezone

from children.filters import filter_children
from children.models import Disability, HealthInsurance
from children.services import circumstance_add, support_record
from tests.factories import make_child

ON = date(2022, 6, 1)


def names(qs):
    return [c.full_name for c in qs]


@pytest.mark.parametrize(
    "typed",
    [
        "nguyen van an",
        "Nguyễn Văn An",
        unicodedata.normalize("NFD", "Nguyễn Văn An"),
        unicodedata.normalize("NFD", "nguyễn văn an").upper(),
        "  NGUYEN   van  ",
    ],
)
def test_search_ignores_accents_case_spacing_and_unicode_form(typed, kids, user_named):
    _form, qs = filter_children(user_named("vhxh"), {"q": typed}, on=ON)
    assert names(qs) == ["Nguyễn Văn An"]


def test_search_matches_the_letter_d_with_stroke(kids, user_named):
    _form, qs = filter_children(user_named("huyen"), {"q": "dang van dung"}, on=ON)
    assert names(qs) == ["Đặng Văn Dũng"]


def test_search_by_personal_id_prefix(world, user_named):
    make_child(village=world["villages"][0], full_name="Vi Văn Khánh", personal_id="020219001234")
    _form, qs = filter_children(user_named("thon1"), {"q": "0202190"}, on=ON)
    assert names(qs) == ["Vi Văn Khánh"]


def test_filter_never_widens_the_scope(kids, user_named, world):
    # thon1 asks for Thôn 2 by id: the value is not among their choices, so it is ignored and
    # they still see only their own village.
    form, qs = filter_children(user_named("thon1"), {"village": world["villages"][1].pk}, on=ON)
    assert "village" in form.errors
    assert set(names(qs)) == {"Nguyễn Văn An", "Hoàng Thị Bình"}


def test_scope_per_persona(kids, user_named):
    def visible(username):
        return set(names(filter_children(user_named(username), {}, on=ON)[1]))

    assert visible("thon1") == {"Nguyễn Văn An", "Hoàng Thị Bình"}
    assert visible("thon2") == {"Lương Thị Chi"}
    assert visible("vhxh") == {"Nguyễn Văn An", "Hoàng Thị Bình", "Lương Thị Chi"}
    assert visible("huyen") == {"Nguyễn Văn An", "Hoàng Thị Bình", "Lương Thị Chi", "Đặng Văn Dũng"}
    assert visible("vhxh2") == {"Đặng Văn Dũng"}
    assert visible("ketoan") == set()


def test_vietnamese_alphabetical_order_by_given_name(world, user_named):
    village = world["villages"][2]
    for name in ["Lý Văn Đức", "Hoàng Ánh", "Nông Thị Yến", "Vi Văn Dũng", "Lò Thị An", "Hà Văn Ân", "Chu Thị Ăn"]:
        make_child(village=village, full_name=name)
    _form, qs = filter_children(user_named("vhxh"), {"village": village.pk}, on=ON)
    # Given name first, letter by letter (a < ă < â, d < đ: "Ánh" = a-n-h comes before "Ăn");
    # the tones count only between names with the same letters.
    assert names(qs) == [
        "Lò Thị An",
        "Hoàng Ánh",
        "Chu Thị Ăn",
        "Hà Văn Ân",
        "Vi Văn Dũng",
        "Lý Văn Đức",
        "Nông Thị Yến",
    ]
    _form, qs = filter_children(user_named("vhxh"), {"village": village.pk, "sort": "-name"}, on=ON)
    assert names(qs)[0] == "Nông Thị Yến"


def test_age_bands_are_computed_on_the_day_asked(kids, user_named):
    vhxh = user_named("vhxh")
    assert names(filter_children(vhxh, {"age": "0-5"}, on=ON)[1]) == ["Nguyễn Văn An", "Lương Thị Chi"]
    assert names(filter_children(vhxh, {"age": "6-10"}, on=ON)[1]) == ["Hoàng Thị Bình"]
    assert names(filter_children(vhxh, {"age": "0-5"}, on=date(2022, 9, 9))[1]) == ["Nguyễn Văn An"]
    assert names(filter_children(vhxh, {"age": "11-15"}, on=date(2023, 1, 20))[1]) == ["Hoàng Thị Bình"]
    assert names(filter_children(vhxh, {"age": "6-10"}, on=date(2023, 1, 19))[1]) == ["Hoàng Thị Bình", "Lương Thị Chi"]
    assert names(filter_children(vhxh, {"archived": "over16"}, on=date(2028, 1, 20))[1]) == ["Hoàng Thị Bình"]


def test_group_filter_counts_only_current_circumstances(kids, user_named):
    circumstance_add(child=kids["an"], letter="a", start_date=date(2021, 1, 1))
    circumstance_add(child=kids["chi"], letter="a", start_date=date(2020, 1, 1), end_date=date(2021, 12, 31))
    circumstance_add(child=kids["chi"], letter="d", start_date=date(2020, 1, 1))
    vhxh = user_named("vhxh")
    assert names(filter_children(vhxh, {"group": "a"}, on=ON)[1]) == ["Nguyễn Văn An"]
    assert names(filter_children(vhxh, {"group": "d"}, on=ON)[1]) == ["Lương Thị Chi"]


def test_sex_ethnicity_disability_insurance_supported_filters(kids, user_named):
    from children.models import Ethnicity

    vhxh = user_named("vhxh")
    Disability.objects.create(child=kids["chi"], type="vision", level="mild")
    HealthInsurance.objects.create(
        child=kids["an"], card_number="TE1201234567890", valid_from=date(2022, 1, 1), valid_to=date(2022, 12, 31)
    )
    support_record(child=kids["binh"], kind="gift", date=date(2022, 2, 1), source="fund", amount=200000)
    support_record(child=kids["chi"], kind="gift", date=date(2021, 2, 1), source="fund", amount=200000)
    assert names(filter_children(vhxh, {"sex": "M"}, on=ON)[1]) == ["Nguyễn Văn An"]
    nung = Ethnicity.objects.get(code="07")
    assert names(filter_children(vhxh, {"ethnicity": nung.pk}, on=ON)[1]) == ["Lương Thị Chi"]
    assert names(filter_children(vhxh, {"disability": "yes"}, on=ON)[1]) == ["Lương Thị Chi"]
    assert names(filter_children(vhxh, {"disability": "vision"}, on=ON)[1]) == ["Lương Thị Chi"]
    assert names(filter_children(vhxh, {"disability": "mobility"}, on=ON)[1]) == []
    assert len(filter_children(vhxh, {"disability": "no"}, on=ON)[1]) == 2
    assert names(filter_children(vhxh, {"insurance": "valid"}, on=ON)[1]) == ["Nguyễn Văn An"]
    assert names(filter_children(vhxh, {"insurance": "valid"}, on=date(2023, 1, 1))[1]) == []
    assert "Nguyễn Văn An" not in names(filter_children(vhxh, {"insurance": "none"}, on=ON)[1])
    assert names(filter_children(vhxh, {"supported": "yes"}, on=ON)[1]) == ["Hoàng Thị Bình"]
    assert set(names(filter_children(vhxh, {"supported": "no"}, on=ON)[1])) == {"Nguyễn Văn An", "Lương Thị Chi"}


def test_archived_records_leave_the_list_unless_asked(kids, user_named):
    from children.services import child_archive

    vhxh = user_named("vhxh")
    child_archive(child=kids["binh"], user=vhxh, reason="Chuyển đi nơi khác")
    today = timezone.localdate()
    assert "Hoàng Thị Bình" not in names(filter_children(vhxh, {}, on=today)[1])
    # the days before the archiving still count her
    assert "Hoàng Thị Bình" in names(filter_children(vhxh, {}, on=ON)[1])
    assert names(filter_children(vhxh, {"archived": "archived"}, on=today)[1]) == ["Hoàng Thị Bình"]
    assert len(filter_children(vhxh, {"archived": "all"}, on=today)[1]) == 3


def test_filters_combine_and_accept_a_querydict(kids, user_named, world):
    from django.http import QueryDict

    params = QueryDict(f"q=an&village={world['villages'][0].pk}&sex=M&age=0-5")
    _form, qs = filter_children(user_named("vhxh"), params, on=ON)
    assert names(qs) == ["Nguyễn Văn An"]
