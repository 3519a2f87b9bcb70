"""An open village report period for the village head (the dates are moved around today)."""

import datetime as dt
import os

import pytest

from accounts.models import User
from reporting import services
from reporting.models import Period

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def open_period(world):
    officer = User.objects.get(username="vhxh")
    year = dt.date.today().year
    services.calendar_create_year(area=world["commune"], year=year, user=officer)
    period = Period.objects.get(area=world["commune"], year=year, report_type__code="village-6m")
    today = dt.date.today()
    services.period_update(
        period=period, user=officer, opens_on=today - dt.timedelta(days=5), deadline=today + dt.timedelta(days=5)
    )
    period.refresh_from_db()
    return period


# the small 2022 plan of the plan tests, with a task for Thôn 1 (fixtures reused, not copied)
from tests.programs.conftest import plan, vhxh  # noqa: E402, F401
