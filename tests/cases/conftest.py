"""Shared builders for the protection-case tests: children in Y Tịch and cases at each stage,
all made through the services (as the views do)."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts.models import Unit
from children.cases import services
from children.cases.models import Case, PlanService
from tests.factories import make_child


def at(y, mo, d, h=9, mi=0) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh."""
    return timezone.make_aware(datetime(y, mo, d, h, mi))


@pytest.fixture
def people(world, user_named):
    return {name: user_named(name) for name in ("vhxh", "chutich", "congan", "vhxh2", "admin")}


@pytest.fixture
def child(world):
    return make_child(village=world["villages"][0], full_name="Hoàng Thị Mai", sex="F", date_of_birth=date(2012, 5, 1))


@pytest.fixture
def open_case(world, people):
    """``open_case(children=[...], reported_at=..., kind=...)`` → a case reported to vhxh."""

    def make(*, children=None, reported_at=None, kind=Case.Kind.VIOLENCE, village=None, commune=None, **extra):
        commune = commune or world["commune"]
        if children is None:
            children = [make_child(village=village or world["villages"][0])]
        return services.case_open(
            user=extra.pop("user", people["vhxh"]),
            commune=commune,
            village=village,
            children=children,
            kind=kind,
            place=extra.pop("place", Case.Place.HOME),
            reported_at=reported_at or at(2022, 3, 14, 8),
            source=extra.pop("source", Case.Source.HOTLINE),
            alleged_relation=extra.pop("alleged_relation", Case.Relation.PARENT),
            summary=extra.pop("summary", "Cháu bị đánh (thử nghiệm)."),
            level=extra.pop("level", Case.Level.INTERVENTION),
            officer=extra.pop("officer", people["vhxh"]),
            **extra,
        )

    return make


@pytest.fixture
def advance(world, people):
    """``advance(case, to=stage, start=datetime)`` walks a case through the services step by step."""

    def service_rows(commune):
        unit = Unit.objects.get(commune=commune, kind=Unit.Kind.HEALTH_STATION)
        return [
            {
                "kind": PlanService.Kind.HEALTH,
                "description": "Khám sức khỏe",
                "unit": unit,
                "start_date": date(2022, 3, 20),
                "end_date": date(2022, 4, 30),
            }
        ]

    def run(case, *, to: str, hours_to_assess: float = 3, submit_at=None, approve_at=None):
        vhxh, chutich = people["vhxh"], people["chutich"]
        t0 = timezone.localtime(case.reported_at)
        order = ["verify", "initial", "detailed", "plan", "approve", "review_ready", "close"]
        first = {
            "verification": 0, "initial_assessment": 1, "detailed_assessment": 2, "planning": 3,
            "approval": 4, "carrying_out": 5,
        }[case.stage]  # fmt: skip
        if case.stage == "carrying_out" and case.steps.filter(kind="review", outcome="ready").exists():
            first = 6
        for step in order[first : order.index(to) + 1]:
            if step == "verify":
                services.case_verify(user=vhxh, case=case, confirmed=True, at=t0 + timezone.timedelta(hours=1))
            elif step == "initial":
                services.case_assess_initial(
                    user=vhxh, case=case, risk="high", at=t0 + timezone.timedelta(hours=hours_to_assess)
                )
            elif step == "detailed":
                services.case_assess_detailed(
                    user=vhxh, case=case, risk="medium", note="Đánh giá chi tiết.", at=t0 + timezone.timedelta(days=2)
                )
            elif step == "plan":
                services.plan_save(
                    user=vhxh,
                    case=case,
                    goals="Bảo đảm an toàn.",
                    first_review_on=date(2022, 5, 1),
                    services=service_rows(case.commune),
                )
                services.plan_submit(user=vhxh, case=case, at=submit_at or t0 + timezone.timedelta(days=3))
            elif step == "approve":
                services.plan_decide(
                    user=chutich, case=case, approve=True, at=approve_at or t0 + timezone.timedelta(days=5)
                )
            elif step == "review_ready":
                services.case_review(
                    user=vhxh, case=case, outcome="ready", note="Ổn định.", at=t0 + timezone.timedelta(days=40)
                )
            elif step == "close":
                services.case_close(
                    user=vhxh, case=case, reason="safe", note="Kết thúc.", at=t0 + timezone.timedelta(days=45)
                )
        case.refresh_from_db()
        return case

    return run
