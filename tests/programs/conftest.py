"""Shared fixtures of the plan tests: a small 2022 plan of Y Tịch with targets, activities and tasks."""

from datetime import date

import pytest

from accounts.models import Unit, User
from programs import services
from programs.models import Activity, Assignment, Target

I = Target.Indicator  # noqa: E741
K = Unit.Kind


def unit(world, kind, village=None):
    qs = Unit.objects.filter(commune=world["commune"], kind=kind)
    if village is not None:
        qs = qs.filter(village=village)
    return qs.get()


@pytest.fixture
def vhxh(world):
    return User.objects.get(username="vhxh")


@pytest.fixture
def plan(world, vhxh):
    """A draft 2022 plan of Y Tịch with one target per automatic indicator, a manual one, two
    activities and a task for the school, the health station, Thôn 1, Thôn 2 and the police."""
    p = services.plan_create(commune=world["commune"], year=2022, title="Kế hoạch BVCSTE năm 2022", user=vhxh)
    goals = {I.SPECIAL_SUPPORTED: 100, I.UNDER6_INSURED: 100, I.DISABLED_SUPPORTED: 80, I.ABUSE_IN_TIME: 100,
             I.LABOUR_WITH_PLAN: 100, I.MANUAL: 90}  # fmt: skip
    for n, (indicator, goal) in enumerate(goals.items(), 1):
        services.target_save(
            target=Target(plan=p, order=n, title=f"Mục tiêu {n}", goal=goal, indicator=indicator), user=vhxh
        )
    a1 = services.activity_save(activity=Activity(plan=p, number=1, title="Truyền thông"), user=vhxh)
    a3 = services.activity_save(activity=Activity(plan=p, number=3, title="Tháng hành động"), user=vhxh)
    for activity, u, task in [
        (a1, unit(world, K.SCHOOL), "Tuyên truyền trong nhà trường"),
        (a1, unit(world, K.HEALTH_STATION), "Khám sàng lọc"),
        (a3, unit(world, K.VILLAGE, world["villages"][0]), "Hoạt động Tháng hành động ở Thôn 1"),
        (a3, unit(world, K.VILLAGE, world["villages"][1]), "Hoạt động Tháng hành động ở Thôn 2"),
        (a1, unit(world, K.POLICE), "Phòng ngừa xâm hại"),
    ]:
        services.assignment_save(
            assignment=Assignment(activity=activity, unit=u, task=task, due_date=date(2022, 6, 30)), user=vhxh
        )
    return p


def task_of(plan, kind, village=None):
    qs = Assignment.objects.filter(activity__plan=plan, unit__kind=kind)
    if village is not None:
        qs = qs.filter(unit__village=village)
    return qs.get()
