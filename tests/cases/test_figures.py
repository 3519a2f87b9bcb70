"""``case_figures`` against a hand-counted fixture.

Y Tịch, first half of 2022 (all children in Thôn 1 unless said otherwise):

| case | reported | kind | children (sex, age at report) | initial assessment | plan | closed |
|---|---|---|---|---|---|---|
| A | 07/03 08:00 | violence | Mai (F, 9), Lan (F, 4) | after 3 h | submitted 10/03, approved 14/03 (due 21/03): in time | 25/04 |
| B | 24/01 20:00 | exploitation | Tú (M, 14) | after 13 h | submitted 28/01, due 15/02 (Tết), approved 16/02: late | — |
| C | 01/06 09:00, Thôn 2 | exploitation | Tú (M, 14) again | after 12 h exactly | none | — |
| D | 20/06 09:00 | drowning | Bảo (M, 11) | none | none | — |
| E | 02/07 09:00 | violence | — outside the period — | | | |
| F | 05/03 09:00, Hòa Bình | violence | another commune | | | |
| G | 10/12/2021, closed 02/03/2022 | neglect | opened before, closed inside | | | 02/03 |
"""

from datetime import date

import pytest
from django.utils import timezone

from children.cases import services
from children.cases.figures import case_figures
from children.cases.models import Case
from tests.factories import make_child

from .conftest import at

pytestmark = pytest.mark.django_db
H = timezone.timedelta


@pytest.fixture
def fixture_cases(world, open_case, advance, people):
    v1, v2 = world["villages"][0], world["villages"][1]
    mai = make_child(village=v1, full_name="Mai", sex="F", date_of_birth=date(2012, 5, 1))
    lan = make_child(village=v1, full_name="Lan", sex="F", date_of_birth=date(2017, 6, 1))
    tu = make_child(village=v1, full_name="Tú", sex="M", date_of_birth=date(2007, 4, 1))
    bao = make_child(village=v1, full_name="Bảo", sex="M", date_of_birth=date(2011, 1, 1))
    a = open_case(children=[mai, lan], reported_at=at(2022, 3, 7, 8), village=v1)
    advance(a, to="approve", hours_to_assess=3, submit_at=at(2022, 3, 10, 9), approve_at=at(2022, 3, 14, 9))
    services.case_review(user=people["vhxh"], case=a, outcome="ready", note="Ổn định.", at=at(2022, 4, 20))
    services.case_close(user=people["vhxh"], case=a, reason="safe", note="Kết thúc.", at=at(2022, 4, 25))
    b = open_case(children=[tu], reported_at=at(2022, 1, 24, 20), kind=Case.Kind.EXPLOITATION, village=v1)
    advance(b, to="approve", hours_to_assess=13, submit_at=at(2022, 1, 28, 9), approve_at=at(2022, 2, 16, 9))
    c = open_case(children=[tu], reported_at=at(2022, 6, 1, 9), kind=Case.Kind.EXPLOITATION, village=v2)
    advance(c, to="initial", hours_to_assess=12)
    open_case(children=[bao], reported_at=at(2022, 6, 20, 9), kind=Case.Kind.DROWNING, village=v1)
    open_case(reported_at=at(2022, 7, 2, 9), village=v1)
    open_case(
        commune=world["commune2"],
        children=[make_child(village=world["village2"])],
        reported_at=at(2022, 3, 5, 9),
        user=people["vhxh2"],
        officer=people["vhxh2"],
    )
    g = open_case(reported_at=at(2021, 12, 10, 9), kind=Case.Kind.NEGLECT, village=v1)
    services.case_verify(user=people["vhxh"], case=g, confirmed=False, at=at(2021, 12, 10, 10))
    services.case_close(user=people["vhxh"], case=g, reason="not_confirmed", note="x", at=at(2022, 3, 2))
    return {"a": a, "b": b, "c": c}


def test_commune_figures_for_the_first_half_of_2022(world, fixture_cases):
    f = case_figures(area=world["commune"], start=date(2022, 1, 1), end=date(2022, 6, 30))
    assert f.opened == 4
    assert f.opened_by_kind == {
        "violence": 1, "sexual_abuse": 0, "exploitation": 2, "trafficking": 0,
        "neglect": 0, "accident": 0, "drowning": 1, "other": 0,
    }  # fmt: skip
    assert f.children == 4  # Tú counts once
    assert f.children_by_sex == {"M": 2, "F": 2}
    assert f.children_by_age_group == {"0-5": 1, "6-10": 1, "11-15": 2, "16+": 0}
    assert f.children_by_kind["exploitation"] == 1 and f.children_by_kind["violence"] == 2
    assert f.assessed_within_12h == 2  # A (3 h) and C (exactly 12 h); B took 13 h, D none
    assert f.share_assessed_within_12h == 0.5
    assert f.with_approved_plan == 2
    assert f.plan_approved_in_time == 1  # A; B approved 16/02 after its Tết-extended due date 15/02
    assert f.share_plan_in_time == 0.25
    assert (f.exploitation_opened, f.exploitation_with_plan) == (2, 1)
    assert f.closed == 2  # A on 25/04 and G (opened 2021) on 02/03
    assert f.open_at_end == 3  # B, C, D
    assert (f.accidents, f.drownings) == (0, 1)


def test_village_figures_count_only_that_village(world, fixture_cases):
    f = case_figures(area=world["villages"][1], start=date(2022, 1, 1), end=date(2022, 6, 30))
    assert f.opened == 1 and f.opened_by_kind["exploitation"] == 1 and f.children == 1
    assert f.closed == 0


def test_district_figures_sum_its_communes(world, fixture_cases):
    f = case_figures(area=world["district"], start=date(2022, 1, 1), end=date(2022, 6, 30))
    assert f.opened == 5  # 4 in Y Tịch + 1 in Hòa Bình
    assert f.opened_by_kind["violence"] == 2


def test_period_bounds_are_local_dates(world, fixture_cases):
    # Case D was reported 20/06 09:00 local time: in a period ending that day, not in one ending the day before.
    assert case_figures(area=world["commune"], start=date(2022, 6, 20), end=date(2022, 6, 20)).opened == 1
    assert case_figures(area=world["commune"], start=date(2022, 6, 1), end=date(2022, 6, 19)).opened == 1  # C


def test_no_cases_gives_zeros_and_no_shares(world):
    f = case_figures(area=world["commune"], start=date(2022, 1, 1), end=date(2022, 12, 31))
    assert f.opened == 0 and f.share_assessed_within_12h is None and f.share_plan_in_time is None
    assert set(f.opened_by_kind) == {k.value for k in Case.Kind}


def test_figures_take_a_fixed_number_of_queries(world, fixture_cases, django_assert_num_queries):
    with django_assert_num_queries(5):
        case_figures(area=world["commune"], start=date(2022, 1, 1), end=date(2022, 12, 31))
