"""Demo data of the plan: the 2022 plan of Y Tịch word for word as the seed states it
(``programs/plan2022.py``: sections I–V, the recipients and the signer), plus synthetic 2022 events
with gift lists, a Children's Forum, drowning-risk sites, trainings, manual target values and an
assessment. Idempotent (nothing is created when the 2022 plan exists) and deterministic.

Values the seed does not give are the commune's own entries and are stored as such
(``own_fields``), so pages and the printed plan never present them as the seed's: the plan's date
(08/04/2022), the responsible unit of each target, and the due date and budget of each task.
"""

import contextlib
import random
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Area, DocumentSettings, Unit, User
from children.models import Child, ChildCircumstance
from funds.models import Entry

from . import plan2022, services
from .criteria import CRITERIA
from .models import Activity, Assignment, Event, GiftList, Plan, RiskSite, Target, TargetValue, Training

YEAR = 2022
K = Unit.Kind
I = Target.Indicator  # noqa: E741
P = Target.Kind

TITLE = f"Kế hoạch {plan2022.SUBJECT[:1].lower()}{plan2022.SUBJECT[1:]}"


def _split(text: str, second: str) -> tuple[str, str]:
    """A bullet of the seed that holds two targets, cut where the second starts (each keeps its
    punctuation, so the two joined by a space give the seed's line again)."""
    at = text.index(second)
    return text[:at].rstrip(), text[at:]


T = plan2022.TARGETS
DISABLED, EARLY_YEARS = _split(T[3], "Tỷ lệ trẻ em đến 8 tuổi")
INJURY, HOUSEHOLDS = _split(T[4], "90% hộ gia đình")
AWARENESS, PARTICIPATION = _split(T[7], "Tỷ lệ trẻ em từ 11 tuổi")

# Section II, word for word: (text, continues the previous line, kind, goal, measured by, how it is
# measured, responsible unit). The seed names no responsible unit: those are the commune's own entry.
TARGETS = [
    (T[0], False, P.PERCENT, 100, I.SPECIAL_SUPPORTED, "Trẻ em có hoàn cảnh đặc biệt có ít nhất một lần trợ giúp trong năm ÷ trẻ em có hoàn cảnh đặc biệt", K.CULTURE_SOCIAL),
    (T[1], False, P.PERCENT, 100, I.ABUSE_IN_TIME, "Vụ việc có kế hoạch hỗ trợ được phê duyệt đúng hạn ÷ vụ việc tiếp nhận", K.POLICE),
    (T[2], False, P.PERCENT, 100, I.UNDER6_INSURED, "Trẻ em dưới 6 tuổi có thẻ BHYT còn hạn ÷ trẻ em dưới 6 tuổi", K.HEALTH_STATION),
    (DISABLED, False, P.PERCENT, 80, I.DISABLED_SUPPORTED, "Trẻ em khuyết tật có ít nhất một lần trợ giúp trong năm ÷ trẻ em khuyết tật", K.HEALTH_STATION),
    (EARLY_YEARS, True, P.PERCENT, 90, I.MANUAL, "Theo báo cáo của các thôn", K.HEALTH_STATION),
    (INJURY, False, P.PERCENT, 90, I.INJURY_TRAINING, "Sổ tập huấn: trẻ em được dạy phòng, chống tai nạn thương tích, đuối nước và dạy bơi ÷ trẻ em dưới 16 tuổi", K.SCHOOL),
    (HOUSEHOLDS, True, P.PERCENT, 90, I.MANUAL, "Theo báo cáo của các thôn", K.CULTURE_SOCIAL),
    (T[5], False, P.PERCENT, 100, I.LABOUR_WITH_PLAN, "Vụ việc bóc lột, lao động trẻ em có kế hoạch hỗ trợ ÷ số vụ việc", K.POLICE),
    (T[6], False, P.YES_NO, 1, I.CHILD_FRIENDLY, "Kết quả đánh giá xã phù hợp với trẻ em (Quyết định 06/QĐ-TTg)", K.CULTURE_SOCIAL),
    (AWARENESS, False, P.PERCENT, 70, I.MANUAL, "Theo báo cáo của các thôn và nhà trường", K.YOUTH_UNION),
    (PARTICIPATION, True, P.PERCENT, 30, I.PARTICIPATION_11, "Danh sách Diễn đàn trẻ em: trẻ em từ 11 tuổi trở lên tham gia ÷ trẻ em 11–15 tuổi", K.YOUTH_UNION),
    (T[8], False, P.YES_NO, 1, I.OFFICER_TRAINED, "Sổ tập huấn: công chức Văn hóa – Xã hội được tập huấn trong năm", K.CULTURE_SOCIAL),
    (T[9], False, P.AMOUNT, 0, I.FUND_RECEIPTS, "Số tiền Quỹ Bảo trợ trẻ em thu được trong năm (kế hoạch không đặt mức)", K.CULTURE_SOCIAL),
]  # fmt: skip


