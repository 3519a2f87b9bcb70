"""Synthetic demo protection cases for Y Tịch (and one for Hòa Bình), at different stages, some
overdue. All names and events are invented. Idempotent: a case is made only when no case of that
commune was reported at that exact time; deterministic: children are picked with a fixed seed.
"""

import random
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Unit, User
from children.models import Child, Ethnicity, years_before
from children.services import child_register

from . import services
from .models import Case, CaseStep, PlanService

RNG_SEED = 4_2022

U = Unit.Kind
S = PlanService.Kind
R = CaseStep.Risk


def at(y, mo, d, h=9, mi=0) -> datetime:
    return timezone.make_aware(datetime(y, mo, d, h, mi))


# Each case: where, who, what, and the steps done (a compact script run through the services).
CASES = [
    {
        "village": 2,
        "age": (8, 11),
        "sex": "F",
        "kind": Case.Kind.VIOLENCE,
        "place": Case.Place.HOME,
        "reported_at": at(2022, 1, 24, 8, 30),
        "source": Case.Source.VILLAGE,
        "relation": Case.Relation.STEP_PARENT,
        "level": Case.Level.INTERVENTION,
        "summary": "(Dữ liệu mô phỏng) Trưởng thôn báo cháu thường xuyên bị bố dượng đánh, có vết bầm ở tay.",
        "script": [
            ("verify", at(2022, 1, 24, 10), {"confirmed": True, "note": "Đã gặp cháu và mẹ tại nhà."}),
            (
                "initial",
                at(2022, 1, 24, 15),
                {
                    "risk": R.HIGH,
                    "is_emergency": True,
                    "emergency_measures": "Đưa cháu đến trạm y tế kiểm tra thương tích.",
                    "separated": True,
                    "separation_place": "Bà ngoại, cùng thôn",
                },
            ),
            ("circumstance", at(2022, 1, 25, 8), {}),
            (
                "detailed",
                at(2022, 1, 26, 14),
                {"risk": R.MEDIUM, "note": "Cháu ổn định khi ở với bà ngoại; mẹ hợp tác."},
            ),
            (
                "plan",
                at(2022, 1, 28, 9),
                {
                    "goals": "Bảo đảm an toàn cho cháu, tư vấn tâm lý, giáo dục kỹ năng làm cha mẹ.",
                    "first_review_on": date(2022, 4, 15),
                    "services": [
                        (
                            S.COUNSELLING,
                            "Tư vấn tâm lý cho cháu (4 buổi)",
                            U.CULTURE_SOCIAL,
                            date(2022, 2, 7),
                            date(2022, 3, 31),
                            date(2022, 3, 25),
                        ),
                        (
                            S.HEALTH,
                            "Khám và theo dõi thương tích",
                            U.HEALTH_STATION,
                            date(2022, 2, 7),
                            date(2022, 2, 28),
                            date(2022, 2, 11),
                        ),
                        (
                            S.FAMILY,
                            "Nói chuyện, cam kết với bố dượng về không dùng bạo lực",
                            U.POLICE,
                            date(2022, 2, 7),
                            date(2022, 2, 28),
                            date(2022, 2, 15),
                        ),
                    ],
                },
            ),
            ("approve", at(2022, 2, 10, 15), {}),
            ("give", None, {}),
            (
                "review",
                at(2022, 4, 15, 9),
                {
                    "outcome": "continue",
                    "next_review_on": date(2022, 6, 15),
                    "note": "Cháu đã về nhà, không còn bị đánh.",
                },
            ),
            ("review", at(2022, 6, 20, 9), {"outcome": "ready", "note": "Cháu an toàn, ổn định, đi học đều."}),
            (
                "close",
                at(2022, 6, 30, 10),
                {"reason": "safe", "note": "Kết thúc hỗ trợ; tiếp tục theo dõi qua trưởng thôn."},
            ),
        ],
    },
    {
        "village": 4,
        "age": (13, 15),
        "sex": "M",
        "kind": Case.Kind.EXPLOITATION,
        "place": Case.Place.WORKPLACE,
        "reported_at": at(2022, 4, 25, 14),
        "source": Case.Source.SCHOOL,
        "relation": Case.Relation.EMPLOYER,
        "level": Case.Level.SUPPORT,
        "summary": "(Dữ liệu mô phỏng) Nhà trường báo em nghỉ học ba tuần để làm thuê ở lò gạch.",
        "script": [
            ("verify", at(2022, 4, 25, 16), {"confirmed": True}),
            ("initial", at(2022, 4, 26, 9), {"risk": R.MEDIUM}),
            ("circumstance", at(2022, 4, 26, 10), {}),
            ("detailed", at(2022, 4, 28, 10), {"risk": R.MEDIUM, "note": "Gia đình hộ nghèo; em muốn đi học lại."}),
            (
                "plan",
                at(2022, 4, 29, 10),
                {
                    "goals": "Đưa em trở lại trường, hỗ trợ gia đình, xử lý chủ lò gạch.",
                    "first_review_on": date(2022, 8, 1),
                    "services": [
                        (
                            S.EDUCATION,
                            "Hỗ trợ sách vở, học bổng; giáo viên kèm học",
                            U.SCHOOL,
                            date(2022, 5, 16),
                            date(2022, 5, 31),
                            date(2022, 5, 20),
                        ),
                        (
                            S.LEGAL,
                            "Làm việc với chủ lò gạch về sử dụng lao động trẻ em",
                            U.JUSTICE,
                            date(2022, 5, 16),
                            date(2022, 7, 31),
                            None,
                        ),
                    ],
                },
            ),
            ("approve", at(2022, 5, 13, 16), {}),
            ("give", None, {}),
        ],
    },
    {
        "village": 1,
        "age": (12, 14),
        "sex": "F",
        "kind": Case.Kind.SEXUAL_ABUSE,
        "place": Case.Place.ONLINE,
        "reported_at": at(2022, 6, 8, 21, 15),
        "source": Case.Source.HOTLINE,
        "relation": Case.Relation.STRANGER,
        "level": Case.Level.INTERVENTION,
        "summary": "(Dữ liệu mô phỏng) Tổng đài 111 chuyển tin: cháu bị người lạ trên mạng dụ dỗ gửi ảnh.",
        "script": [
            ("verify", at(2022, 6, 8, 22), {"confirmed": True}),
            (
                "initial",
                at(2022, 6, 9, 7, 30),
                {
                    "risk": R.HIGH,
                    "is_emergency": True,
                    "emergency_measures": "Công an xã tiếp nhận, lưu giữ chứng cứ; gia đình giám sát điện thoại.",
                },
            ),
            ("circumstance", at(2022, 6, 10, 8), {}),
            ("detailed", at(2022, 6, 10, 15), {"risk": R.HIGH, "note": "Cần tư vấn tâm lý và trợ giúp pháp lý."}),
            (
                "plan",
                at(2022, 6, 14, 9),
                {
                    "goals": "Hỗ trợ tâm lý, trợ giúp pháp lý, phòng ngừa tái diễn.",
                    "first_review_on": date(2022, 8, 15),
                    "services": [
                        (S.COUNSELLING, "Tư vấn tâm lý", U.CULTURE_SOCIAL, date(2022, 6, 20), date(2022, 7, 31), None),
                        (
                            S.LEGAL,
                            "Trợ giúp pháp lý cho gia đình",
                            U.JUSTICE,
                            date(2022, 6, 20),
                            date(2022, 7, 31),
                            None,
                        ),
                    ],
                },
            ),
        ],
    },
    {
        "village": 6,
        "age": (3, 6),
        "sex": "M",
        "kind": Case.Kind.NEGLECT,
        "place": Case.Place.HOME,
        "reported_at": at(2022, 8, 29, 9),
        "source": Case.Source.VILLAGE,
        "relation": Case.Relation.PARENT,
        "level": Case.Level.SUPPORT,
        "summary": "(Dữ liệu mô phỏng) Cháu thường bị để một mình ở nhà khi bố mẹ lên nương.",
        "script": [("verify", at(2022, 8, 29, 11), {"confirmed": True})],
    },
    {
        "village": 5,
        "age": (9, 12),
        "sex": "M",
        "kind": Case.Kind.DROWNING,
        "place": Case.Place.COMMUNITY,
        "reported_at": at(2022, 7, 15, 17, 40),
        "source": Case.Source.FAMILY,
        "relation": Case.Relation.NONE,
        "level": Case.Level.SUPPORT,
        "summary": "(Dữ liệu mô phỏng) Cháu bị đuối nước khi tắm suối, được người dân cứu kịp.",
        "script": [
            ("verify", at(2022, 7, 15, 18, 30), {"confirmed": True}),
            ("initial", at(2022, 7, 15, 20), {"risk": R.MEDIUM}),
            ("detailed", at(2022, 7, 18, 9), {"risk": R.LOW, "note": "Sức khỏe cháu đã ổn định."}),
            (
                "plan",
                at(2022, 7, 19, 9),
                {
                    "goals": "Theo dõi sức khỏe; dạy bơi an toàn.",
                    "first_review_on": date(2022, 8, 20),
                    "services": [
                        (
                            S.HEALTH,
                            "Theo dõi sức khỏe sau đuối nước",
                            U.HEALTH_STATION,
                            date(2022, 7, 20),
                            date(2022, 7, 31),
                            date(2022, 7, 22),
                        ),
                    ],
                },
            ),
            ("approve", at(2022, 7, 21, 10), {}),
            ("give", None, {}),
            ("review", at(2022, 8, 20, 9), {"outcome": "ready", "note": "Cháu khỏe mạnh, đã học bơi."}),
            ("close", at(2022, 8, 25, 9), {"reason": "safe", "note": "Kết thúc."}),
        ],
    },
    {
        "village": 0,
        "age": (10, 12),
        "sex": "M",
        "kind": Case.Kind.VIOLENCE,
        "place": Case.Place.SCHOOL,
        "reported_at": at(2022, 10, 3, 10),
        "source": Case.Source.SCHOOL,
        "relation": Case.Relation.CHILD,
        "level": Case.Level.PREVENTION,
        "summary": "(Dữ liệu mô phỏng) Nhà trường báo hai học sinh xô xát.",
        "script": [
            ("verify", at(2022, 10, 3, 14), {"confirmed": False, "note": "Chỉ là trêu đùa, không có thương tích."}),
            ("close", at(2022, 10, 5, 9), {"reason": "not_confirmed", "note": "Nhà trường tiếp tục giáo dục hai em."}),
        ],
    },
    {
        "village": 3,
        "age": (5, 8),
        "sex": "F",
        "kind": Case.Kind.ACCIDENT,
        "place": Case.Place.COMMUNITY,
        "reported_at": at(2022, 11, 14, 7, 20),
        "source": Case.Source.POLICE,
        "relation": Case.Relation.NONE,
        "level": Case.Level.SUPPORT,
        "summary": "(Dữ liệu mô phỏng) Cháu bị xe máy va quệt trên đường đi học, gãy tay.",
        "script": [
            ("verify", at(2022, 11, 14, 8), {"confirmed": True}),
            ("initial", at(2022, 11, 14, 11), {"risk": R.MEDIUM}),
        ],
    },
]

