"""seed_demo: the 2022 calendar with the first half closed and the annual period open."""

import datetime as dt

import pytest
from django.core.management import call_command

from accounts.models import User
from reporting import selectors as sel
from reporting.models import Period, Submission


@pytest.mark.django_db
def test_demo_has_the_first_half_closed_and_the_annual_period_open():
    call_command("seed_demo", verbosity=0)
    counts = (Period.objects.count(), Submission.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Period.objects.count(), Submission.objects.count()) == counts  # idempotent
    v6 = Period.objects.get(area__code="YT", year=2022, report_type__code="village-6m")
    assert v6.is_closed(dt.date(2022, 7, 1)) and v6.deadline == dt.date(2022, 5, 5)
    rows = sel.status_rows(v6, User.objects.get(username="vhxh"), dt.date(2022, 7, 1))
    states = [r.state for r in rows]
    assert states.count("accepted") == 7 and states.count("missing") == 1
    late = [r.area.name for r in rows if r.submission and r.submission.on_time is False]
    assert late == ["Thôn 7"]
    c6 = Period.objects.get(area__code="187", year=2022, report_type__code="commune-6m")
    commune_report = Submission.objects.get(period=c6, area__code="YT")
    assert commune_report.status == "accepted" and commune_report.on_time
    annual = Period.objects.get(area__code="YT", year=2022, report_type__code="village-annual")
    assert annual.closes_on is None and annual.is_open(dt.date(2026, 11, 28))