def _activity(number: int, heading: str, paragraphs: list[str]) -> tuple[int, str, str]:
    """(number, title, content) of a section III activity. Where the seed writes the activity as one
    paragraph, the title is its first clause and the content the whole paragraph (so the printed
    plan gives the paragraph once)."""
    if paragraphs:
        return number, heading, "\n".join(paragraphs)
    first = min(i for i in (heading.find(";"), heading.find(".")) if i > 0)
    return number, heading[:first], heading


ACTIVITIES = [_activity(*a) for a in plan2022.ACTIVITIES]

# Section V.1–9: each paragraph of the seed is a task of its unit, in the seed's order. The seed
# gives neither the activity of section III it serves, nor a due date, nor a budget: those below are
# the commune's own entries (shown as such). (activity number, due date, budget in VND) per paragraph.
D = date
DUE_AND_BUDGET = {
    1: (K.CULTURE_SOCIAL, [(8, D(2022, 4, 30), 0), (1, D(2022, 12, 31), 1_500_000), (5, D(2022, 12, 31), 0),
                           (4, D(2022, 8, 31), 3_000_000), (7, D(2022, 12, 31), 0), (9, D(2022, 11, 10), 0),
                           (3, D(2022, 9, 10), 5_000_000), (6, D(2022, 12, 31), 0), (1, D(2022, 12, 31), 0),
                           (8, D(2022, 8, 31), 0), (3, D(2022, 6, 1), 800_000)]),
    2: (K.SCHOOL, [(1, D(2022, 12, 31), 0), (3, D(2022, 9, 10), 0)]),
    3: (K.JUSTICE, [(1, D(2022, 12, 31), 0), (5, D(2022, 12, 31), 0), (5, D(2022, 12, 31), 0)]),
    4: (K.ACCOUNTING, [(7, D(2022, 4, 30), 0), (7, D(2022, 12, 31), 0)]),
    5: (K.HEALTH_STATION, [(5, D(2022, 10, 31), 2_000_000)]),
    6: (K.POLICE, [(7, D(2022, 12, 31), 0)]),
    7: (K.YOUTH_UNION, [(3, D(2022, 9, 10), 1_000_000), (1, D(2022, 6, 30), 0)]),
    8: (K.FATHERLAND_FRONT, [(8, D(2022, 12, 31), 0)]),
    9: ("village", [(1, D(2022, 12, 31), 0), (3, D(2022, 9, 10), 0), (7, D(2022, 5, 31), 0)]),
}  # fmt: skip


def _assignments():
    """(unit kind or "village", activity number, task, due date, budget) for every seed paragraph."""
    rows = []
    for number, _heading, paragraphs in plan2022.ORGANISATION:
        unit_kind, entries = DUE_AND_BUDGET[number]
        if len(entries) != len(paragraphs):
            raise ValueError(f"section V.{number}: {len(paragraphs)} paragraphs, {len(entries)} entries")
        for text, (activity, due, budget) in zip(paragraphs, entries, strict=True):
            rows.append((unit_kind, activity, text.removeprefix("- "), due, budget))
    return rows