# A trafficking case (group m), so every confidential group derived from a case is in the demo.
CASES.append(
    {
        "village": 4,
        "age": (13, 15),
        "sex": "F",
        "kind": Case.Kind.TRAFFICKING,
        "place": Case.Place.COMMUNITY,
        "reported_at": at(2022, 10, 3, 9),
        "source": Case.Source.POLICE,
        "relation": Case.Relation.ACQUAINTANCE,
        "level": Case.Level.INTERVENTION,
        "summary": "(Dữ liệu mô phỏng) Công an huyện báo cháu được giải cứu khi bị đưa qua biên giới, nay đã về.",
        "script": [
            ("verify", at(2022, 10, 3, 11), {"confirmed": True}),
            ("initial", at(2022, 10, 3, 16), {"risk": R.HIGH, "is_emergency": False}),
            ("circumstance", at(2022, 10, 4, 9), {}),
            ("detailed", at(2022, 10, 6, 9), {"risk": R.MEDIUM, "note": "Cần hỗ trợ tâm lý, học nghề, tái hòa nhập."}),
        ],
    }
)

HB_CASE = {
    "village": 0,
    "age": (6, 9),
    "sex": "F",
    "kind": Case.Kind.NEGLECT,
    "place": Case.Place.HOME,
    "reported_at": at(2022, 9, 12, 9),
    "source": Case.Source.VILLAGE,
    "relation": Case.Relation.RELATIVE,
    "level": Case.Level.SUPPORT,
    "summary": "(Dữ liệu mô phỏng) Cháu ở với ông bà già yếu, thường xuyên bỏ bữa.",
    "script": [
        ("verify", at(2022, 9, 12, 11), {"confirmed": True}),
        ("initial", at(2022, 9, 12, 16), {"risk": R.LOW}),
        ("detailed", at(2022, 9, 15, 9), {"risk": R.LOW, "note": "Cần hỗ trợ dinh dưỡng."}),
    ],
}

