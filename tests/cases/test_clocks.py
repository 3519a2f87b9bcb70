"""The two clocks: 12 hours for the initial assessment (wall clock) and 7 working days for the
chairman's approval (weekends, national and commune holidays skipped), checked against the
calendar by hand."""

from datetime import date

import pytest

from children.cases import clocks
from children.cases.models import Holiday

from .conftest import at

pytestmark = pytest.mark.django_db


def test_initial_assessment_is_due_twelve_hours_after_the_report_even_over_a_weekend():
    # Friday 21:15 → Saturday 09:15: nights and weekends count.
    assert clocks.initial_assessment_due(at(2022, 6, 10, 21, 15)) == at(2022, 6, 11, 9, 15)


def test_national_holidays_2022_to_2027_are_loaded_by_the_migration():
    national = Holiday.objects.filter(commune__isnull=True)
    years = {d.year for d in national.values_list("date", flat=True)}
    assert {2022, 2023, 2024, 2025, 2026, 2027} <= years
    days = set(national.values_list("date", flat=True))
    # Tết Nhâm Dần (mùng 1 = 1/2/2022), Hùng Kings' day (10/4/2022, day off in lieu 11/4), 30/4, 1/5, 2/9.
    assert {date(2022, 1, 31), date(2022, 2, 1), date(2022, 2, 4), date(2022, 4, 11)} <= days
    assert {date(2022, 4, 30), date(2022, 5, 1), date(2022, 5, 2), date(2022, 5, 3), date(2022, 9, 1)} <= days
    assert {date(2023, 1, 23), date(2024, 2, 12), date(2025, 1, 29), date(2026, 2, 17), date(2027, 4, 16)} <= days


def test_seven_working_days_in_an_ordinary_week_skip_the_weekend():
    # Submitted Monday 7/3/2022: Tue 8 … Fri 11 (4), Mon 14 … Wed 16 (7).
    assert clocks.plan_approval_due(at(2022, 3, 7, 10)) == date(2022, 3, 16)


def test_submission_on_a_friday_evening_counts_from_the_next_monday():
    assert clocks.plan_approval_due(at(2022, 3, 11, 22)) == date(2022, 3, 22)


def test_tet_2022_stops_the_clock():
    # Submitted Friday 28/1/2022; Tết off 29/1–6/2. Working days: 7, 8, 9, 10, 11, 14, 15 February.
    assert clocks.plan_approval_due(at(2022, 1, 28, 9)) == date(2022, 2, 15)


def test_reunification_and_labour_day_2022_with_days_in_lieu():
    # Submitted Friday 29/4/2022; 30/4 and 1/5 fall on the weekend, so 2/5 and 3/5 are off.
    # Working days: 4, 5, 6, 9, 10, 11, 12 May.
    assert clocks.plan_approval_due(at(2022, 4, 29, 9)) == date(2022, 5, 12)


def test_national_day_2022():
    # Submitted Wednesday 31/8/2022; 1–2/9 off, 3–4/9 weekend. Working days 5, 6, 7, 8, 9, 12, 13 September.
    assert clocks.plan_approval_due(at(2022, 8, 31, 9)) == date(2022, 9, 13)


def test_a_commune_holiday_counts_only_for_that_commune(world):
    commune, other = world["commune"], world["commune2"]
    Holiday.objects.create(date=date(2022, 3, 15), name="Lễ hội Lồng tồng (thử)", commune=commune)
    assert clocks.plan_approval_due(at(2022, 3, 7, 10), commune=commune) == date(2022, 3, 17)
    assert clocks.plan_approval_due(at(2022, 3, 7, 10), commune=other) == date(2022, 3, 16)
    assert clocks.plan_approval_due(at(2022, 3, 7, 10)) == date(2022, 3, 16)


def test_working_days_between_matches_add_working_days():
    start = date(2022, 1, 28)
    end = clocks.add_working_days(start, 7)
    assert clocks.working_days_between(start, end) == 7
    assert clocks.working_days_between(start, date(2022, 2, 6)) == 0  # all of Tết
    assert clocks.working_days_between(end, start) == 0


def test_an_edited_holiday_moves_the_deadline():
    # The commune's calendar is data: remove a national day and the clock runs through it.
    Holiday.objects.filter(date=date(2022, 9, 1), commune__isnull=True).delete()
    assert clocks.plan_approval_due(at(2022, 8, 31, 9)) == date(2022, 9, 12)