ASSIGNMENTS = _assignments()

SITES = [
    (0, "Ao nhà văn hóa Thôn 1", RiskSite.Kind.POND, "Cạnh nhà văn hóa thôn", RiskSite.Risk.HIGH, True, True, ""),
    (0, "Suối Khuổi Khe", RiskSite.Kind.STREAM, "Đoạn qua cầu tràn", RiskSite.Risk.HIGH, False, True, ""),
    (1, "Đập Nà Lừa", RiskSite.Kind.DAM, "Đầu thôn, đường vào khu ruộng", RiskSite.Risk.HIGH, True, True, "Lịch trực hè"),
    (2, "Ao cá hộ gia đình (khu Bản Cầu)", RiskSite.Kind.POND, "Khu dân cư Bản Cầu", RiskSite.Risk.MEDIUM, False, False, ""),
    (3, "Sông Thương (bến đò cũ)", RiskSite.Kind.RIVER, "Bến đò cũ cuối thôn", RiskSite.Risk.HIGH, False, True, ""),
    (4, "Hồ thủy lợi Thôn 5", RiskSite.Kind.LAKE, "Phía sau trường tiểu học", RiskSite.Risk.HIGH, True, True, ""),
    (6, "Vũng nước mỏ đá cũ", RiskSite.Kind.OTHER, "Khu mỏ đá bỏ hoang", RiskSite.Risk.MEDIUM, False, False, ""),
    (7, "Suối Bản Thín", RiskSite.Kind.STREAM, "Đoạn chảy qua khu dân cư", RiskSite.Risk.LOW, False, False, "Họp thôn nhắc nhở phụ huynh"),
]  # fmt: skip


def _approve_scores(assessment, user):
    """Synthetic 2022 scores: every criterion met, total 842 (≥ 800 for a mountainous commune)."""
    scores = {1: 85, 2: 50, 3: 90, 4: 45, 5: 80, 6: 110, 7: 48, 8: 60, 9: 40, 10: 95, 11: 60, 12: 62, 13: 42}
    rows = {n: {"value": scores[n], "met": True, "note": "Số liệu demo"} for n, _name, _max in CRITERIA}
    services.assessment_scores_update(assessment=assessment, user=user, rows=rows)


def _link_fund_entries(event: Event, category: str, start: date, end: date) -> None:
    entries = Entry.objects.filter(
        fund__commune=event.plan.commune, kind="disbursement", category=category, entry_date__range=(start, end)
    )
    event.entries.add(*entries)


