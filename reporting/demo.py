"""Demo reporting data for 2022 (synthetic): the calendar from the plan's section V.10, the first
half closed (six villages on time, Thôn 7 late, Thôn 8 missing; the commune report sent and accepted
by the district) and the annual period open (Thôn 1 has a draft).

Idempotent: periods and reports that exist are left alone. Deterministic: ``random.Random(2022)``.
"""

import datetime as dt
import random

from django.db import transaction

from accounts.models import User

from . import selectors as sel
from . import services
from .models import LOCAL_TZ, Period, Submission

YEAR = 2022

RESULTS = (
    "Thôn đã tổ chức tuyên truyền Luật Trẻ em năm 2016 và Tổng đài 111 trong các buổi họp thôn; "
    "rà soát, cập nhật danh sách trẻ em có hoàn cảnh đặc biệt và trẻ em dưới 6 tuổi chưa có thẻ BHYT."
)
DIFFICULTIES = "Một số hộ gia đình đi làm ăn xa, trẻ em ở với ông bà nên việc nắm bắt thông tin còn chậm."
PROPOSALS = "Đề nghị UBND xã tiếp tục hỗ trợ kinh phí làm biển cảnh báo tại các điểm có nguy cơ đuối nước."


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL_TZ)


def _typed(period: Period, area, rng: random.Random) -> dict:
    """Plausible typed figures for the cells the portal cannot compute (0 for breakdowns)."""
    presets = {
        "0203": (20, 60),
        "0305": (0, 2),
        "0306": (0, 1),
        "0307": (0, 0),
        "0308": (30, 80),
        "0309": (5, 20),
        "0601": (10, 30),
        "0602": (3, 9),
        "0701": (2, 6),
        "0702": (60, 200),
    }
    indicators = sel.report_indicators(period.report_type)
    rows = sel.build_rows(indicators, sel.prefill(period, area, indicators))
    values = {}
    for row in rows:
        for cell in row.cells:
            if not cell.editable:
                continue
            if cell.value is not None:
                values[cell.name] = cell.value
            elif not cell.key and row.indicator.code in presets and len(row.cells) == 1:
                values[cell.name] = rng.randint(*presets[row.indicator.code])
            else:
                values[cell.name] = 0
    return values


def _village_report(period, village, user, rng, *, submitted: dt.date | None, accept_by=None, accepted=None):
    sub = services.submission_save(
        period=period,
        area=village,
        user=user,
        values=_typed(period, village, rng),
        results=RESULTS,
        difficulties=DIFFICULTIES,
        proposals=PROPOSALS,
        now=_at((submitted or period.deadline) - dt.timedelta(days=1)),
    )
    if submitted:
        sub = services.submission_submit(submission=sub, user=user, now=_at(submitted, 10))
        if accept_by:
            sub = services.submission_accept(submission=sub, user=accept_by, now=_at(accepted, 15))
    return sub


@transaction.atomic
def seed(*, context: dict, stdout=None) -> dict:
    commune, district, villages = context["commune"], context["district"], context["villages"]
    users = {u.username: u for u in User.objects.filter(username__in=["vhxh", "chutich", "huyen", "admin"])}
    heads = {u.username: u for u in User.objects.filter(username__startswith="thon")}
    admin = users["admin"]
    rng = random.Random(YEAR)

    services.calendar_create_year(area=commune, year=YEAR, user=users["vhxh"])
    services.calendar_create_year(area=context["commune2"], year=YEAR, user=admin)
    services.calendar_create_year(area=district, year=YEAR, user=users["huyen"])

    v6 = Period.objects.get(area=commune, year=YEAR, report_type__code="village-6m")
    c6 = Period.objects.get(area=district, year=YEAR, report_type__code="commune-6m")
    va = Period.objects.get(area=commune, year=YEAR, report_type__code="village-annual")
    for period in Period.objects.filter(year=YEAR, report_type__code__in=["village-6m", "commune-6m"]):
        if period.closes_on is None:
            services.period_update(period=period, user=admin, closes_on=dt.date(YEAR, 6, 30))

    created = 0
    if not Submission.objects.filter(period=v6).exists():
        for n, village in enumerate(villages, 1):
            head = heads[f"thon{n}"]
            if n == 8:  # missing
                continue
            day = dt.date(YEAR, 5, 7) if n == 7 else dt.date(YEAR, 5, 2 + n % 3)
            _village_report(
                v6, village, head, rng, submitted=day, accept_by=users["vhxh"], accepted=dt.date(YEAR, 5, 8)
            )
            created += 1
    if not Submission.objects.filter(period=c6, area=commune).exists():
        sub = services.submission_save(
            period=c6,
            area=commune,
            user=users["vhxh"],
            values=_typed(c6, commune, rng),
            number="45/BC-UBND",
            results=(
                "UBND xã đã triển khai Kế hoạch bảo vệ, chăm sóc trẻ em năm 2022; 7/8 thôn gửi báo cáo 6 tháng. "
                "Tổ chức tuyên truyền Luật Trẻ em, Tổng đài 111 và phòng, chống đuối nước tại các thôn và trường học."
            ),
            difficulties="Thôn 8 chưa gửi báo cáo; cộng tác viên thôn thay đổi, chưa được tập huấn.",
            proposals="Đề nghị Phòng LĐTBXH huyện mở lớp tập huấn cho cộng tác viên thôn trong quý III.",
            now=_at(dt.date(YEAR, 5, 8)),
        )
        services.submission_approve(submission=sub, user=users["chutich"], now=_at(dt.date(YEAR, 5, 9)))
        services.submission_submit(submission=sub, user=users["vhxh"], now=_at(dt.date(YEAR, 5, 10), 14))
        services.submission_accept(submission=sub, user=users["huyen"], now=_at(dt.date(YEAR, 5, 12)))
        created += 1
    if not Submission.objects.filter(period=va).exists():
        _village_report(va, villages[0], heads["thon1"], rng, submitted=None)
        created += 1
    if stdout:
        stdout.write(f"  reporting: {Period.objects.count()} periods, {created} reports created")
    return {}