SYNTHETIC_NAMES = {
    "M": ["Hoàng Văn Thử", "Nông Văn Mẫu", "Lộc Văn Giả", "Vy Văn Định", "Chu Văn Thí"],
    "F": ["Hoàng Thị Thử", "Nông Thị Mẫu", "Lộc Thị Giả", "Vy Thị Định", "Chu Thị Thí"],
}


def _child(rng, village, spec, reported: date, user) -> Child:
    low, high = spec["age"]
    qs = Child.objects.filter(
        village=village,
        sex=spec["sex"],
        archived_at__isnull=True,
        date_of_birth__lte=years_before(reported, low),
        date_of_birth__gt=years_before(reported, high + 1),
    ).order_by("pk")
    count = qs.count()
    if count:
        return qs[rng.randrange(min(count, 50))]
    name = rng.choice(SYNTHETIC_NAMES[spec["sex"]])
    return child_register(
        user=user,
        confirm_duplicate=True,
        full_name=name,
        date_of_birth=date(reported.year - (low + high) // 2, rng.randint(1, 12), rng.randint(1, 28)),
        sex=spec["sex"],
        ethnicity=Ethnicity.objects.get(code="02"),
        village=village,
    )


def _run(rng, spec, *, commune, villages, officer, chairman) -> bool:
    # a case still open in 2025 moved to the merged commune (reporting.reform_demo): it is still there
    if Case.objects.filter(Q(commune=commune) | Q(previous_commune=commune), reported_at=spec["reported_at"]).exists():
        return False
    village = villages[spec["village"]]
    child = _child(rng, village, spec, timezone.localdate(spec["reported_at"]), officer)
    case = services.case_open(
        user=officer,
        commune=commune,
        village=village,
        children=[child],
        kind=spec["kind"],
        place=spec["place"],
        reported_at=spec["reported_at"],
        source=spec["source"],
        alleged_relation=spec["relation"],
        summary=spec["summary"],
        level=spec["level"],
        officer=officer,
    )
    units = {u.kind: u for u in Unit.objects.filter(commune=commune, village__isnull=True)}
    given = []
    for action, when, data in spec["script"]:
        if action == "verify":
            services.case_verify(user=officer, case=case, at=when, **data)
        elif action == "initial":
            services.case_assess_initial(user=officer, case=case, at=when, **data)
        elif action == "circumstance":
            services.case_record_circumstance(
                user=officer, case=case, child=child, start_date=timezone.localdate(spec["reported_at"]), at=when
            )
        elif action == "detailed":
            services.case_assess_detailed(user=officer, case=case, at=when, **data)
        elif action == "plan":
            rows = []
            for kind, description, unit_kind, start, end, given_on in data["services"]:
                rows.append(
                    {
                        "kind": kind,
                        "description": description,
                        "unit": units[unit_kind],
                        "start_date": start,
                        "end_date": end,
                    }
                )
                given.append((description, given_on))
            services.plan_save(
                user=officer, case=case, goals=data["goals"], first_review_on=data["first_review_on"], services=rows
            )
            services.plan_submit(user=officer, case=case, at=when)
        elif action == "approve":
            services.plan_decide(user=chairman, case=case, approve=True, at=when)
        elif action == "give":
            plan = services.current_plan(case)
            for description, given_on in given:
                if given_on:
                    service = plan.services.get(description=description)
                    services.service_give(
                        user=officer,
                        case=case,
                        service=service,
                        given_on=given_on,
                        at=timezone.make_aware(datetime.combine(given_on, datetime.min.time().replace(hour=16))),
                    )
        elif action == "review":
            services.case_review(user=officer, case=case, at=when, **data)
        elif action == "close":
            services.case_close(user=officer, case=case, at=when, **data)
    return True


@transaction.atomic
def seed(*, context: dict, stdout=None) -> dict:
    rng = random.Random(RNG_SEED)
    officer = User.objects.get(username="vhxh")
    chairman = User.objects.get(username="chutich")
    made = 0
    for spec in CASES:
        made += _run(
            rng, spec, commune=context["commune"], villages=context["villages"], officer=officer, chairman=chairman
        )
    officer2 = User.objects.filter(username="vhxh2").first()
    if officer2 is not None:
        made += _run(
            rng, HB_CASE, commune=context["commune2"], villages=[context["village2"]], officer=officer2, chairman=None
        )
    if stdout:
        stdout.write(f"  cases: {made} demo protection cases added ({Case.objects.count()} in all)")
    return {}