@transaction.atomic
def seed(*, context: dict, stdout=None) -> dict:
    commune: Area = context["commune"]
    villages: list[Area] = context["villages"]
    if Plan.objects.filter(commune=commune, year=YEAR).exists():
        return {"plan": Plan.objects.get(commune=commune, year=YEAR)}
    rng = random.Random(2022)
    users = {u.username: u for u in User.objects.filter(username__in=["vhxh", "chutich", "truong", "yte", "doanxa"])}
    vhxh = users["vhxh"]
    units = {u.kind: u for u in Unit.objects.filter(commune=commune).exclude(kind=K.VILLAGE).order_by("-pk")}
    village_units = list(Unit.objects.filter(commune=commune, kind=K.VILLAGE).select_related("village"))

    plan = services.plan_create(
        commune=commune, year=YEAR, title=TITLE, user=vhxh, implements=plan2022.IMPLEMENTS,
        purpose=plan2022.PURPOSE, requirements=plan2022.REQUIREMENTS, funding=plan2022.FUNDING,
        reporting=plan2022.REPORTING, closing=plan2022.CLOSING,
    )  # fmt: skip
    for order, (title, joined, kind, goal, indicator, measure, unit_kind) in enumerate(TARGETS, 1):
        services.target_save(
            target=Target(plan=plan, order=order, title=title, continues_previous=joined, kind=kind, goal=goal,
                          indicator=indicator, measure=measure, responsible=units.get(unit_kind),
                          own_fields=["responsible"]),
            user=vhxh,
        )  # fmt: skip
    activities = {}
    for number, title, content in ACTIVITIES:
        activities[number] = services.activity_save(
            activity=Activity(plan=plan, number=number, title=title, description=content), user=vhxh
        )
    assignments = []
    for unit_kind, number, task, due, budget in ASSIGNMENTS:
        targets = village_units if unit_kind == "village" else [units[unit_kind]]
        for unit in targets:
            assignments.append(
                services.assignment_save(
                    assignment=Assignment(
                        activity=activities[number],
                        unit=unit,
                        task=task,
                        due_date=due,
                        budget=budget,
                        own_fields=["due_date", "budget"],
                    ),
                    user=vhxh,
                )
            )
    services.plan_approve(plan=plan, user=users["chutich"], signer_name=plan2022.SIGNER_NAME)
    # The seed gives neither a number nor a date: 08/04/2022 is the commune's own entry.
    plan.issued_on = date(2022, 4, 8)
    plan.own_fields = ["issued_on"]
    plan.approved_at = timezone.make_aware(timezone.datetime(2022, 4, 8, 9, 0))
    plan.save(update_fields=["issued_on", "own_fields", "approved_at"])
    DocumentSettings.objects.get_or_create(
        commune=commune,
        year=YEAR,
        defaults={
            "recipients": {"plan": plan2022.RECIPIENTS},
            "sign_authority": plan2022.SIGN_AUTHORITY,
            "sign_title": plan2022.SIGN_TITLE,
            "signer_name": plan2022.SIGNER_NAME,
            "updated_by": vhxh,
        },
    )

    # Progress reported by the units (synthetic): most done by their due date, a few still open.
    for a in assignments:
        roll = rng.random()
        if roll < 0.75:
            services.assignment_update(
                assignment=a, user=vhxh, status=Assignment.Status.DONE, note="Đã thực hiện theo kế hoạch.",
                done_on=a.due_date, on=a.due_date,
            )  # fmt: skip
        elif roll < 0.9:
            services.assignment_update(
                assignment=a, user=vhxh, status=Assignment.Status.IN_PROGRESS, note="Đang triển khai.",
                on=date(2022, 6, 15),
            )  # fmt: skip

    # Events of 2022 with gift lists.
    vhxh_unit, youth = units.get(K.CULTURE_SOCIAL), units.get(K.YOUTH_UNION)
    action = services.event_save(
        event=Event(plan=plan, activity=activities[3], kind=Event.Kind.ACTION_MONTH,
                    title="Tháng hành động vì trẻ em năm 2022",
                    theme="Chung tay bảo vệ trẻ em hãy lên tiếng phòng, chống xâm hại, bạo lực trẻ em",
                    date=date(2022, 6, 1), end_date=date(2022, 6, 30), place="Hội trường UBND xã Y Tịch",
                    organiser=vhxh_unit, budget=3_000_000, participants=250),
        user=vhxh,
    )  # fmt: skip
    childrens_day = services.event_save(
        event=Event(plan=plan, activity=activities[3], kind=Event.Kind.CHILDRENS_DAY,
                    title="Ngày Quốc tế Thiếu nhi 1/6/2022", date=date(2022, 6, 1),
                    place="Sân Trường PTDTBT Tiểu học và THCS", organiser=units.get(K.SCHOOL),
                    budget=6_000_000, participants=320),
        user=vhxh,
    )  # fmt: skip
    mid_autumn = services.event_save(
        event=Event(plan=plan, activity=activities[3], kind=Event.Kind.MID_AUTUMN, title="Tết Trung thu năm 2022",
                    date=date(2022, 9, 10), place="Nhà văn hóa các thôn", organiser=youth, budget=5_000_000,
                    participants=400),
        user=vhxh,
    )  # fmt: skip
    _link_fund_entries(action, "events", date(2022, 5, 15), date(2022, 6, 30))
    _link_fund_entries(mid_autumn, "gifts", date(2022, 8, 25), date(2022, 9, 15))

    commune_children = Child.objects.filter(village__parent=commune).select_related("village").order_by("pk")
    special_ids = set(
        ChildCircumstance.objects.filter(child__village__parent=commune, start_date__lte=date(2022, 6, 1)).values_list(
            "child_id", flat=True
        )
    )
    special = [c for c in commune_children.active(date(2022, 6, 1)) if c.pk in special_ids][:40]
    poor = list(
        commune_children.active(date(2022, 9, 10))
        .filter(poverty=Child.Poverty.POOR)
        .aged(0, 10, date(2022, 9, 10))[:60]
    )
    gifts_1_6 = services.gift_list_save(
        gift_list=GiftList(event=childrens_day, title="Quà 1/6 cho trẻ em có hoàn cảnh đặc biệt",
                           default_gift="Sách vở và đồ dùng học tập", default_value=200_000),
        user=vhxh,
    )  # fmt: skip
    services.gift_recipients_add(
        gift_list=gifts_1_6, children=special, gift="Sách vở và đồ dùng học tập", value=200_000, user=vhxh
    )
    gifts_mid = services.gift_list_save(
        gift_list=GiftList(event=mid_autumn, title="Quà Trung thu cho trẻ em hộ nghèo", default_gift="Bánh trung thu, đèn ông sao",
                           default_value=100_000),
        user=vhxh,
    )  # fmt: skip
    services.gift_recipients_add(
        gift_list=gifts_mid, children=poor, gift="Bánh trung thu, đèn ông sao", value=100_000, user=vhxh
    )
    # Without a fund book for 2022 the list simply stays without a payment request.
    with contextlib.suppress(ValidationError, ImportError):
        services.gift_list_request_payment(gift_list=gifts_1_6, user=vhxh, on=date(2022, 5, 30))

    # The Children's Forum of 2022: 36 children aged 10–15, 8 minders, 3 volunteers, 10 guests.
    forum_day = date(2022, 7, 20)
    pool = list(commune_children.active(forum_day).aged(10, 15, forum_day)[:200])
    rng.shuffle(pool)
    forum_children = pool[:36]
    if len(forum_children) >= 30:
        forum = services.forum_create(
            plan=plan, user=vhxh, date=forum_day, topic="Trẻ em với phòng, chống xâm hại và đuối nước",
            children=forum_children, minders=8, volunteers=3, guests=10, consent_on=date(2022, 7, 10),
            place="Hội trường UBND xã Y Tịch", minder_names="Giáo viên tổng phụ trách Đội và cán bộ Đoàn xã",
            guest_names="Chủ tịch UBND xã, đại diện MTTQ, Công an xã, Trạm Y tế",
        )  # fmt: skip
        for question, answer, who in [
            ("Xã có làm biển cảnh báo ở các ao, suối nguy hiểm không ạ?", "Năm 2022 xã đã chỉ đạo các thôn rà soát và làm biển cảnh báo, rào chắn ở các điểm nguy hiểm.", "Chủ tịch UBND xã"),
            ("Khi bị bắt nạt ở trường, chúng cháu báo cho ai?", "Các cháu báo thầy cô, cha mẹ hoặc gọi Tổng đài 111 miễn phí.", "Công an xã"),
            ("Chúng cháu muốn có sân chơi ở thôn.", "Xã sẽ phối hợp với các thôn bố trí sân chơi tại nhà văn hóa.", "Chủ tịch UBND xã"),
        ]:  # fmt: skip
            services.forum_question_add(forum=forum, user=vhxh, question=question, answer=answer, answered_by=who)
        services.forum_representatives_set(
            forum=forum,
            user=vhxh,
            participant_ids=set(forum.participants.order_by("pk").values_list("pk", flat=True)[:3]),
        )

    # Drowning-risk sites in several villages.
    for index, name, kind, location, risk, fence, sign, other in SITES:
        services.site_save(
            site=RiskSite(village=villages[index], name=name, kind=kind, location=location, risk=risk, has_fence=fence,
                          has_sign=sign, other_measures=other, last_checked=date(2022, 5, 20) if (fence or sign) else None),
            user=vhxh,
        )  # fmt: skip

    # Training log.
    t1 = services.training_record(
        training=Training(commune=commune, date=date(2022, 5, 12), topic="Tập huấn nghiệp vụ bảo vệ, chăm sóc trẻ em và phòng, chống xâm hại trẻ em",
                          organiser="Phòng LĐTBXH&DT huyện Chi Lăng", place="Hội trường UBND huyện Chi Lăng",
                          other_attendees="Cộng tác viên Thôn 1\nCộng tác viên Thôn 5"),
        attendees=[vhxh], user=vhxh,
    )  # fmt: skip
    services.training_record(
        training=Training(commune=commune, date=date(2022, 8, 18), topic="Sơ cứu đuối nước và kỹ năng an toàn trong môi trường nước",
                          organiser="Trạm Y tế xã Y Tịch", place="Nhà văn hóa Thôn 5"),
        attendees=[u for k, u in users.items() if k in {"yte", "doanxa", "truong"}], user=vhxh,
    )  # fmt: skip
    # Sessions with children (synthetic): the injury-prevention target counts the children they reached.
    for day, kind, topic, organiser, place, reached in [
        (
            date(2022, 5, 25),
            Training.Kind.INJURY_PREVENTION,
            "Phòng, chống tai nạn thương tích và đuối nước cho học sinh",
            "Trường PTDTBT Tiểu học và THCS",
            "Trường PTDTBT Tiểu học và THCS",
            520,
        ),
        (
            date(2022, 6, 15),
            Training.Kind.SWIMMING,
            "Dạy bơi an toàn cho trẻ em dịp hè",
            "Đoàn xã Y Tịch",
            "Bể bơi di động, sân Nhà văn hóa Thôn 5",
            60,
        ),
        (
            date(2022, 7, 5),
            Training.Kind.INJURY_PREVENTION,
            "Sinh hoạt hè tại thôn: kỹ năng phòng tránh đuối nước",
            "Đoàn xã Y Tịch",
            "Nhà văn hóa các thôn",
            310,
        ),
    ]:
        services.training_record(
            training=Training(commune=commune, date=day, kind=kind, topic=topic, organiser=organiser, place=place,
                              children_reached=reached),
            attendees=[], user=vhxh,
        )  # fmt: skip

    # Manual target values from the village reports of 05/11/2022.
    manual = [t for t in plan.targets.order_by("order") if t.indicator == I.MANUAL]
    for target in manual:
        for village in villages:
            total = rng.randint(40, 120)
            share = min(1.0, target.goal / 100 + rng.uniform(-0.12, 0.08))
            services.target_value_record(
                target=target, user=vhxh, as_of=date(2022, 11, 5), numerator=round(total * share), denominator=total,
                village=village, source=TargetValue.Source.VILLAGE_REPORT,
                evidence=f"Báo cáo năm 2022 của {village.name} (05/11/2022)",
            )  # fmt: skip

    assessment = services.assessment_start(commune=commune, year=YEAR, user=vhxh, on=date(2022, 12, 31))
    _approve_scores(assessment, vhxh)

    if stdout:
        stdout.write(
            f"  programs: plan {YEAR} with {plan.targets.count()} targets, {len(activities)} activities, "
            f"{len(assignments)} assignments; 3 events; {len(SITES)} drowning-risk sites; training {t1.date:%d/%m/%Y}"
        )
    return {"plan": plan}
