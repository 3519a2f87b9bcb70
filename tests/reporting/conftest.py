"""Shared reporting fixtures: the 2022 calendar of Y Tịch and helpers for local times."""

import datetime as dt

import pytest

from accounts.models import User
from reporting import services
from reporting.models import LOCAL_TZ, Period


def at(y, m, d, hh=10, mm=0, ss=0) -> dt.datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=LOCAL_TZ)


@pytest.fixture
def cal(world):
    """The 2022 calendar: village reports to Y Tịch, commune reports to Chi Lăng."""
    vhxh, huyen = User.objects.get(username="vhxh"), User.objects.get(username="huyen")
    services.calendar_create_year(area=world["commune"], year=2022, user=vhxh)
    services.calendar_create_year(area=world["commune2"], year=2022, user=vhxh)
    services.calendar_create_year(area=world["district"], year=2022, user=huyen)
    return {
        "v6": Period.objects.get(area=world["commune"], year=2022, report_type__code="village-6m"),
        "va": Period.objects.get(area=world["commune"], year=2022, report_type__code="village-annual"),
        "c6": Period.objects.get(area=world["district"], year=2022, report_type__code="commune-6m"),
        "hb6": Period.objects.get(area=world["commune2"], year=2022, report_type__code="village-6m"),
    }


def typed_values(period, area, fill=0, **by_code):
    """Form values for every typed cell of the report: ``by_code`` sets totals, others get ``fill``."""
    from reporting import selectors as sel

    indicators = sel.report_indicators(period.report_type)
    rows = sel.build_rows(indicators, sel.prefill(period, area, indicators))
    values = {}
    for row in rows:
        for cell in row.cells:
            if cell.editable:
                code = row.indicator.code.replace(".", "_")
                values[cell.name] = by_code.get(code, fill) if not cell.key else fill
    return values
