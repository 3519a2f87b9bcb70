"""The two clocks of Decree 56/2017 that a case runs against.

* The initial risk assessment is due **12 hours** after the report is received: a wall clock, nights,
  weekends and holidays included (a child in danger does not wait for Monday).
* The chairman's approval of a support and intervention plan is due within **7 working days** after
  the plan is submitted: Saturdays, Sundays, national holidays and the commune's own holidays
  (``Holiday`` rows) do not count, and neither does the day of submission itself.
"""

from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .models import Holiday

INITIAL_ASSESSMENT_HOURS = 12
PLAN_APPROVAL_WORKING_DAYS = 7


def initial_assessment_due(reported_at: datetime) -> datetime:
    """When the initial risk assessment is due: 12 hours after the report."""
    return reported_at + timedelta(hours=INITIAL_ASSESSMENT_HOURS)


def holidays_between(start: date, end: date, *, commune=None) -> set[date]:
    """National holidays (and those of ``commune``) from ``start`` to ``end`` inclusive."""
    q = Q(commune__isnull=True)
    if commune is not None:
        q |= Q(commune=commune)
    return set(Holiday.objects.filter(q, date__gte=start, date__lte=end).values_list("date", flat=True))


def is_working_day(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, *, commune=None) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
    # Tết and a weekend never take more than ~2 weeks together: look ahead generously, one query.
    holidays = holidays_between(start, start + timedelta(days=days * 3 + 21), commune=commune)
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: date, end: date, *, commune=None) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    if end <= start:
        return 0
    holidays = holidays_between(start, end, commune=commune)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n), holidays))


def plan_approval_due(submitted_at: datetime, *, commune=None) -> date:
    """The last day on which the chairman's approval is in time: 7 working days after submission."""
    return add_working_days(timezone.localdate(submitted_at), PLAN_APPROVAL_WORKING_DAYS, commune=commune)
