"""Thematic reports take the event's figures from the plan: participants, gifts (and spending)."""

import datetime as dt

from programs.models import Event as PlanEvent
from programs.models import GiftList, GiftRecipient, Plan
from reporting import selectors as sel
from reporting.models import Period
from tests.factories import make_child


def test_action_month_report_is_prefilled_from_the_plans_events(world, cal, user_named):
    commune = world["commune"]
    plan = Plan.objects.create(commune=commune, year=2022, title="Kế hoạch 2022")
    june = PlanEvent.objects.create(
        plan=plan, kind="action_month", title="Lễ phát động", date=dt.date(2022, 6, 3), participants=120
    )
    PlanEvent.objects.create(
        plan=plan, kind="action_month", title="Ngày hội", date=dt.date(2022, 6, 20), participants=30
    )
    PlanEvent.objects.create(
        plan=plan, kind="mid_autumn", title="Trung thu", date=dt.date(2022, 9, 10), participants=500
    )
    gifts = GiftList.objects.create(event=june, title="Quà", default_value=100000)
    for _ in range(3):
        GiftRecipient.objects.create(
            gift_list=gifts, child=make_child(village=world["villages"][0]), gift="Quà", value=100000
        )
    period = Period.objects.get(area=world["district"], year=2022, report_type__code="action-month")
    known = sel.prefill(period, commune, sel.report_indicators(period.report_type))
    assert known[("0901", "")] == (150, "plan")  # the Mid-Autumn event is not counted
    assert known[("0902", "")] == (3, "plan")
    assert known[("0903", "")] == (0, "plan")  # no posted entry linked yet
    other = Period.objects.get(area=world["district"], year=2022, report_type__code="mid-autumn")
    assert sel.prefill(other, commune, sel.report_indicators(other.report_type))[("0901", "")][0] == 500
